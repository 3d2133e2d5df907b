import {spawn} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {importCustomizations, importInventory} from '../src/inventory/inventory-import.service.js'
import {makeTempDir, ROOT} from './helpers.js'

/**
 * All-or-nothing under a hard kill: a customization import killed (SIGKILL) at
 * various moments leaves either the previous list or the new one, never a mix.
 * `PRAGMA integrity_check` alone would not catch a half import, so this checks
 * our own invariant: the row count and content belong to one edition.
 */
let tmp: {dir: string; cleanup: () => void}
let db: string
let bigCsv: string
const NEW_ROWS = 20_000

beforeAll(async () => {
  tmp = makeTempDir()
  db = join(tmp.dir, 'h.db')
  await importInventory({dbPath: db, file: join(ROOT, 'inventory/systems.xlsx')})
  await importCustomizations({dbPath: db, file: join(ROOT, 'inventory/customizations.xlsx')})
  const lines = ['管理番号,システム名,業務,カスタマイズ名称,内容,年間保守費（千円）']
  for (let i = 1; i <= NEW_ROWS; i++) {
    lines.push(
      `N-${i},住民情報システム,住民基本台帳,独自帳票${i},帳票${i}の様式を変更（第${i}版）,${(i % 90) + 10}`,
    )
  }
  bigCsv = join(tmp.dir, 'customizations-big.csv')
  writeFileSync(bigCsv, `${lines.join('\r\n')}\r\n`)
})
afterAll(() => tmp.cleanup())

function state(): {rows: number; newRows: number; integrity: string} {
  const d = new Database(db, {readonly: true})
  try {
    const rows = d
      .prepare("SELECT count(*) FROM customization WHERE system_id = 'SYS-001'")
      .pluck()
      .get() as number
    const newRows = d
      .prepare("SELECT count(*) FROM customization WHERE id LIKE 'N-%'")
      .pluck()
      .get() as number
    const integrity = d.pragma('integrity_check', {simple: true}) as string
    return {rows, newRows, integrity}
  } finally {
    d.close()
  }
}

function importAndKill(afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bin/dev.js'), 'customizations', 'import', bigCsv, '--db', db],
      {cwd: ROOT, env: {...process.env, NODE_ENV: 'development'}, stdio: 'ignore'},
    )
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs)
    child.on('exit', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

describe('import under SIGKILL', () => {
  it('leaves the old list or the new list, never part of one', async () => {
    const before = state()
    expect(before.newRows).toBe(0)
    const seen = new Set<string>()
    for (const ms of [1500, 2500, 3200, 4000, 5000, 6500]) {
      await importAndKill(ms)
      const s = state()
      expect(s.integrity).toBe('ok')
      const complete = s.newRows === NEW_ROWS && s.rows === NEW_ROWS
      const untouched = s.newRows === 0 && s.rows === before.rows
      expect(complete || untouched, `after ${ms} ms: ${JSON.stringify(s)}`).toBe(true)
      seen.add(complete ? 'new' : 'old')
      if (complete) break
    }
    expect(seen.size).toBeGreaterThan(0)
  }, 120_000)
})
