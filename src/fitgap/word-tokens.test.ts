import {describe, expect, it} from 'vitest'
import {buildLexicon, lexiconTerms, wordTokens} from './word-tokens.js'

describe('wordTokens', () => {
  it.each([
    // Particles, okurigana-only segments and the request boilerplate (できる, ように, してほしい) go.
    ['世帯主の氏名を並べ替えて表示できるようにしてほしい', ['世帯', '主', '氏名', '並', '替え', '表示']],
    ['転入届の受付時に、異動日を入力できること。', ['転入', '届', '受付', '時に', '異動', '日', '入力']],
    ['euc機能でcsv出力', ['euc', '機能', 'csv', '出力']],
    ['', []],
    ['。、', []],
  ])('%s → %j', (text, expected) => {
    expect(wordTokens(text)).toEqual(expected)
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
