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

class TermListBuilder {
  readonly start: number[] = [0]
  readonly term: number[] = []
  readonly tf: number[] = []
  add(features: Map<string, number>, id: (t: string) => number): void {
    for (const [t, n] of features) {
      this.term.push(id(t))
      this.tf.push(n)
    }
    this.start.push(this.term.length)
  }
  build(): TermLists {
    return {
      start: Int32Array.from(this.start),
      term: Int32Array.from(this.term),
      tf: Float32Array.from(this.tf),
    }
  }
}

export function extractRequirementFeatures(
  requirements: readonly Requirement[],
  config: FeatureConfig,
): RequirementFeatures {
  const table = synonymTable(config.synonyms)
  const ids = new Map<string, number>()
  const terms: string[] = []
  const id = (t: string): number => {
    let i = ids.get(t)
    if (i === undefined) {
      ids.set(t, (i = terms.length))
      terms.push(t)
    }
    return i
  }
  const vocab = new TermListBuilder()
  const plain = new TermListBuilder()
  const tokens = new TermListBuilder()
  const memo = new Map<string, readonly string[]>()
  const mentions: string[][] = []
  for (const req of requirements) {
    vocab.add(vocabFeatures(req, config, table), id)
    // A shared dictionary: the plain bigrams get a prefix so they never collide with vocabulary terms.
    plain.add(plainFeatures(req), (t) => id(`p:${t}`))
    tokens.add(tokenFeatures(req, memo), (t) => id(`t:${t}`))
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
