/**
 * Hostile content inside otherwise valid files, run through the real commands: terminal escapes,
 * floods of invalid rows, huge values, mislabelled encodings.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {CustomizationImportResultSchema} from '../src/inventory/inventory.schema.js'
import {makeTempDir, parseJson, runCli} from './helpers.js'

let tmp: {dir: string; cleanup: () => void}
let db: string
beforeEach(async () => {
  tmp = makeTempDir('hyojun-hostile-')
  db = join(tmp.dir, 'hyojun.db')
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('台帳')
  ws.addRow(['システム名称', '対象業務'])
  ws.addRow(['住民情報システム', '住民記録'])
  ws.addRow(['税務総合システム', '個人住民税'])
  const file = join(tmp.dir, '台帳.xlsx')
  await wb.xlsx.writeFile(file)
  expect((await runCli(['inventory', 'import', file, '--db', db])).exitCode).toBe(0)
})
afterEach(() => tmp.cleanup())

const HEAD = '管理番号,システム名,業務,カスタマイズ名,概要'
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/

describe('control characters in imported text', () => {
  it('are stored, named by cell at import, and never printed raw', async () => {
    const file = join(tmp.dir, 'esc.csv')
    writeFileSync(
      file,
      [
        HEAD,
        'C-1,住民情報システム,住民記録,\u001b[2J画面消去\u0007,\u202eテキスト反転',
        'C-2,住民情報システム,住民記録,普通,普通',
      ].join('\r\n'),
    )
    const imp = await runCli(['customizations', 'import', file, '--db', db])
    expect(imp.exitCode).toBe(0)
    expect(imp.stderr).toContain('esc.csv › D2: 制御文字（U+001B）')
    expect(imp.stderr).toContain('esc.csv › E2: 制御文字（U+202E）')
    expect(imp.stderr + imp.stdout).not.toMatch(RAW_CONTROL)
    const list = await runCli(['customizations', 'list', '--db', db])
    expect(list.exitCode).toBe(0)
    expect(list.stdout).not.toMatch(RAW_CONTROL)
    expect(list.stdout).toContain('\\u001B[2J画面消去\\u0007')
    // Stored as written: --json gives the exact text back (JSON escapes it).
    const json = parseJson((await runCli(['customizations', 'list', '--db', db, '--json'])).stdout) as {
      customizations: {name: string}[]
    }
    expect(json.customizations[0]?.name).toBe('\u001b[2J画面消去\u0007')
  })

  it('in an error message are escaped too', async () => {
    const file = join(tmp.dir, 'bad.csv')
    writeFileSync(file, [HEAD, 'C-1,\u001b]0;pwned\u0007ないシステム,住民記録,x,y'].join('\n'))
    const r = await runCli(['customizations', 'import', file, '--db', db])
    expect(r.exitCode).toBe(3)
    expect(r.stderr).toContain('\\u001B]0;pwned')
    expect(r.stderr).not.toMatch(RAW_CONTROL)
  })
})

describe('floods of problems', () => {
  it('keep the first 1,000 issues and count the rest, with and without --json', async () => {
    const file = join(tmp.dir, 'many.csv')
    const rows = Array.from({length: 3000}, (_, i) => `C-${i},ないシステム${i},住民記録,名前${i},概要`)
    writeFileSync(file, [HEAD, ...rows].join('\n'))
    const r = await runCli(['customizations', 'import', file, '--db', db, '--json'])
    expect(r.exitCode).toBe(3)
    const issues = (
      parseJson(r.stdout) as {error: {message: string; issues: {code: string; message: string}[]}}
    ).error
    expect(issues.message).toContain('3,000 件の問題')
    expect(issues.issues).toHaveLength(1001)
    expect(issues.issues.at(-1)).toMatchObject({code: 'ISSUES_OMITTED', message: '以下省略（他 2,000 件）'})
    const human = await runCli(['customizations', 'import', file, '--db', db])
    expect(human.stderr).toContain('…ほか 2,980 件')
  })

  it('cut huge values in messages and skip did-you-mean for them (bounded time per row)', async () => {
    const file = join(tmp.dir, 'long.csv')
    const long = '住'.repeat(30_000)
    const rows = Array.from({length: 300}, (_, i) => `C-${i},${long}${i},住民記録,名前,概要`)
    writeFileSync(file, [HEAD, ...rows].join('\n'))
    const start = performance.now()
    const r = await runCli(['customizations', 'import', file, '--db', db, '--json'])
    expect(performance.now() - start).toBeLessThan(15_000)
    expect(r.exitCode).toBe(3)
    const issues = (parseJson(r.stdout) as {error: {issues: {message: string}[]}}).error.issues
    expect(issues).toHaveLength(300)
    for (const i of issues) expect(i.message.length).toBeLessThan(500)
    expect(issues[0]?.message).toContain('…')
    expect(r.stdout.length).toBeLessThan(300 * 1000)
  })
})

describe('mislabelled encodings say what is wrong and where', () => {
  const ledger = Buffer.from(`${HEAD}\nC-1,住民情報システム,住民記録,名前,概要\n`)
  it.each([
    [
      'BOM over Shift_JIS',
      Buffer.from([0xef, 0xbb, 0xbf, 0x8f, 0x5a, 0x96, 0xaf, 0x0a]),
      'BOM_MISMATCH',
      'Shift_JIS',
      '1行目',
    ],
    ['one stray byte', Buffer.concat([ledger, Buffer.from([0xff]), ledger]), 'BROKEN_UTF8', '0xFF', '3行目'],
    [
      'CESU-8 surrogate',
      Buffer.concat([ledger, Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80])]),
      'CESU8',
      'CESU-8',
      '3行目',
    ],
    ['UTF-16 without BOM', Buffer.from(`${HEAD}\n`, 'utf16le'), 'UTF16_WITHOUT_BOM', 'UTF-16', '1行目'],
    [
      'NUL bytes',
      Buffer.concat([ledger, Buffer.from('C-2,住民情報システム,住民記録,a\u0000b,c\n')]),
      'NUL_IN_TEXT',
      'NUL',
      '3行目',
    ],
  ])('%s', async (_label, bytes, code, says, line) => {
    const file = join(tmp.dir, 'enc.csv')
    writeFileSync(file, bytes)
    const r = await runCli(['customizations', 'import', file, '--db', db, '--json'])
    expect(r.exitCode).toBe(3)
    const err = (parseJson(r.stdout) as {error: {code: string; issues: {where: string; message: string}[]}})
      .error
    expect(err.code).toBe(code)
    expect(err.issues[0]?.message).toContain(says)
    expect(err.issues[0]?.where).toContain(`enc.csv › ${line}`)
    expect(err.issues[0]?.where).toMatch(/バイト目/)
  })

  it('still imports a good file after all that (schema intact)', async () => {
    const file = join(tmp.dir, 'ok.csv')
    writeFileSync(file, ledger)
    const r = await runCli(['customizations', 'import', file, '--db', db, '--json'])
    expect(r.exitCode).toBe(0)
    expect(CustomizationImportResultSchema.parse(parseJson(r.stdout)).customizations).toBe(1)
    expect(readFileSync(file).length).toBeGreaterThan(0)
  })
})
