import {describe, expect, it} from 'vitest'
import type {CellValue} from '../sources/grid.js'
import type {TableRecord} from '../sources/table.js'
import type {SystemField} from './inventory-columns.js'
import {parsePeriod, parseSystemRows} from './system-rows.js'

function table(rows: Partial<Record<SystemField, CellValue>>[]): Parameters<typeof parseSystemRows>[0] {
  const records: TableRecord<SystemField>[] = rows.map((values, i) => ({
    row: i + 2,
    values,
    blank: false,
    texts: Object.values(values).map((v) => (v === null || v === undefined ? '' : String(v))),
    ref: (k) => `t.xlsx › S!${k}${i + 2}`,
  }))
  return {
    records,
    columns: new Map(),
    units: {annualCostYen: {unit: 1000, stated: true}},
    place: 't.xlsx › S',
  }
}

describe('parseSystemRows', () => {
  it.each([
    ['移行済み', '移行済'],
    ['作業中', '移行作業中'],
    ['特定移行支援システム', '特定移行支援'],
    ['未着手', '未着手'],
  ])('normalizes 移行状況 %s → %s', (status, expected) => {
    const r = parseSystemRows(table([{name: 'A', status}]))
    expect(r.issues).toEqual([])
    expect(r.systems[0]!.record.status).toBe(expected)
  })

  it.each([
    ['オンプレ', 'オンプレミス', 0],
    ['ＳａａＳ', 'SaaS', 0],
    ['ガバクラ', 'ガバメントクラウド', 0],
    ['ガバメントクラウド(AWS)', 'ガバメントクラウド', 0],
    ['ガバメントクラウド（Azure）', 'ガバメントクラウド', 0],
    ['庁舎別館サーバ室', '庁舎別館サーバ室', 1],
  ])('稼働環境 %s → %s (%i warnings)', (hosting, expected, warnings) => {
    const r = parseSystemRows(table([{name: 'A', hosting}]))
    expect(r.systems[0]!.record.hosting).toBe(expected)
    expect(r.warnings).toHaveLength(warnings)
  })

  it('collects every problem of a row with its cell', () => {
    const r = parseSystemRows(
      table([
        {
          name: 'A',
          status: '様子見',
          contractStart: 'R8.4.1',
          contractEnd: 'R7.3.31',
          annualCostYen: '12,48',
          users: '多数',
        },
        {name: null, businesses: '住民記録'},
      ]),
    )
    expect(r.issues.map((i) => `${i.where} ${i.code}`)).toEqual([
      't.xlsx › S!contractEnd2 CONTRACT_END_BEFORE_START',
      't.xlsx › S!annualCostYen2 INVALID_AMOUNT',
      't.xlsx › S!users2 INVALID_NUMBER',
      't.xlsx › S!status2 INVALID_STATUS',
      't.xlsx › S!name3 REQUIRED',
    ])
  })

  it('reads 月末 / 年度末 dates and serials, warns on serials and estimates', () => {
    const r = parseSystemRows(
      table([
        {name: 'A', contractStart: '令和7年3月末', contractEnd: '令和7年度末', annualCostYen: '約500万円'},
        {name: 'B', contractEnd: 45747},
      ]),
    )
    expect(r.issues).toEqual([])
    expect(
      r.systems.map((s) => [s.record.contractStart, s.record.contractEnd, s.record.annualCostYen]),
    ).toEqual([
      ['2025-03-31', '2026-03-31', 5_000_000],
      [null, '2025-03-31', null],
    ])
    expect(r.warnings.join('\n')).toMatch(/概算 5,000,000円/)
    expect(r.warnings.join('\n')).toMatch(/contractEnd3: 契約満了の数値 45747 を Excel の日付シリアル値/)
  })

  it.each(['未定', 'なし', '－'])('treats %s in a money or date cell as missing', (text) => {
    const r = parseSystemRows(table([{name: 'A', annualCostYen: text, contractEnd: text}]))
    expect(r.issues).toEqual([])
    expect(r.systems[0]!.record).toMatchObject({annualCostYen: null, contractEnd: null})
  })

  it('treats blank money as missing, never 0', () => {
    const r = parseSystemRows(table([{name: 'A', annualCostYen: '　', initialCostYen: null}]))
    expect(r.systems[0]!.record).toMatchObject({annualCostYen: null, initialCostYen: null})
  })
})

describe('parsePeriod (契約期間 in one cell)', () => {
  it.each<[string, string | null, string | null]>([
    ['令和7年4月1日～令和12年3月31日', '2025-04-01', '2030-03-31'],
    ['R7.4.1〜R12.3.31', '2025-04-01', '2030-03-31'],
    ['2025/4/1~2030/3/31', '2025-04-01', '2030-03-31'],
    ['R7.4.1 から R12.3.31まで', '2025-04-01', '2030-03-31'],
    ['～令和12年3月31日', null, '2030-03-31'],
    ['2025-04-01 ～ 2030-03-31', '2025-04-01', '2030-03-31'],
  ])('%s → %s / %s', (text, start, end) => {
    expect(parsePeriod(text)).toEqual({ok: true, start, end})
  })

  it.each(['5年', 'R7.4.1', 'R7.2.30～R12.3.31'])('%s is refused', (text) => {
    expect(parsePeriod(text).ok).toBe(false)
  })

  it('fills 契約開始 / 契約満了 from the 契約期間 cell and checks their order', () => {
    const r = parseSystemRows(
      table([
        {name: 'A', contractPeriod: 'R12.4.1～R7.3.31'},
        {name: 'B', contractPeriod: 'R7.4.1～R12.3.31'},
      ]),
    )
    expect(r.issues.map((i) => i.code)).toEqual(['CONTRACT_END_BEFORE_START'])
    expect(r.systems[1]!.record).toMatchObject({contractStart: '2025-04-01', contractEnd: '2030-03-31'})
  })
})
