import type {z} from 'zod'
import type {Requirement, RequirementClass} from '../standard/spec.schema.js'
import {DEFAULT_MUNICIPALITY_KIND} from '../municipality/municipality.schema.js'
import {VerdictSchema} from './fitgap.schema.js'
import {businessIdForCode, findBusinessMentions, type BusinessMention} from './business-mentions.js'
import {SYNONYM_GROUPS} from './synonyms.js'
import {
  addFeatures,
  compileSynonyms,
  normalizeForMatch,
  type FeatureMode,
  type FeatureWeights,
  type SynonymTable,
} from './text-features.js'

/**
 * Customization → standard requirement matcher (pure, deterministic).
 *
 * Ranker: TF-IDF cosine over character bigrams + kanji unigrams + Intl.Segmenter
 * words + synonym concepts, one inverted index per 業務 spec. The raw cosine is mapped to a
 * calibrated score in [0, 1] by a logistic curve fitted on the labelled
 * evaluation set (scripts/fitgap-eval.ts --calibrate): the score estimates
 * the probability that the top candidate is a correct match, so the `outside`
 * threshold reads as "more likely unrelated than covered".
 */

export type Verdict = z.infer<typeof VerdictSchema>
export type MatchMethod = 'explicit' | 'auto'

/** The verdicts in report order (declared once, by the --json contract's VerdictSchema). */
export const VERDICTS: readonly Verdict[] = VerdictSchema.options

/** Japanese labels used in every report and in the review workbook's dropdown. */
export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  fit: '標準機能で対応',
  option: '標準オプションで対応',
  prohibited: '実装不可（廃止・業務見直し）',
  outside: '標準外（業務見直し又は独自施策システム）',
}

export function verdictForClass(cls: RequirementClass): Exclude<Verdict, 'outside'> {
  return cls === 'mandatory' ? 'fit' : cls === 'optional' ? 'option' : 'prohibited'
}

export interface MatcherConfig {
  readonly mode: FeatureMode
  readonly synonyms: readonly (readonly string[])[]
  readonly weights: FeatureWeights
  /** Per-field weight of requirement text parts. */
  readonly fields: {
    readonly name: number
    readonly text: number
    readonly path: number
    readonly note: number
  }
  /** Per-field weight of the customization text. */
  readonly queryFields: {readonly name: number; readonly description: number}
  /** Logistic calibration of the raw cosine: score = 1 / (1 + e^-(a·raw + b)). */
  readonly calibration: {readonly a: number; readonly b: number}
  /** Calibrated score below which nothing in the standard covers the customization. */
  readonly outsideBelow: number
  /** Close calls: covered with a score below `reviewBelow`, or outside with a score at or above `reviewAbove`. */
  readonly reviewBand: {readonly reviewAbove: number; readonly reviewBelow: number}
  /** Second raw score ≥ tieRatio × first, with a different 実装区分 → close call. */
  readonly tieRatio: number
  /**
   * Factor on the raw cosine of a candidate whose requirement does not mention another 業務
   * that the customization's 名称 names (its main subject: 「国保税の試算」 in 個人住民税); 1 = off.
   * Mentions anywhere in the text always ask for review.
   */
  readonly otherBusinessPenalty: number
}

export const DEFAULT_MATCHER_CONFIG: MatcherConfig = {
  mode: 'both',
  synonyms: SYNONYM_GROUPS,
  weights: {bigram: 1, unigram: 0.3, concept: 1.5, word: 1},
  fields: {name: 2, text: 1, path: 0.5, note: 0.3},
  queryFields: {name: 1.5, description: 1},
  // Fitted by `npx tsx scripts/fitgap-eval.ts --calibrate` (住民基本台帳 6.0, 123 items).
  calibration: {a: 25.1, b: -7.0},
  outsideBelow: 0.5,
  // Out of sample (the sample city's 410 auto-matched customizations), scores in
  // [0.2, 0.8) had a correct top candidate only ~35% of the time: review them all.
  reviewBand: {reviewAbove: 0.25, reviewBelow: 0.85},
  tieRatio: 0.92,
  // Measured on the three eval sets: 0.4 takes 「国保税の試算」 (個人住民税) from option 1.00 to
  // outside 0.30 and changes nothing else; 0.5 left it covered at 0.66.
  otherBusinessPenalty: 0.4,
}

export interface IndexedRequirement {
  readonly id: string
  readonly name: string
  readonly class: RequirementClass
  /** 実装区分 for the municipality's 団体区分 (variant when the spec has one). */
  readonly effectiveClass: RequirementClass
}

export interface RequirementIndex {
  readonly config: MatcherConfig
  /** 団体区分 the 実装区分 are read for. */
  readonly kind: string
  readonly docs: readonly IndexedRequirement[]
  readonly byId: ReadonlyMap<string, number>
  /** term → [doc numbers, weights] (weights already TF-IDF and divided by the doc norm). */
  readonly postings: ReadonlyMap<string, {readonly docs: Int32Array; readonly weights: Float64Array}>
  readonly idf: ReadonlyMap<string, number>
  /** IDF given to query terms no requirement has: they count against the cosine. */
  readonly unseenIdf: number
  readonly synonyms: SynonymTable
  /** Catalog id of the 業務 being matched (its own name is no 'other 業務'), or null. */
  readonly businessId: string | null
  /** Per requirement: catalog ids of the 業務 its text mentions (連携先 and the like). */
  readonly docMentions: readonly ReadonlySet<string>[]
}

/** 実装区分 that applies to a 団体区分: the variant for it, else the base class. */
export function effectiveClass(req: Pick<Requirement, 'class' | 'variants'>, kind: string): RequirementClass {
  return req.variants.find((v) => v.category === kind)?.class ?? req.class
}

function tfWeight(tf: number): number {
  return Math.log1p(tf)
}

/** The 業務 most requirement IDs belong to (3-digit prefix, see the catalog), or null. */
function inferBusinessId(requirements: readonly Requirement[]): string | null {
  const counts = new Map<string, number>()
  for (const r of requirements) counts.set(r.id.slice(0, 3), (counts.get(r.id.slice(0, 3)) ?? 0) + 1)
  const top = [...counts].sort((a, b) => b[1] - a[1])[0]
  return top ? businessIdForCode(top[0]) : null
}

export function buildRequirementIndex(
  requirements: readonly Requirement[],
  options: {
    /** 団体区分 (default 一般市). */
    readonly kind?: string
    readonly config?: Partial<MatcherConfig>
    /** Catalog id of the spec's 業務; inferred from the requirement IDs when absent. */
    readonly businessId?: string
  } = {},
): RequirementIndex {
  const config = {...DEFAULT_MATCHER_CONFIG, ...options.config}
  const kind = options.kind ?? DEFAULT_MUNICIPALITY_KIND
  const synonyms = compileSynonyms(config.synonyms)
  const docs: IndexedRequirement[] = []
  const byId = new Map<string, number>()
  const termFreqs: Map<string, number>[] = []
  const df = new Map<string, number>()
  const docMentions: ReadonlySet<string>[] = []
  for (const req of requirements) {
    const tf = new Map<string, number>()
    const f = config.fields
    addFeatures(tf, normalizeForMatch(req.name), f.name, synonyms, config.mode, config.weights)
    addFeatures(tf, normalizeForMatch(req.text), f.text, synonyms, config.mode, config.weights)
    addFeatures(tf, normalizeForMatch(req.path.join('|')), f.path, synonyms, config.mode, config.weights)
    addFeatures(tf, normalizeForMatch(req.note ?? ''), f.note, synonyms, config.mode, config.weights)
    byId.set(req.id, docs.length)
    docs.push({id: req.id, name: req.name, class: req.class, effectiveClass: effectiveClass(req, kind)})
    termFreqs.push(tf)
    const all = [req.name, req.text, ...req.path, req.note ?? ''].join('\n')
    docMentions.push(new Set(findBusinessMentions(all).map((m) => m.businessId)))
    for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1)
  }
  const n = docs.length
  const idf = new Map<string, number>()
  for (const [term, d] of df) idf.set(term, Math.log(1 + n / d))
  const building = new Map<string, {docs: number[]; weights: number[]}>()
  termFreqs.forEach((tf, doc) => {
    let norm = 0
    const w = new Map<string, number>()
    for (const [term, count] of tf) {
      const x = tfWeight(count) * idf.get(term)!
      w.set(term, x)
      norm += x * x
    }
    norm = Math.sqrt(norm) || 1
    for (const [term, x] of w) {
      let p = building.get(term)
      if (!p) building.set(term, (p = {docs: [], weights: []}))
      p.docs.push(doc)
      p.weights.push(x / norm)
    }
  })
  const postings = new Map<string, {docs: Int32Array; weights: Float64Array}>()
  for (const [term, p] of building)
    postings.set(term, {docs: Int32Array.from(p.docs), weights: Float64Array.from(p.weights)})
  const businessId = options.businessId ?? inferBusinessId(requirements)
  return {
    config,
    kind,
    docs,
    byId,
    postings,
    idf,
    unseenIdf: Math.log(1 + n),
    synonyms,
    businessId,
    docMentions,
  }
}

export interface CustomizationText {
  readonly name: string
  readonly description: string
  /** 関連機能ID as written (may list several: 「0010001、0010002」). */
  readonly requirementId?: string | null
}

export interface Candidate {
  readonly requirementId: string
  readonly score: number
  readonly requirementClass: RequirementClass
}

export type ReviewReason = 'low-score' | 'tie' | 'unknown-id' | 'empty-text' | 'other-business'

export interface MatchResult {
  readonly requirementId: string | null
  readonly requirementClass: RequirementClass | null
  readonly score: number
  readonly method: MatchMethod
  readonly verdict: Verdict
  readonly needsReview: boolean
  readonly reviewReasons: readonly ReviewReason[]
  /** Top 3 by the ranker (an explicit ID comes first with score 1). */
  readonly candidates: readonly Candidate[]
  /** 関連機能ID entries that the spec does not have. */
  readonly unknownRequirementIds: readonly string[]
  /** Uncalibrated cosine of the best automatic candidate (for calibration). */
  readonly rawScore: number
  /** Other 業務 the customization mentions and the chosen requirement does not (auto only). */
  readonly otherBusinesses: readonly BusinessMention[]
}

/** Why a person must look, in Japanese, for reports and the JSON line. */
export function reviewReasonLabels(m: Pick<MatchResult, 'reviewReasons' | 'otherBusinesses'>): string[] {
  return m.reviewReasons.map((r) => {
    switch (r) {
      case 'low-score':
        return 'スコアが判定の境界付近'
      case 'tie':
        return '実装区分の異なる候補が拮抗'
      case 'unknown-id':
        return '関連機能IDが仕様書にない'
      case 'empty-text':
        return '名称・内容が空'
      case 'other-business':
        return `他業務（${m.otherBusinesses.map((b) => b.business).join('・')}）への言及`
    }
  })
}

export function calibrate(raw: number, c: {readonly a: number; readonly b: number}): number {
  if (raw <= 0) return 0
  return 1 / (1 + Math.exp(-(c.a * raw + c.b)))
}

/** Split a 関連機能ID cell into IDs: 「0010001、0010002」, 「0010001/0010002」. */
export function splitRequirementIds(cell: string | null | undefined): string[] {
  if (!cell) return []
  return cell
    .normalize('NFKC')
    .split(/[\s,、，;/・]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

interface Ranked {
  readonly doc: number
  readonly raw: number
}

/** Rank all requirements for a text; keeps only the best `k` (no per-pair matrix). */
export function rankRequirements(index: RequirementIndex, text: CustomizationText, k = 3): Ranked[] {
  const {config} = index
  const q = new Map<string, number>()
  addFeatures(
    q,
    normalizeForMatch(text.name),
    config.queryFields.name,
    index.synonyms,
    config.mode,
    config.weights,
  )
  addFeatures(
    q,
    normalizeForMatch(text.description),
    config.queryFields.description,
    index.synonyms,
    config.mode,
    config.weights,
  )
  if (q.size === 0 || index.docs.length === 0) return []
  const acc = new Float64Array(index.docs.length)
  let qnorm = 0
  for (const [term, count] of q) {
    const idf = index.idf.get(term) ?? index.unseenIdf
    const w = tfWeight(count) * idf
    qnorm += w * w
    const p = index.postings.get(term)
    if (!p) continue
    for (let i = 0; i < p.docs.length; i++) acc[p.docs[i]!]! += w * p.weights[i]!
  }
  qnorm = Math.sqrt(qnorm) || 1
  const top: Ranked[] = []
  for (let doc = 0; doc < acc.length; doc++) {
    const raw = acc[doc]! / qnorm
    if (raw <= 0) continue
    if (top.length < k || raw > top[top.length - 1]!.raw) {
      // Insertion into a tiny sorted array; ties keep spec order (lower doc first).
      let at = top.length
      while (at > 0 && top[at - 1]!.raw < raw) at--
      top.splice(at, 0, {doc, raw})
      if (top.length > k) top.pop()
    }
  }
  return top
}

/** Match one customization against one 業務's index. */
export function matchCustomization(index: RequirementIndex, text: CustomizationText): MatchResult {
  const {config} = index
  const mentioned = findBusinessMentions(`${text.name}\n${text.description}`, index.businessId)
  const inName = new Set(findBusinessMentions(text.name, index.businessId).map((m) => m.businessId))
  const uncovered = (doc: number): boolean => [...inName].some((id) => !index.docMentions[doc]!.has(id))
  let ranked = rankRequirements(index, text, 3)
  if (inName.size > 0 && config.otherBusinessPenalty !== 1) {
    // A requirement that does not speak of the 業務 the 名称 is about loses weight; look a little
    // deeper so a requirement that does (他業務連携, 直接参照) can rise.
    ranked = rankRequirements(index, text, 10)
      .map((r) => (uncovered(r.doc) ? {doc: r.doc, raw: r.raw * config.otherBusinessPenalty} : r))
      .sort((a, b) => b.raw - a.raw || a.doc - b.doc)
      .slice(0, 3)
  }
  const candidates: Candidate[] = ranked.map((r) => ({
    requirementId: index.docs[r.doc]!.id,
    score: round(calibrate(r.raw, config.calibration)),
    requirementClass: index.docs[r.doc]!.effectiveClass,
  }))
  const rawScore = ranked[0]?.raw ?? 0
  const ids = splitRequirementIds(text.requirementId)
  const known = ids.filter((id) => index.byId.has(id))
  const unknownRequirementIds = ids.filter((id) => !index.byId.has(id))
  const reasons: ReviewReason[] = []
  if (unknownRequirementIds.length > 0) reasons.push('unknown-id')

  if (known.length > 0) {
    const explicit = known.map((id) => {
      const d = index.docs[index.byId.get(id)!]!
      return {requirementId: d.id, score: 1, requirementClass: d.effectiveClass}
    })
    const rest = candidates.filter((c) => !known.includes(c.requirementId))
    const best = explicit[0]!
    return {
      requirementId: best.requirementId,
      requirementClass: best.requirementClass,
      score: 1,
      method: 'explicit',
      verdict: verdictForClass(best.requirementClass),
      needsReview: reasons.length > 0,
      reviewReasons: reasons,
      candidates: [...explicit, ...rest].slice(0, 3),
      unknownRequirementIds,
      rawScore,
      otherBusinesses: [],
    }
  }

  if (normalizeForMatch(`${text.name}${text.description}`) === '') reasons.push('empty-text')
  const best = candidates[0]
  const score = best?.score ?? 0
  const covered = best !== undefined && score >= config.outsideBelow
  const band = config.reviewBand
  if (best && (covered ? score < band.reviewBelow : score >= band.reviewAbove)) reasons.push('low-score')
  const second = ranked[1]
  if (
    best &&
    second &&
    score >= config.outsideBelow &&
    second.raw >= config.tieRatio * rawScore &&
    index.docs[second.doc]!.effectiveClass !== best.requirementClass
  ) {
    reasons.push('tie')
  }
  const otherBusinesses = mentioned.filter(
    (m) => !best || !index.docMentions[ranked[0]!.doc]!.has(m.businessId),
  )
  if (otherBusinesses.length > 0) reasons.push('other-business')
  return {
    requirementId: covered ? best.requirementId : null,
    requirementClass: covered ? best.requirementClass : null,
    score,
    method: 'auto',
    verdict: covered ? verdictForClass(best.requirementClass) : 'outside',
    needsReview: reasons.length > 0,
    reviewReasons: reasons,
    candidates,
    unknownRequirementIds,
    rawScore,
    otherBusinesses,
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
