import {existsSync, statSync} from 'node:fs'
import {resolve} from 'node:path'
import {z} from 'zod'
import {withDatabase, schemaVersion, LATEST_SCHEMA_VERSION, type Db} from '../db/database.js'
import {UserError} from '../errors.js'
import {getMunicipality} from '../municipality/municipality.repository.js'
import {MunicipalitySchema} from '../municipality/municipality.schema.js'

export const DoctorResultSchema = z.object({
  path: z.string(),
  exists: z.boolean(),
  sizeBytes: z.number(),
  schemaVersion: z.number(),
  latestSchemaVersion: z.number(),
  journalMode: z.string(),
  synchronous: z.string(),
  integrity: z.string(),
  municipality: MunicipalitySchema.nullable(),
  tables: z.array(z.object({name: z.string(), rows: z.number()})),
  ok: z.boolean(),
})
export type DoctorResult = z.infer<typeof DoctorResultSchema>

const SYNC_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA']

export function runDoctor(options: {readonly dbPath: string}): DoctorResult {
  const existed = existsSync(options.dbPath)
  // A diagnosis never changes anything: read-only (no migration, no journal-mode switch) on a private copy
  // (no -shm/-wal files created beside the database).
  return withDatabase(
    options.dbPath,
    {write: false, readonly: true, snapshot: true, ifMissing: 'error'},
    (db) => inspectDatabase(db, options.dbPath, existed),
  )
}

/** Health of the open database at `path` (`existed`: whether the file was there before it was opened). */
export function inspectDatabase(db: Db, path: string, existed: boolean): DoctorResult {
  const journalMode = String(db.pragma('journal_mode', {simple: true}))
  const synchronous = SYNC_NAMES[Number(db.pragma('synchronous', {simple: true}))] ?? 'UNKNOWN'
  const integrity = String(db.pragma('integrity_check', {simple: true}))
  const names = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[]
  const tables = names.map((name) => ({
    name,
    rows: db
      .prepare(`SELECT count(*) FROM "${name.replaceAll('"', '""')}"`)
      .pluck()
      .get() as number,
  }))
  const version = schemaVersion(db)
  return {
    path: resolve(path),
    exists: existed,
    sizeBytes: statSync(path).size,
    schemaVersion: version,
    latestSchemaVersion: LATEST_SCHEMA_VERSION,
    journalMode,
    synchronous,
    integrity,
    municipality: getMunicipality(db) ?? null,
    tables,
    ok: integrity === 'ok' && journalMode === 'wal' && version === LATEST_SCHEMA_VERSION,
  }
}

export const BackupResultSchema = z.object({source: z.string(), target: z.string(), sizeBytes: z.number()})
export type BackupResult = z.infer<typeof BackupResultSchema>

/** Online backup (SQLite backup API): consistent even while others read or write. */
export async function backupDatabase(options: {
  readonly dbPath: string
  readonly target: string
  readonly force?: boolean
}): Promise<BackupResult> {
  if (!existsSync(options.dbPath)) {
    throw new UserError(`データベース ${options.dbPath} がありません`, {
      code: 'DB_NOT_FOUND',
      suggestions: ['--db でパスを指定してください'],
    })
  }
  if (existsSync(options.target) && !options.force) {
    throw new UserError(`${options.target} は既に存在します`, {
      code: 'TARGET_EXISTS',
      suggestions: ['別のファイル名を指定するか --force を付けてください'],
    })
  }
  await withDatabase(options.dbPath, {write: false, migrate: false}, (db) => db.backup(options.target))
  return {
    source: resolve(options.dbPath),
    target: resolve(options.target),
    sizeBytes: statSync(options.target).size,
  }
}
