/**
 * Japanese text → weighted features for matching (pure).
 *
 * Features:
 *  - character bigrams of the normalized text, skipping any bigram that
 *    contains hiragana (particles and okurigana: を, の, できること …);
 *  - kanji unigrams (one kanji often carries the meaning: 票, 税, 附);
 *  - ASCII words (csv, euc, api);
 *  - a concept feature per synonym group hit (`§12`), so 「アラート」 and
 *    「注意喚起」 share one strong feature besides their rewritten n-grams;
 *  - optionally Intl.Segmenter word tokens (`w:…`), measured in the eval script.
 */
export type FeatureMode = 'bigram' | 'segmenter' | 'both'

export interface FeatureWeights {
  readonly bigram: number
  readonly unigram: number
  readonly concept: number
  readonly word: number
}

export interface SynonymTable {
  readonly pattern: RegExp | undefined
  /** normalized member → [canonical, group index] */
  readonly canonical: ReadonlyMap<string, readonly [string, number]>
}

/** NFKC, lower case, no whitespace. Comparison only: never display this. */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000]+/g, '')
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** Compile synonym groups (first member = canonical) into one longest-first pattern. */
export function compileSynonyms(groups: readonly (readonly string[])[]): SynonymTable {
  const canonical = new Map<string, readonly [string, number]>()
  groups.forEach((group, gi) => {
    const head = normalizeForMatch(group[0] ?? '')
    if (head === '') return
    for (const member of group) {
      const key = normalizeForMatch(member)
      // First group wins for a word listed twice: keep the table deterministic.
      if (key !== '' && !canonical.has(key)) canonical.set(key, [head, gi])
    }
  })
  const keys = [...canonical.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
  const pattern = keys.length > 0 ? new RegExp(keys.map(escapeRegExp).join('|'), 'g') : undefined
  return {pattern, canonical}
}

/** Rewrite synonyms to their canonical member; report the groups that occurred. */
export function canonicalize(normalized: string, table: SynonymTable): {text: string; concepts: number[]} {
  const concepts: number[] = []
  if (!table.pattern) return {text: normalized, concepts}
  const text = normalized.replace(table.pattern, (m) => {
    const hit = table.canonical.get(m)
    if (!hit) return m
    concepts.push(hit[1])
    // Separator keeps a rewritten word from forming bigrams with its neighbours.
    return `|${hit[0]}|`
  })
  return {text, concepts}
}

const ASCII_WORD = /[a-z0-9]+/g

// Character classes by code point (regex tests per character dominated indexing time).
function isHiragana(c: number): boolean {
  return c >= 0x3040 && c <= 0x309f
}
function isKanji(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff)
}
/** Letters that form n-grams: kana, kanji, 々〆, non-ASCII alphabets. ASCII words are features of their own. */
function isWordish(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) || isKanji(c) || c === 0x3005 || c === 0x3006 || (c >= 0xc0 && c < 0x2000)
  )
}

let segmenter: Intl.Segmenter | undefined
function wordSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('ja', {granularity: 'word'})
  return segmenter
}

/**
 * Add the features of `text` to `out`, each occurrence weighted by `fieldWeight`.
 * `text` must already be normalized (normalizeForMatch).
 */
export function addFeatures(
  out: Map<string, number>,
  normalized: string,
  fieldWeight: number,
  table: SynonymTable,
  mode: FeatureMode,
  weights: FeatureWeights,
): void {
  if (normalized === '' || fieldWeight <= 0) return
  const add = (key: string, w: number): void => {
    if (w > 0) out.set(key, (out.get(key) ?? 0) + w * fieldWeight)
  }
  const {text, concepts} = canonicalize(normalized, table)
  for (const c of concepts) add(`§${c}`, weights.concept)
  if (mode !== 'segmenter') {
    // Walk code points; `prev` is the start offset of the previous wordish character.
    let prev = -1
    let prevCode = 0
    for (let i = 0; i < text.length;) {
      const c = text.codePointAt(i)!
      const width = c > 0xffff ? 2 : 1
      if (!isWordish(c)) {
        prev = -1
      } else {
        if (isKanji(c)) add(text.slice(i, i + width), weights.unigram)
        if (prev >= 0 && !isHiragana(prevCode) && !isHiragana(c))
          add(text.slice(prev, i + width), weights.bigram)
        prev = i
        prevCode = c
      }
      i += width
    }
  }
  if (mode !== 'bigram') {
    for (const seg of wordSegmenter().segment(text)) {
      if (!seg.isWordLike || /^[\u3040-\u309f]+$/.test(seg.segment)) continue
      add(`w:${seg.segment}`, weights.word)
    }
  }
  for (const m of text.matchAll(ASCII_WORD)) add(`a:${m[0]}`, weights.bigram * 2)
}

/**
 * Plain character bigrams (no synonyms, hiragana kept, punctuation breaks a run) and ASCII
 * words: the second scorer's vocabulary-free view of a normalized text. Single-character runs
 * (「税」) count as a term of their own.
 */
export function addPlainBigrams(out: Map<string, number>, normalized: string): void {
  const add = (key: string): void => {
    out.set(key, (out.get(key) ?? 0) + 1)
  }
  let prev = -1
  let prevCode = 0
  let runLength = 0
  for (let i = 0; i <= normalized.length;) {
    const c = i < normalized.length ? normalized.codePointAt(i)! : 0
    const width = c > 0xffff ? 2 : 1
    if (i === normalized.length || !isWordish(c)) {
      if (runLength === 1 && prev >= 0) add(normalized.slice(prev, i))
      prev = -1
      runLength = 0
      if (i === normalized.length) break
    } else {
      // Two hiragana (をし, こと, できる) are grammar, not vocabulary: every requirement has them.
      if (prev >= 0 && !(isHiragana(prevCode) && isHiragana(c))) add(normalized.slice(prev, i + width))
      prev = i
      prevCode = c
      runLength++
    }
    i += width
  }
  for (const m of normalized.matchAll(ASCII_WORD)) add(`a:${m[0]}`)
}
