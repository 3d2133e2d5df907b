import {DEFAULT_MUNICIPALITY_KIND} from '../municipality/municipality.schema.js'
import type {RequirementClass, SpecDocument} from '../standard/spec.schema.js'
import type {FitgapLine, FitgapSummary} from './fitgap.schema.js'
import {
  buildRequirementIndex,
  effectiveClass,
  matchCustomization,
  reviewReasonLabels,
  type Candidate,
  type MatcherConfig,
  type Verdict,
} from './matcher.js'
import type {RequirementFeatures} from './requirement-features.js'

/**
 * One 業務's fit/gap (pure): match every customization, then let stored human
 * decisions override the machine, flagging decisions whose requirement
 * changed or vanished since they were made.
 */

/** The part of a customization record the analysis reads (inventory's CustomizationRecord fits). */
export interface CustomizationInput {
  readonly id: string
  readonly systemId: string
  readonly system: string
  readonly businessId: string
  readonly business: string
  readonly name: string
  readonly description: string
  readonly requirementId: string | null
  readonly annualCostYen: number | null
}

export interface StoredReview {
  readonly systemId: string
  readonly customizationId: string
  readonly verdict: Verdict
  readonly requirementId: string | null
  readonly policy: string | null
  readonly reviewer: string | null
  readonly specVersion: string
  /** Requirement text and effective 実装区分 the reviewer saw. */
  readonly requirementText: string | null
  readonly requirementClass: RequirementClass | null
}

export function reviewKey(systemId: string, customizationId: string): string {
  return `${systemId}\u0000${customizationId}`
}

export interface BusinessAnalysis {
  readonly lines: readonly FitgapLine[]
  readonly warnings: readonly string[]
}

export function analyzeBusiness(input: {
  readonly spec: SpecDocument
  readonly customizations: readonly CustomizationInput[]
  readonly reviews: ReadonlyMap<string, StoredReview>
  /** 団体区分 (default 一般市). */
  readonly kind?: string
  readonly config?: Partial<MatcherConfig>
  /** Requirement features stored at spec import (recomputed when absent or out of date). */
  readonly features?: RequirementFeatures | null
  /** Customizations matched so far (every 1,000 and at the end): for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void
}): BusinessAnalysis {
  const {spec} = input
  const kind = input.kind ?? DEFAULT_MUNICIPALITY_KIND
  const index = buildRequirementIndex(spec.requirements, {
    kind,
    config: input.config,
    businessId: spec.businessId,
    features: input.features,
  })
  const reqById = new Map(spec.requirements.map((r) => [r.id, r]))
  const warnings: string[] = []
  const specLabel = `${spec.business} 標準仕様書 第${spec.version}版`
  const total = input.customizations.length
  const noReasons: readonly string[] = []
  const lines = input.customizations.map((c, i): FitgapLine => {
    if (input.onProgress && i > 0 && i % 1000 === 0) input.onProgress(i, total)
    const m = matchCustomization(index, c)
    const label = (): string => `${c.system} ${c.id}「${c.name}」`
    for (const id of m.unknownRequirementIds) {
      warnings.push(
        `${label()}: 関連機能ID ${id} は ${specLabel} にありません${m.method === 'auto' ? '（本文から自動判定しました）' : ''}`,
      )
    }
    const candidates = m.candidates.map((k) => namedCandidate(k, reqById))
    // The best of each class is usually one of the candidates: share that object (350,000 lines).
    const bestByClass = m.bestByClass.map(
      (k) =>
        candidates.find((n) => n.requirementId === k.requirementId && n.score === k.score) ??
        namedCandidate(k, reqById),
    )
    const review = input.reviews.size === 0 ? undefined : input.reviews.get(reviewKey(c.systemId, c.id))
    if (review) {
      const req = review.requirementId ? reqById.get(review.requirementId) : undefined
      const nowClass = req ? effectiveClass(req, kind) : null
      const stale =
        review.requirementId !== null &&
        (req === undefined || req.text !== review.requirementText || nowClass !== review.requirementClass)
      if (stale) {
        const what = req === undefined ? '削除されました' : '変更されました'
        warnings.push(
          `${label()}: レビュー結果の機能ID ${review.requirementId} は ${specLabel} で${what}。判定を再確認してください`,
        )
      }
      return fitgapLine(c, spec, candidates, bestByClass, m.scorersAgree, {
        requirementId: review.requirementId,
        requirementName: req?.name ?? null,
        requirementText: req?.text ?? null,
        requirementClass: nowClass,
        score: 1,
        method: 'review',
        verdict: review.verdict,
        needsReview: stale,
        reviewReasons: stale ? ['レビュー後に要件が変更・削除'] : [],
        stale,
        review: {
          verdict: review.verdict,
          requirementId: review.requirementId,
          policy: review.policy,
          reviewer: review.reviewer,
        },
      })
    }
    const req = m.requirementId ? reqById.get(m.requirementId) : undefined
    const reasons = reviewReasonLabels(m)
    return fitgapLine(c, spec, candidates, bestByClass, m.scorersAgree, {
      requirementId: m.requirementId,
      requirementName: req?.name ?? null,
      requirementText: req?.text ?? null,
      requirementClass: m.requirementClass,
      score: m.score,
      method: m.method,
      verdict: m.verdict,
      needsReview: m.needsReview,
      reviewReasons: reasons.length === 0 ? (noReasons as string[]) : reasons,
      stale: false,
      review: null,
    })
  })
  input.onProgress?.(total, total)
  return {lines, warnings}
}

type Outcome = Pick<
  FitgapLine,
  | 'requirementId'
  | 'requirementName'
  | 'requirementText'
  | 'requirementClass'
  | 'score'
  | 'method'
  | 'verdict'
  | 'needsReview'
  | 'reviewReasons'
  | 'stale'
  | 'review'
>

/**
 * One line as a single object literal, keys in the --json order. (Spreading a base object into
 * it made each of 350,000 lines a slow dictionary-mode object, about 1 KB larger.)
 */
function fitgapLine(
  c: CustomizationInput,
  spec: SpecDocument,
  candidates: FitgapLine['candidates'],
  bestByClass: FitgapLine['candidates'],
  scorersAgree: boolean | null,
  o: Outcome,
): FitgapLine {
  return {
    customizationId: c.id,
    systemId: c.systemId,
    system: c.system,
    business: spec.business,
    businessId: spec.businessId,
    specVersion: spec.version,
    name: c.name,
    description: c.description,
    candidates,
    bestByClass,
    scorersAgree,
    annualCostYen: c.annualCostYen,
    requirementId: o.requirementId,
    requirementName: o.requirementName,
    requirementText: o.requirementText,
    requirementClass: o.requirementClass,
    score: o.score,
    method: o.method,
    verdict: o.verdict,
    needsReview: o.needsReview,
    reviewReasons: o.reviewReasons,
    stale: o.stale,
    review: o.review,
  }
}

function namedCandidate(
  k: Candidate,
  reqById: ReadonlyMap<string, {readonly name: string}>,
): FitgapLine['candidates'][number] {
  return {
    requirementId: k.requirementId,
    score: k.score,
    requirementClass: k.requirementClass,
    requirementName: reqById.get(k.requirementId)?.name ?? '',
  }
}

/**
 * Scorer disagreement above which a 業務's list is called hard in the summary warnings. Our own
 * labelled sets run at 14–22 %; a real published spec with staff wording ran at 55 % (issue 10).
 */
export const HIGH_DISAGREEMENT = 0.35

/** Per-業務 counts, fit rate, retirable cost and scorer disagreement, in the order 業務 first appear. */
export function summarizeLines(lines: readonly FitgapLine[]): FitgapSummary[] {
  // Mutable tallies, one per 業務 (a new object per line costs seconds at prefecture scale).
  const byBusiness = new Map<string, {-readonly [K in keyof FitgapSummary]: FitgapSummary[K]}>()
  const agreement = new Map<string, {judged: number; disagree: number}>()
  for (const l of lines) {
    if (l.scorersAgree !== undefined && l.scorersAgree !== null && l.method === 'auto') {
      let a = agreement.get(l.businessId)
      if (!a) agreement.set(l.businessId, (a = {judged: 0, disagree: 0}))
      a.judged++
      if (!l.scorersAgree) a.disagree++
    }
    let s = byBusiness.get(l.businessId)
    if (!s) {
      s = {
        business: l.business,
        businessId: l.businessId,
        specVersion: l.specVersion,
        total: 0,
        fit: 0,
        option: 0,
        prohibited: 0,
        outside: 0,
        needsReview: 0,
        fitRate: 0,
        retirableAnnualCostYen: 0,
      }
      byBusiness.set(l.businessId, s)
    }
    const absorbed = l.verdict === 'fit' || l.verdict === 'option'
    s.total++
    s[l.verdict]++
    if (l.needsReview) s.needsReview++
    if (absorbed) s.retirableAnnualCostYen += l.annualCostYen ?? 0
  }
  return [...byBusiness.values()].map((s) => {
    const a = agreement.get(s.businessId)
    return {
      ...s,
      fitRate: s.total === 0 ? 0 : (s.fit + s.option) / s.total,
      scorerDisagreement: a && a.judged > 0 ? a.disagree / a.judged : 0,
    }
  })
}

/** A warning per 業務 whose scorers disagree often (needs at least 20 automatic matches to say so). */
export function disagreementWarnings(
  summary: readonly FitgapSummary[],
  lines: readonly FitgapLine[],
): string[] {
  const judgedBy = new Map<string, number>()
  for (const l of lines) {
    if (l.method === 'auto' && typeof l.scorersAgree === 'boolean')
      judgedBy.set(l.businessId, (judgedBy.get(l.businessId) ?? 0) + 1)
  }
  return summary.flatMap((s) => {
    const judged = judgedBy.get(s.businessId) ?? 0
    const rate = s.scorerDisagreement ?? 0
    if (judged < 20 || rate <= HIGH_DISAGREEMENT) return []
    return [
      `${s.business}: 自動照合の ${Math.round(rate * 100)}% で照合方式ごとの最有力候補が食い違っています（通常は 2 割前後）。仕様書とカスタマイズ一覧の書き方の差が大きく、自動判定の信頼性が低いため、要確認以外の行も確認してください`,
    ]
  })
}
