import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {InventoryImportResultSchema, InventoryListResultSchema} from '../src/inventory/inventory.schema.js'
import {makeTempDir, parseJson, runCli} from './helpers.js'
import {parseContract} from './contract.js'

let tmp: {dir: string; cleanup: () => void}
let db: string
beforeEach(() => {
  tmp = makeTempDir('hyojun-inventory-')
  db = join(tmp.dir, 'hyojun.db')
})
afterEach(() => tmp.cleanup())

type Cell = string | number | Date | null

/**
 * A システム台帳 as staff keep it: two title rows, a two-row header with 契約期間 merged
 * over 開始 / 満了 (other headers merged vertically), amounts in 千円.
 */
async function writeLedger(
  path: string,
  rows: readonly Cell[][],
  options: {sheet?: string} = {},
): Promise<void> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(options.sheet ?? '業務システム一覧')
  ws.addRow(['令和8年度 情報システム台帳'])
  ws.addRow(['作成：情報政策課（令和8年4月1日現在）'])
  const top = [
    'システム名称',
    '対象業務',
    '事業者',
    '稼働環境',
    '契約期間',
    '契約期間',
    '年間運用経費（千円）',
    '初期導入費（円）',
    '利用者数',
    '連携先',
    '移行状況',
    '移行予定日',
    '所管課',
    '備考',
  ]
  const sub = [...top]
  sub[4] = '開始'
  sub[5] = '満了'
  ws.addRow(top)
  ws.addRow(sub)
  ws.mergeCells('E3:F3')
  for (const col of ['A', 'B', 'C', 'D', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N'])
    ws.mergeCells(`${col}3:${col}4`)
  for (const r of rows) ws.addRow(r)
  await wb.xlsx.writeFile(path)
}

//  A: 名称  B: 業務  C: 事業者  D: 環境  E: 開始  F: 満了  G: 運用(千円)  H: 初期(円)  I: 利用者  J: 連携先  K: 状況  L: 予定日  M: 課  N: 備考
const GOOD: Cell[][] = [
  [
    '住民情報システム',
    '住民記録\n印鑑登録\n戸籍附票',
    '北斗システムズ',
    'ガバメントクラウド',
    '令和7年3月31日',
    'R12.3.31',
    38640,
    '96,800',
    142,
    '税務総合システム、児童手当・児童扶養手当システム',
    '移行済',
    '令和元年10月1日',
    '市民課',
    null,
  ],
  [
    '税務総合システム',
    '個人市民税、固定資産税・都市計画税、軽自動車税',
    '北斗システムズ',
    'データセンター',
    'H31.4.30',
    'R07/03/31',
    '45,360',
    '１２８，７００',
    '９６',
    '住民情報システム',
    '移行作業中',
    '令和8年11月',
    '税務課',
    null,
  ],
  [
    '子育て総合システム',
    '児童手当・子ども・子育て支援',
    '若草ソフト',
    'SaaS',
    '2026/03/31',
    '2031-03-31',
    '12,480千円',
    null,
    null,
    null,
    '未着手',
    '未定',
    '保育課',
    null,
  ],
  [null, null, null, null, null, null, null, null, null, null, null, null, null, null],
  [
    '財務会計システム',
    '－',
    'みなと情報',
    'オンプレ',
    new Date(Date.UTC(2020, 3, 1)),
    new Date(Date.UTC(2027, 2, 31)),
    9840,
    26400000,
    620,
    null,
    null,
    null,
    '財政課',
    '標準化対象外',
  ],
  ['合計', null, null, null, null, null, 106320, 26625500, null, null, null, null, null, null],
  ['※金額は税込', null, null, null, null, null, null, null, null, null, null, null, null, null],
]

function rowCounts(): {systems: number; links: number; customizations: number} {
  const d = new Database(db, {readonly: true})
  const n = (t: string): number => d.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number
  const out = {
    systems: n('inventory_system'),
    links: n('inventory_system_business'),
    customizations: n('customization'),
  }
  d.close()
  return out
}

describe('hyojun inventory import', () => {
  it('imports a messy ledger: title rows, merged two-row header, 和暦, 千円, full-width digits, multi-業務 cells', async () => {
    const file = join(tmp.dir, 'システム台帳.xlsx')
    await writeLedger(file, GOOD)
    const r = await runCli(['inventory', 'import', file, '--db', db, '--json'])
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/)
    expect(r.exitCode).toBe(0)
    const out = parseContract('inventory import', r.stdout)
    expect(out).toMatchObject({
      file: 'システム台帳.xlsx',
      sheet: '業務システム一覧',
      headerRow: 4,
      systems: 4,
      written: true,
      skippedRows: 3,
    })
    expect(out.columns).toMatchObject({
      開始: 'contractStart',
      満了: 'contractEnd',
      '年間運用経費（千円）': 'annualCostYen',
    })
    expect(out.changes.added.map((s) => s.id)).toEqual(['SYS-001', 'SYS-002', 'SYS-003', 'SYS-004'])
    expect(out.warnings).toEqual(
      expect.arrayContaining([
        'システム台帳.xlsx › 業務システム一覧 10行目: 合計行のため取り込みませんでした',
        'システム台帳.xlsx › 業務システム一覧 11行目: 注記行のため取り込みませんでした',
        'システム台帳.xlsx › 業務システム一覧: 空白行を読み飛ばしました（8行目）',
      ]),
    )

    const list = parseContract(
      'inventory list',
      (await runCli(['inventory', 'list', '--db', db, '--json'])).stdout,
    )
    const [juki, tax, kosodate, zaimu] = list.systems
    expect(juki).toEqual({
      id: 'SYS-001',
      name: '住民情報システム',
      businesses: ['住民基本台帳', '印鑑登録', '戸籍の附票'],
      businessIds: ['juki', 'inkan', 'koseki-fuhyo'],
      vendor: '北斗システムズ',
      product: null,
      hosting: 'ガバメントクラウド',
      contractStart: '2025-03-31',
      contractEnd: '2030-03-31',
      annualCostYen: 38_640_000,
      initialCostYen: 96_800,
      users: 142,
      records: null,
      links: ['税務総合システム', '児童手当・児童扶養手当システム'],
      status: '移行済',
      plannedMigration: '2019-10-01',
      department: '市民課',
      note: null,
      baselineAnnualCostYen: null,
      hostingProvider: null,
    })
    expect(tax).toMatchObject({
      businesses: ['個人住民税', '固定資産税', '軽自動車税'],
      contractStart: '2019-04-30',
      contractEnd: '2025-03-31',
      annualCostYen: 45_360_000,
      initialCostYen: 128_700,
      users: 96,
      plannedMigration: '2026-11',
    })
    expect(kosodate).toMatchObject({
      businesses: ['児童手当', '子ども・子育て支援'],
      contractStart: '2026-03-31',
      contractEnd: '2031-03-31',
      annualCostYen: 12_480_000,
      initialCostYen: null,
      users: null,
      status: '未着手',
      plannedMigration: null,
    })
    expect(zaimu).toMatchObject({
      businesses: [],
      hosting: 'オンプレミス',
      contractStart: '2020-04-01',
      contractEnd: '2027-03-31',
      annualCostYen: 9_840_000,
      initialCostYen: 26_400_000,
      status: null,
    })
  })

  it('reports all three bad cells with their addresses and writes nothing', async () => {
    const file = join(tmp.dir, 'システム台帳.xlsx')
    await writeLedger(file, GOOD)
    expect((await runCli(['inventory', 'import', file, '--db', db])).exitCode).toBe(0)
    const before = rowCounts()

    const bad = GOOD.map((r) => [...r])
    bad[0]![5] = '令和7年2月30日' // F5
    bad[1]![1] = '個人市民税、住民票' // B6
    bad[2]![6] = '12,48' // G7
    bad[0]![0] = '住民情報システム（新）'
    const badFile = join(tmp.dir, 'システム台帳_誤り.xlsx')
    await writeLedger(badFile, bad)
    const r = await runCli(['inventory', 'import', badFile, '--db', db, '--json'])
    expect(r.exitCode).toBe(3)
    const err = parseJson(r.stdout) as {
      error: {code: string; issues: {where: string; field: string; message: string}[]}
    }
    expect(err.error.code).toBe('INVALID_DATA')
    expect(err.error.issues.map((i) => i.where)).toEqual([
      'システム台帳_誤り.xlsx › 業務システム一覧!F5',
      'システム台帳_誤り.xlsx › 業務システム一覧!B6',
      'システム台帳_誤り.xlsx › 業務システム一覧!G7',
    ])
    expect(err.error.issues[0]!.message).toBe('契約満了「令和7年2月30日」は存在しない日付です')
    expect(err.error.issues[1]!.message).toContain('「住民票」は標準化対象業務ではありません')
    expect(err.error.issues[2]!.field).toBe('年間運用経費')
    expect(rowCounts()).toEqual(before)
    expect(
      InventoryListResultSchema.parse(
        parseJson((await runCli(['inventory', 'list', '--db', db, '--json'])).stdout),
      ).systems[0]!.name,
    ).toBe('住民情報システム')

    const human = await runCli(['inventory', 'import', badFile, '--db', db])
    expect(human.exitCode).toBe(3)
    expect(human.stderr).toContain(
      'システム台帳_誤り.xlsx › 業務システム一覧!F5: 契約満了「令和7年2月30日」は存在しない日付です',
    )
    expect(human.stderr).not.toMatch(/at .*\.ts:\d+/)
  })

  it('warns when the 合計 row does not match the imported rows', async () => {
    const file = join(tmp.dir, 'a.xlsx')
    const rows = GOOD.map((r) => [...r])
    rows[5]![6] = 106000
    await writeLedger(file, rows)
    const r = await runCli(['inventory', 'import', file, '--db', db, '--json'])
    const out = InventoryImportResultSchema.parse(parseJson(r.stdout))
    expect(out.warnings.filter((w) => w.includes('一致しません'))).toEqual([
      'a.xlsx › 業務システム一覧!G10: 合計行の年間運用経費（106,000,000円）が取り込んだ行の合計（106,320,000円）と一致しません。行の漏れや入力誤りがないか確認してください',
    ])
  })

  it('refuses 平成31年5月1日 and a 業務 name with a did-you-mean', async () => {
    const file = join(tmp.dir, 'a.xlsx')
    await writeLedger(file, [
      [
        '介護システム',
        '介護保健',
        null,
        null,
        '平成31年5月1日',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
    ])
    const r = await runCli(['inventory', 'import', file, '--db', db, '--json'])
    expect(r.exitCode).toBe(3)
    const issues = (parseJson(r.stdout) as {error: {issues: {where: string; message: string}[]}}).error.issues
    expect(issues).toEqual([
      expect.objectContaining({
        where: 'a.xlsx › 業務システム一覧!B5',
        message: expect.stringContaining('もしかして: 介護保険') as string,
      }),
      expect.objectContaining({
        where: 'a.xlsx › 業務システム一覧!E5',
        message: '契約開始「平成31年5月1日」は存在しない日付です（平成は平成31年4月30日まで）',
      }),
    ])
    expect(existsSync(db)).toBe(false)
  })

  it('replaces the inventory on re-import, keeps ids by name and reports the changes', async () => {
    const file = join(tmp.dir, 'v1.xlsx')
    await writeLedger(file, GOOD)
    await runCli(['inventory', 'import', file, '--db', db])
    const v2 = [
      GOOD[4]!,
      GOOD[1]!.map((c, i) => (i === 6 ? '50,000' : c)),
      [
        '新住民情報システム',
        '住民基本台帳',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
      GOOD[0]!,
    ]
    const file2 = join(tmp.dir, 'v2.xlsx')
    await writeLedger(file2, v2)

    const dry = InventoryImportResultSchema.parse(
      parseJson((await runCli(['inventory', 'import', file2, '--db', db, '--dry-run', '--json'])).stdout),
    )
    expect(dry.written).toBe(false)
    expect(rowCounts().systems).toBe(4)

    const r = await runCli(['inventory', 'import', file2, '--db', db, '--json'])
    const out = InventoryImportResultSchema.parse(parseJson(r.stdout))
    expect(out.changes).toEqual(dry.changes)
    expect(out.changes.added).toEqual([{id: 'SYS-005', name: '新住民情報システム'}])
    expect(out.changes.removed).toEqual([
      {id: 'SYS-003', name: '子育て総合システム', customizationsRemoved: 0},
    ])
    expect(out.changes.changed).toEqual([
      {
        id: 'SYS-002',
        name: '税務総合システム',
        fields: [{field: 'annualCostYen', label: '年間運用経費', before: 45_360_000, after: 50_000_000}],
      },
    ])
    expect(out.unchanged).toBe(2)
    const list = InventoryListResultSchema.parse(
      parseJson((await runCli(['inventory', 'list', '--db', db, '--json'])).stdout),
    )
    expect(list.systems.map((s) => `${s.id} ${s.name}`)).toEqual([
      'SYS-004 財務会計システム',
      'SYS-002 税務総合システム',
      'SYS-005 新住民情報システム',
      'SYS-001 住民情報システム',
    ])
  })

  it('reads the list’s own システムID column and refuses duplicates', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('台帳')
    ws.addRow(['管理番号', 'システム名', 'ベンダ', '保守費（万円）'])
    ws.addRow(['A-10', '住記システム', 'X社', '１２０'])
    ws.addRow(['A-11', '税システム', 'Y社', 35.5])
    ws.addRow(['A-11', '税システム', 'Y社', 1])
    const file = join(tmp.dir, 'ids.xlsx')
    await wb.xlsx.writeFile(file)
    const bad = await runCli(['inventory', 'import', file, '--db', db, '--json'])
    expect(bad.exitCode).toBe(3)
    const issues = (parseJson(bad.stdout) as {error: {issues: {where: string; code: string}[]}}).error.issues
    expect(issues.map((i) => `${i.where} ${i.code}`)).toEqual([
      'ids.xlsx › 台帳!B4 DUPLICATE_SYSTEM',
      'ids.xlsx › 台帳!A4 DUPLICATE_ID',
    ])
    ws.spliceRows(4, 1)
    await wb.xlsx.writeFile(file)
    const ok = InventoryImportResultSchema.parse(
      parseJson((await runCli(['inventory', 'import', file, '--db', db, '--json'])).stdout),
    )
    expect(ok.changes.added).toEqual([
      {id: 'A-10', name: '住記システム'},
      {id: 'A-11', name: '税システム'},
    ])
    const show = parseContract(
      'inventory show',
      (await runCli(['inventory', 'show', 'A-11', '--db', db, '--json'])).stdout,
    )
    expect(show.system).toMatchObject({name: '税システム', vendor: 'Y社', annualCostYen: 355_000})
    expect(show.customizations).toEqual([])
  })

  it('takes a --mapping file for headers the variants miss, and explains a bad one', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Sheet1')
    ws.addRow(['業務システム（正式名）', '保守委託料（千円）', '担当'])
    ws.addRow(['住民情報システム', 100, '市民課'])
    const file = join(tmp.dir, 'odd.xlsx')
    await wb.xlsx.writeFile(file)
    const noMap = await runCli(['inventory', 'import', file, '--db', db, '--json'])
    expect(noMap.exitCode).toBe(3)
    const mapping = join(tmp.dir, 'map.json')
    writeFileSync(
      mapping,
      JSON.stringify({
        columns: {'業務システム（正式名）': 'システム名称', 保守委託料: 'annualCostYen', 担当: '所管課'},
      }),
    )
    const r = await runCli(['inventory', 'import', file, '--mapping', mapping, '--db', db, '--json'])
    expect(r.exitCode).toBe(0)
    const list = InventoryListResultSchema.parse(
      parseJson((await runCli(['inventory', 'list', '--db', db, '--json'])).stdout),
    )
    expect(list.systems[0]).toMatchObject({
      name: '住民情報システム',
      annualCostYen: 100_000,
      department: '市民課',
    })

    writeFileSync(mapping, JSON.stringify({columns: {担当: '担当者'}}))
    const bad = await runCli(['inventory', 'import', file, '--mapping', mapping, '--db', db, '--json'])
    expect(bad.exitCode).toBe(3)
    expect(JSON.stringify(parseJson(bad.stdout))).toContain('「担当者」は項目名ではありません')
  })

  it('recognizes a カスタマイズ一覧 given to inventory import (exit 2, nothing written)', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('一覧')
    ws.addRow(['管理番号', 'システム名', 'カスタマイズ名称', '内容'])
    ws.addRow(['C-1', '住民情報システム', '独自帳票', 'x'])
    ws.addRow(['C-2', '住民情報システム', '独自CSV', 'y'])
    const file = join(tmp.dir, 'c.xlsx')
    await wb.xlsx.writeFile(file)
    const r = await runCli(['inventory', 'import', file, '--db', db])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('カスタマイズ一覧のようです')
    expect(r.stderr).toContain('hyojun customizations import c.xlsx')
    expect(existsSync(db)).toBe(false)
  })

  it('says which sheets exist when --sheet names none (exit 2)', async () => {
    const file = join(tmp.dir, 's.xlsx')
    await writeLedger(file, GOOD)
    const r = await runCli(['inventory', 'import', file, '--sheet', '台帳', '--db', db])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('シート「台帳」がありません（シート: 業務システム一覧）')
  })
})

describe('hyojun inventory show / list', () => {
  it('shows a system with did-you-mean for an unknown name', async () => {
    const file = join(tmp.dir, 'a.xlsx')
    await writeLedger(file, GOOD)
    await runCli(['inventory', 'import', file, '--db', db])
    const r = await runCli(['inventory', 'show', '住民情報', '--db', db])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('もしかして: 住民情報システム')
    const ok = await runCli(['inventory', 'show', '住民情報システム', '--db', db])
    expect(ok.stdout).toContain('住民基本台帳、印鑑登録、戸籍の附票')
  })

  it('says there is no database yet before any import, and creates none', async () => {
    const r = await runCli(['inventory', 'list', '--db', db, '--json'])
    expect(r.exitCode).toBe(1)
    expect((parseJson(r.stdout) as {error: {code: string}}).error.code).toBe('DB_NOT_FOUND')
    expect(existsSync(db)).toBe(false)
  })
})

describe('hyojun inventory template', () => {
  it('writes the form with 入力要領 and dropdowns, and a filled-in form imports', async () => {
    const out = join(tmp.dir, '様式.xlsx')
    const r = await runCli(['inventory', 'template', '--output', out, '--kind', 'both', '--db', db, '--json'])
    expect(r.exitCode).toBe(0)
    expect(parseContract('inventory template', r.stdout).sheets).toEqual([
      '業務システム一覧',
      'カスタマイズ一覧',
      '入力要領',
    ])

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    const ws = wb.getWorksheet('業務システム一覧')!
    const header = ws.getRow(4).values as unknown[]
    expect(header.slice(1, 4)).toEqual(['システムID', 'システム名称', '対象業務'])
    const validations = (ws as unknown as {dataValidations: {model: Record<string, {formulae: string[]}>}})
      .dataValidations.model
    expect(Object.values(validations).map((v) => v.formulae[0])).toEqual(
      expect.arrayContaining([
        '"オンプレミス,データセンター,自治体クラウド,ガバメントクラウド,SaaS"',
        '"未着手,移行作業中,移行済,特定移行支援"',
      ]),
    )
    expect(wb.getWorksheet('入力要領')!.rowCount).toBeGreaterThan(20)

    const fill: Record<string, string> = {
      B5: '住民情報システム',
      C5: '住民記録',
      D5: 'X社',
      F5: 'ガバメントクラウド',
      G5: '令和8年1月4日',
      H5: '令和13年3月31日',
      I5: '12,480',
    }
    for (const [addr, v] of Object.entries(fill)) ws.getCell(addr).value = v
    await wb.xlsx.writeFile(out)
    const imp = await runCli(['inventory', 'import', out, '--db', db, '--json'])
    expect(imp.exitCode).toBe(0)
    const res = InventoryImportResultSchema.parse(parseJson(imp.stdout))
    expect(res.sheet).toBe('業務システム一覧')
    const list = InventoryListResultSchema.parse(
      parseJson((await runCli(['inventory', 'list', '--db', db, '--json'])).stdout),
    )
    expect(list.systems).toEqual([
      expect.objectContaining({id: 'SYS-001', annualCostYen: 12_480_000, contractEnd: '2031-03-31'}),
    ])

    const again = await runCli(['inventory', 'template', '--output', out, '--db', db])
    expect(again.exitCode).toBe(1)
    expect(again.stderr).toContain('既に存在します')
  })
})
