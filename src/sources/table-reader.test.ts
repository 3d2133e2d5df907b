import {describe, expect, it} from 'vitest'
import {InvalidDataError} from '../errors.js'
import type {CellValue, WorkbookGrid} from './grid.js'
import {
  classifyRow,
  findHeader,
  labelFor,
  locateTable,
  readRows,
  skipWarnings,
  tableAt,
  type ColumnDef,
  type TableRecord,
} from './table-reader.js'

function rec(values: Record<string, CellValue>, extra: CellValue[] = []): TableRecord<string> {
  const texts = [...Object.values(values), ...extra].map((v) => (v === null ? '' : String(v)))
  return {row: 5, values, ref: () => 'x', blank: false, texts}
}

describe('classifyRow', () => {
  it.each<[Record<string, CellValue>, CellValue[], string]>([
    [{id: 'SYS-1', name: '住民情報システム', cost: 100}, [], 'data'],
    [{id: null, name: '合計', cost: 318150}, [], 'total'],
    [{id: '合計', name: null, cost: 318150}, [], 'total'],
    [{id: null, name: '小計（税務）', cost: 1}, [], 'total'],
    [{id: null, name: null, cost: 1}, ['合 計'], 'total'],
    [{id: '※金額は税込', name: null, cost: null}, [], 'note'],
    [{id: null, name: '※ 令和8年4月1日現在', cost: null}, [], 'note'],
    [{id: '（注）', name: null, cost: null}, ['（注）契約は単年度'], 'note'],
    [{id: '12', name: null, cost: null}, [], 'blank'],
    [{id: null, name: '　', cost: ''}, [], 'blank'],
    [{id: null, name: '（記入例）住民情報システム', cost: 1}, [], 'example'],
    [{id: null, name: '住民情報システム', cost: 1}, ['※備考あり'], 'data'],
  ])('%j → %s', (values, extra, kind) => {
    expect(classifyRow(rec(values, extra), 'name', ['id'])).toBe(kind)
  })
})

describe('skipWarnings', () => {
  it('summarizes blank rows inside the table and ignores trailing ones', () => {
    const r = skipWarnings(
      [
        {row: 7, kind: 'blank'},
        {row: 9, kind: 'blank'},
        {row: 20, kind: 'total'},
        {row: 21, kind: 'blank'},
      ],
      15,
      'a.xlsx › 台帳',
    )
    expect(r.warnings).toEqual([
      'a.xlsx › 台帳 20行目: 合計行のため取り込みませんでした',
      'a.xlsx › 台帳: 空白行を読み飛ばしました（7、9行目）',
    ])
    expect(r.count).toBe(3)
  })
})

type Key = 'name' | 'start' | 'end' | 'cost'
const COLUMNS: readonly ColumnDef<Key>[] = [
  {key: 'name', names: ['システム名称', 'システム名'], required: true},
  {key: 'start', names: ['契約開始日', '契約期間開始']},
  {key: 'end', names: ['契約満了日', '契約期間満了']},
  {key: 'cost', names: ['年間経費', '年額']},
]

function workbook(sheets: Record<string, CellValue[][]>): WorkbookGrid {
  return {
    file: '台帳.xlsx',
    format: 'xlsx',
    sheets: Object.entries(sheets).map(([name, rows]) => ({name, rows, merges: []})),
  }
}

describe('locateTable + readRows', () => {
  const grid = workbook({
    記入例: [
      ['システム名称', '契約開始日', '契約満了日', '年間経費'],
      ['（記入例）住民情報', '2024-04-01', '2029-03-31', 100],
    ],
    台帳: [
      ['システム一覧', null, null, '（単位：千円）'],
      [null, '契約期間', '契約期間', null],
      ['システム名称', '開始', '満了', '年間経費'],
      ['住民情報システム', 'R6.4.1', 'R11.3.31', 1200],
      [null, null, null, null],
      ['税務システム', 'R5.4.1', 'R10.3.31', '約800'],
      ['※金額は税込', null, null, null],
      ['合計', null, null, 2500],
    ],
  })

  it('finds a two-row header under a title, reads the unit above it, skips notes, blanks and totals with warnings', () => {
    const table = locateTable(grid, COLUMNS, {what: 'システム台帳', moneyKeys: ['cost']})
    expect(table.sheet.name).toBe('台帳')
    expect([table.header.firstRow, table.header.lastRow]).toEqual([2, 3])
    expect(table.columns.get('start')?.header).toBe('契約期間開始')
    expect(table.units.cost).toEqual({unit: 1000, stated: true})
    const r = readRows(table, {
      label: labelFor(COLUMNS),
      nameKey: 'name',
      rule: (row) => ({name: row.text('name'), cost: row.money('cost'), at: row.source}),
    })
    expect(r.rows).toEqual([
      {name: '住民情報システム', cost: 1_200_000, at: '台帳.xlsx › 台帳 4行目'},
      {name: '税務システム', cost: 800_000, at: '台帳.xlsx › 台帳 6行目'},
    ])
    expect(r.issues).toEqual([])
    expect(r.warnings).toEqual([
      '台帳.xlsx › 台帳 7行目: 注記行のため取り込みませんでした',
      '台帳.xlsx › 台帳 8行目: 合計行のため取り込みませんでした',
      '台帳.xlsx › 台帳: 空白行を読み飛ばしました（5行目）',
      '台帳.xlsx › 台帳!D8: 合計行の年間経費（2,500,000円）が取り込んだ行の合計（2,000,000円）と一致しません。行の漏れや入力誤りがないか確認してください',
      '台帳.xlsx › 台帳!D6: 年間経費「約800」を概算 800,000円として取り込みました',
    ])
    expect(r.skippedRows).toBe(3)
  })

  it("collects the rule's issues at their cells and says when no row was read", () => {
    const table = locateTable(grid, COLUMNS, {what: 'システム台帳', sheet: '台帳', moneyKeys: ['cost']})
    const r = readRows(table, {
      label: labelFor(COLUMNS),
      nameKey: 'name',
      noRows: 'システムの行が1件もありません',
      rule: (row) => {
        row.issue('start', 'BAD', `${row.text('start')} は読めません`)
        return undefined
      },
    })
    expect(r.rows).toEqual([])
    expect(r.issues.map((i) => [i.where, i.field, i.code])).toEqual([
      ['台帳.xlsx › 台帳!B4', '契約開始日', 'BAD'],
      ['台帳.xlsx › 台帳!B6', '契約開始日', 'BAD'],
    ])
    const none = readRows(table, {
      label: labelFor(COLUMNS),
      nameKey: 'name',
      noRows: 'ありません',
      rule: () => undefined,
    })
    expect(none.issues).toEqual([
      {where: '台帳.xlsx › 台帳', field: '', code: 'NO_ROWS', message: 'ありません'},
    ])
  })

  it('throws HEADER_NOT_FOUND naming the file when no sheet has the header', () => {
    const bad = workbook({メモ: [['何か'], ['別の何か']]})
    expect(() => locateTable(bad, COLUMNS, {what: 'システム台帳'})).toThrow(InvalidDataError)
    expect(() => locateTable(bad, COLUMNS, {what: 'システム台帳'})).toThrow(
      '台帳.xlsx: システム台帳の見出し行が見つかりません',
    )
  })
})

describe('readRows with carry and without a name column', () => {
  type H = 'major' | 'middle' | 'id'
  const defs: readonly ColumnDef<H>[] = [
    {key: 'major', names: ['大項目']},
    {key: 'middle', names: ['中項目']},
    {key: 'id', names: ['機能ID'], required: true},
  ]
  it('carries hierarchy cells down until an outer level changes, skipping blank rows silently', () => {
    const grid = workbook({
      機能: [
        ['大項目', '中項目', '機能ID'],
        ['住民記録', '異動', '0010001'],
        [null, null, '0010002'],
        [null, null, null],
        [null, '証明', '0010003'],
        ['届出', null, '0010004'],
      ],
    })
    const sheet = grid.sheets[0]!
    const table = tableAt(grid, sheet, findHeader(sheet, defs)!)
    const r = readRows(table, {
      label: labelFor(defs),
      carry: ['major', 'middle'],
      warnSkipped: false,
      rule: (row) => [row.carried('major'), row.carried('middle'), row.text('id')].join('/'),
    })
    expect(r.rows).toEqual([
      '住民記録/異動/0010001',
      '住民記録/異動/0010002',
      '住民記録/証明/0010003',
      '届出//0010004',
    ])
    expect(r.warnings).toEqual([])
  })
})
