import type {Requirement} from '../standard/spec.schema.js'
import {findBusinessMentions} from './business-mentions.js'
import type {TokenAnalyzer} from './morph-tokens.js'
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
 * Two term lists per requirement, one per scorer:
 *  - `vocab`: the vocabulary scorer's features (synonym concepts, n-grams, Segmenter words),
 *    field-weighted counts;
 *  - `plain`: plain character bigrams of name, 大中小項目 and text, no synonyms (BM25).
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
  /** Id of the morphological analyzer the token features came from (null: none). */
  readonly analyzerId: string | null
  readonly docs: number
  readonly terms: readonly string[]
  readonly vocab: TermLists
  readonly plain: TermLists
  /**
   * Content-word base forms of name, 大中小項目 and text (morphological analyzer, BM25), or null
   * when extracted without an analyzer. The analyzer's id is part of the fingerprint.
   */
  readonly tokens: TermLists | null
  /** Surface forms of those words with their base form's term id (the query-side lexicon), or null. */
  readonly lexicon: readonly (readonly [string, number])[] | null
  /** Per requirement: catalog ids of the 業務 its text mentions (連携先 and the like). */
  readonly mentions: readonly (readonly string[])[]
}

/** Bump when feature extraction changes in a way the configuration does not show. */
const FEATURE_CODE_VERSION = 1

/** FNV-1a over the JSON of the configuration: stable across runs and machines. */
export function featureFingerprint(config: FeatureConfig, analyzerId: string | null = null): string {
  const s = JSON.stringify([
    FEATURE_CODE_VERSION,
    analyzerId,
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

/** Morphological content words of one requirement: name, 大中小項目 and text, each once. */
export function tokenFeatures(
  req: Requirement,
  analyzer: TokenAnalyzer,
  surfaces: Map<string, string>,
): Map<string, number> {
  const tf = new Map<string, number>()
  for (const part of [req.name, req.path.join('|'), req.text]) {
    for (const w of analyzer.analyze(normalizeForMatch(part))) {
      tf.set(w.base, (tf.get(w.base) ?? 0) + 1)
      if (!surfaces.has(w.surface)) surfaces.set(w.surface, w.base)
    }
  }
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

/**
 * Whether stored features can serve `config`: same feature code and configuration, and token
 * features when an analyzer is at hand (the analyzer's own output, or that of any analyzer when
 * none is: the matcher then needs no analyzer at all).
 */
export function featuresUsable(
  stored: RequirementFeatures,
  docs: number,
  config: FeatureConfig,
  analyzer: TokenAnalyzer | null,
): boolean {
  if (stored.docs !== docs || stored.fingerprint !== featureFingerprint(config, stored.analyzerId))
    return false
  return analyzer === null || stored.analyzerId === analyzer.id
}

export function extractRequirementFeatures(
  requirements: readonly Requirement[],
  config: FeatureConfig,
  analyzer: TokenAnalyzer | null = null,
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
  const tokens = analyzer ? new TermListBuilder() : null
  const surfaces = new Map<string, string>()
  const mentions: string[][] = []
  for (const req of requirements) {
    vocab.add(vocabFeatures(req, config, table), id)
    // A shared dictionary: the plain bigrams get a prefix so they never collide with vocabulary terms.
    plain.add(plainFeatures(req), (t) => id(`p:${t}`))
    if (tokens && analyzer) tokens.add(tokenFeatures(req, analyzer, surfaces), (t) => id(`t:${t}`))
    const all = [req.name, req.text, ...req.path, req.note ?? ''].join('\n')
    mentions.push([...new Set(findBusinessMentions(all).map((m) => m.businessId))])
  }
  return {
    fingerprint: featureFingerprint(config, analyzer?.id ?? null),
    analyzerId: analyzer?.id ?? null,
    docs: requirements.length,
    terms,
    vocab: vocab.build(),
    plain: plain.build(),
    tokens: tokens?.build() ?? null,
    lexicon: tokens ? [...surfaces].map(([surface, base]) => [surface, id(`t:${base}`)] as const) : null,
    mentions,
  }
}
