import {describe, expect, it} from 'vitest'
import {buildLexicon, contentWords, lexiconTerms, type MorphToken} from './morph-tokens.js'

const t = (surface: string, pos: string, detail: string, basic = surface): MorphToken => ({
  surface,
  basic,
  pos,
  detail,
})

describe('contentWords', () => {
  it('keeps the base forms of nouns, verbs and adjectives and drops grammar and request boilerplate', () => {
    // 「氏名を並べ替えて表示できるようにしてほしい」 as IPADIC tags it.
    const tokens = [
      t('氏名', '名詞', '一般'),
      t('を', '助詞', '格助詞'),
      t('並べ', '動詞', '自立', '並べる'),
      t('替え', '動詞', '自立', '替える'),
      t('て', '助詞', '接続助詞'),
      t('表示', '名詞', 'サ変接続'),
      t('できる', '動詞', '自立'),
      t('よう', '名詞', '非自立'),
      t('に', '助詞', '格助詞'),
      t('し', '動詞', '自立', 'する'),
      t('て', '助詞', '接続助詞'),
      t('ほしい', '形容詞', '非自立'),
      t('。', '記号', '句点'),
    ]
    expect(contentWords(tokens).map((w) => w.base)).toEqual(['氏名', '並べる', '替える', '表示'])
    expect(contentWords(tokens)[1]).toEqual({surface: '並べ', base: '並べる'})
  })

  it.each([
    ['こと (非自立)', t('こと', '名詞', '非自立')],
    ['れる (動詞・接尾)', t('れ', '動詞', '接尾', 'れる')],
    ['これ (代名詞)', t('これ', '名詞', '代名詞')],
    ['1 (数)', t('1', '名詞', '数')],
    ['行う', t('行い', '動詞', '自立', '行う')],
    ['たい (助動詞)', t('たい', '助動詞', '*')],
    ['a lone hiragana', t('ぬ', '名詞', '一般')],
  ])('drops %s', (_, token) => {
    expect(contentWords([token])).toEqual([])
  })

  it('uses the surface of an unknown word (no base form)', () => {
    expect(contentWords([t('ＥＵＣ', '名詞', '固有名詞', '*')])).toEqual([
      {surface: 'ＥＵＣ', base: 'ＥＵＣ'},
    ])
  })
})

describe('lexicon (query side)', () => {
  const lexicon = buildLexicon([
    ['住民', 1],
    ['住民票', 2],
    ['写し', 3],
    ['並べ', 4],
  ])
  const terms = (text: string): number[] => {
    const out = new Set<number>()
    lexiconTerms(text, lexicon, out)
    return [...out]
  }

  it.each([
    ['住民票の写しがほしい', [2, 3]],
    ['住民の並べ替え', [1, 4]],
    ['住', []],
    ['', []],
    ['別の住民票', [2]],
  ])('%s → %j (longest match, unknown characters skipped)', (text, expected) => {
    expect(terms(text)).toEqual(expected)
  })
})
