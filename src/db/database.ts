import {
  accessSync,
  constants as fsConstants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, dirname, join, resolve} from 'node:path'
import Database from 'better-sqlite3'
import {environmentError, UserError} from '../errors.js'
import type {Migration} from './migration.js'
import {MIGRATIONS} from './migrations/index.js'

export type Db = Database.Database

export interface OpenOptions {
  /** Open read-only (no journal-mode change, no migration): commands that only read. */
  readonly readonly?: boolean
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
    db = new Database(full, options.readonly ? {readonly: true, fileMustExist: true} : {})
    if (!options.readonly) db.pragma('journal_mode = WAL')
  } catch (error) {
    const known = environmentError(Object.assign(error as Error, {dbPath: path}))
    if (known) throw known
    throw new UserError(`データベース ${path} を開けません: ${(error as Error).message}`, {
      code: 'DB_OPEN_FAILED',
      suggestions: ['ファイルが SQLite データベースであること、書き込み権限があることを確認してください'],
    })
  }
  // A reopened WAL database runs synchronous=NORMAL unless told: set FULL every time (a connection setting,
  // harmless on a read-only one, where `hyojun doctor` reads it back).
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  const migrations = options.migrations ?? MIGRATIONS
  try {
    checkVersion(db, path, migrations)
    if ((options.migrate ?? true) && !options.readonly) migrate(db, migrations)
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
  /**
   * Read a private copy of the file (and its -wal) even where the file could be opened: SQLite creates
   * -shm/-wal files beside a WAL database even for a read-only connection, and a diagnosis must leave the
   * folder exactly as it was.
   */
  readonly snapshot?: boolean
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
  const snapshot = missing ? undefined : readOnlySnapshot(path, options)
  // SQLite errors (corrupt, locked, read-only) name the database in the error normalizer's message: the
  // user's file, also when a private copy was opened.
  const named = (error: unknown): unknown => {
    if (error instanceof Error && 'code' in error) Object.assign(error, {dbPath: path})
    return error
  }
  let db: Db
  try {
    db = snapshot ? openDatabase(snapshot.path, options) : openDatabase(missing ? IN_MEMORY : path, options)
  } catch (error) {
    snapshot?.remove()
    throw named(error)
  }
  const close = (): void => {
    db.close()
    snapshot?.remove()
  }
  let result: T
  try {
    result = fn(db)
  } catch (error) {
    close()
    throw named(error)
  }
  if (result instanceof Promise)
    return result
      .then(
        (v: unknown) => v,
        (error: unknown) => {
          throw named(error)
        },
      )
      .finally(close) as T
  close()
  return result
}

function writable(path: string): boolean {
  try {
    accessSync(path, fsConstants.W_OK)
    return true
  } catch {
    return false
  }
}

/**
 * A reader on a database it may not write (read-only file or folder): SQLite cannot open a WAL database
 * there even read-only (it needs the -shm file), so read a private copy of the file (and its -wal) from
 * the temp folder. The original is never touched. undefined when the normal open works.
 */
function readOnlySnapshot(
  path: string,
  options: WithDatabaseOptions,
): {path: string; remove: () => void} | undefined {
  if (options.write || path === IN_MEMORY || !existsSync(path)) return undefined
  const full = resolve(path)
  if (!options.snapshot && writable(full) && writable(dirname(full))) return undefined
  const dir = mkdtempSync(join(tmpdir(), 'hyojun-readonly-'))
  const copy = join(dir, basename(full))
  copyFileSync(full, copy)
  if (existsSync(`${full}-wal`)) copyFileSync(`${full}-wal`, `${copy}-wal`)
  return {path: copy, remove: () => rmSync(dir, {recursive: true, force: true})}
}
