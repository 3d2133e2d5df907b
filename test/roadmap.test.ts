import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {openDatabase} from '../src/db/database.js'
import {PHASE_FILLS} from '../src/roadmap/roadmap.report.js'
import {cutoverMonths, latestRoadmap, loadAssumptions} from '../src/roadmap/roadmap.repository.js'
import {RoadmapImportResultSchema} from '../src/roadmap/roadmap.schema.js'
import {makeTempDir, parseJson, ROOT, runCli} from './helpers.js'
import {parseContract} from './contract.js'

let tmp: {dir: string; cleanup: () => void}
let db: string
beforeEach(() => {
  tmp = makeTempDir('hyojun-roadmap-')
  db = join(tmp.dir, 'hyojun.db')
})
afterEach(() => tmp.cleanup())

async function importSample(): Promise<void> {
  const r = await runCli([
    'inventory',
    'import',
    join(ROOT, 'inventory', 'systems.xlsx'),
    '--db',
    db,
    '--json',
  ])
  expect(r.exitCode, r.stdout).toBe(0)
}

async function roadmap(extra: string[] = []) {
  const r = await runCli(['roadmap', '--db', db, '--today', '2026-12-01', '--json', ...extra])
  expect(r.exitCode, r.stdout).toBe(0)
  return parseContract('roadmap', r.stdout)
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill as ExcelJS.FillPattern | undefined
  return f?.type === 'pattern' ? (f.fgColor?.argb ?? undefined) : undefined
}

describe('hyojun roadmap', () => {
  it('plans the sample city: most done or in progress, the late 特定移行支援 systems say why; stores the plan', async () => {
    await importSample()
    const output = join(tmp.dir, 'ロードマップ.xlsx')
    const result = await roadmap(['--output', output])
    expect(result.today).toBe('2026-12-01')
    expect(result.deadline).toBe('2031-03-31')
    expect(result.output).toBe(output)
    const done = result.items.filter((i) => i.status === '移行済').length
    const active = result.items.filter((i) => i.status === '移行作業中').length
    expect(done + active).toBeGreaterThan(result.items.length / 2)
    expect(result.items.filter((i) => i.status === '特定移行支援').length).toBeGreaterThan(0)
    expect(result.infeasible.length).toBeGreaterThan(0)
    for (const x of result.infeasible) {
      expect(x.reason).toMatch(/に間に合わない: 本番移行は最短で.+（\d+か月超過）。主因は/)
      expect(result.items.find((i) => i.systemId === x.systemId)!.onTime).toBe(false)
    }
    for (const i of result.items.filter((x) => !x.done)) {
      expect(i.reasons.some((r) => r.startsWith(`本番移行 `))).toBe(true)
      expect(i.phases.length).toBeGreaterThan(0)
    }

    const conn = openDatabase(db)
    try {
      expect(latestRoadmap(conn)?.today).toBe('2026-12-01')
      const months = cutoverMonths(conn)
      const tax = result.items.find((i) => i.system === '税務総合システム')!
      expect(months).toContainEqual({systemId: tax.systemId, cutover: tax.cutover, onTime: true})
    } finally {
      conn.close()
    }

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(output)
    expect(wb.worksheets.map((s) => s.name)).toEqual(['ガントチャート', '根拠', 'リスク', '前提条件'])
    const gantt = wb.getWorksheet('ガントチャート')!
    expect(gantt.pageSetup.paperSize).toBe(8)
    expect(gantt.pageSetup.orientation).toBe('landscape')
    expect(gantt.pageSetup.fitToWidth).toBe(1)
    expect(gantt.views[0]).toMatchObject({state: 'frozen', xSplit: 7})
    const texts: string[] = []
    const fills = new Set<string>()
    let diamondFill: string | undefined
    gantt.eachRow((row) =>
      row.eachCell((cell) => {
        texts.push(String(cell.value ?? ''))
        const f = fillOf(cell)
        if (f) fills.add(f)
        if (cell.value === '◆' && diamondFill === undefined) diamondFill = f
      }),
    )
    expect(texts).toContain('令和8年度')
    expect(texts).toContain('4月')
    expect(texts).toContain('3月')
    expect(texts).toContain('▼')
    expect(diamondFill).toMatch(/^FF/)
    for (const name of ['調達・契約', '移行設計・データ移行・文字同定', '連携・総合テスト'])
      expect(fills.has(PHASE_FILLS[name]!), name).toBe(true)
    const reasons = wb.getWorksheet('根拠')!
    let reasonCount = 0
    reasons.eachRow((row) => {
      if (String(row.getCell(5).value ?? '').startsWith('本番移行 ')) reasonCount++
    })
    expect(reasonCount).toBe(result.items.filter((i) => !i.done).length)
  })

  it('refuses a bad --today (usage, 2) and a missing inventory (state, 1)', async () => {
    const bad = await runCli(['roadmap', '--db', db, '--today', '2026-02-30', '--json'])
    expect(bad.exitCode).toBe(2)
    expect(parseJson(bad.stdout)).toMatchObject({error: {code: 'INVALID_TODAY'}})
    // Nothing imported yet is a state problem (README exit-code rule): 1.
    expect((await runCli(['init', '--db', db, '--name', '汐見川市', '--code', '042099'])).exitCode).toBe(0)
    const empty = await runCli(['roadmap', '--db', db, '--today', '2026-12-01', '--json'])
    expect(empty.exitCode).toBe(1)
    expect(parseJson(empty.stdout)).toMatchObject({error: {code: 'INVENTORY_NOT_IMPORTED'}})
  })
})

describe('hyojun roadmap template / import', () => {
  it('round-trips the 計画前提 workbook, applies it, and never overwrites a filled-in file', async () => {
    await importSample()
    const file = join(tmp.dir, '計画前提.xlsx')
    const t = await runCli(['roadmap', 'template', '--db', db, '--output', file, '--json'])
    expect(t.exitCode, t.stdout).toBe(0)
    expect(parseContract('roadmap template', t.stdout).source).toBe('既定値')
    // A workbook that may be filled in already exists: state problem, 1 (needs --force).
    const again = await runCli(['roadmap', 'template', '--db', db, '--output', file, '--json'])
    expect(again.exitCode).toBe(1)

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const settings = wb.getWorksheet('全体設定')!
    settings.eachRow((row) => {
      if (row.getCell(1).value === '職員の同時作業上限（件）') row.getCell(2).value = 1
      if (row.getCell(1).value === '補正予算') row.getCell(2).value = 'はい'
    })
    const vendors = wb.getWorksheet('ベンダー上限')!
    vendors.getRow(2).getCell(1).value = '北斗システムズ株式会社'
    vendors.getRow(2).getCell(2).value = 1
    const systems = wb.getWorksheet('システム別')!
    let fukushi = ''
    systems.eachRow((row) => {
      if (row.getCell(2).value === '福祉総合システム（介護・障害）') {
        fukushi = String(row.getCell(1).value)
        row.getCell(7).value = '令和13年3月31日'
      }
    })
    await wb.xlsx.writeFile(file)

    const dry = await runCli(['roadmap', 'import', file, '--db', db, '--dry-run', '--json'])
    expect(dry.exitCode, dry.stdout).toBe(0)
    const dryResult = parseContract('roadmap import', dry.stdout)
    expect(dryResult.written).toBe(false)
    expect(dryResult.changed.map((c) => c.item)).toEqual(
      expect.arrayContaining([
        '職員の同時作業上限（件）',
        '補正予算',
        'ベンダー上限: 北斗システムズ株式会社',
      ]),
    )
    expect((await roadmap()).assumptionsSource).toBe('既定値')

    const imp = await runCli(['roadmap', 'import', file, '--db', db, '--json'])
    expect(imp.exitCode, imp.stdout).toBe(0)
    expect(RoadmapImportResultSchema.parse(parseJson(imp.stdout)).systems).toBe(1)
    const planned = await roadmap()
    expect(planned.assumptionsSource).toBe('計画前提.xlsx')
    expect(planned.constraints.staffCapacity).toBe(1)
    expect(planned.constraints.vendorCapacityByVendor).toEqual({北斗システムズ株式会社: 1})
    const item = planned.items.find((i) => i.systemId === fukushi)!
    expect(item.deadline).toBe('2031-03-31')
    expect(item.onTime).toBe(true)
  })

  it('rejects a workbook with bad values, naming every cell, and changes nothing', async () => {
    await importSample()
    const file = join(tmp.dir, '計画前提.xlsx')
    expect((await runCli(['roadmap', 'template', '--db', db, '--output', file])).exitCode).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    wb.getWorksheet('全体設定')!.eachRow((row) => {
      if (row.getCell(1).value === '職員の同時作業上限（件）') row.getCell(2).value = '多数'
      if (row.getCell(1).value === '期限') row.getCell(2).value = '令和13年2月30日'
    })
    wb.getWorksheet('段階')!.getRow(3).getCell(2).value = -1
    wb.getWorksheet('繁忙期')!.getRow(2).getCell(1).value = '下水道'
    await wb.xlsx.writeFile(file)
    const r = await runCli(['roadmap', 'import', file, '--db', db, '--json'])
    expect(r.exitCode).toBe(3)
    const err = parseJson(r.stdout) as {error: {issues: {where: string; message: string}[]}}
    const where = err.error.issues.map((i) => i.where)
    expect(where).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^計画前提\.xlsx › 全体設定!B\d+$/),
        '計画前提.xlsx › 段階!B3',
        '計画前提.xlsx › 繁忙期!A2',
      ]),
    )
    expect(err.error.issues.length).toBe(4)
    const conn = openDatabase(db)
    try {
      expect(loadAssumptions(conn)).toBeUndefined()
    } finally {
      conn.close()
    }
  })
})
