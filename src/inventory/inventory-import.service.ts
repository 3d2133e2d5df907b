import {existsSync} from 'node:fs'
import {inTransaction, withDatabase, type Db} from '../db/database.js'
import {ExitCode, throwIfIssues, UserError, type DataIssue} from '../errors.js'
import {controlCharWarnings} from '../sources/cell-safety.js'
import {readTableFile, type TextEncodingName} from '../sources/csv.js'
import {cellText, type WorkbookGrid} from '../sources/grid.js'
import {headerKey, locateTable, type LocatedTable} from '../sources/table-reader.js'
import {normalizeKey, suggestClosest} from '../text/normalize.js'
import {parseCustomizationRows} from './customization-rows.js'
import {diffRecords, type FieldDef} from './diff.js'
import {
  CUSTOMIZATION_COLUMNS,
  labelOf,
  SYSTEM_COLUMNS,
  type CustomizationField,
  type SystemField,
} from './inventory-columns.js'
import {
  countCustomizationsBySystem,
  listCustomizations,
  listSystems,
  recordImport,
  replaceCustomizations,
  replaceSystems,
} from './inventory.repository.js'
import type {
  CustomizationImportResult,
  CustomizationRecord,
  InventoryImportResult,
  SystemRecord,
} from './inventory.schema.js'
import {loadMapping} from './mapping.js'
import {parseSystemRows, type ParsedSystem} from './system-rows.js'

export interface ImportOptions {
  readonly dbPath: string
  readonly file: string
  readonly sheet?: string
  readonly mapping?: string
  readonly dryRun?: boolean
  /** ISO timestamp for the import log (default: now). */
  readonly now?: string
}

export interface CustomizationImportOptions extends ImportOptions {
  /** System (name or id) for files without a システム名 column. */
  readonly system?: string
}

const SYSTEM_DIFF_KEYS = [
  'name',
  'businesses',
  'vendor',
  'product',
  'hosting',
  'contractStart',
  'contractEnd',
  'annualCostYen',
  'initialCostYen',
  'users',
  'records',
  'links',
  'status',
  'plannedMigration',
  'department',
  'note',
  'baselineAnnualCostYen',
] as const satisfies readonly (SystemField & keyof SystemRecord)[]
const SYSTEM_DIFF_FIELDS: readonly FieldDef<SystemRecord>[] = [
  ...SYSTEM_DIFF_KEYS.map((field) => ({field, label: labelOf(SYSTEM_COLUMNS, field)})),
  // Read from the 稼働環境 cell, not a column of its own.
  {field: 'hostingProvider', label: 'クラウド事業者'},
]

const CUSTOMIZATION_DIFF_KEYS = [
  'business',
  'name',
  'description',
  'requirementId',
  'annualCostYen',
  'developmentCostYen',
  'frequency',
  'department',
  'note',
] as const satisfies readonly (CustomizationField & keyof CustomizationRecord)[]
const CUSTOMIZATION_DIFF_FIELDS: readonly FieldDef<CustomizationRecord>[] = CUSTOMIZATION_DIFF_KEYS.map(
  (field) => ({
    field,
    label: labelOf(CUSTOMIZATION_COLUMNS, field),
  }),
)

function columnsOf<K extends string>(t: LocatedTable<K>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, m] of t.header.columns) out[m.header] = key
  return out
}

/** Which sheet was read when several looked like the list; cells with control characters. */
function sheetWarnings<K extends string>(t: LocatedTable<K>, grid: WorkbookGrid): string[] {
  const file = grid.file
  const control = controlCharWarnings(grid, t.sheet, t.header.lastRow + 1)
  if (t.alsoMatched.length === 0) return control
  return [
    ...control,
    `${file}: シート「${t.sheet.name}」を読み込みました（見出しが一致する他のシート: ${t.alsoMatched.map((n) => `「${n}」`).join('、')}。別のシートを読む場合は --sheet で指定してください）`,
  ]
}

function encodingOf(grid: WorkbookGrid): TextEncodingName | null {
  return 'encoding' in grid ? (grid as {encoding: TextEncodingName}).encoding : null
}

/** Fields every import result shares: where the table was found and what the run did. */
function resultBase<K extends string>(
  grid: WorkbookGrid,
  table: LocatedTable<K>,
  dryRun: boolean,
  counts: {readonly skippedRows: number; readonly unchanged: number},
) {
  return {
    file: grid.file,
    format: grid.format,
    sheet: table.sheet.name,
    encoding: encodingOf(grid),
    headerRow: table.header.lastRow,
    columns: columnsOf(table),
    dryRun,
    written: !dryRun,
    skippedRows: counts.skippedRows,
    unchanged: counts.unchanged,
  }
}

/** Ids: the list's own, else the id the same name had before, else the next free SYS-nnn. */
function assignIds(parsed: readonly ParsedSystem[], before: readonly SystemRecord[]): SystemRecord[] {
  const byName = new Map(before.map((s) => [normalizeKey(s.name), s.id]))
  const used = new Set(parsed.map((p) => p.record.id).filter((id): id is string => id !== null))
  let next = 1
  for (const id of [...used, ...before.map((s) => s.id)]) {
    const m = /^SYS-(\d+)$/.exec(id)
    if (m) next = Math.max(next, Number(m[1]) + 1)
  }
  return parsed.map((p) => {
    let id = p.record.id ?? byName.get(p.nameKey)
    if (id === undefined || (p.record.id === null && used.has(id))) {
      id = `SYS-${String(next++).padStart(3, '0')}`
    }
    used.add(id)
    return {...p.record, id}
  })
}

const CUSTOMIZATION_ONLY = new Set(
  ['カスタマイズ名称', 'カスタマイズ名', 'カスタマイズ内容', '関連機能ID', '機能ID', '開発費'].map(headerKey),
)

/** A カスタマイズ一覧 given to `inventory import` would fail with one duplicate per row: say what it is instead. */
function refuseCustomizationList(table: LocatedTable<SystemField>, file: string): void {
  const header = table.sheet.rows[table.header.lastRow - 1] ?? []
  if (header.some((v) => CUSTOMIZATION_ONLY.has(headerKey(cellText(v))))) {
    throw new UserError(`${file} はカスタマイズ一覧のようです（見出しにカスタマイズの列があります）`, {
      code: 'WRONG_LIST',
      exitCode: ExitCode.usage,
      suggestions: [`hyojun customizations import ${file}`],
    })
  }
}

const HEADER_SUGGESTIONS = [
  '見出しの列名を確認するか、--mapping で見出しと項目の対応を指定してください',
  '様式は hyojun inventory template で出力できます',
]

/** A システム台帳 read and checked, before any database is opened. */
export interface SystemsSource {
  readonly grid: WorkbookGrid
  readonly table: LocatedTable<SystemField>
  readonly parsed: ReturnType<typeof parseSystemRows>
}

/** Read and validate a システム台帳 file (every row; InvalidDataError listing all issues). */
export async function readSystemsSource(
  options: Pick<ImportOptions, 'file' | 'sheet' | 'mapping'>,
): Promise<SystemsSource> {
  const mapping = loadMapping<SystemField>(options.mapping, SYSTEM_COLUMNS)
  const grid = await readTableFile(options.file)
  const table = locateTable(grid, SYSTEM_COLUMNS, {
    sheet: options.sheet ?? mapping.sheet,
    aliases: mapping.aliases,
    moneyKeys: ['annualCostYen', 'initialCostYen', 'baselineAnnualCostYen'],
    what: 'システム台帳',
    fallbacks: {contractPeriod: ['contractStart', 'contractEnd']},
    headerSuggestions: HEADER_SUGGESTIONS,
  })
  refuseCustomizationList(table, grid.file)
  const parsed = parseSystemRows(table)
  throwIfIssues(parsed.issues, grid.file)
  return {grid, table, parsed}
}

/** Replace the whole inventory of `db` with `source` in one BEGIN IMMEDIATE transaction (a dry run only compares). */
export function importInventoryInto(
  db: Db,
  source: SystemsSource,
  options: Pick<ImportOptions, 'dryRun' | 'now'>,
): InventoryImportResult {
  const {grid, table, parsed} = source
  const dryRun = options.dryRun ?? false
  const run = (): InventoryImportResult => {
    const before = listSystems(db)
    const systems = assignIds(parsed.systems, before)
    const diff = diffRecords(before, systems, (s) => s.id, SYSTEM_DIFF_FIELDS)
    const custCounts = countCustomizationsBySystem(db)
    const removed = diff.removed.map((s) => ({
      id: s.id,
      name: s.name,
      customizationsRemoved: custCounts.get(s.id) ?? 0,
    }))
    const warnings = [...sheetWarnings(table, grid), ...parsed.warnings]
    for (const r of removed) {
      if (r.customizationsRemoved > 0) {
        warnings.push(
          `システム「${r.name}」（${r.id}）が台帳からなくなったため、そのカスタマイズ ${r.customizationsRemoved} 件も${dryRun ? '削除されます' : '削除しました'}`,
        )
      }
    }
    if (!dryRun) {
      replaceSystems(
        db,
        systems.map((record, i) => ({
          record,
          nameKey: parsed.systems[i]!.nameKey,
          source: parsed.systems[i]!.source,
        })),
      )
      recordImport(db, {
        kind: 'systems',
        file: grid.file,
        sheet: table.sheet.name,
        rows: systems.length,
        added: diff.added.length,
        removed: diff.removed.length,
        changed: diff.changed.length,
        importedAt: options.now ?? new Date().toISOString(),
      })
    }
    return {
      ...resultBase(grid, table, dryRun, {skippedRows: parsed.skippedRows, unchanged: diff.unchanged}),
      warnings,
      systems: systems.length,
      changes: {
        added: diff.added.map((s) => ({id: s.id, name: s.name})),
        removed,
        changed: diff.changed.map((c) => ({id: c.after.id, name: c.after.name, fields: [...c.fields]})),
      },
    }
  }
  return dryRun ? run() : inTransaction(db, run)
}

/** Import a システム台帳: validates every row, then replaces the whole inventory atomically. */
export async function importInventory(options: ImportOptions): Promise<InventoryImportResult> {
  const source = await readSystemsSource(options)
  const dryRun = options.dryRun ?? false
  // A dry run reads only, and never creates a workspace that does not exist.
  return withDatabase(options.dbPath, {write: !dryRun, ifMissing: dryRun ? 'empty' : 'create'}, (db) =>
    importInventoryInto(db, source, options),
  )
}

/** A カスタマイズ一覧 located in its file, before any database is opened (rows are checked against the 台帳). */
export interface CustomizationsSource {
  readonly grid: WorkbookGrid
  readonly table: LocatedTable<CustomizationField>
}

export async function readCustomizationsSource(
  options: Pick<CustomizationImportOptions, 'file' | 'sheet' | 'mapping'>,
): Promise<CustomizationsSource> {
  const mapping = loadMapping<CustomizationField>(options.mapping, CUSTOMIZATION_COLUMNS)
  const grid = await readTableFile(options.file)
  const table = locateTable(grid, CUSTOMIZATION_COLUMNS, {
    sheet: options.sheet ?? mapping.sheet,
    aliases: mapping.aliases,
    moneyKeys: ['annualCostYen', 'developmentCostYen'],
    what: 'カスタマイズ一覧',
    headerSuggestions: HEADER_SUGGESTIONS,
  })
  return {grid, table}
}

function customizationsNotImported(): UserError {
  return new UserError('システム台帳が取り込まれていません。カスタマイズ一覧のシステム名は台帳と照合します', {
    code: 'INVENTORY_NOT_IMPORTED',
    suggestions: ['先に `hyojun inventory import システム台帳.xlsx` を実行してください'],
  })
}

/**
 * Check every row against the システム台帳 of `db`, then replace the customizations of the systems in
 * the list in one BEGIN IMMEDIATE transaction (a dry run only compares).
 */
export function importCustomizationsInto(
  db: Db,
  source: CustomizationsSource,
  options: Pick<CustomizationImportOptions, 'system' | 'dryRun' | 'now'>,
): CustomizationImportResult {
  const {grid, table} = source
  const dryRun = options.dryRun ?? false
  const run = (): CustomizationImportResult => {
    const systems = listSystems(db)
    if (systems.length === 0) throw customizationsNotImported()
    let defaultSystem: SystemRecord | undefined
    if (options.system !== undefined) {
      const key = normalizeKey(options.system)
      defaultSystem = systems.find((s) => normalizeKey(s.name) === key || normalizeKey(s.id) === key)
      if (!defaultSystem) {
        const close = suggestClosest(
          options.system,
          systems.map((s) => s.name),
        )
        throw new UserError(
          `システム「${options.system}」はシステム台帳にありません${close.length > 0 ? `。もしかして: ${close.join('、')}` : ''}`,
          {
            code: 'UNKNOWN_SYSTEM',
            exitCode: ExitCode.usage,
            suggestions: close.map((c) => `--system ${c}`),
          },
        )
      }
    }
    const parsed = parseCustomizationRows(table, systems, defaultSystem)
    throwIfIssues(parsed.issues as DataIssue[], grid.file)
    const systemIds = [...new Set(parsed.customizations.map((c) => c.record.systemId))]
    const before = systemIds.flatMap((id) => listCustomizations(db, {system: id}))
    const after = parsed.customizations.map((c) => c.record)
    const key = (c: CustomizationRecord): string => `${c.systemId}\u0000${c.id}`
    const diff = diffRecords(before, after, key, CUSTOMIZATION_DIFF_FIELDS)
    if (!dryRun) {
      replaceCustomizations(db, systemIds, parsed.customizations)
      recordImport(db, {
        kind: 'customizations',
        file: grid.file,
        sheet: table.sheet.name,
        rows: after.length,
        added: diff.added.length,
        removed: diff.removed.length,
        changed: diff.changed.length,
        importedAt: options.now ?? new Date().toISOString(),
      })
    }
    const ref = (c: CustomizationRecord): {id: string; systemId: string; system: string; name: string} => ({
      id: c.id,
      systemId: c.systemId,
      system: c.system,
      name: c.name,
    })
    return {
      ...resultBase(grid, table, dryRun, {skippedRows: parsed.skippedRows, unchanged: diff.unchanged}),
      warnings: [...sheetWarnings(table, grid), ...parsed.warnings],
      customizations: after.length,
      systems: systemIds.map((id) => {
        const s = systems.find((x) => x.id === id)!
        return {id, name: s.name, customizations: after.filter((c) => c.systemId === id).length}
      }),
      changes: {
        added: diff.added.map(ref),
        removed: diff.removed.map(ref),
        changed: diff.changed.map((c) => ({...ref(c.after), fields: [...c.fields]})),
      },
    }
  }
  return dryRun ? run() : inTransaction(db, run)
}

/**
 * Import a カスタマイズ一覧: replaces the customizations of exactly the systems that appear
 * in the file (lists for different systems coexist). 管理番号 stays the id, so fit/gap
 * results keyed by (systemId, id) survive a re-import.
 */
export async function importCustomizations(
  options: CustomizationImportOptions,
): Promise<CustomizationImportResult> {
  const source = await readCustomizationsSource(options)
  if (!existsSync(options.dbPath)) throw customizationsNotImported()
  return withDatabase(options.dbPath, {write: !(options.dryRun ?? false)}, (db) =>
    importCustomizationsInto(db, source, options),
  )
}
