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
  /** Acceptable requirement IDs, or 'outside' (or [], the same). */
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
  readonly coverage: number
  /** Whether the best automatic candidate itself is acceptable. */
  readonly bestCandidateCorrect: boolean
  readonly best: string | null
  readonly needsReview: boolean
  readonly reviewReasons: readonly string[]
  /** Whether both scorers put the same requirement first (null: no candidate). */
  readonly scorersAgree: boolean | null
}

export interface EvalReport {
  readonly items: number
  readonly top1: number
  readonly top3: number
  readonly verdictAccuracy: number
  readonly needsReview: number
  /** Wrong verdict and not flagged 要確認: the errors a person would not see. */
  readonly silentErrors: number
  /** Items whose two scorers put different requirements first (needs no labels). */
  readonly disagreement: number
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
  const outcomes = items.map((labelled): EvalOutcome => {
    // `expected: []` (the official-style set's way) means outside, like 'outside'.
    const item = {...labelled, expected: labelled.expected.length === 0 ? 'outside' : labelled.expected}
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
      coverage: m.coverage,
      bestCandidateCorrect: ok(m.candidates[0]?.requirementId),
      best: m.candidates[0]?.requirementId ?? null,
      needsReview: m.needsReview,
      reviewReasons: m.reviewReasons,
      scorersAgree: m.scorersAgree,
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
    silentErrors: rate((o) => o.verdict !== o.expectedVerdict && !o.needsReview),
    disagreement: rate((o) => o.scorersAgree === false),
    outcomes,
  }
}
