import {join} from 'node:path'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {CostImportResultSchema} from '../src/cost/cost.schema.js'
import {latestCostEstimate} from '../src/cost/cost.repository.js'
import {withDatabase} from '../src/db/database.js'
import {InventoryListResultSchema} from '../src/inventory/inventory.schema.js'
import {makeTempDir, parseJson, runCli} from './helpers.js'
import {parseContract} from './contract.js'

let tmp: {dir: string; cleanup: () => void}
let db: string
beforeEach(() => {
  tmp = makeTempDir('hyojun-cost-')
  db = join(tmp.dir, 'hyojun.db')
})
afterEach(() => tmp.cleanup())

type Cell = string | number | null

/** A ledger whose FY2018 column is written `header` (a variant, with its unit). */
async function writeLedger(path: string, header: string, rows: readonly Cell[][]): Promise<void> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('台帳')
  ws.addRow([
    'システム名称',
    '対象業務',
    '稼働環境',
    '契約満了',
    '年間運用経費（千円）',
    '初期導入費（千円）',
    '移行状況',
    '移行予定日',
    header,
  ])
  for (const r of rows) ws.addRow(r)
  await wb.xlsx.writeFile(path)
}

const LEDGER: Cell[][] = [
  [
    '住民情報システム',
    '住民記録',
    'ガバメントクラウド（AWS）',
    '令和13年3月31日',
    38_640,
    96_800,
    '移行済',
    '令和8年1月4日',
    26_400,
  ],
  [
    '税務総合システム',
    '個人住民税、固定資産税',
    'データセンター',
    '令和8年12月31日',
    45_360,
    null,
    '移行作業中',
    '令和8年11月',
    '36,900',
  ],
  [
    '健康管理システム',
    '健康管理',
    'ガバメントクラウド(Google Cloud)',
    '令和12年3月31日',
    8_760,
    21_600,
    '移行作業中',
    null,
    null,
  ],
  ['財務会計システム', '－', 'データセンター', '令和9年3月31日', 9_840, null, null, null, 7_000],
]

async function importLedger(header = '平成30年度運用経費（千円）', rows = LEDGER): Promise<void> {
  const file = join(tmp.dir, 'systems.xlsx')
  await writeLedger(file, header, rows)
  const r = await runCli(['inventory', 'import', file, '--db', db, '--json'])
  expect(r.exitCode, r.stdout).toBe(0)
}

async function estimate(args: string[] = []) {
  const r = await runCli(['cost', 'estimate', '--db', db, '--today', '2026-12-02', '--json', ...args])
  expect(r.exitCode, r.stdout).toBe(0)
  return parseContract('cost estimate', r.stdout)
}

function storedParameters(): number {
  const conn = new Database(db)
  try {
    return (conn.prepare('SELECT count(*) AS n FROM cost_parameter').get() as {n: number}).n
  } finally {
    conn.close()
  }
}

describe('inventory: FY2018 baseline and cloud provider', () => {
  it.each([
    ['平成30年度運用経費（千円）', 26_400, 26_400_000],
    ['基準年度経費（万円）', 2_640, 26_400_000],
    ['H30運用経費（円）', 26_400_000, 26_400_000],
    ['平成30年度経費（千円）', '26,400', 26_400_000],
  ])('reads %s', async (header, cell, yen) => {
    const rows = LEDGER.map((r, i) => (i === 0 ? [...r.slice(0, 8), cell] : r))
    await importLedger(header, rows)
    const list = InventoryListResultSchema.parse(
      parseJson((await runCli(['inventory', 'list', '--db', db, '--json'])).stdout),
    )
    expect(list.systems[0]).toMatchObject({
      baselineAnnualCostYen: yen,
      hosting: 'ガバメントクラウド',
      hostingProvider: 'AWS',
    })
    expect(list.systems[2]).toMatchObject({baselineAnnualCostYen: null, hostingProvider: 'Google Cloud'})
    expect(list.systems[1]).toMatchObject({hosting: 'データセンター', hostingProvider: null})
  })

  it('inventory template has the 平成30年度運用経費 column', async () => {
    const out = join(tmp.dir, 'tpl.xlsx')
    expect((await runCli(['inventory', 'template', '--output', out, '--json'])).exitCode).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    const headers: string[] = []
    wb.getWorksheet('業務システム一覧')!.eachRow((row) => row.eachCell((c) => headers.push(String(c.value))))
    expect(headers).toContain('平成30年度運用経費（千円）')
  })
})

describe('hyojun cost', () => {
  it('estimate --json follows the contract, stores the run, and writes a workbook that reads back', async () => {
    await importLedger()
    const out = join(tmp.dir, '経費試算.xlsx')
    const e = await estimate(['--output', out])
    expect(e.baseYear).toBe(2018)
    expect(e.targetRate).toBe(0.3)
    expect(e.assumptionsOrigin).toBe('default')
    expect(e.systems.map((s) => s.name)).toEqual(['住民情報システム', '税務総合システム', '健康管理システム'])
    expect(e.totals.baselineAnnualYen).toBe(63_300_000)
    expect(e.warnings.some((w) => w.startsWith('健康管理システム:') && w.includes('基準値なし'))).toBe(true)
    expect(e.cashFlow.reduce((n, c) => n + c.oneTimeYen, 0)).toBe(e.totals.oneTimeYen)
    expect(e.scenarios.map((s) => s.name)).toEqual(['base', '円安', 'クラウド利用料増', '移行1年遅延'])
    const tax = e.systems.find((s) => s.name === '税務総合システム')!
    expect([tax.cutover, tax.overlapMonths]).toEqual(['2026-11', 2])

    const stored = withDatabase(db, {write: false}, (conn) => latestCostEstimate(conn))
    expect(stored).toMatchObject({
      id: e.estimateId,
      scenario: 'base',
      asOf: '2026-12-02',
      assumptions: 'default',
    })
    expect(stored!.result.totals).toEqual(e.totals)

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'サマリ',
      '業務別',
      'システム別',
      '年度別',
      'シナリオ比較',
      '前提条件',
      '内訳',
    ])
    const summary = wb.getWorksheet('サマリ')!
    const texts: string[] = []
    summary.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))))
    expect(texts.some((t) => t.startsWith('① 運用経費:'))).toBe(true)
    const values: unknown[] = []
    summary.eachRow((row) => values.push(row.getCell(2).value))
    expect(values).toContain(e.totals.gapToTargetYen)
    const yearly = wb.getWorksheet('年度別')!
    let totalRow: ExcelJS.Row | undefined
    yearly.eachRow((row) => {
      if (row.getCell(1).value === '合計') totalRow = row
    })
    expect(totalRow!.getCell(3).value).toBe(e.totals.oneTimeYen)
    expect(totalRow!.getCell(3).numFmt).toBe('#,##0,')
    expect(wb.getWorksheet('内訳')!.rowCount).toBeGreaterThan(e.breakdown.length)
  })

  it('takes the cutover month from a stored roadmap when one was computed', async () => {
    await importLedger()
    const before = await estimate()
    expect(before.systems.map((s) => s.cutoverSource)).not.toContain('roadmap')
    const plan = await runCli(['roadmap', '--db', db, '--today', '2026-12-02', '--json'])
    expect(plan.exitCode, plan.stdout).toBe(0)
    const after = await estimate()
    const fromRoadmap = after.systems.filter((s) => s.cutoverSource === 'roadmap')
    expect(fromRoadmap.length).toBeGreaterThan(0)
    const health = after.systems.find((s) => s.name === '健康管理システム')!
    // No 移行予定 in the ledger: the parameter before, the roadmap's month after.
    expect(before.systems.find((s) => s.name === '健康管理システム')!.cutoverSource).toBe('parameter')
    expect(health.cutoverSource).toBe('roadmap')
  })

  it('an unknown --scenario is a usage error', async () => {
    await importLedger()
    const r = await runCli(['cost', 'estimate', '--db', db, '--scenario', '大幅削減', '--json'])
    expect(r.exitCode).toBe(2)
    expect(parseJson(r.stdout)).toMatchObject({error: {code: 'UNKNOWN_SCENARIO'}})
  })

  it('template → edit → import stores the assumptions and a user scenario; the estimate uses them', async () => {
    await importLedger()
    const file = join(tmp.dir, '経費前提.xlsx')
    const t = await runCli(['cost', 'template', '--output', file, '--json'])
    expect(t.exitCode, t.stdout).toBe(0)
    expect(parseContract('cost template', t.stdout).sheets).toEqual([
      '前提条件',
      '業務別単価',
      'システム別単価',
      '人口区分',
      '一時経費区分',
      '入力要領',
    ])
    expect((await runCli(['cost', 'template', '--output', file])).exitCode).toBe(1)

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.getWorksheet('前提条件')!
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'fxRate') {
        row.getCell(3).value = 140
        row.getCell(7).value = 200
      }
    })
    await wb.xlsx.writeFile(file)

    const dry = await runCli(['cost', 'import', file, '--db', db, '--dry-run', '--json'])
    expect(dry.exitCode, dry.stdout).toBe(0)
    expect(CostImportResultSchema.parse(parseJson(dry.stdout))).toMatchObject({dryRun: true, written: false})
    expect(storedParameters()).toBe(0)

    const r = await runCli(['cost', 'import', file, '--db', db, '--json'])
    expect(r.exitCode, r.stdout).toBe(0)
    const result = parseContract('cost import', r.stdout)
    expect(result.scenarios).toEqual(['独自試算'])
    expect(result.changedFromDefault).toEqual([{key: 'fxRate', label: '為替レート', value: 140}])

    const e = await estimate()
    expect(e.assumptionsOrigin).toBe('imported')
    expect(e.assumptions.find((a) => a.key === 'fxRate')!.value).toBe(140)
    expect(e.scenarios.map((s) => s.name)).toContain('独自試算')
    const own = await estimate(['--scenario', '独自試算'])
    expect(own.totals.afterAnnualYen).toBeGreaterThan(e.totals.afterAnnualYen)
  })

  it.each([
    ['前提条件', 'fxRate', 3, 0, 'に 0 は入力できません'],
    ['前提条件', 'subsidyRate', 3, '120%', '100% を超えています'],
    ['前提条件', 'targetRate', 3, -0.3, '負の値'],
    ['前提条件', 'horizonYears', 3, '五年', '数値として読み取れません'],
    ['業務別単価', '住民基本台帳', 1, '住民台帳管理', '標準化対象業務ではありません'],
    ['業務別単価', '戸籍', 2, -100, '負の値'],
  ])(
    'bad assumptions (%s %s) → exit 3 with the cell, nothing stored',
    async (sheet, rowKey, col, bad, message) => {
      await importLedger()
      const file = join(tmp.dir, '経費前提.xlsx')
      expect((await runCli(['cost', 'template', '--output', file])).exitCode).toBe(0)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(file)
      let address = ''
      wb.getWorksheet(sheet)!.eachRow((row) => {
        if (row.getCell(1).value === rowKey) {
          row.getCell(col).value = bad
          address = row.getCell(col).address
        }
      })
      expect(address).not.toBe('')
      await wb.xlsx.writeFile(file)
      const r = await runCli(['cost', 'import', file, '--db', db, '--json'])
      expect(r.exitCode).toBe(3)
      const err = parseJson(r.stdout) as {error: {issues: {where: string; message: string}[]}}
      expect(err.error.issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            where: `経費前提.xlsx › ${sheet}!${address}`,
            message: expect.stringContaining(message),
          }),
        ]),
      )
      expect(storedParameters()).toBe(0)
      const human = await runCli(['cost', 'import', file, '--db', db])
      expect(human.exitCode).toBe(3)
      expect(human.stderr).toContain(`${sheet}!${address}`)
      expect(human.stderr).not.toMatch(/\n\s+at /)
    },
  )
})
