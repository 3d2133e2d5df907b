/**
 * Word tokens for the matcher's third scorer (pure).
 *
 * The two character scorers see n-grams; this one sees words: Intl.Segmenter's Japanese word
 * segmentation (ICU's dictionary, built into Node), keeping word-like segments that are not all
 * hiragana (particles, auxiliaries and the 「〜できること」「〜したい」 boilerplate are).
 *
 * Measured on the dev sets (in-sample): the same figures as kuromoji's base forms of nouns, verbs
 * and adjectives (IPADIC) within a few items, at a fraction of the cost (kuromoji: ~2 s and ~300 MB
 * to load its dictionary, ~1.2 ms per requirement; this: ~0.06 ms per requirement sentence).
 */

/** Bump when wordTokens changes (part of the stored features' fingerprint). */
export const WORD_TOKENS_VERSION = 1

let segmenter: Intl.Segmenter | undefined

/** Words of a normalized text, in order (repeats kept: BM25 counts them). */
export function wordTokens(normalized: string): string[] {
  if (normalized === '') return []
  segmenter ??= new Intl.Segmenter('ja', {granularity: 'word'})
  const out: string[] = []
  for (const s of segmenter.segment(normalized)) {
    if (!s.isWordLike || isAllHiragana(s.segment)) continue
    out.push(s.segment)
  }
  return out
}

function isAllHiragana(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x3040 || c > 0x309f) return false
  }
  return true
}

/**
 * The query side needs no segmenter: every word a customization can share with the requirements
 * is one of the requirements' own words, so a customization is split by longest match against
 * them (a character trie of the 業務's words). Measured on the dev sets against segmenting the
 * queries themselves (with kuromoji): the same figures within one item per set, and it keeps the
 * per-customization cost to a trie walk (350,000 customizations at prefecture scale).
 */
export interface Lexicon {
  readonly next: Map<number, Lexicon>
  /** Term id of the word ending here, or -1. */
  term: number
}

export function buildLexicon(entries: readonly (readonly [word: string, term: number])[]): Lexicon {
  const root: Lexicon = {next: new Map(), term: -1}
  for (const [word, term] of entries) {
    let node = root
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i)
      let n = node.next.get(c)
      if (!n) node.next.set(c, (n = {next: new Map(), term: -1}))
      node = n
    }
    node.term = term
  }
  return root
}

/** Term ids of the lexicon's words found in `normalized` by greedy longest match. */
export function lexiconTerms(normalized: string, lexicon: Lexicon, out: Set<number>): void {
  for (let i = 0; i < normalized.length;) {
    let node: Lexicon | undefined = lexicon
    let found = -1
    let end = i
    for (let j = i; j < normalized.length; j++) {
      node = node.next.get(normalized.charCodeAt(j))
      if (!node) break
      if (node.term >= 0) {
        found = node.term
        end = j + 1
      }
    }
    if (found >= 0) {
      out.add(found)
      i = end
    } else i++
  }
}
