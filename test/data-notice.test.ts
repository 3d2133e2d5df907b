import {copyFileSync, mkdirSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BUNDLED_SPECS_NOTICE, SAMPLE_NOTICE} from '../src/reports/data-notice.js'
import {importSpecs} from '../src/standard/spec-import.service.js'
import {RfiExportResultSchema} from '../src/rfi/rfi.schema.js'
import {fillRfiWorkbook, type QuestionView} from '../scripts/sample/rfi-fill.js'
import {setUpWorkspace} from './fitgap-fixtures.js'
import {makeTempDir, parseJson, ROOT, runCli} from './helpers.js'

/**
 * The standalone report commands say, on every sheet, when the database holds the bundled sample city or
 * the bundled specs (migration 009's marks), as `hyojun run` does — and say nothing on a city's own data.
 */

const FULL_NOTICE = `【${SAMPLE_NOTICE}・${BUNDLED_SPECS_NOTICE}】`
const TODAY = '2026-12-02'

let tmp: {dir: string; cleanup: () => void}
/** `hyojun run --sample`: the bundled sample city and the bundled specs. */
let sampleDb: string
/** A city's own システム台帳・カスタマイズ一覧 and its own copy of a spec file (not from the bundled specs/). */
let ownDb: string
/** A city's own inventory analysed against the bundled specs. */
let ownWithBundledSpecsDb: string

beforeAll(async () => {
  tmp = makeTempDir()
  sampleDb = join(tmp.dir, 'sample.db')
  const run = await runCli([
    'run',
    '--sample',
    '--db',
    sampleDb,
    '--reports',
    join(tmp.dir, 'run'),
    '--today',
    TODAY,
  ])
  expect(run.exitCode, run.stderr).toBe(0)

  const own = join(tmp.dir, 'own')
  mkdirSync(own)
  copyFileSync(join(ROOT, 'specs', 'juki-6.0.xml'), join(own, 'juki-6.0.xml'))
  ownDb = (await setUpWorkspace(own, [])).db
  await importSpecs({dbPath: ownDb, path: join(own, 'juki-6.0.xml')})

  const mixed = join(tmp.dir, 'mixed')
  mkdirSync(mixed)
  ownWithBundledSpecsDb = (await setUpWorkspace(mixed)).db
  // `rfi compare` needs a vendor's answers: export, answer as a vendor would, import.
  for (const [db, dir] of [
    [ownDb, own],
    [ownWithBundledSpecsDb, mixed],
  ] as const) {
    const exported = await runCli(['rfi', 'export', '--db', db, '--output', join(dir, 'rfi'), '--json'])
    expect(exported.exitCode, exported.stdout).toBe(0)
    const file = RfiExportResultSchema.parse(parseJson(exported.stdout)).workbooks[0]!.file
    await fillRfiWorkbook(file, join(dir, 'answer.xlsx'), {vendor: 'あおば情報システム', answer: answerAll})
    const imported = await runCli([
      'rfi',
      'import',
      join(dir, 'answer.xlsx'),
      '--vendor',
      'あおば情報システム',
      '--db',
      db,
    ])
    expect(imported.exitCode, imported.stderr).toBe(0)
  }
}, 240_000)

const answerAll = (q: QuestionView): Record<string, string | number | null> =>
  q.sheet === '独自要件'
    ? {対応方法: '独自施策システム', '費用（千円）': 1200}
    : {対応: '○', 対応方法: '標準'}
afterAll(() => tmp.cleanup())

/** Title line (row 1, column A) of every sheet of a workbook. */
async function titleLines(path: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb.worksheets.map((ws) => String(ws.getRow(1).getCell(1).value))
}

const COMMANDS: readonly (readonly [string, readonly string[]])[] = [
  ['cost estimate', ['cost', 'estimate']],
  ['roadmap', ['roadmap']],
  ['report', ['report']],
  ['rfi compare', ['rfi', 'compare']],
]

describe.each(COMMANDS)('hyojun %s --output', (name, command) => {
  async function write(db: string, label: string): Promise<string[]> {
    const output = join(tmp.dir, `${name.replace(' ', '-')}-${label}.xlsx`)
    const today = command[0] === 'rfi' ? [] : ['--today', TODAY]
    const r = await runCli([...command, '--db', db, ...today, '--output', output])
    expect(r.exitCode, r.stderr).toBe(0)
    const titles = await titleLines(output)
    expect(titles.length).toBeGreaterThan(0)
    return titles
  }

  it('marks every sheet of a workbook built from the bundled sample data', async () => {
    for (const t of await write(sampleDb, 'sample')) expect(t.startsWith(FULL_NOTICE), t).toBe(true)
  })

  it("marks nothing on a city's own data, and only the specs when they are the bundled ones", async () => {
    for (const t of await write(ownDb, 'own')) expect(t).not.toMatch(/【|サンプル|同梱仕様書/)
    for (const t of await write(ownWithBundledSpecsDb, 'mixed')) {
      expect(t.startsWith(`【${BUNDLED_SPECS_NOTICE}】`), t).toBe(true)
      expect(t).not.toContain(SAMPLE_NOTICE)
    }
  })
})

describe('hyojun rfi export', () => {
  const exported = (dir: string): string[] =>
    readdirSync(join(tmp.dir, dir))
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => join(tmp.dir, dir, f))

  it('marks every sheet of the answer workbooks built from the bundled sample (so they are never sent as is)', async () => {
    const files = exported(join('run', 'RFI'))
    expect(files.length).toBeGreaterThan(0)
    for (const f of files)
      for (const t of await titleLines(f)) expect(t.startsWith(FULL_NOTICE), `${f}: ${t}`).toBe(true)
  })

  it("marks nothing on a city's own data, and only the specs when they are the bundled ones", async () => {
    const own = exported(join('own', 'rfi'))
    const mixed = exported(join('mixed', 'rfi'))
    expect(own.length).toBeGreaterThan(0)
    expect(mixed.length).toBeGreaterThan(0)
    for (const f of own) for (const t of await titleLines(f)) expect(t).not.toMatch(/【|サンプル|同梱仕様書/)
    for (const f of mixed)
      for (const t of await titleLines(f)) {
        expect(t.startsWith(`【${BUNDLED_SPECS_NOTICE}】`), t).toBe(true)
        expect(t).not.toContain(SAMPLE_NOTICE)
      }
  })
})

describe('hyojun run --sample', () => {
  it('marks every sheet of every report it writes', async () => {
    const dir = join(tmp.dir, 'run')
    const reports = readdirSync(dir).filter((f) => f.endsWith('.xlsx'))
    expect(reports).toEqual(
      expect.arrayContaining([
        '比較分析表.xlsx',
        '経費試算.xlsx',
        'ロードマップ.xlsx',
        'RFI比較表.xlsx',
        '移行計画サマリ.xlsx',
      ]),
    )
    for (const f of reports)
      for (const t of await titleLines(join(dir, f)))
        expect(t.startsWith(FULL_NOTICE), `${f}: ${t}`).toBe(true)
  })
})
