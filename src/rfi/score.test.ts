import {describe, expect, it} from 'vitest'
import type {RfiAnswer, RfiCostLine, VendorResponse} from './rfi-model.js'
import {DEFAULT_WEIGHTS, measureVendor, scoreVendors, type VendorMetrics} from './score.js'

const answer = (a: Partial<RfiAnswer> & Pick<RfiAnswer, 'id'>): RfiAnswer => ({
  kind: 'function',
  name: a.id,
  class: 'mandatory',
  need: 'required',
  mark: '○',
  method: '標準',
  availableFrom: null,
  costYen: null,
  note: null,
  ...a,
})

const annual = (item: string, yen: number | null, currency: 'JPY' | 'USD' = 'JPY'): RfiCostLine => ({
  phase: 'annual',
  item,
  currency,
  amounts: [yen, yen, yen, yen, yen],
  note: null,
})

function response(
  answers: RfiAnswer[],
  costs: RfiCostLine[] = [],
  fxRate: number | null = null,
): VendorResponse {
  return {
    vendor: 'V',
    businessId: 'juki',
    business: '住民基本台帳',
    specVersion: '6.0',
    answers,
    costs,
    fxRate,
    conditions: null,
    sourceFile: 'x.xlsx',
    importedAt: '2026-12-01T00:00:00.000Z',
  }
}

describe('measureVendor', () => {
  it('counts mandatory △/×, prohibited ○/△, needed options and outside coverage, and flags each', () => {
    const m = measureVendor(
      response([
        answer({id: 'a', mark: '△'}),
        answer({id: 'b', mark: '×'}),
        answer({id: 'c'}),
        answer({id: 'p', class: 'prohibited', need: 'none', mark: '○'}),
        answer({id: 'q', class: 'prohibited', need: 'none', mark: '×'}),
        answer({id: 'o1', class: 'optional', mark: '○'}),
        answer({id: 'o2', class: 'optional', mark: '×'}),
        answer({id: 'o3', class: 'optional', need: 'optional', mark: '×'}),
        answer({id: 'x1', kind: 'outside', class: null, mark: null, method: '独自施策システム'}),
        answer({id: 'x2', kind: 'outside', class: null, mark: null, method: '対応不可'}),
        answer({id: 'x3', kind: 'outside', class: null, mark: null, method: null}),
        answer({id: 'f', kind: 'form', mark: null, method: null}),
      ]),
    )
    expect(m).toMatchObject({
      mandatoryNotMet: 2,
      prohibitedOffered: 1,
      neededOptionsMet: 1,
      neededOptionsTotal: 2,
      neededOptionsMissing: 1,
      outsideCovered: 1,
      outsideTotal: 3,
      blank: 2,
      answered: 10,
    })
    expect(m.flags).toEqual([
      '標準不適合の疑い: 実装必須機能 2 件が△/×（a、b）',
      '実装不可機能の提供: 1 件（p）',
      '本市で必要な標準オプション機能 1 件が×（o2）',
      '未回答 2 件',
      '費用未回答',
    ])
    expect(m.oneTimeYen).toBeNull()
    expect(m.fiveYearYen).toBeNull()
  })

  it('sums one-time categories and per-row costs of needed items, five years of running costs, dollars at the stated rate', () => {
    const m = measureVendor(
      response(
        [
          answer({id: 'o1', class: 'optional', costYen: 300_000}),
          // not needed: its cost is not ours
          answer({id: 'o2', class: 'optional', need: 'optional', costYen: 900_000}),
          answer({
            id: 'x1',
            kind: 'outside',
            class: null,
            mark: null,
            method: '独自施策システム',
            costYen: 1_000_000,
          }),
          answer({
            id: 'x2',
            kind: 'outside',
            class: null,
            mark: null,
            method: '対応不可',
            costYen: 5_000_000,
          }),
        ],
        [
          {phase: 'one-time', item: 'データ移行', currency: 'JPY', amounts: [12_000_000], note: null},
          annual('標準準拠システム利用料', 10_000_000),
          annual('ガバメントクラウド利用料', 20_000, 'USD'),
        ],
        140,
      ),
    )
    expect(m.oneTimeYen).toBe(13_300_000)
    expect(m.annualByYearYen).toEqual(Array(5).fill(12_800_000))
    expect(m.annualYen).toBe(12_800_000)
    expect(m.fiveYearYen).toBe(13_300_000 + 5 * 12_800_000)
    expect(m.flags).toEqual([])
  })

  it('converts dollars at the default rate and says so when the vendor stated none; counts blank cost cells', () => {
    const m = measureVendor(
      response(
        [answer({id: 'a'})],
        [
          annual('ガバメントクラウド利用料', 10_000, 'USD'),
          {phase: 'one-time', item: '研修', currency: 'JPY', amounts: [null], note: null},
        ],
      ),
      {fxRate: 155},
    )
    expect(m.annualYen).toBe(1_550_000)
    expect(m.blankCosts).toBe(1)
    expect(m.flags).toEqual(['費用の一部が未回答（1 欄）', '為替レート未記入（1ドル=155円で換算）'])
  })
})

describe('scoreVendors', () => {
  const base: VendorMetrics = {
    vendor: 'A',
    answered: 10,
    blank: 0,
    mandatoryNotMet: 0,
    prohibitedOffered: 0,
    neededOptionsMet: 4,
    neededOptionsTotal: 4,
    neededOptionsMissing: 0,
    outsideCovered: 2,
    outsideTotal: 2,
    oneTimeYen: 0,
    annualYen: 0,
    annualByYearYen: [],
    fiveYearYen: 100_000_000,
    blankCosts: 0,
    flags: [],
  }

  it.each([
    // [label, metrics override, expected score with the default weights 40/20/40]
    ['everything covered, cheapest', {}, 100],
    ['half the needed options', {neededOptionsMet: 2}, 80],
    ['no outside covered', {outsideCovered: 0}, 80],
    ['twice the cheapest cost', {fiveYearYen: 200_000_000}, 80],
    ['no cost given', {fiveYearYen: null}, 60],
    [
      'nothing needed, nothing outside: full coverage',
      {neededOptionsTotal: 0, neededOptionsMet: 0, outsideTotal: 0, outsideCovered: 0},
      100,
    ],
  ])('%s', (_label, override, expected) => {
    const cheapest = {...base, vendor: 'cheapest'}
    const [scored] = scoreVendors([{...base, ...override}, cheapest])
    expect(scored!.score).toBe(expected)
  })

  it('uses the weights given', () => {
    const [a] = scoreVendors([{...base, neededOptionsMet: 0}], {neededOptions: 0, outside: 0, cost: 1})
    expect(a!.score).toBe(100)
    const [b] = scoreVendors([{...base, neededOptionsMet: 0}], {neededOptions: 1, outside: 0, cost: 0})
    expect(b!.score).toBe(0)
  })

  it('ranks qualified vendors first, then by score; flags never change the score; ties share a rank', () => {
    const flagged = {
      ...base,
      vendor: 'flagged',
      mandatoryNotMet: 1,
      flags: ['標準不適合の疑い'],
      fiveYearYen: 50_000_000,
    }
    const clean = {...base, vendor: 'clean'}
    const clean2 = {...base, vendor: 'clean2'}
    const scored = scoreVendors([flagged, clean, clean2], DEFAULT_WEIGHTS)
    const by = new Map(scored.map((s) => [s.vendor, s]))
    expect(by.get('flagged')!.score).toBe(100)
    expect(by.get('clean')!.score).toBe(80)
    expect(by.get('flagged')!.rank).toBe(3)
    expect(by.get('flagged')!.qualified).toBe(false)
    expect(by.get('flagged')!.flags).toEqual(['標準不適合の疑い'])
    expect([by.get('clean')!.rank, by.get('clean2')!.rank]).toEqual([1, 1])
  })
})
