import {copyFileSync, existsSync, mkdirSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {RfiExportResultSchema, RfiImportResultSchema} from '../src/rfi/rfi.schema.js'
import {runRfiSample} from '../src/rfi/rfi-sample.service.js'
import {summarizeRfiStatus} from '../src/rfi/rfi.service.js'
import {withDatabase} from '../src/db/database.js'
import {fillRfiWorkbook, headerMap, type FillPlan, type QuestionView} from '../scripts/sample/rfi-fill.js'
import {importSpecFile, setUpWorkspace} from './fitgap-fixtures.js'
import {makeTempDir, parseJson, ROOT, runCli} from './helpers.js'
import {parseContract} from './contract.js'

let tmp: {dir: string; cleanup: () => void}
let baseDb: string
/** Exported against 第6.0版 (current) and 第5.0版 (before the spec was updated). */
let exported: string
let exportedOld: string
let clean: string
let testNo = 0

const answerAll = (q: QuestionView): Record<string, string | number | null> =>
  q.sheet === '独自要件'
    ? {対応方法: '独自施策システム', '費用（千円）': 1200, 備考: 'API 連携'}
    : q.classLabel === '実装不可機能'
      ? {対応: '×', 対応方法: '対応不可'}
      : {対応: '○', 対応方法: q.classLabel === '標準オプション機能' ? '標準オプション' : '標準'}

const COSTS: FillPlan['costs'] = {
  データ移行: {導入時: 12_000},
  研修: {導入時: 1_500},
  標準準拠システム利用料: {
    '1年目': 10_000,
    '2年目': 10_000,
    '3年目': 10_000,
    '4年目': 10_000,
    '5年目': 10_000,
  },
  前提・条件: {備考: '120 ID'},
}

/** A fresh copy of the prepared database (imports change it). */
function dbCopy(): string {
  const db = join(tmp.dir, `t${++testNo}.db`)
  copyFileSync(baseDb, db)
  return db
}

/** Edit a filled workbook's sheet with exceljs, as someone would in Excel, and save it as a new file. */
async function edited(name: string, edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(clean)
  edit(wb)
  const path = join(tmp.dir, name)
  await wb.xlsx.writeFile(path)
  return path
}

function functionCell(wb: ExcelJS.Workbook, index: number, header: string): ExcelJS.Cell {
  const ws = wb.getWorksheet('機能要件')!
  const {row, cols} = headerMap(ws, '機能ID')
  return ws.getCell(row + 1 + index, cols.get(header)!)
}

async function importJson(file: string, db: string, ...extra: string[]) {
  return runCli(['rfi', 'import', file, '--vendor', 'あおば情報システム', '--db', db, '--json', ...extra])
}

beforeAll(async () => {
  tmp = makeTempDir('hyojun-rfi-')
  const ws = await setUpWorkspace(tmp.dir, ['juki-5.0.xml'])
  const old = await runCli(['rfi', 'export', '--db', ws.db, '--output', join(tmp.dir, 'old'), '--json'])
  expect(old.exitCode, old.stdout).toBe(0)
  exportedOld = RfiExportResultSchema.parse(parseJson(old.stdout)).workbooks[0]!.file
  await importSpecFile(ws.db, 'juki-6.0.xml')
  baseDb = ws.db
  const r = await runCli([
    'rfi',
    'export',
    '--db',
    ws.db,
    '--business',
    '住民記録',
    '--deadline',
    '2027-01-29',
    '--contact',
    '情報政策課',
    '--output',
    join(tmp.dir, 'export'),
    '--json',
  ])
  expect(r.exitCode, r.stderr).toBe(0)
  const result = parseContract('rfi export', r.stdout)
  expect(result.workbooks).toHaveLength(1)
  exported = result.workbooks[0]!.file
  clean = join(tmp.dir, 'clean.xlsx')
  await fillRfiWorkbook(exported, clean, {vendor: 'あおば情報システム', answer: answerAll, costs: COSTS})
})
afterAll(() => tmp.cleanup())

describe('rfi export', () => {
  it('writes RFI_<業務>.xlsx with every requirement, form and outside customization, protected, with dropdowns and hidden checks', async () => {
    expect(exported).toMatch(/RFI_住民基本台帳\.xlsx$/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(exported)
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '表紙',
      '記入要領',
      '機能要件',
      '帳票要件',
      '独自要件',
      '費用',
      '管理情報',
    ])
    const ws = wb.getWorksheet('機能要件')!
    const {row, cols} = headerMap(ws, '機能ID')
    // Protected without a password; answer cells unlocked, question cells locked.
    // exceljs keeps sheetProtection on the worksheet at runtime, not in its typings.
    const protection = (ws as unknown as {sheetProtection: Record<string, unknown> | null}).sheetProtection
    expect(protection).toMatchObject({sheet: true, autoFilter: true})
    expect(protection).not.toHaveProperty('hashValue')
    expect(ws.getCell(row + 1, cols.get('対応')!).protection).toMatchObject({locked: false})
    expect(ws.getCell(row + 1, cols.get('要件')!).protection?.locked).not.toBe(false)
    // Dropdowns survive a reopen.
    const validations = (
      ws as unknown as {dataValidations: {model: Record<string, {type: string; formulae: string[]}>}}
    ).dataValidations.model
    const lists = Object.values(validations).map((v) => v.formulae[0])
    expect(lists).toContain('"○,△,×"')
    expect(lists).toContain('"標準,標準オプション,カスタマイズ,代替案,対応不可"')
    // The check column is hidden, the control sheet very hidden.
    expect(ws.getColumn(cols.get('チェック')!).hidden).toBe(true)
    expect(wb.getWorksheet('管理情報')!.state).toBe('veryHidden')
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      printTitlesRow: `${row}:${row}`,
    })
    const outside = wb.getWorksheet('独自要件')!
    expect(outside.getCell(headerMap(outside, '番号').row + 1, 1).value).toMatch(/^S0\d\/C\d+$/)
    expect(String(wb.getWorksheet('表紙')!.getCell('B8').value)).toContain('第6.0版')
  })

  it('never overwrites an existing workbook without --force', async () => {
    const dir = join(tmp.dir, 'export')
    const again = await runCli([
      'rfi',
      'export',
      '--db',
      baseDb,
      '--business',
      '住民基本台帳',
      '--output',
      dir,
      '--json',
    ])
    expect(again.exitCode).toBe(1)
    expect(JSON.stringify(parseJson(again.stdout))).toContain('OUTPUT_EXISTS')
    const bad = await runCli([
      'rfi',
      'export',
      '--db',
      baseDb,
      '--deadline',
      '2027-02-30',
      '--output',
      join(tmp.dir, 'x'),
    ])
    expect(bad.exitCode).toBe(2)
    expect(existsSync(join(tmp.dir, 'x'))).toBe(false)
    const forced = await runCli([
      'rfi',
      'export',
      '--db',
      baseDb,
      '--business',
      '住民基本台帳',
      '--output',
      join(tmp.dir, 'forced'),
      '--force',
    ])
    expect(forced.exitCode).toBe(0)
  })
})

describe('rfi import → compare (round trip)', () => {
  it('imports a filled workbook, replaces on re-import, and compares two vendors', async () => {
    const db = dbCopy()
    const r = await importJson(clean, db)
    expect(r.exitCode, r.stdout).toBe(0)
    const imported = parseContract('rfi import', r.stdout)
    expect(imported).toMatchObject({
      business: '住民基本台帳',
      specVersion: '6.0',
      blank: 0,
      findings: [],
      replaced: false,
    })
    expect((await importJson(clean, db)).stdout).toContain('"replaced": true')

    // A second vendor: one mandatory △, one prohibited ○, forms left blank, one cost not given.
    let mandatory = 0
    let prohibited = 0
    const second = join(tmp.dir, 'second.xlsx')
    await fillRfiWorkbook(exported, second, {
      vendor: '北斗ソリューションズ',
      costs: {データ移行: {導入時: 9_000}},
      answer: (q) => {
        if (q.sheet === '帳票要件') return undefined
        if (q.classLabel === '実装必須機能' && mandatory++ === 0)
          return {対応: '△', 対応方法: 'カスタマイズ', '費用（千円）': 800}
        if (q.classLabel === '実装不可機能' && prohibited++ === 0) return {対応: '○', 対応方法: '標準'}
        return answerAll(q)
      },
    })
    const r2 = await runCli([
      'rfi',
      'import',
      second,
      '--vendor',
      '北斗ソリューションズ',
      '--db',
      db,
      '--json',
    ])
    expect(r2.exitCode, r2.stdout).toBe(0)
    const i2 = RfiImportResultSchema.parse(parseJson(r2.stdout))
    expect(i2.findings.map((f) => f.code).sort()).toEqual(['MANDATORY_NOT_MET', 'PROHIBITED_OFFERED'])
    expect(i2.findings[0]!.where).toMatch(/^second\.xlsx › 機能要件!H\d+$/)
    expect(i2.blank).toBe(i2.questions.forms)

    const out = join(tmp.dir, 'RFI比較表.xlsx')
    const c = await runCli(['rfi', 'compare', '--db', db, '--json', '--output', out])
    expect(c.exitCode, c.stderr).toBe(0)
    const compared = parseContract('rfi compare', c.stdout)
    const [business] = compared.businesses
    expect(business!.business).toBe('住民基本台帳')
    const by = new Map(business!.vendors.map((v) => [v.vendor, v]))
    const aoba = by.get('あおば情報システム')!
    const hokuto = by.get('北斗ソリューションズ')!
    expect(aoba).toMatchObject({
      mandatoryNotMet: 0,
      prohibitedOffered: 0,
      rank: 1,
      qualified: true,
      blank: 0,
    })
    // 7 of 9 one-time categories and 2 of 3 running items (5 years each) were left blank.
    expect(aoba.flags).toEqual(['費用の一部が未回答（17 欄）'])
    expect(aoba.oneTimeYen).toBe(13_500_000 + aoba.outsideTotal * 1_200_000)
    expect(aoba.annualYen).toBe(10_000_000)
    expect(aoba.fiveYearYen).toBe(aoba.oneTimeYen! + 50_000_000)
    expect(hokuto).toMatchObject({mandatoryNotMet: 1, prohibitedOffered: 1, rank: 2, qualified: false})
    expect(hokuto.flags.join('\n')).toMatch(/標準不適合の疑い[\s\S]*実装不可機能の提供[\s\S]*未回答/)
    expect(hokuto.oneTimeYen).toBe(9_000_000 + 800_000 + hokuto.outsideTotal * 1_200_000)

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['サマリ', '住民基本台帳'])
    const sheet = wb.getWorksheet('住民基本台帳')!
    expect(sheet.getRow(4).values).toEqual(
      expect.arrayContaining(['あおば情報システム', '北斗ソリューションズ']),
    )

    const status = withDatabase(db, {write: false}, (d) => summarizeRfiStatus(d))
    expect(status).toEqual([
      expect.objectContaining({
        business: '住民基本台帳',
        vendorsAnswered: 2,
        flaggedVendors: 2,
        qualifiedVendors: 1,
      }),
    ])
  })

  it('compare without answers says what to do', async () => {
    const r = await runCli(['rfi', 'compare', '--db', dbCopy()])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('hyojun rfi import')
  })
})

describe('rfi import rejects altered or wrong workbooks (exit 3, database unchanged)', () => {
  const cases: readonly [string, (wb: ExcelJS.Workbook) => void, string, RegExp][] = [
    [
      'answer not in the list',
      (wb) => (functionCell(wb, 2, '対応').value = '◎'),
      'INVALID_ANSWER',
      /機能要件!H\d+$/,
    ],
    [
      'cost not a number',
      (wb) => (functionCell(wb, 3, '費用（千円）').value = '別途見積'),
      'INVALID_COST',
      /機能要件!K\d+$/,
    ],
    [
      'question text edited',
      (wb) => (functionCell(wb, 4, '要件').value = '書き換えた要件'),
      'QUESTION_ALTERED',
      /機能要件!E\d+$/,
    ],
    [
      '機能ID altered',
      (wb) => (functionCell(wb, 5, '機能ID').value = `${String(functionCell(wb, 5, '機能ID').value)}9`),
      'ID_ALTERED',
      /機能要件!A\d+$/,
    ],
    [
      'row deleted',
      (wb) =>
        wb.getWorksheet('機能要件')!.spliceRows(headerMap(wb.getWorksheet('機能要件')!, '機能ID').row + 3, 1),
      'ROWS_DELETED',
      /› 機能要件$/,
    ],
    [
      'row added (copied)',
      (wb) => {
        const ws = wb.getWorksheet('機能要件')!
        const src = ws.getRow(headerMap(ws, '機能ID').row + 1).values as ExcelJS.CellValue[]
        ws.addRow(src.slice(1))
      },
      'ROW_ADDED',
      /機能要件!A\d+$/,
    ],
    [
      'cost row deleted',
      (wb) => wb.getWorksheet('費用')!.spliceRows(headerMap(wb.getWorksheet('費用')!, '費目').row + 2, 1),
      'ROWS_DELETED',
      /› 費用$/,
    ],
    [
      'control sheet removed',
      (wb) => wb.removeWorksheet(wb.getWorksheet('管理情報')!.id),
      'NOT_AN_RFI_WORKBOOK',
      /RFI|xlsx/,
    ],
  ]

  it.each(cases)('%s', async (_label, edit, code, where) => {
    const db = dbCopy()
    const file = await edited(`edited-${code}-${++testNo}.xlsx`, edit)
    const r = await importJson(file, db)
    expect(r.exitCode, r.stdout).toBe(3)
    const error = (parseJson(r.stdout) as {error: {issues: {code: string; where: string; message: string}[]}})
      .error
    expect(error.issues.map((i) => i.code)).toContain(code)
    expect(error.issues.find((i) => i.code === code)!.where).toMatch(where)
    const human = await runCli(['rfi', 'import', file, '--vendor', 'x', '--db', db])
    expect(human.exitCode).toBe(3)
    expect(human.stderr).not.toMatch(/at .*\.ts:\d+/)
    expect((await runCli(['rfi', 'compare', '--db', db])).exitCode).toBe(1)
  })

  it('a workbook for another 業務 (--business) or an older spec version', async () => {
    const db = dbCopy()
    const other = await importJson(clean, db, '--business', '介護保険')
    expect(other.exitCode).toBe(3)
    expect(other.stdout).toContain('RFI_OTHER_BUSINESS')
    const oldFilled = join(tmp.dir, 'old-filled.xlsx')
    await fillRfiWorkbook(exportedOld, oldFilled, {vendor: 'x', answer: answerAll})
    const old = await importJson(oldFilled, db)
    expect(old.exitCode).toBe(3)
    expect(old.stdout).toContain('RFI_SPEC_VERSION')
    expect(old.stdout).toContain('第5.0版')
  })

  it('refuses the workbook as exported (nothing answered)', async () => {
    const r = await importJson(exported, dbCopy())
    expect(r.exitCode).toBe(3)
    expect(r.stdout).toContain('NO_ANSWERS')
  })

  it('--dry-run validates without storing', async () => {
    const db = dbCopy()
    const r = await importJson(clean, db, '--dry-run')
    expect(r.exitCode).toBe(0)
    expect(RfiImportResultSchema.parse(parseJson(r.stdout)).dryRun).toBe(true)
    expect((await runCli(['rfi', 'compare', '--db', db])).exitCode).toBe(1)
  })
})

describe('bundled RFI sample', () => {
  it('imports the three vendors for both 業務 and writes the exports and the comparison', async () => {
    const db = join(tmp.dir, 'sample.db')
    await importSpecFile(db, 'juki-6.0.xml')
    await importSpecFile(db, 'kaigo-4.0.xml')
    const reports = join(tmp.dir, 'reports')
    mkdirSync(reports)
    const result = await runRfiSample({dbPath: db, dir: join(ROOT, 'inventory/rfi'), reportsDir: reports})
    expect(result.warnings.filter((w) => w.includes('取り込めません'))).toEqual([])
    expect(result.imported).toHaveLength(6)
    expect(result.comparison).toBe(join(reports, 'RFI比較表.xlsx'))
    expect(readdirSync(join(reports, 'RFI')).sort()).toEqual(['RFI_介護保険.xlsx', 'RFI_住民基本台帳.xlsx'])
    for (const b of result.businesses) {
      const by = new Map(b.vendors.map((v) => [v.vendor, v]))
      expect(by.get('あおば情報システム')!.flags).toEqual([])
      expect(by.get('北斗ソリューションズ')).toMatchObject({
        mandatoryNotMet: 1,
        prohibitedOffered: 1,
        qualified: false,
      })
      expect(by.get('みなと電算')!.blank).toBeGreaterThan(0)
      expect(by.get('みなと電算')!.neededOptionsMissing).toBe(1)
    }
  })
})
