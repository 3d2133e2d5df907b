import {join} from 'node:path'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {ReviewExportResultSchema, type FitgapLine, type FitgapResult} from '../src/fitgap/fitgap.schema.js'
import {importSpecFile, setUpWorkspace, writeSheet, SYSTEMS} from './fitgap-fixtures.js'
import {makeTempDir, parseJson, runCli} from './helpers.js'
import {parseContract} from './contract.js'

let tmp: {dir: string; cleanup: () => void}
beforeEach(() => {
  tmp = makeTempDir()
})
afterEach(() => tmp.cleanup())

async function fitgapJson(db: string, ...extra: string[]): Promise<FitgapResult> {
  const r = await runCli(['fitgap', '--db', db, '--json', ...extra])
  expect(r.exitCode, r.stdout).toBe(0)
  return parseContract('fitgap', r.stdout)
}

function line(result: FitgapResult, id: string): FitgapLine {
  const l = result.results.find((x) => x.customizationId === id)
  if (!l) throw new Error(`no result for ${id}`)
  return l
}

/** Header row → column number, for a sheet written by the workbook writer. */
function columnsOf(ws: ExcelJS.Worksheet, headerRow: number): Map<string, number> {
  const map = new Map<string, number>()
  ws.getRow(headerRow).eachCell((cell, col) => map.set(String(cell.value), col))
  return map
}

function headerRowOf(ws: ExcelJS.Worksheet, first: string): number {
  for (let r = 1; r <= 10; r++) if (ws.getRow(r).getCell(1).value === first) return r
  throw new Error(`header ${first} not found in ${ws.name}`)
}

describe('hyojun fitgap', () => {
  it('classifies every customization, stores it, and returns the documented JSON', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const out = await fitgapJson(w.db)
    expect(line(out, 'C001')).toMatchObject({
      requirementId: '0010201',
      verdict: 'fit',
      method: 'auto',
      business: '住民基本台帳',
    })
    expect(line(out, 'C002')).toMatchObject({requirementId: '0010403', verdict: 'fit'})
    // 0010206 is optional in 5.0, mandatory in 6.0 (the latest): judged against the latest.
    expect(line(out, 'C003')).toMatchObject({
      requirementId: '0010206',
      verdict: 'fit',
      requirementClass: 'mandatory',
    })
    expect(line(out, 'C004')).toMatchObject({requirementId: '0010012', verdict: 'prohibited'})
    expect(line(out, 'C005')).toMatchObject({requirementId: null, verdict: 'outside'})
    // An unknown 関連機能ID is reported, never silently dropped.
    expect(line(out, 'C006')).toMatchObject({method: 'auto', needsReview: true})
    expect(out.warnings.some((w) => w.includes('0019999'))).toBe(true)
    // 介護保険 has customizations but no imported spec: a warning, not a failure.
    expect(out.warnings.some((w) => w.startsWith('介護保険') && w.includes('標準仕様書'))).toBe(true)
    expect(out.results.every((l) => l.candidates.length <= 3)).toBe(true)
    expect(out.summary).toEqual([
      expect.objectContaining({
        business: '住民基本台帳',
        specVersion: '6.0',
        total: 7,
        fit: 3,
        option: 1,
        prohibited: 2,
        outside: 1,
        retirableAnnualCostYen: 300_000 + 200_000 + 500_000 + 10_000,
      }),
    ])
    expect(out.summary[0]!.fitRate).toBeCloseTo(4 / 7)

    const db = new Database(w.db, {readonly: true})
    try {
      const stored = db
        .prepare(
          'SELECT customization_id AS id, verdict, method, candidates_json FROM fitgap_result ORDER BY customization_id',
        )
        .all() as {id: string; verdict: string; method: string; candidates_json: string}[]
      expect(stored.map((r) => [r.id, r.verdict])).toEqual(
        out.results.map((l) => [l.customizationId, l.verdict]).sort(),
      )
      expect(JSON.parse(stored[0]!.candidates_json)[0]).toEqual({
        requirementId: '0010201',
        score: expect.any(Number),
      })
    } finally {
      db.close()
    }
  })

  it('writes the 比較分析表: サマリ with totals, one sheet per 業務, verdict colours, filters, print setup', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const path = join(tmp.dir, 'out', '比較分析表.xlsx')
    const r = await runCli(['fitgap', '--db', w.db, '--output', path])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toContain('住民基本台帳')
    expect(r.stdout).toContain('57.1%')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    expect(wb.worksheets.map((s) => s.name)).toEqual(['サマリ', '住民基本台帳'])
    const summary = wb.getWorksheet('サマリ')!
    const hr = headerRowOf(summary, '業務')
    const sc = columnsOf(summary, hr)
    const first = summary.getRow(hr + 1)
    expect(first.getCell(1).value).toBe('住民基本台帳')
    expect(first.getCell(sc.get('カスタマイズ件数')!).value).toBe(7)
    expect(first.getCell(sc.get('標準外')!).value).toBe(1)
    expect(first.getCell(sc.get('廃止可能な年間保守費（円）')!).value).toBe(1_010_000)
    const totals = summary.getRow(hr + 2)
    expect(totals.getCell(1).value).toBe('合計')
    expect(totals.getCell(sc.get('カスタマイズ件数')!).value).toBe(7)

    const juki = wb.getWorksheet('住民基本台帳')!
    const jr = headerRowOf(juki, 'システム')
    const jc = columnsOf(juki, jr)
    const rows = Array.from({length: 7}, (_, i) => juki.getRow(jr + 1 + i))
    const c004 = rows.find((row) => row.getCell(jc.get('管理番号')!).value === 'C004')!
    expect(c004.getCell(jc.get('判定')!).value).toBe('実装不可（廃止・業務見直し）')
    expect(c004.getCell(jc.get('機能ID')!).value).toBe('0010012')
    expect(c004.getCell(jc.get('実装区分')!).value).toBe('実装不可機能')
    expect(String(c004.getCell(jc.get('要件')!).value)).toContain('実装しないこと')
    const candidates = String(c004.getCell(jc.get('候補（上位3件）')!).value).split('\n')
    expect(candidates[0]).toMatch(/^0010012 /)
    expect(candidates.length).toBeGreaterThanOrEqual(2)
    expect(c004.height).toBeGreaterThan(15)
    expect(juki.autoFilter).toBeTruthy()
    expect(juki.views[0]).toMatchObject({state: 'frozen', ySplit: jr})
    expect(juki.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 8, // A3: 16 columns stay readable
      printTitlesRow: `${jr}:${jr}`,
    })
    const fills = (juki as unknown as {conditionalFormattings: {rules: {formulae: string[]}[]}[]})
      .conditionalFormattings
    expect(fills.flatMap((f) => f.rules.map((x) => x.formulae[0]))).toEqual(
      expect.arrayContaining([
        expect.stringContaining('標準機能で対応'),
        expect.stringContaining('実装不可（廃止・業務見直し）'),
      ]),
    )
  })

  it("uses the municipality's 団体区分 when a requirement has a variant for it", async () => {
    const w = await setUpWorkspace(tmp.dir)
    // 0010211 (区長名の切替) is optional, mandatory for 指定都市.
    expect(line(await fitgapJson(w.db), 'C006')).toMatchObject({requirementId: '0010211', verdict: 'option'})
    const init = await runCli([
      'init',
      '--name',
      '川崎市',
      '--code',
      '141305',
      '--kind',
      '指定都市',
      '--db',
      w.db,
    ])
    expect(init.exitCode, init.stderr).toBe(0)
    expect(line(await fitgapJson(w.db), 'C006')).toMatchObject({
      requirementId: '0010211',
      verdict: 'fit',
      requirementClass: 'mandatory',
    })
  })

  it('limits the analysis to --business', async () => {
    const w = await setUpWorkspace(tmp.dir, ['juki-6.0.xml', 'kaigo-4.0.xml'])
    const all = await fitgapJson(w.db)
    expect(all.summary.map((s) => s.business)).toEqual(['住民基本台帳', '介護保険'])
    const kaigo = await fitgapJson(w.db, '--business', '介護')
    expect(kaigo.results.map((l) => l.customizationId)).toEqual(['K001'])
    expect(kaigo.summary.map((s) => s.business)).toEqual(['介護保険'])
  })

  it('explains what to do when no customizations were imported (exit 1)', async () => {
    const db = join(tmp.dir, 'hyojun.db')
    await importSpecFile(db, 'juki-6.0.xml')
    const r = await runCli(['fitgap', '--db', db, '--json'])
    expect(r.exitCode).toBe(1)
    const err = (parseJson(r.stdout) as {error: {code: string; suggestions: string[]}}).error
    expect(err.code).toBe('NO_CUSTOMIZATIONS')
    expect(err.suggestions.join()).toContain('hyojun customizations import')
    const text = await runCli(['fitgap', '--db', db])
    expect(text.stderr).toContain('カスタマイズ一覧が取り込まれていません')
    expect(text.stderr).not.toMatch(/at .*\.ts:\d+/)
  })
})

/** Fill review columns of an exported review workbook, by 管理番号. */
async function fillReview(
  path: string,
  decisions: Record<string, {verdict?: string; requirementId?: string; policy?: string; reviewer?: string}>,
): Promise<void> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  const ws = wb.getWorksheet('レビュー')!
  const hr = headerRowOf(ws, '業務')
  const c = columnsOf(ws, hr)
  for (let r = hr + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    const d = decisions[String(row.getCell(c.get('管理番号')!).value)]
    if (!d) continue
    if (d.verdict !== undefined) row.getCell(c.get('判定')!).value = d.verdict
    if (d.requirementId !== undefined) row.getCell(c.get('対応機能ID')!).value = d.requirementId
    if (d.policy !== undefined) row.getCell(c.get('対応方針')!).value = d.policy
    if (d.reviewer !== undefined) row.getCell(c.get('確認者')!).value = d.reviewer
  }
  await wb.xlsx.writeFile(path)
}

describe('hyojun fitgap review-export / review-import', () => {
  it('round-trips human decisions; later runs keep them over the machine (method "review")', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const path = join(tmp.dir, 'レビュー.xlsx')
    const ex = await runCli(['fitgap', 'review-export', '--db', w.db, '--output', path, '--json'])
    expect(ex.exitCode, ex.stdout).toBe(0)
    expect(parseContract('fitgap review-export', ex.stdout)).toMatchObject({rows: 7, reviewed: 0})

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const ws = wb.getWorksheet('レビュー')!
    const hr = headerRowOf(ws, '業務')
    const c = columnsOf(ws, hr)
    // The customization's identity stays in view while the reviewer scrolls to the editable columns.
    expect(ws.views[0]).toMatchObject({state: 'frozen', xSplit: 5, ySplit: hr})
    for (const h of ['候補（上位3件）', '判定', '対応機能ID', '対応方針', '確認者']) {
      expect(c.has(h), h).toBe(true)
    }
    // Each candidate in its own cells on the 候補一覧 sheet (to copy a 機能ID into 対応機能ID).
    const cands = wb.getWorksheet('候補一覧')!
    const cc = columnsOf(cands, headerRowOf(cands, '業務'))
    for (const h of ['管理番号', '順位', '機能ID', '機能名称', '実装区分', 'スコア'])
      expect(cc.has(h), h).toBe(true)
    const validations = (ws as unknown as {dataValidations: {model: Record<string, {formulae: string[]}>}})
      .dataValidations.model
    expect(Object.values(validations).some((v) => v.formulae[0]!.includes('標準オプションで対応'))).toBe(true)

    await fillReview(path, {
      C005: {
        verdict: '標準機能で対応',
        requirementId: '0010707',
        policy: 'EUCの標準抽出で対応する',
        reviewer: '情報政策課 山田',
      },
      C001: {verdict: '標準外（業務見直し又は独自施策システム）', reviewer: '山田'},
      C002: {verdict: '標準機能で対応', reviewer: '山田'},
    })
    const im = await runCli(['fitgap', 'review-import', path, '--db', w.db, '--json'])
    expect(im.exitCode, im.stdout).toBe(0)
    const imported = parseContract('fitgap review-import', im.stdout)
    expect(imported.imported.map((i) => [i.customizationId, i.verdict, i.requirementId])).toEqual([
      ['C001', 'outside', null],
      ['C002', 'fit', '0010403'],
      ['C005', 'fit', '0010707'],
    ])
    expect(imported.undecided).toBe(4)

    for (let run = 0; run < 2; run++) {
      const out = await fitgapJson(w.db)
      expect(line(out, 'C005')).toMatchObject({
        method: 'review',
        verdict: 'fit',
        requirementId: '0010707',
        stale: false,
        review: {policy: 'EUCの標準抽出で対応する', reviewer: '情報政策課 山田'},
      })
      expect(line(out, 'C001')).toMatchObject({method: 'review', verdict: 'outside', requirementId: null})
      expect(line(out, 'C004')).toMatchObject({method: 'auto', verdict: 'prohibited'})
    }
    // A second export shows the stored decisions prefilled.
    const again = await runCli([
      'fitgap',
      'review-export',
      '--db',
      w.db,
      '--output',
      path,
      '--json',
      '--force',
    ])
    expect(ReviewExportResultSchema.parse(parseJson(again.stdout)).reviewed).toBe(3)
  })

  it('rejects bad rows with cell addresses and writes nothing (exit 3)', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const path = join(tmp.dir, 'レビュー.xlsx')
    expect((await runCli(['fitgap', 'review-export', '--db', w.db, '--output', path])).exitCode).toBe(0)
    await fillReview(path, {
      C001: {verdict: '標準機能で対応'},
      C002: {verdict: 'たぶん標準'},
      C003: {verdict: '標準機能で対応', requirementId: '0010999'},
    })
    const r = await runCli(['fitgap', 'review-import', path, '--db', w.db, '--json'])
    expect(r.exitCode).toBe(3)
    const err = (parseJson(r.stdout) as {error: {issues: {where: string; code: string}[]}}).error
    expect(err.issues.map((i) => i.code).sort()).toEqual(['INVALID_VERDICT', 'UNKNOWN_REQUIREMENT_ID'])
    for (const i of err.issues) expect(i.where).toMatch(/^レビュー\.xlsx › レビュー![A-Z]+\d+$/)
    const out = await fitgapJson(w.db)
    expect(out.results.filter((l) => l.method === 'review')).toEqual([])
  })

  it('marks a decision stale when its requirement changed in a newer spec version', async () => {
    const w = await setUpWorkspace(tmp.dir, ['juki-5.0.xml'])
    const path = join(tmp.dir, 'レビュー.xlsx')
    expect((await runCli(['fitgap', 'review-export', '--db', w.db, '--output', path])).exitCode).toBe(0)
    // 0010308 (外字) is mandatory in 5.0 and becomes prohibited in 6.0.
    await fillReview(path, {C007: {verdict: '標準機能で対応', requirementId: '0010308', reviewer: '山田'}})
    expect((await runCli(['fitgap', 'review-import', path, '--db', w.db])).exitCode).toBe(0)
    const before = await fitgapJson(w.db)
    expect(line(before, 'C007')).toMatchObject({
      method: 'review',
      verdict: 'fit',
      stale: false,
      needsReview: false,
    })

    await importSpecFile(w.db, 'juki-6.0.xml')
    const after = await fitgapJson(w.db)
    expect(line(after, 'C007')).toMatchObject({
      method: 'review',
      verdict: 'fit',
      stale: true,
      needsReview: true,
      requirementClass: 'prohibited',
      specVersion: '6.0',
    })
    expect(after.warnings.some((x) => x.includes('0010308') && x.includes('再確認'))).toBe(true)
  })

  it('refuses a workbook that is not a review sheet', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const other = join(tmp.dir, 'other.xlsx')
    await writeSheet(other, 'Sheet1', SYSTEMS)
    const r = await runCli(['fitgap', 'review-import', other, '--db', w.db])
    expect(r.exitCode).toBe(3)
    expect(r.stderr).toContain('レビューシートではありません')
  })
})
