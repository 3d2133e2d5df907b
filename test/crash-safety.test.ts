import {spawn} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {importCustomizations, importInventory} from '../src/inventory/inventory-import.service.js'
import {makeTempDir, ROOT} from './helpers.js'

/**
 * All-or-nothing under a hard kill: a customization import killed (SIGKILL) while it
 * holds the write lock leaves the previous list, never a mix.
 * `PRAGMA integrity_check` alone would not catch a half import, so this checks
 * our own invariant: the row count and content belong to one edition.
 */
let tmp: {dir: string; cleanup: () => void}
let db: string
let bigCsv: string
// Enough rows that the write transaction lasts well beyond the shortest kill delay below even
// after the batched inserts (20,000 rows committed in under 400 ms on a quiet machine).
const NEW_ROWS = 60_000

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

/**
 * True while another connection holds the write lock: the import is inside its BEGIN IMMEDIATE
 * transaction. Probed with BEGIN IMMEDIATE and no busy wait, released at once.
 */
function writerActive(probe: Database.Database): boolean {
  try {
    probe.exec('BEGIN IMMEDIATE')
    probe.exec('ROLLBACK')
    return false
  } catch (error) {
    if ((error as {code?: string}).code?.startsWith('SQLITE_BUSY')) return true
    throw error
  }
}

/**
 * Run the import in a child process and SIGKILL it `delayMs` after it took the write lock, if it still
 * holds it then (a kill inside the transaction, not before or after it). Says whether the kill landed
 * while the import was writing.
 */
function importAndKillWhileWriting(delayMs: number): Promise<{killedWhileWriting: boolean}> {
  return new Promise((resolve, reject) => {
    const probe = new Database(db)
    probe.pragma('busy_timeout = 0')
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bin/dev.js'), 'customizations', 'import', bigCsv, '--db', db],
      {cwd: ROOT, env: {...process.env, NODE_ENV: 'development'}, stdio: 'ignore'},
    )
    let killedWhileWriting = false
    let lockedAt: number | undefined
    const poll = setInterval(() => {
      try {
        const now = Date.now()
        if (lockedAt === undefined) {
          if (writerActive(probe)) lockedAt = now
        } else if (now - lockedAt >= delayMs && writerActive(probe)) {
          child.kill('SIGKILL')
          killedWhileWriting = true
          clearInterval(poll)
        }
      } catch (error) {
        clearInterval(poll)
        child.kill('SIGKILL')
        reject(error as Error)
      }
    }, 2)
    child.on('exit', () => {
      clearInterval(poll)
      probe.close()
      resolve({killedWhileWriting})
    })
  })
}

describe('import under SIGKILL', () => {
  it('leaves the old list when killed inside its transaction, early or late, never part of the new one', async () => {
    const before = state()
    expect(before.newRows).toBe(0)
    const killedWhileWriting: number[] = []
    // 0 ms: as the transaction starts; later: while rows are being written (a non-atomic import
    // would have committed its DELETE and part of the INSERTs by then).
    for (const delay of [0, 25, 100, 400, 1500]) {
      const r = await importAndKillWhileWriting(delay)
      const s = state()
      expect(s.integrity).toBe('ok')
      const complete = s.newRows === NEW_ROWS && s.rows === NEW_ROWS
      const untouched = s.newRows === 0 && s.rows === before.rows
      expect(complete || untouched, `killed ${delay} ms into the write: ${JSON.stringify(s)}`).toBe(true)
      if (r.killedWhileWriting && untouched) killedWhileWriting.push(delay)
      if (complete) break
    }
    // At least one kill landed well inside the transaction, and it rolled back.
    expect(killedWhileWriting.filter((d) => d > 0).length).toBeGreaterThan(0)
  }, 240_000)
})
