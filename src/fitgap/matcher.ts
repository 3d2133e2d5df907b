import type {z} from 'zod'
import type {Requirement, RequirementClass} from '../standard/spec.schema.js'
import {DEFAULT_MUNICIPALITY_KIND} from '../municipality/municipality.schema.js'
import {VerdictSchema} from './fitgap.schema.js'
import {businessIdForCode, findBusinessMentions, type BusinessMention} from './business-mentions.js'
import {
  extractRequirementFeatures,
  featureFingerprint,
  synonymTable,
  type FeatureConfig,
  type RequirementFeatures,
  type TermLists,
} from './requirement-features.js'
import {buildLexicon, lexiconTerms, type Lexicon} from './word-tokens.js'
import {SYNONYM_GROUPS} from './synonyms.js'
import {addFeatures, addPlainBigrams, normalizeForMatch, type SynonymTable} from './text-features.js'

/**
 * Customization → standard requirement matcher (pure, deterministic).
 *
 * Three scorers that see the text differently, fused so that no single vocabulary decides alone
 * (each scorer's score divided by its best for the query, summed; reciprocal-rank fusion is
 * the alternative, measured in scripts/fitgap-eval.ts):
 *  - vocabulary scorer: TF-IDF cosine over character bigrams, kanji unigrams and synonym
 *    concepts (staff wording ↔ spec wording, src/fitgap/synonyms.ts);
 *  - plain scorer: BM25 over plain character bigrams, no synonyms, no field weights;
 *  - word scorer: BM25 over words (Intl.Segmenter, src/fitgap/word-tokens.ts), no synonyms; a
 *    customization is split by longest match on the spec's own words.
 * All use one inverted index per 業務 over integer term ids, built from features stored at
 * spec import; a query touches only requirements that share a term with it.
 *
 * Confidence needs no fitted calibration: the score is the vocabulary scorer's cosine of the
 * chosen requirement, and whether the scorers agree (MatcherConfig.agreement) is the main
 * signal. Low cosine with a plausible candidate is 要確認 with its candidates, never a silent
 * `outside`.
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

export interface MatcherConfig extends FeatureConfig {
  /** Per-field weight of the customization text (vocabulary scorer). */
  readonly queryFields: {readonly name: number; readonly description: number}
  /** BM25 parameters of the plain scorer (the usual defaults). */
  readonly bm25: {readonly k1: number; readonly b: number}
  /**
   * Query terms found in more than this share of a 業務's requirements are not accumulated (they
   * still count in the query norm): they barely move a ranking but would touch every row.
   */
  readonly commonTermShare: number
  /**
   * Fusion over each scorer's top `depth`: `score` sums each scorer's score divided by its best
   * score for the query (CombSUM, max-normalized: keeps how far ahead a scorer's first is);
   * `rank` sums weight/(k + rank) (reciprocal-rank fusion). A weight of 0 leaves a scorer out.
   */
  readonly fusion: {
    readonly method: 'score' | 'rank'
    readonly k: number
    readonly depth: number
    readonly vocab: number
    readonly plain: number
    /** Weight of the word scorer (0 leaves it out). */
    readonly token: number
  }
  /**
   * When the scorers "agree" on a candidate that is not weak (it is then covered, and without
   * review when its cosine and coverage are confident): `class` = every scorer's first has the
   * fused first's 実装区分 (the verdict does not depend on which scorer is right; which row is
   * right is the `close`/`sibling` checks' business); `pair` = the vocabulary and plain scorers put
   * the same requirement first; `all` = every scorer in use does.
   */
  readonly agreement: Agreement
  /**
   * The same for a weak candidate: when they agree it goes to 要確認 with its candidates, else to
   * a silent `outside`.
   */
  readonly weakAgreement: Agreement
  /**
   * Cosine of the chosen requirement (the score) under which, with a coverage under
   * `outsideCoverage`, nothing plausible covers the customization (`outside`).
   */
  readonly outsideBelow: number
  /** …and query coverage (Ranked.coverage) under which nothing plausible covers it. */
  readonly outsideCoverage: number
  /** Cosine and coverage at or above which an agreed best candidate is covered without review. */
  readonly confidentAt: number
  readonly confidentCoverage: number
  /** Second candidate's cosine ≥ tieRatio × the first's, with a different 実装区分 → close call. */
  readonly tieRatio: number
  /**
   * Second candidate's cosine ≥ closeRatio × the first's with the SAME 実装区分 → still a close call: the
   * verdict holds but the requirement may be the wrong one (issue 9: 不受理申出 at 0.96 under 交付制限 at 0.98).
   */
  readonly closeRatio: number
  /**
   * A sibling of the best candidate (same 機能名称 or same 大・中項目) with another 実装区分 and a
   * cosine ≥ siblingRatio × the best's → 要確認 naming both rows.
   */
  readonly siblingRatio: number
  /**
   * Factor on the scores of a candidate whose requirement does not mention another 業務
   * that the customization's 名称 names (its main subject: 「国保税の試算」 in 個人住民税); 1 = off.
   * Mentions anywhere in the text always ask for review.
   */
  readonly otherBusinessPenalty: number
}

export type Agreement = 'pair' | 'all' | 'class'

export const DEFAULT_MATCHER_CONFIG: MatcherConfig = {
  mode: 'bigram',
  synonyms: SYNONYM_GROUPS,
  weights: {bigram: 1, unigram: 0.3, concept: 1.5, word: 1},
  fields: {name: 2, text: 1, path: 0.5, note: 0.3},
  queryFields: {name: 1.5, description: 1},
  bm25: {k1: 1.2, b: 0.75},
  // Chosen on the dev sets juki + kojin + sample (mean top-1 / top-3 / verdict / review / silent):
  // score fusion 93.2 / 95.1 / 94.1 / 17.6 / 1.7 % vs rank (k = 60) 92.6 / 95.2 / 93.8 / 17.4 / 1.7 %;
  // without the word scorer 91.9 / 94.3 / 92.9 / 17.3 / 1.6 %. Equal weights: none is fitted.
  fusion: {method: 'score', k: 60, depth: 30, vocab: 1, plain: 1, token: 1},
  // Dev sets: `pair` for both 92.4 / 94.9 / 93.0 / 17.7 / 1.7 %; `class` for both 21.7 % review
  // (weak items with any same-class agreement flagged) for 1.1 % silent.
  agreement: 'class',
  weakAgreement: 'pair',
  commonTermShare: 0.65,
  outsideBelow: 0.2,
  outsideCoverage: 0.15,
  confidentAt: 0.3,
  confidentCoverage: 0.12,
  tieRatio: 0.92,
  closeRatio: 0.97,
  siblingRatio: 0.9,
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
  /** 大項目|中項目 (the sibling group besides 機能名称). */
  readonly group: string
}

/** One scorer's inverted index: postings of term t are doc[start[t] .. start[t+1]) with weight w[…]. */
interface Postings {
  readonly start: Int32Array
  readonly doc: Int32Array
  readonly w: Float32Array
  /** Query-side term weight factor (TF-IDF: idf; BM25: 1, idf is in w). */
  readonly idf: Float64Array
}

export interface RequirementIndex {
  readonly config: MatcherConfig
  /** 団体区分 the 実装区分 are read for. */
  readonly kind: string
  readonly docs: readonly IndexedRequirement[]
  readonly byId: ReadonlyMap<string, number>
  readonly termIds: ReadonlyMap<string, number>
  readonly vocab: Postings
  readonly plain: Postings
  /** Word scorer (BM25 over src/fitgap/word-tokens.ts words), or null when its fusion weight is 0. */
  readonly token: Postings | null
  /** The requirements' words → term id (the query side's longest-match split). */
  readonly lexicon: Lexicon | null
  /** IDF given to query terms no requirement has: they count against the cosine. */
  readonly unseenIdf: number
  readonly synonyms: SynonymTable
  /** Catalog id of the 業務 being matched (its own name is no 'other 業務'), or null. */
  readonly businessId: string | null
  /** Per requirement: catalog ids of the 業務 its text mentions (連携先 and the like). */
  readonly docMentions: readonly ReadonlySet<string>[]
  /** Per requirement: docs of its sibling groups (same 機能名称, same 大・中項目), itself excluded. */
  readonly siblings: readonly (readonly number[])[]
  /** Plain bigrams per requirement and their IDF (for the query coverage of a candidate). */
  readonly plainTerms: TermLists
  readonly plainIdf: Float64Array
  /** Scratch accumulators reused by every query (one per scorer); always zero between queries. */
  readonly scratch: {
    readonly vocab: Float64Array
    readonly plain: Float64Array
    readonly token: Float64Array
    readonly mark: Uint8Array
    /** Documents touched by the current query (the first `count` entries). */
    readonly touched: Int32Array
    readonly termMark: Uint8Array
  }
}

/** 実装区分 that applies to a 団体区分: the variant for it, else the base class. */
export function effectiveClass(req: Pick<Requirement, 'class' | 'variants'>, kind: string): RequirementClass {
  return req.variants.find((v) => v.category === kind)?.class ?? req.class
}

/** The 業務 most requirement IDs belong to (3-digit prefix, see the catalog), or null. */
function inferBusinessId(requirements: readonly Requirement[]): string | null {
  const counts = new Map<string, number>()
  for (const r of requirements) counts.set(r.id.slice(0, 3), (counts.get(r.id.slice(0, 3)) ?? 0) + 1)
  const top = [...counts].sort((a, b) => b[1] - a[1])[0]
  return top ? businessIdForCode(top[0]) : null
}

/** Transpose per-document term lists into postings; `weigh` gives each (doc, term, tf) its weight. */
function buildPostings(
  lists: TermLists,
  termCount: number,
  idf: Float64Array,
  weigh: (doc: number, k: number) => number,
): Postings {
  const start = new Int32Array(termCount + 1)
  for (let k = 0; k < lists.term.length; k++) start[lists.term[k]! + 1]!++
  for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!
  const fill = start.slice(0, termCount)
  const doc = new Int32Array(lists.term.length)
  const w = new Float32Array(lists.term.length)
  const docs = lists.start.length - 1
  for (let d = 0; d < docs; d++) {
    for (let k = lists.start[d]!; k < lists.start[d + 1]!; k++) {
      const at = fill[lists.term[k]!]!++
      doc[at] = d
      w[at] = weigh(d, k)
    }
  }
  return {start, doc, w, idf}
}

function documentFrequencies(lists: TermLists, termCount: number): Int32Array {
  const df = new Int32Array(termCount)
  for (let k = 0; k < lists.term.length; k++) df[lists.term[k]!]!++
  return df
}

function siblingGroups(requirements: readonly Requirement[]): number[][] {
  const groups = new Map<string, number[]>()
  const keys = requirements.map((r) => [`n:${r.name}`, `g:${r.path.slice(0, 2).join('|')}`] as const)
  keys.forEach((ks, d) => {
    for (const k of ks) {
      let g = groups.get(k)
      if (!g) groups.set(k, (g = []))
      g.push(d)
    }
  })
  return keys.map((ks, d) => {
    const out = new Set<number>()
    for (const k of ks) for (const o of groups.get(k)!) if (o !== d) out.add(o)
    return [...out].sort((a, b) => a - b)
  })
}

/** BM25 postings of term lists (Robertson/Spärck Jones IDF, never negative; the IDF is in the weights). */
function bm25Postings(
  lists: TermLists,
  termCount: number,
  n: number,
  {k1, b}: {readonly k1: number; readonly b: number},
): {postings: Postings; idf: Float64Array} {
  const df = documentFrequencies(lists, termCount)
  const lengths = new Float64Array(n)
  let total = 0
  for (let d = 0; d < n; d++) {
    for (let k = lists.start[d]!; k < lists.start[d + 1]!; k++) lengths[d]! += lists.tf[k]!
    total += lengths[d]!
  }
  const avg = n === 0 ? 1 : total / n || 1
  const idf = new Float64Array(termCount)
  for (let t = 0; t < termCount; t++)
    if (df[t]! > 0) idf[t] = Math.log(1 + (n - df[t]! + 0.5) / (df[t]! + 0.5))
  const postings = buildPostings(lists, termCount, new Float64Array(termCount).fill(1), (d, k) => {
    const tf = lists.tf[k]!
    return (idf[lists.term[k]!]! * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[d]!) / avg))
  })
  return {postings, idf}
}

export function buildRequirementIndex(
  requirements: readonly Requirement[],
  options: {
    /** 団体区分 (default 一般市). */
    readonly kind?: string
    readonly config?: Partial<MatcherConfig>
    /** Catalog id of the spec's 業務; inferred from the requirement IDs when absent. */
    readonly businessId?: string
    /** Features stored at spec import; used when their fingerprint matches the configuration. */
    readonly features?: RequirementFeatures | null
  } = {},
): RequirementIndex {
  const config = {...DEFAULT_MATCHER_CONFIG, ...options.config}
  const kind = options.kind ?? DEFAULT_MUNICIPALITY_KIND
  const stored = options.features
  const features =
    stored && stored.docs === requirements.length && stored.fingerprint === featureFingerprint(config)
      ? stored
      : extractRequirementFeatures(requirements, config)
  const n = requirements.length
  const termCount = features.terms.length
  const termIds = new Map<string, number>()
  features.terms.forEach((t, i) => termIds.set(t, i))

  // Vocabulary scorer: log-TF × IDF, documents L2-normalized (cosine).
  const vdf = documentFrequencies(features.vocab, termCount)
  const vidf = new Float64Array(termCount)
  for (let t = 0; t < termCount; t++) if (vdf[t]! > 0) vidf[t] = Math.log(1 + n / vdf[t]!)
  const vl = features.vocab
  const norms = new Float64Array(n)
  for (let d = 0; d < n; d++) {
    let s = 0
    for (let k = vl.start[d]!; k < vl.start[d + 1]!; k++) {
      const x = Math.log1p(vl.tf[k]!) * vidf[vl.term[k]!]!
      s += x * x
    }
    norms[d] = Math.sqrt(s) || 1
  }
  const vocab = buildPostings(
    vl,
    termCount,
    vidf,
    (d, k) => (Math.log1p(vl.tf[k]!) * vidf[vl.term[k]!]!) / norms[d]!,
  )

  // Plain scorer and token scorer: BM25.
  const pl = features.plain
  const {postings: plain, idf: pidf} = bm25Postings(pl, termCount, n, config.bm25)
  const token =
    features.tokens && config.fusion.token > 0
      ? bm25Postings(features.tokens, termCount, n, config.bm25).postings
      : null

  const docs: IndexedRequirement[] = []
  const byId = new Map<string, number>()
  for (const req of requirements) {
    byId.set(req.id, docs.length)
    docs.push({
      id: req.id,
      name: req.name,
      class: req.class,
      effectiveClass: effectiveClass(req, kind),
      group: req.path.slice(0, 2).join('|'),
    })
  }
  return {
    config,
    kind,
    docs,
    byId,
    termIds,
    vocab,
    plain,
    token,
    lexicon: token
      ? buildLexicon(features.terms.flatMap((t, i) => (t.startsWith('t:') ? [[t.slice(2), i] as const] : [])))
      : null,
    unseenIdf: Math.log(1 + n),
    synonyms: synonymTable(config.synonyms),
    businessId: options.businessId ?? inferBusinessId(requirements),
    docMentions: features.mentions.map((m) => new Set(m)),
    siblings: siblingGroups(requirements),
    plainTerms: pl,
    plainIdf: pidf,
    scratch: {
      vocab: new Float64Array(n),
      plain: new Float64Array(n),
      token: new Float64Array(n),
      mark: new Uint8Array(n),
      touched: new Int32Array(n),
      termMark: new Uint8Array(termCount),
    },
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
  /** Cosine similarity of the vocabulary scorer, in [0, 1] (1 for an explicit 関連機能ID). */
  readonly score: number
  readonly requirementClass: RequirementClass
}

export type ReviewReason =
  'low-score' | 'tie' | 'close' | 'unknown-id' | 'empty-text' | 'other-business' | 'sibling' | 'disagreement'

/** The best candidate and a nearby sibling of another 実装区分 (both named in the review reason). */
export interface SiblingConflict {
  readonly best: Candidate
  readonly sibling: Candidate
  /** Why they are siblings: same 機能名称, or same 大・中項目. */
  readonly relation: 'name' | 'group'
}

export interface MatchResult {
  readonly requirementId: string | null
  readonly requirementClass: RequirementClass | null
  readonly score: number
  readonly method: MatchMethod
  readonly verdict: Verdict
  readonly needsReview: boolean
  readonly reviewReasons: readonly ReviewReason[]
  /** Top 3 by the fused ranking (an explicit ID comes first with score 1). */
  readonly candidates: readonly Candidate[]
  /** The best automatic candidate of each 実装区分 within the fused ranking's depth. */
  readonly bestByClass: readonly Candidate[]
  /** 関連機能ID entries that the spec does not have. */
  readonly unknownRequirementIds: readonly string[]
  /** Cosine of the best automatic candidate (vocabulary scorer). */
  readonly rawScore: number
  /** Query coverage of the best automatic candidate (see Ranked.coverage). */
  readonly coverage: number
  /** Whether both scorers rank the same requirement first (null: no automatic candidate). */
  readonly scorersAgree: boolean | null
  readonly sibling: SiblingConflict | null
  /** The two requirement IDs of a same-class close call ('close'), else null. */
  readonly close: readonly [string, string] | null
  /** Other 業務 the customization mentions and the chosen requirement does not (auto only). */
  readonly otherBusinesses: readonly BusinessMention[]
}

const CLASS_NAME: Readonly<Record<RequirementClass, string>> = {
  mandatory: '実装必須機能',
  optional: '標準オプション機能',
  prohibited: '実装不可機能',
}

/** Why a person must look, in Japanese, for reports and the JSON line. */
export function reviewReasonLabels(
  m: Pick<MatchResult, 'reviewReasons' | 'otherBusinesses' | 'sibling'> & {
    readonly close?: readonly [string, string] | null
  },
): string[] {
  return m.reviewReasons.map((r) => {
    switch (r) {
      case 'low-score':
        return 'スコアが低い（候補を確認）'
      case 'tie':
        return '実装区分の異なる候補が拮抗'
      case 'close':
        return `上位2候補が拮抗（${m.close ? `${m.close[0]} と ${m.close[1]}` : '同じ実装区分'}）`
      case 'unknown-id':
        return '関連機能IDが仕様書にない'
      case 'empty-text':
        return '名称・内容が空'
      case 'other-business':
        return `他業務（${m.otherBusinesses.map((b) => b.business).join('・')}）への言及`
      case 'disagreement':
        return '照合方式により最有力候補が異なる'
      case 'sibling': {
        const s = m.sibling
        if (!s) return '実装区分の異なる近接要件あり'
        const rel = s.relation === 'name' ? '同じ機能名称' : '同じ中項目'
        return `${rel}で実装区分が異なる要件: ${s.best.requirementId}（${CLASS_NAME[s.best.requirementClass]}）と ${s.sibling.requirementId}（${CLASS_NAME[s.sibling.requirementClass]}）`
      }
    }
  })
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

export interface Ranked {
  readonly doc: number
  /** Vocabulary scorer: cosine in [0, 1]. */
  readonly vocab: number
  /** Plain scorer: BM25 (unbounded). */
  readonly plain: number
  /** Fusion score (see MatcherConfig.fusion). */
  readonly fused: number
  /**
   * Share of the customization's plain bigrams (IDF-weighted) that the requirement contains, in
   * [0, 1]: unlike a cosine it does not fall with the length of a formal requirement sentence.
   * Computed for the first three of the fused ranking only (0 below).
   */
  readonly coverage: number
}

export interface Ranking {
  /** Fused ranking over the union of the scorers' top `depth`. */
  readonly ranked: readonly Ranked[]
  /** Each scorer's first document (null when it found nothing). */
  readonly vocabFirst: number | null
  readonly plainFirst: number | null
  /** The token scorer's first; undefined when the index has no token scorer. */
  readonly tokenFirst?: number | null
  /** Whether the text had no feature at all (blank name and description). */
  readonly empty: boolean
  /** Vocabulary cosine of each sibling of the fused first (same 機能名称 or 大・中項目). */
  readonly firstSiblings: readonly {readonly doc: number; readonly vocab: number}[]
}

/** Best `k` of `touched` by score (desc), ties by document order. */
function topK(touched: Int32Array, count: number, score: Float64Array, k: number): number[] {
  const top: number[] = []
  for (let i = 0; i < count; i++) {
    const d = touched[i]!
    const s = score[d]!
    if (s <= 0) continue
    if (top.length === k) {
      const last = top[k - 1]!
      if (s < score[last]! || (s === score[last]! && d > last)) continue
    }
    let at = top.length
    while (at > 0) {
      const o = top[at - 1]!
      if (score[o]! > s || (score[o]! === s && o < d)) break
      at--
    }
    top.splice(at, 0, d)
    if (top.length > k) top.pop()
  }
  return top
}

/**
 * Score every requirement sharing a term with the text (accumulators + touched list), then fuse
 * the two scorers' rankings. `penalize(doc)` may scale a document's scores (other-業務 cue).
 */
export function rankRequirements(
  index: RequirementIndex,
  text: CustomizationText,
  penalize?: (doc: number) => number,
): Ranking {
  const {config, termIds, scratch} = index
  const none = {ranked: [], vocabFirst: null, plainFirst: null, firstSiblings: []}
  const q = new Map<string, number>()
  const qn = normalizeForMatch(text.name)
  const qd = normalizeForMatch(text.description)
  addFeatures(q, qn, config.queryFields.name, index.synonyms, config.mode, config.weights)
  addFeatures(q, qd, config.queryFields.description, index.synonyms, config.mode, config.weights)
  const p = new Map<string, number>()
  addPlainBigrams(p, qn)
  addPlainBigrams(p, qd)
  let tokens: Set<number> | null = null
  if (index.lexicon) {
    tokens = new Set()
    lexiconTerms(qn, index.lexicon, tokens)
    lexiconTerms(qd, index.lexicon, tokens)
  }
  if (q.size === 0 && p.size === 0) return {...none, empty: true}
  if (index.docs.length === 0) return {...none, empty: false}

  const {vocab: va, plain: pa, token: ta, mark, touched} = scratch
  let count = 0
  // Terms in most requirements (こと, でき, 管理) barely move a ranking but would touch every row.
  // Small specs need no pruning (and a share of a handful of rows would drop every shared word).
  const maxPostings = Math.max(32, Math.floor(config.commonTermShare * index.docs.length))
  let qnorm = 0
  for (const [term, tf] of q) {
    const t = termIds.get(term)
    const idf = t !== undefined && index.vocab.idf[t]! > 0 ? index.vocab.idf[t]! : index.unseenIdf
    const w = Math.log1p(tf) * idf
    qnorm += w * w
    if (t === undefined) continue
    const {start, doc, w: pw} = index.vocab
    if (start[t + 1]! - start[t]! > maxPostings) continue
    for (let i = start[t]!; i < start[t + 1]!; i++) {
      const d = doc[i]!
      if (mark[d] === 0) {
        mark[d] = 1
        touched[count++] = d
      }
      va[d]! += w * pw[i]!
    }
  }
  qnorm = Math.sqrt(qnorm) || 1
  for (const term of p.keys()) {
    const t = termIds.get(`p:${term}`)
    if (t === undefined) continue
    const {start, doc, w: pw} = index.plain
    if (start[t + 1]! - start[t]! > maxPostings) continue
    for (let i = start[t]!; i < start[t + 1]!; i++) {
      const d = doc[i]!
      if (mark[d] === 0) {
        mark[d] = 1
        touched[count++] = d
      }
      pa[d]! += pw[i]!
    }
  }
  if (tokens && index.token) {
    const {start, doc, w: pw} = index.token
    for (const t of tokens) {
      if (start[t + 1]! - start[t]! > maxPostings) continue
      for (let i = start[t]!; i < start[t + 1]!; i++) {
        const d = doc[i]!
        if (mark[d] === 0) {
          mark[d] = 1
          touched[count++] = d
        }
        ta[d]! += pw[i]!
      }
    }
  }
  for (let i = 0; i < count; i++) {
    const d = touched[i]!
    const f = penalize ? penalize(d) : 1
    va[d] = (va[d]! / qnorm) * f
    pa[d]! *= f
    ta[d]! *= f
  }
  const {k, depth} = config.fusion
  const vt = topK(touched, count, va, depth)
  const pt = topK(touched, count, pa, depth)
  const tt = index.token ? topK(touched, count, ta, depth) : []
  const fused = new Map<number, number>()
  const {vocab: wv, plain: wp, token: wt} = config.fusion
  if (config.fusion.method === 'score') {
    const vmax = vt[0] === undefined ? 1 : va[vt[0]]!
    const pmax = pt[0] === undefined ? 1 : pa[pt[0]]!
    const tmax = tt[0] === undefined ? 1 : ta[tt[0]]!
    for (const d of [...vt, ...pt, ...tt])
      fused.set(d, (wv * va[d]!) / vmax + (wp * pa[d]!) / pmax + (tt.length > 0 ? (wt * ta[d]!) / tmax : 0))
  } else {
    if (wv > 0) vt.forEach((d, r) => fused.set(d, wv / (k + r + 1)))
    if (wp > 0) pt.forEach((d, r) => fused.set(d, (fused.get(d) ?? 0) + wp / (k + r + 1)))
    if (wt > 0) tt.forEach((d, r) => fused.set(d, (fused.get(d) ?? 0) + wt / (k + r + 1)))
  }
  const order = [...fused].sort((a, b) => b[1] - a[1] || va[b[0]]! - va[a[0]]! || a[0] - b[0])
  const qTerms: number[] = []
  let qMass = 0
  for (const term of p.keys()) {
    const t = termIds.get(`p:${term}`)
    const idf = t !== undefined && index.plainIdf[t]! > 0 ? index.plainIdf[t]! : index.unseenIdf
    qMass += idf
    if (t !== undefined) qTerms.push(t)
  }
  const coverage = (d: number): number => {
    const {start, term} = index.plainTerms
    const tm = scratch.termMark
    for (let i = start[d]!; i < start[d + 1]!; i++) tm[term[i]!] = 1
    let hit = 0
    for (const t of qTerms) if (tm[t] === 1) hit += index.plainIdf[t]!
    for (let i = start[d]!; i < start[d + 1]!; i++) tm[term[i]!] = 0
    return qMass > 0 ? hit / qMass : 0
  }
  const ranked: Ranked[] = order.map(([doc, f], r) => ({
    doc,
    vocab: va[doc]!,
    plain: pa[doc]!,
    fused: f,
    coverage: r < 3 ? coverage(doc) : 0,
  }))
  const firstSiblings =
    ranked[0] === undefined ? [] : index.siblings[ranked[0].doc]!.map((doc) => ({doc, vocab: va[doc]!}))
  // Zero the scratch for the next query.
  for (let i = 0; i < count; i++) {
    const d = touched[i]!
    va[d] = 0
    pa[d] = 0
    ta[d] = 0
    mark[d] = 0
  }
  return {
    ranked,
    vocabFirst: vt[0] ?? null,
    plainFirst: pt[0] ?? null,
    tokenFirst: index.token ? (tt[0] ?? null) : undefined,
    firstSiblings,
    empty: false,
  }
}

/** Match one customization against one 業務's index. */
export function matchCustomization(index: RequirementIndex, text: CustomizationText): MatchResult {
  const {config} = index
  const nameMentions = findBusinessMentions(text.name, index.businessId)
  const inName = new Set(nameMentions.map((m) => m.businessId))
  const mentioned = [
    ...nameMentions,
    ...findBusinessMentions(text.description, index.businessId).filter((m) => !inName.has(m.businessId)),
  ]
  // A requirement that does not speak of the 業務 the 名称 is about loses weight, so one that does
  // (他業務連携, 直接参照) can rise.
  const penalize =
    inName.size > 0 && config.otherBusinessPenalty !== 1
      ? (doc: number): number =>
          [...inName].some((id) => !index.docMentions[doc]!.has(id)) ? config.otherBusinessPenalty : 1
      : undefined
  const ranking = rankRequirements(index, text, penalize)
  const candidate = (doc: number, score: number): Candidate => ({
    requirementId: index.docs[doc]!.id,
    score: round(score),
    requirementClass: index.docs[doc]!.effectiveClass,
  })
  const ranked = ranking.ranked
  const candidates = ranked.slice(0, 3).map((r) => candidate(r.doc, r.vocab))
  const bestByClass: Candidate[] = []
  for (const r of ranked) {
    const cls = index.docs[r.doc]!.effectiveClass
    if (!bestByClass.some((c) => c.requirementClass === cls)) bestByClass.push(candidate(r.doc, r.vocab))
  }
  const first = ranked[0]
  const rawScore = first?.vocab ?? 0
  const coverage = first?.coverage ?? 0
  // Reported (JSON `scorersAgree`, per-業務 disagreement): the vocabulary and plain scorers put the
  // same requirement first, as before the word scorer. Decided on: MatcherConfig.agreement.
  const scorersAgree = first ? ranking.vocabFirst === ranking.plainFirst : null
  const agreed = first ? agree(config.agreement, first.doc, ranking, index.docs) : null
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
      bestByClass,
      unknownRequirementIds,
      rawScore,
      coverage,
      scorersAgree,
      sibling: null,
      close: null,
      otherBusinesses: [],
    }
  }

  if (ranking.empty) reasons.push('empty-text')
  const best = candidates[0]
  // Nothing plausible: low cosine and low coverage → `outside` (要確認 when the scorers still agree
  // by MatcherConfig.weakAgreement). Between that and a confident match, a candidate the scorers
  // agree on (MatcherConfig.agreement) is covered for review; one they disagree on is covered only
  // with a confident cosine, else `outside` for review. Every such case carries its candidates.
  const weak = rawScore < config.outsideBelow && coverage < config.outsideCoverage
  const covered = best !== undefined && !weak && (agreed === true || rawScore >= config.confidentAt)
  const confident =
    !weak && agreed === true && rawScore >= config.confidentAt && coverage >= config.confidentCoverage
  const weakAgree = first ? agree(config.weakAgreement, first.doc, ranking, index.docs) : null
  if (best && !confident && (!weak || weakAgree === true)) reasons.push(agreed ? 'low-score' : 'disagreement')
  const second = ranked[1]
  let close: [string, string] | null = null
  if (
    first &&
    second &&
    covered &&
    second.vocab >= config.tieRatio * rawScore &&
    index.docs[second.doc]!.effectiveClass !== best!.requirementClass
  ) {
    reasons.push('tie')
  } else if (first && second && covered && second.vocab >= config.closeRatio * rawScore) {
    reasons.push('close')
    close = [best!.requirementId, index.docs[second.doc]!.id]
  }
  let sibling: SiblingConflict | null = null
  if (first && covered) {
    const cls = index.docs[first.doc]!.effectiveClass
    let bestSib = -1
    let bestCos = 0
    for (const {doc: s, vocab: c} of ranking.firstSiblings) {
      if (index.docs[s]!.effectiveClass !== cls && c >= config.siblingRatio * rawScore && c > bestCos) {
        bestSib = s
        bestCos = c
      }
    }
    if (bestSib >= 0) {
      sibling = {
        best: best!,
        sibling: candidate(bestSib, bestCos),
        relation: index.docs[bestSib]!.name === index.docs[first.doc]!.name ? 'name' : 'group',
      }
      reasons.push('sibling')
    }
  }
  const otherBusinesses = mentioned.filter((m) => !first || !index.docMentions[first.doc]!.has(m.businessId))
  if (otherBusinesses.length > 0) reasons.push('other-business')
  return {
    requirementId: covered ? best.requirementId : null,
    requirementClass: covered ? best.requirementClass : null,
    score: round(rawScore),
    method: 'auto',
    verdict: covered ? verdictForClass(best.requirementClass) : 'outside',
    needsReview: reasons.length > 0,
    reviewReasons: reasons,
    candidates,
    bestByClass,
    unknownRequirementIds,
    rawScore,
    coverage,
    scorersAgree,
    sibling,
    close,
    otherBusinesses,
  }
}

/** Whether the scorers agree on the fused first (MatcherConfig.agreement). */
function agree(rule: Agreement, first: number, r: Ranking, docs: readonly IndexedRequirement[]): boolean {
  const firsts = [r.vocabFirst, r.plainFirst, ...(r.tokenFirst === undefined ? [] : [r.tokenFirst])]
  if (rule === 'pair') return r.vocabFirst === r.plainFirst
  if (rule === 'class') {
    const cls = docs[first]!.effectiveClass
    return firsts.every((f) => f !== null && docs[f]!.effectiveClass === cls)
  }
  return firsts.every((f) => f === firsts[0])
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
