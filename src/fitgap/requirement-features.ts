import type {Requirement} from '../standard/spec.schema.js'
import {findBusinessMentions} from './business-mentions.js'
import {WORD_TOKENS_VERSION, wordTokens} from './word-tokens.js'
import {
  addFeatures,
  addPlainBigrams,
  compileSynonyms,
  normalizeForMatch,
  type FeatureMode,
  type FeatureWeights,
  type SynonymTable,
} from './text-features.js'

/**
 * Requirement features (pure): what the matcher needs from each requirement's text, computed
 * once per spec version (at `specs import`, stored as typed arrays) instead of re-tokenizing
 * every requirement on every `fitgap` run.
 *
 * Three term lists per requirement, one per scorer:
 *  - `vocab`: the vocabulary scorer's features (synonym concepts, n-grams, Segmenter words),
 *    field-weighted counts;
 *  - `plain`: plain character bigrams of name, 大中小項目 and text, no synonyms (BM25);
 *  - `tokens`: words of name, 大中小項目 and text (Intl.Segmenter, no synonyms; BM25).
 * Terms are integer ids into one dictionary (`terms`).
 */

/** The parts of the matcher configuration the stored features depend on. */
export interface FeatureConfig {
  readonly mode: FeatureMode
  readonly synonyms: readonly (readonly string[])[]
  readonly weights: FeatureWeights
  /** Per-field weight of requirement text parts (vocabulary scorer). */
  readonly fields: {
    readonly name: number
    readonly text: number
    readonly path: number
    readonly note: number
  }
}

/** CSR layout: the terms of document d are term[start[d] .. start[d+1]) with counts tf[…]. */
export interface TermLists {
  readonly start: Int32Array
  readonly term: Int32Array
  readonly tf: Float32Array
}

export interface RequirementFeatures {
  /** Changes whenever the feature code or configuration changes: stored features are then recomputed. */
  readonly fingerprint: string
  readonly docs: number
  readonly terms: readonly string[]
  readonly vocab: TermLists
  readonly plain: TermLists
  /**
   * Words (src/fitgap/word-tokens.ts) of name, 大中小項目 and text: the word scorer's BM25 terms,
   * `t:`-prefixed in the dictionary (whose `t:` terms are also the lexicon customizations are split by).
   */
  readonly tokens: TermLists
  /** Per requirement: catalog ids of the 業務 its text mentions (連携先 and the like). */
  readonly mentions: readonly (readonly string[])[]
}

/** Bump when feature extraction changes in a way the configuration does not show. */
const FEATURE_CODE_VERSION = 2

/** FNV-1a over the JSON of the configuration: stable across runs and machines. */
export function featureFingerprint(config: FeatureConfig): string {
  const s = JSON.stringify([
    FEATURE_CODE_VERSION,
    WORD_TOKENS_VERSION,
    config.mode,
    config.weights,
    config.fields,
    config.synonyms,
  ])
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return `v${FEATURE_CODE_VERSION}-${h.toString(16).padStart(8, '0')}-${s.length}`
}

const synonymCache = new WeakMap<readonly (readonly string[])[], SynonymTable>()
/** Compiled synonym table, compiled once per group list. */
export function synonymTable(groups: readonly (readonly string[])[]): SynonymTable {
  let t = synonymCache.get(groups)
  if (!t) synonymCache.set(groups, (t = compileSynonyms(groups)))
  return t
}

/** Vocabulary-scorer features of one requirement (field-weighted counts). */
export function vocabFeatures(
  req: Requirement,
  config: FeatureConfig,
  table: SynonymTable,
): Map<string, number> {
  const tf = new Map<string, number>()
  const f = config.fields
  addFeatures(tf, normalizeForMatch(req.name), f.name, table, config.mode, config.weights)
  addFeatures(tf, normalizeForMatch(req.text), f.text, table, config.mode, config.weights)
  addFeatures(tf, normalizeForMatch(req.path.join('|')), f.path, table, config.mode, config.weights)
  addFeatures(tf, normalizeForMatch(req.note ?? ''), f.note, table, config.mode, config.weights)
  return tf
}

/** Plain-bigram features of one requirement: name, 大中小項目 and text, each once. */
export function plainFeatures(req: Requirement): Map<string, number> {
  const tf = new Map<string, number>()
  addPlainBigrams(tf, normalizeForMatch(req.name))
  addPlainBigrams(tf, normalizeForMatch(req.path.join('|')))
  addPlainBigrams(tf, normalizeForMatch(req.text))
  return tf
}

/**
 * Words of one requirement: name, 大中小項目 and text, each once. Names and 大中小項目 repeat
 * across a spec, so their words are memoized per extraction (`memo`).
 */
export function tokenFeatures(req: Requirement, memo: Map<string, readonly string[]>): Map<string, number> {
  const tf = new Map<string, number>()
  const add = (part: string, cache: boolean): void => {
    let words = cache ? memo.get(part) : undefined
    if (!words) {
      words = wordTokens(normalizeForMatch(part))
      if (cache) memo.set(part, words)
    }
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1)
  }
  add(req.name, true)
  add(req.path.join('|'), true)
  add(req.text, false)
  return tf
}

/**
 * Term → id in one key space of the shared dictionary `terms` (a new term is stored there as
 * `prefix + term`). Nearly every term is one or two UTF-16 units (a bigram, a kanji): those are
 * kept as integer keys in an open-addressing table, because a string-keyed Map lookup per posting
 * (~650,000 per 業務) was the slowest part of `specs import`. Longer terms use a Map.
 */
class TermIds {
  private keys = new Float64Array(1 << 15)
  private ids = new Int32Array(1 << 15)
  private used = 0
  /** 32 − log2(capacity): the top bits of a multiplicative hash pick the slot. */
  private shift = 17
  private readonly longer = new Map<string, number>()

  constructor(
    private readonly terms: string[],
    private readonly prefix: string,
  ) {}

  id(t: string): number {
    const len = t.length
    if (len === 0 || len > 2) {
      let i = this.longer.get(t)
      if (i === undefined) this.longer.set(t, (i = this.add(t)))
      return i
    }
    // Injective on strings of 1 or 2 units; 0 marks an empty slot.
    const key = len === 1 ? t.charCodeAt(0) + 1 : 65_537 + t.charCodeAt(0) * 65_536 + t.charCodeAt(1)
    let mask = this.keys.length - 1
    let slot = Math.imul(key | 0, 0x9e3779b1) >>> this.shift
    for (; this.keys[slot] !== 0; slot = (slot + 1) & mask)
      if (this.keys[slot] === key) return this.ids[slot]!
    const i = this.add(t)
    this.keys[slot] = key
    this.ids[slot] = i
    if (++this.used * 2 > this.keys.length) {
      const keys = this.keys
      const ids = this.ids
      this.keys = new Float64Array(keys.length * 2)
      this.ids = new Int32Array(keys.length * 2)
      this.shift--
      mask = this.keys.length - 1
      for (let k = 0; k < keys.length; k++) {
        const old = keys[k]!
        if (old === 0) continue
        let to = Math.imul(old | 0, 0x9e3779b1) >>> this.shift
        while (this.keys[to] !== 0) to = (to + 1) & mask
        this.keys[to] = old
        this.ids[to] = ids[k]!
      }
    }
    return i
  }

  private add(t: string): number {
    this.terms.push(this.prefix === '' ? t : this.prefix + t)
    return this.terms.length - 1
  }
}

/** Growable CSR lists (typed arrays doubled on demand: no per-term boxing). */
class TermListBuilder {
  private start = new Int32Array(1024)
  private term = new Int32Array(16_384)
  private tf = new Float32Array(16_384)
  private docs = 0
  private length = 0
  /** Append one document's features, with term ids from `ids`. */
  add(features: Map<string, number>, ids: TermIds): void {
    if (this.length + features.size > this.term.length) {
      const size = Math.max(this.term.length * 2, this.length + features.size)
      const term = new Int32Array(size)
      term.set(this.term.subarray(0, this.length))
      this.term = term
      const tf = new Float32Array(size)
      tf.set(this.tf.subarray(0, this.length))
      this.tf = tf
    }
    // forEach: no [key, value] pair allocated per term (entries() made this loop GC-bound).
    features.forEach((n, t) => {
      this.term[this.length] = ids.id(t)
      this.tf[this.length] = n
      this.length++
    })
    if (this.docs + 2 > this.start.length) {
      const start = new Int32Array(this.start.length * 2)
      start.set(this.start)
      this.start = start
    }
    this.start[++this.docs] = this.length
  }
  build(): TermLists {
    return {
      start: this.start.slice(0, this.docs + 1),
      term: this.term.slice(0, this.length),
      tf: this.tf.slice(0, this.length),
    }
  }
}

export function extractRequirementFeatures(
  requirements: readonly Requirement[],
  config: FeatureConfig,
): RequirementFeatures {
  const table = synonymTable(config.synonyms)
  // One dictionary, three key spaces: plain bigrams are stored as `p:…` and words as `t:…` so they
  // never collide with vocabulary terms; ids are given in order of first occurrence.
  const terms: string[] = []
  const vocabIds = new TermIds(terms, '')
  const plainIds = new TermIds(terms, 'p:')
  const tokenIds = new TermIds(terms, 't:')
  const vocab = new TermListBuilder()
  const plain = new TermListBuilder()
  const tokens = new TermListBuilder()
  const memo = new Map<string, readonly string[]>()
  const mentions: string[][] = []
  for (const req of requirements) {
    vocab.add(vocabFeatures(req, config, table), vocabIds)
    plain.add(plainFeatures(req), plainIds)
    tokens.add(tokenFeatures(req, memo), tokenIds)
    const all = [req.name, req.text, ...req.path, req.note ?? ''].join('\n')
    mentions.push([...new Set(findBusinessMentions(all).map((m) => m.businessId))])
  }
  return {
    fingerprint: featureFingerprint(config),
    docs: requirements.length,
    terms,
    vocab: vocab.build(),
    plain: plain.build(),
    tokens: tokens.build(),
    mentions,
  }
}
