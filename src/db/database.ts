import {mkdirSync, existsSync} from 'node:fs'
import {dirname, resolve} from 'node:path'
import Database from 'better-sqlite3'
import {UserError} from '../errors.js'
import type {Migration} from './migration.js'
import {MIGRATIONS} from './migrations/index.js'

export type Db = Database.Database

export interface OpenOptions {
  /** Run pending migrations (default true). */
  readonly migrate?: boolean
  /** Override the migration list (tests). */
  readonly migrations?: readonly Migration[]
}

/** Default database path: HYOJUN_DB or ./hyojun.db. */
export function defaultDbPath(): string {
  return process.env['HYOJUN_DB'] ?? 'hyojun.db'
}

/** `\\server\share\…` or `//server/share/…`: WAL needs shared memory, which network shares do not give. */
export function isNetworkPath(path: string): boolean {
  return /^(\\\\|\/\/)[^\\/]+[\\/]/.test(path)
}

/** better-sqlite3's name for a private database in memory (an empty workspace that leaves nothing on disk). */
const IN_MEMORY = ':memory:'

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (isNetworkPath(path)) {
    throw new UserError(
      `データベース ${path} はネットワーク共有上にあります。WAL モードはネットワーク共有では安全に動作しないため使用できません。`,
      {
        code: 'DB_ON_NETWORK_SHARE',
        suggestions: [
          'ローカルディスク上のパスを --db で指定してください（共有が必要な場合は hyojun backup で複製を配布してください）',
        ],
      },
    )
  }
  const full = path === IN_MEMORY ? path : resolve(path)
  if (full !== IN_MEMORY && !existsSync(dirname(full))) mkdirSync(dirname(full), {recursive: true})
  let db: Db
  try {
    db = new Database(full)
    db.pragma('journal_mode = WAL')
  } catch (error) {
    throw new UserError(`データベース ${path} を開けません: ${(error as Error).message}`, {
      code: 'DB_OPEN_FAILED',
      suggestions: ['ファイルが SQLite データベースであること、書き込み権限があることを確認してください'],
    })
  }
  // A reopened WAL database runs synchronous=NORMAL unless told: set FULL every time.
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  const migrations = options.migrations ?? MIGRATIONS
  try {
    checkVersion(db, path, migrations)
    if (options.migrate ?? true) migrate(db, migrations)
  } catch (error) {
    db.close()
    throw error
  }
  return db
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', {simple: true}) as number
}

function checkVersion(db: Db, path: string, migrations: readonly Migration[]): void {
  const version = schemaVersion(db)
  if (version > migrations.length) {
    throw new UserError(
      `データベース ${path} は新しい版の hyojun で作成されています（スキーマ版 ${version}、この hyojun は ${migrations.length} まで対応）。`,
      {code: 'DB_TOO_NEW', suggestions: ['hyojun を最新版に更新してください']},
    )
  }
}

/** Apply pending migrations, each in its own immediate transaction with the version bump. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  let applied = 0
  for (;;) {
    const version = schemaVersion(db)
    const next = migrations[version]
    if (!next) return applied
    db.transaction(() => {
      if (schemaVersion(db) !== version) return
      if (next.sql.trim() !== '') db.exec(next.sql)
      db.pragma(`user_version = ${version + 1}`)
    }).immediate()
    applied++
  }
}

/** Run `fn` in one write transaction taken up front (BEGIN IMMEDIATE), all or nothing. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate()
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length

export interface WithDatabaseOptions extends OpenOptions {
  /** The callback writes: callers wrap their writes in `inTransaction`. Read-only callers pass false. */
  readonly write: boolean
  /**
   * When no database exists at `path`: 'create' it (the default for writers), refuse with DB_NOT_FOUND
   * ('error', the default for readers: read-only commands never create a file or folder), or hand `fn` an
   * 'empty' one in memory (a dry run plans against an empty workspace and leaves nothing on disk).
   */
  readonly ifMissing?: 'create' | 'empty' | 'error'
}

/** The error a command that needs existing data gives when there is no database yet. */
export function databaseNotFound(path: string): UserError {
  return new UserError(`データベース ${path} がありません（まだ何も取り込まれていません）`, {
    code: 'DB_NOT_FOUND',
    suggestions: [
      'hyojun run、hyojun specs import、hyojun inventory import のいずれかで取り込むと作成されます',
      '別の場所のデータベースを使う場合は --db でパスを指定してください',
    ],
  })
}

/**
 * The one seam every service uses to reach a database: open `path`, hand the connection to `fn`, always close.
 * Cores take the open `Db` (never a path), so one connection can serve a whole pipeline and several databases
 * can be open at once (multi-municipality aggregation). When `fn` is async (it reads files or writes a workbook
 * between database steps) the connection is closed once its promise settles.
 */
export function withDatabase<T>(path: string, options: WithDatabaseOptions, fn: (db: Db) => T): T {
  const ifMissing = options.ifMissing ?? (options.write ? 'create' : 'error')
  // A network share is refused by openDatabase whether or not the file exists there.
  const missing = ifMissing !== 'create' && !isNetworkPath(path) && !existsSync(path)
  if (missing && ifMissing === 'error') throw databaseNotFound(path)
  const db = openDatabase(missing ? IN_MEMORY : path, options)
  let result: T
  try {
    result = fn(db)
  } catch (error) {
    db.close()
    throw error
  }
  if (result instanceof Promise) return result.finally(() => db.close()) as T
  db.close()
  return result
}
