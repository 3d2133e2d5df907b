import {describe, expect, it} from 'vitest'
import {parseCount, parseYen, unitFromText, type YenUnit} from './amount.js'

describe('unitFromText', () => {
  it.each([
    ['年間運用経費（千円）', 1000],
    ['年間運用経費(千円)', 1000],
    ['年間運用経費\n（千円）', 1000],
    ['初期導入費（円）', 1],
    ['金額【万円】', 10000],
    ['（単位：千円）', 1000],
    ['単位:百万円', 1000000],
    ['保守費（千円・税込）', 1000],
    ['保守費（税込・千円）', 1000],
    ['運用経費［円］', 1],
    ['金額(単位:千円)', 1000],
    ['年間運用経費\n(千円)', 1000],
    ['経費〔税抜、万円〕', 10000],
    ['年間運用経費', undefined],
    ['システム名称', undefined],
  ])('%s → %s', (text, unit) => {
    expect(unitFromText(text)).toBe(unit)
  })
})

describe('parseYen', () => {
  it.each<[string | number, YenUnit, number]>([
    ['12,480', 1000, 12_480_000],
    ['12,480千円', 1, 12_480_000],
    ['１２，４８０', 1000, 12_480_000],
    ['１２，４８０千円', 1, 12_480_000],
    ['¥1,234,567', 1, 1_234_567],
    ['1,234円', 1000, 1_234],
    ['12.5', 1000, 12_500],
    ['12.5万円', 1, 125_000],
    ['3億円', 1, 300_000_000],
    ['0', 1000, 0],
    [12480, 1000, 12_480_000],
    [12.345, 1000, 12_345],
    [1.1, 1000, 1_100],
    [5000, 1, 5000],
    [' 1 200 ', 1, 1200],
  ])('%j × %i → %i', (value, unit, yen) => {
    expect(parseYen(value, unit)).toEqual({ok: true, value: yen})
  })

  it.each<[string | number | boolean, YenUnit, string]>([
    ['12,48', 1, '読み取れません'],
    ['1,2345', 1, '読み取れません'],
    ['12.3456', 1000, '端数'],
    [0.5, 1, '端数'],
    ['△100', 1, '負'],
    [-5, 1, '負'],
    [true, 1, '読み取れません'],
  ])('%j is refused (%s)', (value, unit, reason) => {
    const r = parseYen(value, unit)
    expect(r.ok === false && !r.blank && r.reason).toContain(reason)
  })

  it.each<[string, YenUnit, number]>([
    ['1,234千円', 1, 1_234_000],
    ['１２３４', 1000, 1_234_000],
    ['¥1,234,000', 1, 1_234_000],
    ['￥1,234,000-', 1, 1_234_000],
    ['1234000円', 1000, 1_234_000],
    ['1,234千円（税込）', 1, 1_234_000],
  ])('staff spelling %j × %i → %i', (value, unit, yen) => {
    expect(parseYen(value, unit)).toEqual({ok: true, value: yen})
  })

  it.each<[string, number]>([
    ['約500万円', 5_000_000],
    ['500万円程度', 5_000_000],
    ['約1,200', 1_200_000],
  ])('estimate %j is read and flagged approximate', (value, yen) => {
    expect(parseYen(value, 1000)).toEqual({ok: true, value: yen, approximate: true})
  })

  it.each([null, '', '  ', '　', '-', '－', 'ー', 'なし', '未定', '不明'])(
    '%j is missing, not 0',
    (value) => {
      expect(parseYen(value, 1000)).toEqual({ok: false, blank: true})
    },
  )
})

describe('parseCount', () => {
  it.each<[string | number, number]>([
    ['1,200', 1200],
    ['１２００人', 1200],
    ['350件', 350],
    [42, 42],
  ])('%j → %i', (value, n) => {
    expect(parseCount(value)).toEqual({ok: true, value: n, approximate: false})
  })
  it.each<[string, number]>([
    ['約31万件', 310_000],
    ['1.5万人', 15_000],
    ['約1,200人', 1200],
    ['500件程度', 500],
  ])('%j → %i (approximate)', (value, n) => {
    const r = parseCount(value)
    expect(r).toMatchObject({ok: true, value: n})
    expect(r.ok && r.approximate).toBe(value.startsWith('約') || value.endsWith('程度'))
  })
  it.each<[string | number]>([['1.5'], [-1], [2.5], ['多数']])('%j is refused', (value) => {
    expect(parseCount(value).ok).toBe(false)
  })
  it('reads blank as missing', () => {
    expect(parseCount('')).toEqual({ok: false, blank: true})
  })
})
