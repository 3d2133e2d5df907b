import {copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {isNetworkPath, migrate, openDatabase, schemaVersion} from '../src/db/database.js'
import type {Migration} from '../src/db/migration.js'
import {MIGRATIONS} from '../src/db/migrations/index.js'
import {DoctorResultSchema} from '../src/workspace/doctor.service.js'
import {makeTempDir, parseJson, ROOT, runCli} from './helpers.js'
import {parseContract} from './contract.js'

let tmp: {dir: string; cleanup: () => void}
let db: string
beforeEach(() => {
  tmp = makeTempDir()
  db = join(tmp.dir, 'hyojun.db')
})
afterEach(() => tmp.cleanup())

describe('hyojun init', () => {
  it('records the profile with the prefecture derived from the code', async () => {
    const r = await runCli([
      'init',
      '--name',
      '多賀城市',
      '--code',
      '042099',
      '--population',
      '62000',
      '--kind',
      '一般市',
      '--db',
      db,
      '--json',
    ])
    expect(r.exitCode).toBe(0)
    const out = parseContract('init', r.stdout)
    expect(out.municipality).toEqual({
      name: '多賀城市',
      code: '042099',
      prefecture: '宮城県',
      population: 62000,
      kind: '一般市',
    })
    expect(out.created).toBe(true)
  })

  it.each([[[]], [['--json']]])(
    'rejects a wrong check digit with exit 3 (%j) and writes nothing',
    async (extra) => {
      const r = await runCli(['init', '--name', '多賀城市', '--code', '042098', '--db', db, ...extra])
      expect(r.exitCode).toBe(3)
      const text =
        extra.length > 0 ? (parseJson(r.stdout) as {error: {message: string}}).error.message : r.stderr
      expect(text).toContain('検査数字')
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/)
      expect(existsSync(db)).toBe(false)
    },
  )

  it('gives exit 2 for an unknown flag, with and without --json', async () => {
    const a = await runCli(['catalog', '--nope', '--db', db])
    expect(a.exitCode).toBe(2)
    const b = await runCli(['catalog', '--nope', '--json', '--db', db])
    expect(b.exitCode).toBe(2)
    expect((parseJson(b.stdout) as {error: {code: string}}).error.code).toBe('USAGE')
  })

  it('gives exit 2 for an unknown 団体区分', async () => {
    const r = await runCli(['init', '--name', 'x', '--code', '042099', '--kind', '政令市', '--db', db])
    expect(r.exitCode).toBe(2)
  })
})

describe('hyojun catalog', () => {
  it('lists the 20 業務 in the documented JSON shape', async () => {
    const r = await runCli(['catalog', '--json', '--db', db])
    expect(r.exitCode).toBe(0)
    const out = parseContract('catalog', r.stdout)
    expect(out.businesses).toHaveLength(20)
    const juki = out.businesses.find((b) => b.id === 'juki')
    expect(juki).toMatchObject({name: '住民基本台帳', original17: true, group: '住民', ministry: '総務省'})
    expect(juki?.aliases).toContain('住民記録')
  })

  it('prints a table on stdout and nothing on stderr', async () => {
    const r = await runCli(['catalog', '--db', db])
    expect(r.stdout).toContain('戸籍の附票')
    expect(r.stderr).toBe('')
  })
})

describe('hyojun doctor and backup', () => {
  it('reports a fresh database (and creates none itself)', async () => {
    const missing = await runCli(['doctor', '--json', '--db', db])
    expect(missing.exitCode).toBe(1)
    expect((parseJson(missing.stdout) as {error: {code: string}}).error.code).toBe('DB_NOT_FOUND')
    expect(existsSync(db)).toBe(false)
    await runCli(['specs', 'import', join(ROOT, 'specs', 'juki-6.0.xml'), '--db', db])
    const r = await runCli(['doctor', '--json', '--db', db])
    expect(r.exitCode).toBe(0)
    const out = parseContract('doctor', r.stdout)
    expect(out).toMatchObject({
      exists: true,
      journalMode: 'wal',
      synchronous: 'FULL',
      integrity: 'ok',
      municipality: null,
      ok: true,
    })
    expect(out.schemaVersion).toBe(MIGRATIONS.length)
  })

  it('reports a reopened database with synchronous=FULL and its rows', async () => {
    await runCli(['init', '--name', '豊島区', '--code', '131164', '--kind', '特別区', '--db', db])
    const r = await runCli(['doctor', '--json', '--db', db])
    const out = DoctorResultSchema.parse(parseJson(r.stdout))
    expect(out.exists).toBe(true)
    expect(out.synchronous).toBe('FULL')
    expect(out.municipality?.prefecture).toBe('東京都')
    expect(out.tables.find((t) => t.name === 'municipality')?.rows).toBe(1)
  })

  it('never creates or modifies anything: no migration, no -shm/-wal beside the file, same bytes and mtime', async () => {
    // An older hyojun's database (schema version 5): doctor reports it as it is instead of migrating it.
    openDatabase(db, {migrations: MIGRATIONS.slice(0, 5)}).close()
    const files = readdirSync(tmp.dir)
    const bytes = readFileSync(db)
    const mtime = statSync(db).mtimeMs
    await new Promise((r) => setTimeout(r, 20))
    const r = await runCli(['doctor', '--json', '--db', db])
    expect(r.exitCode, r.stdout).toBe(1)
    expect(parseJson(r.stdout)).toMatchObject({
      schemaVersion: 5,
      latestSchemaVersion: MIGRATIONS.length,
      ok: false,
    })
    expect(readdirSync(tmp.dir)).toEqual(files)
    expect(readFileSync(db).equals(bytes)).toBe(true)
    expect(statSync(db).mtimeMs).toBe(mtime)
    const human = await runCli(['doctor', '--db', db])
    expect(human.stdout).toContain('スキーマ版: 5 / ')
    expect(human.stdout).toContain('書き込むコマンド')
    expect(readdirSync(tmp.dir)).toEqual(files)
    expect(readFileSync(db).equals(bytes)).toBe(true)
  })

  it('names the damaged file itself (not its private copy) and leaves it as it was', async () => {
    writeFileSync(db, 'これはデータベースではありません'.repeat(100))
    const bytes = readFileSync(db)
    const r = await runCli(['doctor', '--json', '--db', db])
    expect(r.exitCode).toBe(1)
    const e = (parseJson(r.stdout) as {error: {code: string; message: string}}).error
    expect(e.code).toBe('DB_CORRUPT')
    expect(e.message).toContain(db)
    expect(readFileSync(db).equals(bytes)).toBe(true)
    expect(readdirSync(tmp.dir)).toEqual(['hyojun.db'])
  })

  it('backs up a consistent copy while another connection holds a read transaction', async () => {
    await runCli(['init', '--name', '多賀城市', '--code', '042099', '--db', db])
    const reader = new Database(db, {readonly: true})
    reader.prepare('BEGIN').run()
    reader.prepare('SELECT * FROM municipality').all()
    const target = join(tmp.dir, 'copy.db')
    const r = await runCli(['backup', target, '--db', db, '--json'])
    reader.prepare('COMMIT').run()
    reader.close()
    expect(r.exitCode).toBe(0)
    expect(parseContract('backup', r.stdout)).toMatchObject({target, sizeBytes: statSync(target).size})
    const copy = new Database(target, {readonly: true})
    expect(copy.prepare('SELECT name FROM municipality').pluck().get()).toBe('多賀城市')
    copy.close()
  })
})

describe('database', () => {
  it('migrates an old database forward without losing data', () => {
    const path = join(tmp.dir, 'old.db')
    const first = openDatabase(path, {migrations: MIGRATIONS.slice(0, 1)})
    first
      .prepare("INSERT INTO municipality VALUES (1, '多賀城市', '042099', '宮城県', 62000, '一般市', 'x')")
      .run()
    expect(schemaVersion(first)).toBe(1)
    first.close()
    const again = openDatabase(path)
    expect(schemaVersion(again)).toBe(MIGRATIONS.length)
    expect(again.prepare('SELECT name FROM municipality').pluck().get()).toBe('多賀城市')
    again.close()
  })

  it('applies a failing migration not at all', () => {
    const path = join(tmp.dir, 'bad.db')
    const broken: Migration[] = [
      ...MIGRATIONS,
      {name: 'broken', sql: 'CREATE TABLE t (a); INSERT INTO nope VALUES (1);'},
    ]
    const d = openDatabase(path)
    expect(() => migrate(d, broken)).toThrow()
    expect(schemaVersion(d)).toBe(MIGRATIONS.length)
    expect(d.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 't'").pluck().get()).toBe(0)
    d.close()
  })

  it('refuses a database written by a newer hyojun', async () => {
    const path = join(tmp.dir, 'new.db')
    openDatabase(path).close()
    const raw = new Database(path)
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`)
    raw.close()
    const r = await runCli(['doctor', '--db', path])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('新しい版の hyojun')
  })

  it('refuses a network share path', async () => {
    expect(isNetworkPath('\\\\fileserver\\share\\hyojun.db')).toBe(true)
    expect(isNetworkPath('//fileserver/share/hyojun.db')).toBe(true)
    expect(isNetworkPath('C:\\work\\hyojun.db')).toBe(false)
    const r = await runCli(['doctor', '--db', '//fileserver/share/hyojun.db', '--json'])
    expect(r.exitCode).toBe(1)
    expect((parseJson(r.stdout) as {error: {code: string}}).error.code).toBe('DB_ON_NETWORK_SHARE')
  })

  it('reads HYOJUN_DB when --db is absent', async () => {
    process.env['HYOJUN_DB'] = db
    try {
      await runCli(['init', '--name', '多賀城市', '--code', '042099'])
    } finally {
      delete process.env['HYOJUN_DB']
    }
    const copy = join(tmp.dir, 'c.db')
    copyFileSync(db, copy)
    expect(existsSync(db)).toBe(true)
  })
})
