/**
 * Morphological tokens for the matcher's third scorer (pure).
 *
 * A morphological analyzer (kuromoji with IPADIC, loaded by src/fitgap/morph-analyzer.ts and
 * injected: the matcher does no I/O) splits a text into words with part of speech and base form.
 * The scorer keeps the base forms of content words: nouns, verbs, adjectives, prefixes, unknown
 * words; it drops particles, auxiliaries, symbols, dependent nouns (こと, よう, ため) and the few
 * function verbs every requirement and every staff request has (「〜できること」「〜したい」
 * 「〜できるようにしてほしい」: する, できる, なる, ある, いる, 行う, ほしい).
 */

/** The fields of an analyzer's token the scorer reads (IPADIC: 品詞, 品詞細分類1, 原形). */
export interface MorphToken {
  readonly surface: string
  /** Base (dictionary) form; '*' when the analyzer has none (unknown words). */
  readonly basic: string
  readonly pos: string
  readonly detail: string
}

/** A content word: as written in the text, and its base form (the scorer's term). */
export interface MorphWord {
  readonly surface: string
  readonly base: string
}

/** Text → content words. `id` names the analyzer and dictionary (part of the stored features' fingerprint). */
export interface TokenAnalyzer {
  readonly id: string
  analyze(normalized: string): readonly MorphWord[]
}

const CONTENT_POS = new Set(['名詞', '動詞', '形容詞', '接頭詞', '未知語'])
/** 品詞細分類1 of words that carry no topic: 非自立 (こと, よう), 代名詞, 数, 接尾 of verbs (れる, せる). */
const FUNCTION_DETAIL = new Set(['非自立', '代名詞', '数'])
/** Function verbs and adjectives of request and requirement boilerplate. */
const STOP_BASE = new Set([
  'する',
  'できる',
  'なる',
  'ある',
  'いる',
  'おる',
  'れる',
  'られる',
  'せる',
  'させる',
  '行う',
  'ほしい',
  '欲しい',
  'いただく',
  '頂く',
  'くださる',
  'もらう',
  'よい',
  '良い',
  'いい',
])

/** Content words of one analyzed text, in order (repeats kept: BM25 counts them). */
export function contentWords(tokens: readonly MorphToken[]): MorphWord[] {
  const out: MorphWord[] = []
  for (const t of tokens) {
    if (!CONTENT_POS.has(t.pos)) continue
    if (FUNCTION_DETAIL.has(t.detail)) continue
    if (t.pos === '動詞' && t.detail === '接尾') continue
    const base = t.basic === '*' || t.basic === '' ? t.surface : t.basic
    if (STOP_BASE.has(base)) continue
    // A lone hiragana or symbol character (a mis-split okurigana) is no word.
    if (/^[\u3040-\u309f]$/u.test(base) || !/[\p{L}\p{N}]/u.test(base)) continue
    out.push({surface: t.surface, base})
  }
  return out
}

/**
 * The query side needs no analyzer: every word a query can share with the requirements is one
 * of the requirements' own surface forms, so a customization is split by longest match against
 * them (a character trie of the 業務's lexicon), each surface standing for its base form. Measured
 * on the dev sets against analyzing the queries with kuromoji: the same figures within one item
 * per set, without loading a 300 MB dictionary or ~0.15 ms of analysis per customization.
 */
export interface Lexicon {
  readonly next: Map<number, Lexicon>
  /** Term id of the surface ending here, or -1. */
  term: number
}

export function buildLexicon(entries: readonly (readonly [surface: string, term: number])[]): Lexicon {
  const root: Lexicon = {next: new Map(), term: -1}
  for (const [surface, term] of entries) {
    let node = root
    for (let i = 0; i < surface.length; i++) {
      const c = surface.charCodeAt(i)
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
