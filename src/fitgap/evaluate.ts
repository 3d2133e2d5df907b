import {DEFAULT_MUNICIPALITY_KIND} from '../municipality/municipality.schema.js'
import type {SpecDocument} from '../standard/spec.schema.js'
import {
  buildRequirementIndex,
  effectiveClass,
  matchCustomization,
  verdictForClass,
  type MatcherConfig,
  type Verdict,
} from './matcher.js'

/** Matcher evaluation on a labelled set (pure; used by scripts/fitgap-eval.ts and its floor test). */

export interface EvalItem {
  readonly id: string
  readonly name: string
  readonly description: string
  /** Acceptable requirement IDs, or 'outside'. */
  readonly expected: readonly string[] | 'outside'
}

export interface EvalOutcome {
  readonly id: string
  readonly expectedVerdict: Verdict
  readonly verdict: Verdict
  readonly top1: boolean
  readonly top3: boolean
  readonly rawScore: number
  readonly score: number
  /** Whether the best automatic candidate itself is acceptable (for calibration). */
  readonly bestCandidateCorrect: boolean
  readonly best: string | null
  readonly needsReview: boolean
}

export interface EvalReport {
  readonly items: number
  readonly top1: number
  readonly top3: number
  readonly verdictAccuracy: number
  readonly needsReview: number
  readonly outcomes: readonly EvalOutcome[]
}

export function evaluateMatcher(
  spec: SpecDocument,
  items: readonly EvalItem[],
  options: {readonly kind?: string; readonly config?: Partial<MatcherConfig>} = {},
): EvalReport {
  const kind = options.kind ?? DEFAULT_MUNICIPALITY_KIND
  const index = buildRequirementIndex(spec.requirements, {
    kind,
    config: options.config,
    businessId: spec.businessId,
  })
  const byId = new Map(spec.requirements.map((r) => [r.id, r]))
  const outcomes = items.map((item): EvalOutcome => {
    const m = matchCustomization(index, {name: item.name, description: item.description})
    let expectedVerdict: Verdict = 'outside'
    if (item.expected !== 'outside') {
      const req = byId.get(item.expected[0]!)
      if (!req)
        throw new Error(
          `eval item ${item.id}: ${item.expected[0]} is not in ${spec.business} ${spec.version}`,
        )
      expectedVerdict = verdictForClass(effectiveClass(req, kind))
    }
    const ok = (id: string | null | undefined): boolean =>
      item.expected !== 'outside' && id !== null && id !== undefined && item.expected.includes(id)
    const top1 = item.expected === 'outside' ? m.verdict === 'outside' : ok(m.requirementId)
    const top3 =
      item.expected === 'outside' ? m.verdict === 'outside' : m.candidates.some((c) => ok(c.requirementId))
    return {
      id: item.id,
      expectedVerdict,
      verdict: m.verdict,
      top1,
      top3,
      rawScore: m.rawScore,
      score: m.score,
      bestCandidateCorrect: ok(m.candidates[0]?.requirementId),
      best: m.candidates[0]?.requirementId ?? null,
      needsReview: m.needsReview,
    }
  })
  const rate = (f: (o: EvalOutcome) => boolean): number =>
    outcomes.length === 0 ? 0 : outcomes.filter(f).length / outcomes.length
  return {
    items: outcomes.length,
    top1: rate((o) => o.top1),
    top3: rate((o) => o.top3),
    verdictAccuracy: rate((o) => o.verdict === o.expectedVerdict),
    needsReview: rate((o) => o.needsReview),
    outcomes,
  }
}

/**
 * Platt scaling: fit p = 1/(1+e^-(a·x+b)) to (raw score, best candidate correct)
 * by gradient descent on log loss. Deterministic (fixed start, fixed steps).
 */
export function fitLogistic(points: readonly {readonly x: number; readonly y: boolean}[]): {
  a: number
  b: number
} {
  let a = 1
  let b = 0
  const lr = 0.5
  for (let step = 0; step < 20000; step++) {
    let ga = 0
    let gb = 0
    for (const p of points) {
      const z = a * p.x + b
      const pr = 1 / (1 + Math.exp(-z))
      const d = pr - (p.y ? 1 : 0)
      ga += d * p.x
      gb += d
    }
    a -= (lr * ga) / points.length
    b -= (lr * gb) / points.length
  }
  return {a, b}
}
