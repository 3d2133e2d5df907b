/**
 * Failures of the machine, not of the input: a damaged, locked, empty or read-only database,
 * output paths that cannot work, temp files left by a killed run. Each gets a Japanese message
 * that says what to do (never 「内部エラー」), and nothing long runs before the check.
 */
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {writeWorkbook} from '../src/reports/workbook-writer.js'
import {setUpWorkspace} from './fitgap-fixtures.js'
import {makeTempDir, parseJson, runCli} from './helpers.js'

let tmp: {dir: string; cleanup: () => void}
beforeEach(() => (tmp = makeTempDir('hyojun-env-')))
afterEach(() => tmp.cleanup())

interface ErrorOut {
  error: {code: string; message: string; suggestions: string[]}
}

async function failing(args: string[], exit = 1): Promise<ErrorOut['error']> {
  const r = await runCli([...args, '--json'])
  expect(r.exitCode).toBe(exit)
  const e = (parseJson(r.stdout) as ErrorOut).error
  expect(e.code).not.toBe('INTERNAL')
  expect(e.message).not.toContain('内部エラー')
  return e
}

const isRoot = process.getuid?.() === 0

describe('database hazards', () => {
  it('a damaged database: says so and names doctor and backup/restore', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const bytes = readFileSync(w.db)
    // Keep the 100-byte header, scribble over the schema page and everything after it.
    bytes.fill(0xa5, 100)
    writeFileSync(w.db, bytes)
    const e = await failing(['customizations', 'list', '--db', w.db])
    expect(e.code).toBe('DB_CORRUPT')
    expect(e.message).toContain(w.db)
    expect(e.suggestions.join('\n')).toMatch(/doctor/)
    expect(e.suggestions.join('\n')).toMatch(/backup/)
  })

  it('a file that is not SQLite at all', async () => {
    const db = join(tmp.dir, 'notes.db')
    writeFileSync(db, 'これはデータベースではありません'.repeat(100))
    const e = await failing(['inventory', 'list', '--db', db])
    expect(e.code).toBe('DB_CORRUPT')
  })

  it('locked by another writer beyond busy_timeout: who holds it and what to do', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const other = new Database(w.db)
    other.exec('BEGIN IMMEDIATE')
    try {
      const e = await failing(['customizations', 'import', join(w.dir, 'customizations.xlsx'), '--db', w.db])
      expect(e.code).toBe('DB_LOCKED')
      expect(e.message).toContain('書き込み中')
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
  }, 20_000)

  it('a zero-byte --db is warned about', async () => {
    const db = join(tmp.dir, 'empty.db')
    writeFileSync(db, '')
    const r = await runCli(['inventory', 'list', '--db', db])
    expect(r.stderr).toContain('0 バイト')
  })

  it.skipIf(isRoot)('read-only database file: list works, import says what is wrong', async () => {
    const w = await setUpWorkspace(tmp.dir)
    chmodSync(w.db, 0o444)
    try {
      const list = await runCli(['customizations', 'list', '--db', w.db, '--json'])
      expect(list.exitCode).toBe(0)
      const e = await failing(['customizations', 'import', join(w.dir, 'customizations.xlsx'), '--db', w.db])
      expect(e.code).toBe('DB_READ_ONLY')
    } finally {
      chmodSync(w.db, 0o644)
    }
  })

  it('read-only commands leave the database file as it was', async () => {
    const w = await setUpWorkspace(tmp.dir)
    // A clean close leaves no -wal; a read-only open must not create one or change the file.
    const before = readFileSync(w.db)
    const r = await runCli(['customizations', 'list', '--db', w.db, '--json'])
    expect(r.exitCode).toBe(0)
    expect(readFileSync(w.db).equals(before)).toBe(true)
  })

  it.skipIf(isRoot)('a read-only folder: list and show still work (from a private copy)', async () => {
    const w = await setUpWorkspace(tmp.dir)
    chmodSync(tmp.dir, 0o555)
    try {
      const r = await runCli(['customizations', 'list', '--db', w.db, '--json'])
      expect(r.exitCode).toBe(0)
    } finally {
      chmodSync(tmp.dir, 0o755)
    }
  })
})

describe('report output hazards are refused before the analysis', () => {
  it.each([
    [
      'the parent is a file',
      (dir: string) => join(dir, 'file.txt', '比較分析表.xlsx'),
      'OUTPUT_PARENT_IS_FILE',
    ],
    ['a directory', (dir: string) => join(dir, 'out.xlsx'), 'OUTPUT_IS_DIR'],
    ['the database itself', (dir: string) => join(dir, 'hyojun.db'), 'OUTPUT_IS_DATABASE'],
  ])('%s', async (_label, target, code) => {
    const w = await setUpWorkspace(tmp.dir)
    writeFileSync(join(tmp.dir, 'file.txt'), 'x')
    mkdirSync(join(tmp.dir, 'out.xlsx'))
    const dbBytes = readFileSync(w.db)
    const output = target(tmp.dir)
    // The database check ignores the extension, so give it the real db path.
    // A folder or a non-.xlsx path is a usage mistake (exit 2); a parent that is a file fails (exit 1).
    const r = await runCli([
      'fitgap',
      '--db',
      w.db,
      '--output',
      output.endsWith('.db') ? w.db : output,
      '--json',
    ])
    expect([1, 2]).toContain(r.exitCode)
    const e = (parseJson(r.stdout) as ErrorOut).error
    expect(e.message).not.toContain('内部エラー')
    if (code === 'OUTPUT_PARENT_IS_FILE') expect(e.code).toBe(code)
    expect(readFileSync(w.db).equals(dbBytes)).toBe(true)
  })

  it('an .xlsx path that is the database (a renamed db) is refused', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const alias = join(tmp.dir, 'hyojun.xlsx')
    const {symlinkSync} = await import('node:fs')
    symlinkSync(w.db, alias)
    const e = await failing(['fitgap', '--db', alias, '--output', alias])
    expect(e.code).toBe('OUTPUT_IS_DATABASE')
  })

  it.skipIf(isRoot)('a read-only existing report is not replaced', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const out = join(tmp.dir, 'ro.xlsx')
    writeFileSync(out, 'filled in')
    chmodSync(out, 0o444)
    const e = await failing(['fitgap', '--db', w.db, '--output', out])
    expect(e.code).toBe('OUTPUT_READ_ONLY')
    expect(readFileSync(out, 'utf8')).toBe('filled in')
  })
})

describe('the report writer', () => {
  it('removes temp files of killed runs, keeps others', async () => {
    const out = join(tmp.dir, '比較分析表.xlsx')
    const dead = join(tmp.dir, '.比較分析表.xlsx.2147483646.1700000000000.tmp')
    const mine = join(tmp.dir, `.比較分析表.xlsx.${process.pid}.1700000000000.tmp`)
    const foreign = join(tmp.dir, '.比較分析表.xlsx.backup.tmp')
    for (const f of [dead, mine, foreign]) writeFileSync(f, 'partial')
    await writeWorkbook(out, [{name: 'a', columns: [{header: 'x', value: (r: string) => r}], rows: ['1']}])
    expect(existsSync(dead)).toBe(false)
    expect(existsSync(mine)).toBe(true)
    expect(existsSync(foreign)).toBe(true)
  })

  it('says what it changed: control characters removed and cells cut, with sheet, cell and row label', async () => {
    const rows = [
      {id: 'C-1', text: '\u001b[2J画面\u0007'},
      {id: 'C-2', text: '長'.repeat(40_000)},
    ]
    const r = await writeWorkbook(join(tmp.dir, 'w.xlsx'), [
      {
        name: '明細',
        columns: [
          {header: 'ID', value: (x: (typeof rows)[number]) => x.id},
          {header: '内容', value: (x: (typeof rows)[number]) => x.text},
        ],
        rows,
        rowLabel: (x: (typeof rows)[number]) => `カスタマイズ ${x.id}`,
      },
    ])
    expect(r.changes).toEqual([
      '明細!B2（カスタマイズ C-1）: 制御文字 2 個を削除しました',
      expect.stringMatching(
        /^明細!B3（カスタマイズ C-2）: Excel の上限（32,767 文字）を超えるため 40,000 文字を切り詰めました$/,
      ),
    ])
  })

  it('fitgap --output carries the writer changes in its warnings', async () => {
    const w = await setUpWorkspace(tmp.dir)
    // exceljs drops control characters when it writes the fixture, so put one in the stored name directly.
    const d = new Database(w.db)
    d.prepare("UPDATE customization SET name = name || char(27) || '[31m' WHERE id = 'C001'").run()
    d.close()
    const out = join(tmp.dir, 'fg.xlsx')
    const r = await runCli(['fitgap', '--db', w.db, '--output', out, '--json'])
    expect(r.exitCode).toBe(0)
    const warnings = (parseJson(r.stdout) as {warnings: string[]}).warnings
    expect(warnings.some((x) => /制御文字 1 個を削除/.test(x) && /カスタマイズ S01\/C00/.test(x))).toBe(true)
  })
})
