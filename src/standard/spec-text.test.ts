import {describe, expect, it} from 'vitest'
import {
  compareVersions,
  parseClassCell,
  findBusinessIn,
  findDateIn,
  findVersionIn,
  normalizeVersion,
  parseClassLabel,
} from './spec-text.js'

describe('parseClassLabel', () => {
  it.each([
    ['実装必須機能', 'mandatory'],
    ['【類型1：実装必須機能】', 'mandatory'],
    ['類型１', 'mandatory'],
    ['必須', 'mandatory'],
    ['実装すべき機能', 'mandatory'],
    ['標準オプション機能', 'optional'],
    ['【類型3：標準オプション機能】', 'optional'],
    ['類型3', 'optional'],
    ['オプション', 'optional'],
    ['実装してもしなくても良い機能', 'optional'],
    ['実装不可機能', 'prohibited'],
    ['【類型2：実装不可機能】', 'prohibited'],
    ['類型2', 'prohibited'],
    ['不可', 'prohibited'],
    ['実装しない機能', 'prohibited'],
    [' 実装必須機能 ', 'mandatory'],
    ['mandatory', 'mandatory'],
    // Spellings seen in annexes: the 類型 in brackets or a space before the label, footnote marks.
    ['（類型1）実装必須機能', 'mandatory'],
    ['類型1 実装必須機能', 'mandatory'],
    ['類型３　標準オプション機能', 'optional'],
    ['[類型2]実装不可機能', 'prohibited'],
    ['実装必須機能※', 'mandatory'],
    ['実装必須機能※1', 'mandatory'],
    ['【類型1：実装必須機能】（※2）', 'mandatory'],
    ['標準オプション機能＊', 'optional'],
  ])('%s → %s', (label, expected) => {
    expect(parseClassLabel(label)).toBe(expected)
  })

  it.each([
    [''],
    ['必要'],
    ['類型4'],
    ['【類型1：実装不可機能】'],
    ['任意'],
    ['類型1 実装不可機能'],
    ['※'],
    ['◎'],
    ['-'],
  ])('rejects %j', (label) => {
    expect(parseClassLabel(label)).toBeUndefined()
  })
})

describe('versions', () => {
  it.each([
    ['5.0', '5.0'],
    ['第5.0版', '5.0'],
    ['第６．０版', '6.0'],
    ['第6版', '6.0'],
    ['6', '6.0'],
    ['v4.1', '4.1'],
    ['第 2.10 版', '2.10'],
  ])('normalizeVersion(%s) = %s', (input, expected) => {
    expect(normalizeVersion(input)).toBe(expected)
  })

  it.each([['五'], [''], ['5.0.1'], ['第版']])('normalizeVersion rejects %j', (input) => {
    expect(normalizeVersion(input)).toBeUndefined()
  })

  it.each([
    ['住民記録システム標準仕様書【第6.0版】', '6.0'],
    ['介護保険_機能要件_第4.0版', '4.0'],
    ['戸籍情報システム標準仕様書 第2版', '2.0'],
    ['機能要件一覧', undefined],
  ])('findVersionIn(%s) = %s', (text, expected) => {
    expect(findVersionIn(text)).toBe(expected)
  })

  it('orders numerically, not as text', () => {
    expect(['10.0', '9.1', '2.0', '9.0'].sort(compareVersions)).toEqual(['2.0', '9.0', '9.1', '10.0'])
  })
})

describe('findDateIn', () => {
  it.each([
    ['令和7年3月31日 公表', '2025-03-31'],
    ['令和元年5月1日', '2019-05-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['公表日：2024年3月29日', '2024-03-29'],
    ['2024/3/29', '2024-03-29'],
    ['２０２５－０３－３１', '2025-03-31'],
    ['令和7年2月30日', undefined],
    ['平成32年1月1日', undefined],
    ['第6.0版', undefined],
  ])('%s → %s', (text, expected) => {
    expect(findDateIn(text)).toBe(expected)
  })
})

describe('findBusinessIn', () => {
  it.each([
    ['住民記録システム標準仕様書【第6.0版】', 'juki'],
    ['介護保険_機能要件_第4.0版', 'kaigo'],
    ['国民健康保険システム標準仕様書', 'kokuho'],
    ['戸籍附票システム標準仕様書', 'koseki-fuhyo'],
    ['戸籍情報システム標準仕様書', 'koseki'],
    ['就学事務システム（学齢簿編製等）標準仕様書', 'shugaku'],
    ['kaigo-4.0', 'kaigo'],
  ])('%s → %s', (text, id) => {
    expect(findBusinessIn(text)?.id).toBe(id)
  })

  it('does not guess when the title covers several 業務 or none', () => {
    expect(findBusinessIn('税務システム標準仕様書【第5.0版】')).toBeUndefined()
    expect(findBusinessIn('別紙1 機能要件')).toBeUndefined()
  })
})

describe('parseClassCell', () => {
  it.each([
    ['【類型1：実装必須機能】', {class: 'mandatory', variants: []}],
    [
      '指定都市：実装必須機能\nその他：標準オプション機能',
      {class: 'optional', variants: [{category: '指定都市', class: 'mandatory'}]},
    ],
    [
      '実装必須機能（政令市）、標準オプション機能（上記以外）',
      {class: 'optional', variants: [{category: '指定都市', class: 'mandatory'}]},
    ],
    [
      '標準オプション機能（指定都市は実装必須機能）',
      {class: 'optional', variants: [{category: '指定都市', class: 'mandatory'}]},
    ],
    [
      '【類型3：標準オプション機能】（指定都市：【類型1：実装必須機能】）',
      {class: 'optional', variants: [{category: '指定都市', class: 'mandatory'}]},
    ],
    [
      '標準オプション機能\n特別区は実装必須機能\n町村：実装不可機能',
      {
        class: 'optional',
        variants: [
          {category: '特別区', class: 'mandatory'},
          {category: '町村', class: 'prohibited'},
        ],
      },
    ],
  ])('%j', (text, expected) => {
    expect(parseClassCell(text)).toEqual(expected)
  })

  it.each([
    ['指定都市：実装必須機能'],
    ['指定都市：必要\nその他：必須'],
    ['必須\nオプション'],
    ['村：必須\n必須'],
    ['必須（指定都市のみ）'],
    ['標準オプション機能（指定都市は必要）'],
  ])('rejects %j', (text) => {
    expect(parseClassCell(text)).toBeUndefined()
  })
})
