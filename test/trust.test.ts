import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {FitgapResultSchema, ReviewImportResultSchema} from '../src/fitgap/fitgap.schema.js'
import {InitResultSchema} from '../src/municipality/municipality.schema.js'
import {RunResultSchema} from '../src/pipeline/run.service.js'
import {setUpWorkspace} from './fitgap-fixtures.js'
import {makeTempDir, parseJson, ROOT, runCli, type CliRun} from './helpers.js'

/** Issue 9 (trust): users' data and filled-in workbooks are never replaced silently. */

let tmp: {dir: string; cleanup: () => void}
beforeEach(() => {
  tmp = makeTempDir()
})
afterEach(() => tmp.cleanup())

function errorOf(stdout: string): {code: string; message: string; suggestions: string[]} {
  return (parseJson(stdout) as {error: {code: string; message: string; suggestions: string[]}}).error
}

describe('filled-in workbooks are never overwritten without --force', () => {
  it('review-export refuses an existing review workbook and leaves it byte for byte', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const path = join(tmp.dir, 'レビュー.xlsx')
    writeFileSync(path, 'decisions not yet imported')
    const r = await runCli(['fitgap', 'review-export', '--db', w.db, '--output', path, '--json'])
    expect(r.exitCode).toBe(1)
    expect(errorOf(r.stdout).code).toBe('OUTPUT_EXISTS')
    expect(errorOf(r.stdout).suggestions.join()).toContain('--force')
    expect(readFileSync(path, 'utf8')).toBe('decisions not yet imported')
    const forced = await runCli(['fitgap', 'review-export', '--db', w.db, '--output', path, '--force'])
    expect(forced.exitCode, forced.stderr).toBe(0)
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK')
  })

  it('inventory template refuses an existing file the same way', async () => {
    const path = join(tmp.dir, '台帳.xlsx')
    writeFileSync(path, 'filled in')
    const r = await runCli(['inventory', 'template', '--output', path, '--json'])
    expect(errorOf(r.stdout).code).toBe('OUTPUT_EXISTS')
    expect(readFileSync(path, 'utf8')).toBe('filled in')
  })
})

describe('init on a database holding data', () => {
  it('refuses to change the 団体コード without --force, says what it affects, and changes nothing', async () => {
    const w = await setUpWorkspace(tmp.dir)
    expect((await runCli(['init', '--name', '多賀城市', '--code', '042099', '--db', w.db])).exitCode).toBe(0)
    const r = await runCli(['init', '--name', '豊島区', '--code', '131164', '--kind', '特別区', '--db', w.db])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('多賀城市')
    expect(r.stderr).toContain('システム台帳 2 件')
    expect(r.stderr).toContain('カスタマイズ 8 件')
    expect(r.stderr).toContain('--force')
    const doctor = parseJson((await runCli(['doctor', '--db', w.db, '--json'])).stdout) as {
      municipality: {code: string}
    }
    expect(doctor.municipality.code).toBe('042099')

    const forced = await runCli([
      'init',
      '--name',
      '豊島区',
      '--code',
      '131164',
      '--kind',
      '特別区',
      '--db',
      w.db,
      '--force',
      '--json',
    ])
    expect(forced.exitCode, forced.stdout).toBe(0)
    const result = InitResultSchema.parse(parseJson(forced.stdout))
    expect(result.previous?.code).toBe('042099')
    expect(result.municipality.code).toBe('131164')
  })

  it('updates the name or population of the same 団体コード freely and shows before → after', async () => {
    const w = await setUpWorkspace(tmp.dir)
    await runCli(['init', '--name', '多賀城市', '--code', '042099', '--db', w.db])
    const r = await runCli([
      'init',
      '--name',
      '多賀城市',
      '--code',
      '042099',
      '--population',
      '62000',
      '--db',
      w.db,
    ])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/更新しました: .*多賀城市.*→.*人口 62,000人/)
  })
})

describe('read-only commands never create files', () => {
  it.each([
    [['doctor']],
    [['inventory', 'list']],
    [['customizations', 'list']],
    [['specs', 'list']],
    [['specs', 'show', '住民基本台帳']],
    [['specs', 'diff', '住民基本台帳']],
    [['inventory', 'show', '住民情報システム']],
    [['fitgap']],
    [['fitgap', 'review-export', '--output', 'x.xlsx']],
  ])('%j on a missing database: DB_NOT_FOUND, exit 1, nothing created', async (args) => {
    const db = join(tmp.dir, 'nope', 'x.db')
    const r = await runCli([...args, '--db', db, '--json'])
    expect(r.exitCode, r.stdout).toBe(1)
    expect(errorOf(r.stdout).code).toBe('DB_NOT_FOUND')
    expect(errorOf(r.stdout).message).toContain('データベース')
    expect(existsSync(join(tmp.dir, 'nope'))).toBe(false)
  })
})

/** Title line (row 1, column A) of every sheet of a workbook. */
async function titleLines(path: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb.worksheets.map((ws) => String(ws.getRow(1).getCell(1).value))
}

/** Run with the current folder set to `cwd` (no specs/ or inventory/ there: the issue's setting). */
async function runIn(cwd: string, args: string[]): Promise<CliRun> {
  const before = process.cwd()
  process.chdir(cwd)
  try {
    return await runCli(['run', ...args])
  } finally {
    process.chdir(before)
  }
}

describe('hyojun run never replaces the data the database holds', () => {
  it('analyses the city’s own imported inventory, not the bundled sample (issue 9, item 1)', async () => {
    const w = await setUpWorkspace(tmp.dir)
    expect((await runCli(['init', '--name', '多賀城市', '--code', '042099', '--db', w.db])).exitCode).toBe(0)
    const r = await runIn(tmp.dir, ['--db', w.db, '--reports', 'out', '--json'])
    expect(r.exitCode, r.stdout).toBe(0)
    const out = RunResultSchema.parse(parseJson(r.stdout))
    expect(out.inventory).toMatchObject({systems: 2, customizations: 8, source: 'database'})
    expect(out.sample).toBe(false)
    const list = parseJson((await runCli(['customizations', 'list', '--db', w.db, '--json'])).stdout) as {
      customizations: unknown[]
    }
    expect(list.customizations).toHaveLength(8)
    // Specs came from the bundled specs/ (setUpWorkspace imports them): every sheet says so, none says サンプル.
    expect(out.bundledSpecs).toBe(true)
    for (const t of await titleLines(join(tmp.dir, 'out', '比較分析表.xlsx'))) {
      expect(t).toContain('同梱仕様書（架空の要約）')
      expect(t).not.toContain('サンプル')
    }
  })

  it('uses the bundled sample only on an empty database, and says so loudly everywhere', async () => {
    const db = join(tmp.dir, 'empty.db')
    const r = await runIn(tmp.dir, ['--db', db, '--reports', 'out'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stderr).toContain('サンプル（架空の団体）')
    expect(r.stdout).toContain('【サンプル】')
    const titles = await titleLines(join(tmp.dir, 'out', '比較分析表.xlsx'))
    expect(titles.length).toBeGreaterThan(1)
    for (const t of titles) expect(t).toMatch(/^【サンプル（架空の団体のデータ）・同梱仕様書（架空の要約）】/)

    // Second run on the same database: the sample stays marked, nothing is re-imported, no schema claim.
    const again = await runIn(tmp.dir, ['--db', db, '--reports', 'out', '--json'])
    const out = RunResultSchema.parse(parseJson(again.stdout))
    expect(out).toMatchObject({sample: true, inventory: {source: 'database'}})
    expect(out.warnings.join()).toContain('サンプル')
    expect(out.steps[0]!.detail).toMatch(/スキーマは最新です/)
    expect(out.steps.slice(0, 4).map((s) => s.status)).toEqual(['done', 'skipped', 'skipped', 'done'])
  })

  it('refuses --sample on a database holding a city’s data (exit 1, unchanged); another --db works', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const r = await runIn(tmp.dir, ['--sample', '--db', w.db, '--json'])
    expect(r.exitCode).toBe(1)
    expect(errorOf(r.stdout).code).toBe('SAMPLE_WOULD_REPLACE_DATA')
    expect(errorOf(r.stdout).suggestions.join()).toContain('--db')
    const list = parseJson((await runCli(['inventory', 'list', '--db', w.db, '--json'])).stdout) as {
      systems: unknown[]
    }
    expect(list.systems).toHaveLength(2)
    const both = await runCli(['run', '--sample', '--inventory', tmp.dir, '--db', w.db])
    expect(both.exitCode).toBe(2)
    expect(both.stderr).toContain('同時に指定できません')
  })

  it('refuses to fall back to the sample when the database has a municipality but no inventory', async () => {
    const db = join(tmp.dir, 'h.db')
    await runCli(['init', '--name', '多賀城市', '--code', '042099', '--db', db])
    const r = await runIn(tmp.dir, ['--db', db, '--json'])
    expect(r.exitCode).toBe(1)
    expect(errorOf(r.stdout).code).toBe('INVENTORY_NOT_IMPORTED')
  })
})

/** Write 判定 cells (by 管理番号) into an exported review workbook, as a reviewer would. */
async function writeVerdicts(path: string, verdicts: Record<string, string>): Promise<void> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  const ws = wb.getWorksheet('レビュー')!
  let hr = 1
  while (ws.getRow(hr).getCell(1).value !== '業務') hr++
  const col = new Map<string, number>()
  ws.getRow(hr).eachCell((c, i) => col.set(String(c.value), i))
  for (let r = hr + 1; r <= ws.rowCount; r++) {
    const v = verdicts[String(ws.getRow(r).getCell(col.get('管理番号')!).value)]
    if (v !== undefined) ws.getRow(r).getCell(col.get('判定')!).value = v
  }
  await wb.xlsx.writeFile(path)
}

describe('review import', () => {
  it('accepts short labels, suggests the nearest for a typo, and checks without writing under --dry-run', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const path = join(tmp.dir, 'レビュー.xlsx')
    expect((await runCli(['fitgap', 'review-export', '--db', w.db, '--output', path])).exitCode).toBe(0)
    // The 要確認理由 column is in the review workbook.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const headers: string[] = []
    wb.getWorksheet('レビュー')!
      .getRow(4)
      .eachCell((c) => headers.push(String(c.value)))
    expect(headers).toContain('要確認理由')

    await writeVerdicts(path, {C001: '標準外', C002: '標準期能で対応'})
    const bad = await runCli(['fitgap', 'review-import', path, '--db', w.db, '--json'])
    expect(bad.exitCode).toBe(3)
    const issue = (parseJson(bad.stdout) as {error: {issues: {message: string}[]}}).error.issues[0]!
    expect(issue.message).toContain('もしかして: 標準機能で対応')

    await writeVerdicts(path, {C002: '標準外', C004: '実装不可'})
    const dry = await runCli(['fitgap', 'review-import', path, '--db', w.db, '--dry-run', '--json'])
    expect(dry.exitCode, dry.stdout).toBe(0)
    const planned = ReviewImportResultSchema.parse(parseJson(dry.stdout))
    expect(planned.dryRun).toBe(true)
    expect(planned.imported.map((i) => [i.customizationId, i.verdict])).toEqual([
      ['C001', 'outside'],
      ['C002', 'outside'],
      ['C004', 'prohibited'],
    ])
    const after = FitgapResultSchema.parse(
      parseJson((await runCli(['fitgap', '--db', w.db, '--json'])).stdout),
    )
    expect(after.results.filter((l) => l.method === 'review')).toEqual([])

    expect((await runCli(['fitgap', 'review-import', path, '--db', w.db])).exitCode).toBe(0)
    const stored = FitgapResultSchema.parse(
      parseJson((await runCli(['fitgap', '--db', w.db, '--json'])).stdout),
    )
    expect(stored.results.filter((l) => l.method === 'review')).toHaveLength(3)
  })
})

describe('what the terminal shows', () => {
  it('fitgap prints the 合計 row and each 要確認 with its reason, like the workbook', async () => {
    const w = await setUpWorkspace(tmp.dir, ['juki-6.0.xml', 'kaigo-4.0.xml'])
    const r = await runCli(['fitgap', '--db', w.db, '--output', join(tmp.dir, '比較分析表.xlsx')])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/合計.*8/)
    expect(r.stdout).toContain('標準機能で対応')
    const json = FitgapResultSchema.parse(
      parseJson((await runCli(['fitgap', '--db', w.db, '--json'])).stdout),
    )
    const flagged = json.results.filter((l) => l.needsReview)
    expect(flagged.length).toBeGreaterThan(0)
    expect(r.stdout).toMatch(/要確認 \d+ 件（要確認理由: /)
    for (const l of flagged) expect(r.stdout).toContain(`${l.customizationId} ${l.name}`)

    // The 比較分析表's detail sheets carry 要確認理由 and no longer invite writing 対応方針・確認者.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(tmp.dir, '比較分析表.xlsx'))
    const ws = wb.getWorksheet('住民基本台帳')!
    const headers: string[] = []
    ws.getRow(4).eachCell((c) => headers.push(String(c.value)))
    expect(headers).toContain('要確認理由')
    expect(headers).not.toContain('対応方針')
    expect(headers).not.toContain('確認者')
    const reasonCol = headers.indexOf('要確認理由') + 1
    const reasons: string[] = []
    for (let n = 5; n <= ws.rowCount; n++) {
      const v = ws.getRow(n).getCell(reasonCol).value
      if (v) reasons.push(String(v))
    }
    expect(reasons.length).toBe(flagged.filter((l) => l.businessId === 'juki').length)
  })

  it('specs diff shows 帳票 changes too, in the 新旧対照表’s words', async () => {
    const db = join(tmp.dir, 'h.db')
    for (const f of ['juki-5.0.xml', 'juki-6.0.xml']) {
      expect((await runCli(['specs', 'import', join(ROOT, 'specs', f), '--db', db])).exitCode).toBe(0)
    }
    const json = parseJson(
      (await runCli(['specs', 'diff', '住民基本台帳', '--db', db, '--json'])).stdout,
    ) as {
      forms: {added: {id: string}[]; removed: {id: string}[]; reclassified: {id: string}[]}
    }
    const formIds = [...json.forms.added, ...json.forms.removed, ...json.forms.reclassified].map((f) => f.id)
    expect(formIds.length).toBeGreaterThan(0)
    const r = await runCli(['specs', 'diff', '住民基本台帳', '--db', db])
    expect(r.stdout).toContain('帳票要件')
    for (const id of formIds) expect(r.stdout).toContain(id)
    expect(r.stdout).not.toMatch(/│ 変更 /)
  })

  it('specs diff with an unknown 業務 suggests the positional form it accepts', async () => {
    const r = await runCli(['specs', 'diff', '住民票', '--db', join(tmp.dir, 'h.db'), '--json'])
    expect(r.exitCode).toBe(2)
    const err = errorOf(r.stdout)
    expect(err.suggestions).toContain('hyojun specs diff 住民基本台帳')
    for (const s of err.suggestions) expect(s).toMatch(/^hyojun specs diff \S+$/)
  })
})
