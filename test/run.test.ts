import {copyFileSync, existsSync, mkdirSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {FitgapResultSchema} from '../src/fitgap/fitgap.schema.js'
import {dataDir, type RunResult} from '../src/pipeline/run.service.js'
import {CUSTOMIZATIONS, SYSTEMS, writeSheet} from './fitgap-fixtures.js'
import {makeTempDir, parseJson, ROOT, runCli} from './helpers.js'
import {parseContract} from './contract.js'

let tmp: {dir: string; cleanup: () => void}
beforeEach(() => {
  tmp = makeTempDir()
})
afterEach(() => tmp.cleanup())

async function run(args: string[]): Promise<RunResult> {
  const r = await runCli(['run', '--json', ...args])
  expect(r.exitCode, r.stdout).toBe(0)
  return parseContract('run', r.stdout)
}

describe('hyojun run', () => {
  it('imports the bundled specs and sample city, writes the 比較分析表, and can run again on the same database', async () => {
    const db = join(tmp.dir, 'hyojun.db')
    const reports = join(tmp.dir, 'reports')
    const args = [
      '--db',
      db,
      '--specs',
      join(ROOT, 'specs'),
      '--inventory',
      join(ROOT, 'inventory'),
      '--reports',
      reports,
    ]
    const first = await run(args)
    expect(first.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
      'データベース準備:done',
      '標準仕様書の取込:done',
      'システム台帳・カスタマイズ一覧の取込:done',
      'Fit&Gap分析・比較分析表の出力:done',
      'ロードマップの作成:done',
      '経費試算:done',
      'RFI 回答の取込・比較:done',
      '移行計画サマリ:done',
    ])
    expect(first.specs.imported).toBeGreaterThan(0)
    expect(first.inventory.customizations).toBeGreaterThan(0)
    // Every report of the four users: 比較分析表, ロードマップ, 経費試算, RFI attachments and comparison, the CIO summary with its charts.
    for (const name of [
      '比較分析表.xlsx',
      'ロードマップ.xlsx',
      '経費試算.xlsx',
      'RFI比較表.xlsx',
      '移行計画サマリ.xlsx',
    ])
      expect(first.reports).toContain(join(reports, name))
    expect(
      first.reports.filter((r) => r.startsWith(join(reports, 'RFI')) && r.endsWith('.xlsx')).length,
    ).toBeGreaterThan(1)
    expect(first.reports.filter((r) => r.endsWith('.png'))).toHaveLength(4)
    for (const r of first.reports) expect(existsSync(r), r).toBe(true)
    const total = first.fitgap.reduce((n, s) => n + s.total, 0)
    expect(total).toBe(first.inventory.customizations)
    expect(first.fitgap.map((s) => s.business)).toContain('住民基本台帳')

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(first.reports[0]!)
    expect(wb.worksheets.map((s) => s.name)).toEqual(['サマリ', ...first.fitgap.map((s) => s.business)])

    const second = await run(args)
    expect(second.specs).toEqual({imported: 0, skipped: first.specs.imported})
    expect(second.inventory).toEqual(first.inventory)
    expect(second.fitgap).toEqual(first.fitgap)
  })

  it('prints counts per 業務, fit rate and the file paths', async () => {
    const inv = join(tmp.dir, 'inv')
    mkdirSync(inv)
    await writeSheet(join(inv, 'systems.xlsx'), 'システム台帳', SYSTEMS)
    await writeSheet(join(inv, 'customizations.xlsx'), 'カスタマイズ一覧', CUSTOMIZATIONS)
    const specs = join(tmp.dir, 'specs')
    mkdirSync(specs)
    copyFileSync(join(ROOT, 'specs', 'juki-6.0.xml'), join(specs, 'juki-6.0.xml'))
    const r = await runCli([
      'run',
      '--db',
      join(tmp.dir, 'h.db'),
      '--specs',
      specs,
      '--inventory',
      inv,
      '--reports',
      join(tmp.dir, 'out'),
    ])
    expect(r.exitCode, r.stderr).toBe(0)
    // Step lines go to stderr as each step finishes; stdout holds the result.
    expect(r.stderr).toContain('[完了] Fit&Gap分析・比較分析表の出力')
    expect(r.stderr).toContain('データベースを作成しました')
    expect(r.stdout).toMatch(/住民基本台帳.*第6\.0版.*7.*57\.1%/)
    expect(r.stdout).toContain(join(tmp.dir, 'out', '比較分析表.xlsx'))
    // 介護保険 has customizations but no spec in this folder: said on stderr, not fatal.
    expect(r.stderr).toContain('介護保険')
    expect(existsSync(join(tmp.dir, 'out', '比較分析表.xlsx'))).toBe(true)
  })

  it('keeps review decisions across runs (the inventory is re-imported, decisions stay)', async () => {
    const inv = join(tmp.dir, 'inv')
    mkdirSync(inv)
    await writeSheet(join(inv, 'systems.xlsx'), 'システム台帳', SYSTEMS)
    await writeSheet(join(inv, 'customizations.xlsx'), 'カスタマイズ一覧', CUSTOMIZATIONS)
    const db = join(tmp.dir, 'h.db')
    const args = [
      '--db',
      db,
      '--specs',
      join(ROOT, 'specs'),
      '--inventory',
      inv,
      '--reports',
      join(tmp.dir, 'out'),
    ]
    await run(args)
    const review = join(tmp.dir, 'review.xlsx')
    expect(
      (await runCli(['fitgap', 'review-export', '--db', db, '--business', '住基', '--output', review]))
        .exitCode,
    ).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(review)
    const ws = wb.getWorksheet('レビュー')!
    let hr = 1
    while (ws.getRow(hr).getCell(1).value !== '業務') hr++
    const cols = new Map<string, number>()
    ws.getRow(hr).eachCell((c, i) => cols.set(String(c.value), i))
    for (let r = hr + 1; r <= ws.rowCount; r++) {
      if (ws.getRow(r).getCell(cols.get('管理番号')!).value === 'C005') {
        ws.getRow(r).getCell(cols.get('判定')!).value = '標準外（業務見直し又は独自施策システム）'
        ws.getRow(r).getCell(cols.get('対応方針')!).value = '敬老事業の独自施策システムへ移す'
      }
    }
    await wb.xlsx.writeFile(review)
    expect((await runCli(['fitgap', 'review-import', review, '--db', db])).exitCode).toBe(0)
    await run(args)
    const out = FitgapResultSchema.parse(parseJson((await runCli(['fitgap', '--db', db, '--json'])).stdout))
    expect(out.results.find((l) => l.customizationId === 'C005')).toMatchObject({
      method: 'review',
      verdict: 'outside',
      review: {policy: '敬老事業の独自施策システムへ移す'},
    })
  })

  it('says what is missing when the inventory folder has no システム台帳', async () => {
    const inv = join(tmp.dir, 'empty')
    mkdirSync(inv)
    const r = await runCli([
      'run',
      '--db',
      join(tmp.dir, 'h.db'),
      '--inventory',
      inv,
      '--specs',
      join(ROOT, 'specs'),
      '--json',
    ])
    expect(r.exitCode).toBe(2)
    expect((parseJson(r.stdout) as {error: {code: string}}).error.code).toBe('INVENTORY_NOT_FOUND')
    const missing = await runCli(['run', '--db', join(tmp.dir, 'h.db'), '--inventory', join(tmp.dir, 'nope')])
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).toContain('--inventory')
  })
})

describe('data folders', () => {
  it('falls back to the bundled specs/ and inventory/ when the current folder has none', () => {
    const cwd = process.cwd()
    process.chdir(tmp.dir)
    try {
      expect(dataDir(undefined, 'specs')).toBe(join(ROOT, 'specs'))
      expect(dataDir(undefined, 'inventory')).toBe(join(ROOT, 'inventory'))
      expect(dataDir('mine', 'inventory')).toBe('mine')
      mkdirSync('inventory')
      expect(dataDir(undefined, 'inventory')).toBe('inventory')
    } finally {
      process.chdir(cwd)
    }
  })
})
