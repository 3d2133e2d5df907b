import {describe, expect, it} from 'vitest'
import {textWidth, wrapJapanese} from './wrap.js'

const NO_START = /^[、。）」』】ー]/

describe('wrapJapanese (禁則処理)', () => {
  it.each([
    ['システム台帳・カスタマイズ一覧（Excel）を取り込みます。', 20],
    [
      '推奨レイアウトの空の様式に、入力要領シートとプルダウン（稼働環境・移行状況・業務）を付けて出力します。',
      16,
    ],
    ['既存のファイルは --force なしでは上書きしません（記入済みの判定を失わないため）。', 14],
    ['カスタマイズごとに提案された機能要件・判定と候補 3 件を出力します。', 11],
  ])('never starts a line with 。、）」 nor splits an ASCII word: %s @%i', (text, width) => {
    const lines = wrapJapanese(text, width).split('\n')
    expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''))
    for (const line of lines) {
      expect(line, line).not.toMatch(NO_START)
      expect(line, line).not.toMatch(/[（「]$/)
      expect(textWidth(line), line).toBeLessThanOrEqual(width)
    }
    const words = text.match(/[\x21-\x7e]{2,}/g) ?? []
    for (const word of words)
      expect(
        lines.some((l) => l.includes(word)),
        word,
      ).toBe(true)
  })

  it('moves the character before a closing bracket down instead of starting a line with it', () => {
    // Width 10: 「あいうえお」 fits exactly before 。 would start line 2.
    expect(wrapJapanese('あいうえお。かきくけこ', 10)).toBe('あいうえ\nお。かきく\nけこ')
  })

  it('keeps Excel whole (issue 9: 「Exce / l」)', () => {
    expect(wrapJapanese('台帳はExcelで作ります', 10).split('\n')).toEqual(['台帳は', 'Excelで作', 'ります'])
  })

  it('keeps the text’s own line breaks', () => {
    expect(wrapJapanese('一行目\n二行目', 40)).toBe('一行目\n二行目')
  })
})
