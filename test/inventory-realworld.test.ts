import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {InventoryImportResultSchema, InventoryListResultSchema} from '../src/inventory/inventory.schema.js'
import {makeTempDir, parseJson, runCli} from './helpers.js'

/** システム台帳 files as municipalities really keep them (not our template). */

let tmp: {dir: string; cleanup: () => void}
let db: string
beforeEach(() => {
  tmp = makeTempDir('hyojun-realworld-')
  db = join(tmp.dir, 'hyojun.db')
})
afterEach(() => tmp.cleanup())

type Cell = string | number | Date | null

async function listSystems(): Promise<Record<string, unknown>[]> {
  const r = await runCli(['inventory', 'list', '--db', db, '--json'])
  return InventoryListResultSchema.parse(parseJson(r.stdout)).systems as Record<string, unknown>[]
}

describe('inventory import of real-world ledgers', () => {
  it('picks the list over a 記入例 and a 集計 sheet with the same header, and says which it read', async () => {
    const header = [
      'No.',
      '所管課',
      'システム名',
      '保守費（税込・千円）',
      '契約開始日',
      '契約期限',
      'ベンダ名',
      '業務',
    ]
    const wb = new ExcelJS.Workbook()
    const example = wb.addWorksheet('記入例')
    example.addRow(header)
    example.addRow([1, '市民課', '（例）住民情報システム', 1000, 'R7.4.1', 'R12.3.31', '○○㈱', '住民記録'])
    const ws = wb.addWorksheet('システム一覧')
    ws.addRow(['情報システム一覧'])
    ws.addRow(['（令和7年4月1日現在）'])
    ws.addRow(header)
    const rows: Cell[][] = [
      [1, '市民課', '住民情報システム', 1200, 'R7.4.1', 'R12.3.31', '北斗㈱', '住民記録'],
      [2, '税務課', '税務システム', 2400, 'R7.4.1', 'R12.3.31', null, '個人住民税'],
      [3, '保険年金課', '国保システム', 300, 'R7.4.1', 'R12.3.31', null, '国保'],
      [4],
      ['', '', '', '', '', '', '小計', 3900],
      ['※ 保守費は税込'],
    ]
    for (const r of rows) ws.addRow(r)
    // One vendor for three systems, written once in a merged cell: it applies to each row.
    ws.mergeCells('G4:G6')
    for (let i = 0; i < 500; i++) ws.addRow([]).getCell(4).numFmt = '#,##0'
    const summary = wb.addWorksheet('集計')
    summary.addRow(['業務', 'システム名', '保守費（千円）'])
    summary.addRow(['住民記録', '住民情報システム', 1200])
    const file = join(tmp.dir, '台帳.xlsx')
    await wb.xlsx.writeFile(file)

    const r = await runCli(['inventory', 'import', file, '--db', db, '--json'])
    expect(r.exitCode).toBe(0)
    const out = InventoryImportResultSchema.parse(parseJson(r.stdout))
    expect(out.sheet).toBe('システム一覧')
    expect(out.systems).toBe(3)
    expect(out.warnings[0]).toContain('シート「システム一覧」を読み込みました')
    expect(out.warnings[0]).toContain('「記入例」')
    expect(out.warnings.join('\n')).not.toContain('単位の記載がない')
    expect(out.warnings.filter((w) => w.includes('空白行'))).toEqual([])
    const systems = await listSystems()
    expect(systems.map((s) => [s.name, s.vendor, s.annualCostYen, s.contractEnd, s.department])).toEqual([
      ['住民情報システム', '北斗㈱', 1_200_000, '2030-03-31', '市民課'],
      ['税務システム', '北斗㈱', 2_400_000, '2030-03-31', '税務課'],
      ['国保システム', '北斗㈱', 300_000, '2030-03-31', '保険年金課'],
    ])
  })

  it('reads a header on row 5 under a merged title, a 3-column 契約期間 group, units in odd brackets and messy values', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('台帳')
    ws.addRow(['令和7年度 情報システム台帳'])
    ws.mergeCells('A1:K1')
    ws.addRow([])
    ws.addRow(['', '', '', '', '', '', '', '', '', '作成日', '令和7年4月1日'])
    ws.addRow([])
    ws.addRow([
      'No.',
      '業務システム名',
      '標準化対象業務',
      'ベンダー',
      '稼働環境',
      '契約期間',
      '',
      '',
      '年間運用経費\n(千円)',
      '初期導入費〔円〕',
      '移行状況',
    ])
    ws.addRow(['', '', '', '', '', '開始', '終了', '年数'])
    ws.mergeCells('F5:H5')
    for (const c of ['A', 'B', 'C', 'D', 'E', 'I', 'J', 'K']) ws.mergeCells(`${c}5:${c}6`)
    const rows: Cell[][] = [
      [
        1,
        '住民情報システム',
        '住民記録、印鑑登録',
        '北斗システムズ㈱',
        'ガバクラ',
        '令和 7年 3月31日',
        'R12．3．31',
        5,
        '1,234千円',
        '¥1,234,000',
        '移行完了',
      ],
      [
        2,
        '税務システム',
        '税務（個人住民税・固定資産税）',
        '髙橋システム',
        'ガバメントクラウド(AWS)',
        '2026年3月31日',
        '2031.3.31',
        5,
        '１２３４',
        '1234000円',
        '作業中',
      ],
      [
        3,
        '国保システム',
        '国保・後期',
        null,
        'オンプレ',
        '令和7年3月末',
        '令和11年度末',
        5,
        '－',
        'なし',
        '特定移行支援システム',
      ],
      [
        4,
        '子育てシステム',
        '子ども・子育て支援\n児童手当',
        null,
        null,
        45747,
        new Date(Date.UTC(2030, 2, 31)),
        5,
        '未定',
        '約500万円',
        '未着手',
      ],
      ['', '合計', '', '', '', '', '', '', 2468],
      ['※金額は税込'],
    ]
    for (const r of rows) ws.addRow(r)
    ws.getColumn(8).hidden = true
    const file = join(tmp.dir, 'システム台帳.xlsx')
    await wb.xlsx.writeFile(file)

    const r = await runCli(['inventory', 'import', file, '--db', db, '--json'])
    expect(r.stderr).not.toContain('問題')
    expect(r.exitCode).toBe(0)
    const out = InventoryImportResultSchema.parse(parseJson(r.stdout))
    expect(out.headerRow).toBe(6)
    expect(out.warnings.join('\n')).toMatch(/台帳!F10: 契約開始の数値 45747 を Excel の日付シリアル値/)
    expect(out.warnings.join('\n')).toMatch(/台帳!J10: 初期導入費「約500万円」を概算/)
    const systems = await listSystems()
    expect(
      systems.map((s) => [
        s.name,
        s.businesses,
        s.hosting,
        s.contractStart,
        s.contractEnd,
        s.annualCostYen,
        s.initialCostYen,
        s.status,
      ]),
    ).toEqual([
      [
        '住民情報システム',
        ['住民基本台帳', '印鑑登録'],
        'ガバメントクラウド',
        '2025-03-31',
        '2030-03-31',
        1_234_000,
        1_234_000,
        '移行済',
      ],
      [
        '税務システム',
        ['個人住民税', '固定資産税'],
        'ガバメントクラウド',
        '2026-03-31',
        '2031-03-31',
        1_234_000,
        1_234_000,
        '移行作業中',
      ],
      [
        '国保システム',
        ['国民健康保険', '後期高齢者医療'],
        'オンプレミス',
        '2025-03-31',
        '2030-03-31',
        null,
        null,
        '特定移行支援',
      ],
      [
        '子育てシステム',
        ['子ども・子育て支援', '児童手当'],
        null,
        '2025-03-31',
        '2030-03-31',
        null,
        5_000_000,
        '未着手',
      ],
    ])
  })

  it('reads 契約期間 as 自 / 至 under a merged group, or as one 「～」 cell; a 年数 column under the group is ignored', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('台帳')
    ws.addRow(['システム名称', '契約期間', '', '', '業務'])
    ws.addRow(['', '自', '至', '年数', ''])
    for (const range of ['B1:D1', 'A1:A2', 'E1:E2']) ws.mergeCells(range)
    ws.addRow(['A', 'R7.4.1', 'R12.3.31', 5, '住民記録'])
    const file = join(tmp.dir, 'a.xlsx')
    await wb.xlsx.writeFile(file)
    const r = await runCli(['inventory', 'import', file, '--db', db, '--json'])
    expect(r.exitCode).toBe(0)
    expect(InventoryImportResultSchema.parse(parseJson(r.stdout)).columns).not.toHaveProperty('年数')
    expect((await listSystems()).map((s) => [s.contractStart, s.contractEnd])).toEqual([
      ['2025-04-01', '2030-03-31'],
    ])

    const csv = join(tmp.dir, 'b.csv')
    writeFileSync(
      csv,
      'システム名称,契約期間,業務\r\nA,令和7年4月1日～令和12年3月31日,住民記録\r\nB,2025/4/1~2030/3/31,住民記録\r\n',
    )
    expect((await runCli(['inventory', 'import', csv, '--db', db])).exitCode).toBe(0)
    expect((await listSystems()).map((s) => [s.name, s.contractStart, s.contractEnd])).toEqual([
      ['A', '2025-04-01', '2030-03-31'],
      ['B', '2025-04-01', '2030-03-31'],
    ])
  })
})
