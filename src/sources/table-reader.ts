import {ExitCode, InvalidDataError, IssueCollector, UserError, type DataIssue} from '../errors.js'
import {clip} from '../text/display.js'
import {normalizeKey} from '../text/normalize.js'
import {parseYen, unitFromText, type YenUnit} from './amount.js'
import {cellText, type CellValue, type SheetGrid, type WorkbookGrid} from './grid.js'
import {
  findHeader,
  preferredLabel,
  readRecords,
  type ColumnDef,
  type HeaderMatch,
  type MappedColumn,
  type TableRecord,
} from './table.js'

/**
 * The table reader: every list hyojun reads from a sheet (システム台帳, カスタマイズ一覧, the spec
 * annexes, the review workbook, and the workbooks to come) goes through these steps.
 *
 *   1. Find the table. `locateTable(grid, columns, options)` picks the sheet and header row of a list
 *      (the named sheet, else the best-matching one; a 記入例 / 集計 sheet loses) and throws the
 *      Japanese HEADER_NOT_FOUND / MISSING_COLUMN errors. A reader that chooses its own sheet calls
 *      `findHeader(sheet, columns)` and wraps the result with `tableAt(grid, sheet, header)`.
 *      Headers are found by name (variants, units in brackets ignored), on one row or two
 *      (契約期間 over 開始 / 満了); merged cells repeat their value in the grid.
 *   2. Read the rows. `readRows(table, {label, rule, …})` walks the data rows, skips blank rows and
 *      (with `nameKey`) 合計 / 小計, ※ notes and 記入例 rows with one warning each, carries
 *      hierarchy columns down (`carry`), and hands every other row to `rule`. The rule reads cells
 *      through the row (`text`, `money`, `carried`), records problems with `issue` (they carry the
 *      cell address) and `warn`, and returns the record, or undefined to drop the row.
 *   3. The result holds the records, every issue (the caller throws them all at once with
 *      `throwIfIssues`), the warnings (unit, skipped rows, 合計 check, the rule's own, in that order)
 *      and the number of rows skipped.
 *
 * Pure over the grid: no I/O, so a reader is tested with a grid built in code.
 */

export {findHeader, headerKey, preferredLabel, readRecords} from './table.js'
export type {ColumnDef, HeaderMatch, MappedColumn, TableRecord} from './table.js'

/** The unit of a money column: from its header or a 単位 title row; stated=false means assumed 円. */
export interface ColumnUnit {
  readonly unit: YenUnit
  readonly stated: boolean
}

/** What `readRows` needs from a table. */
export interface TableInput<K extends string> {
  readonly records: readonly TableRecord<K>[]
  readonly columns: ReadonlyMap<K, MappedColumn>
  readonly units: Partial<Record<K, ColumnUnit>>
  /** `file › sheet` (CSV: `file`), for row-level messages: `${place} 12行目`. */
  readonly place: string
}

/** A table found in a sheet. */
export interface Table<K extends string> extends TableInput<K> {
  readonly sheet: SheetGrid
  readonly header: HeaderMatch<K>
}

export interface LocatedTable<K extends string> extends Table<K> {
  /** Other sheets whose header also matched (the chosen one is named in a warning). */
  readonly alsoMatched: readonly string[]
}

export function rowRef(place: string, row: number): string {
  return `${place} ${row}行目`
}

/** A text cell: trimmed, line breaks kept, blank → null. Numbers as written (1 → "1"). */
export function textOf(value: CellValue | undefined): string | null {
  const t = cellText(value).replace(/\r\n?/g, '\n')
  return t.replace(/[\s\u3000]/g, '') === '' ? null : t
}

/** Raw cell as shown in messages: long values are cut with 「…」. */
export function shown(value: CellValue | undefined): string {
  return clip(cellText(value))
}

/** At most this many row warnings are kept per table; the rest are counted in one line. */
export const MAX_WARNINGS = 1000

// ---------------------------------------------------------------------------------------------
// 1. Finding the table

/** Sheets that look like the list but are not it: 記入例, 入力例, 集計, サンプル… */
const ASIDE_SHEET =
  /(記入例|入力例|記載例|作成例|^例$|^\(例\)|サンプル|sample|見本|集計|入力要領|記入要領|説明|凡例)/i

/** Rows after the header with a value in at least two mapped columns. */
function dataRows<K extends string>(sheet: SheetGrid, header: HeaderMatch<K>): number {
  let n = 0
  for (let r = header.lastRow; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? []
    let filled = 0
    for (const m of header.columns.values()) if (cellText(row[m.col - 1]) !== '') filled++
    if (filled >= 2) n++
  }
  return n
}

/** 「（単位：千円）」 written in a title row above the header. */
function unitAbove(sheet: SheetGrid, headerRow: number): YenUnit | undefined {
  for (let r = 1; r < headerRow; r++) {
    for (const v of sheet.rows[r - 1] ?? []) {
      const t = cellText(v)
      if (t.includes('単位')) {
        const u = unitFromText(t)
        if (u !== undefined) return u
      }
    }
  }
  return undefined
}

/**
 * Each money column's unit from its header cells (both rows of a two-row header, or a group header
 * one row up) or from a 「単位：千円」 line above the table; else 円, not stated.
 */
function columnUnits<K extends string>(
  sheet: SheetGrid,
  header: HeaderMatch<K>,
  moneyKeys: readonly K[],
): Partial<Record<K, ColumnUnit>> {
  const titleUnit = unitAbove(sheet, header.firstRow)
  const units: Partial<Record<K, ColumnUnit>> = {}
  for (const k of moneyKeys) {
    const m = header.columns.get(k)
    if (!m) continue
    const texts: string[] = []
    // A group header one row up (金額（千円） over 年間 / 初期) states the unit too; a title row does not.
    const above = sheet.rows[header.firstRow - 2] ?? []
    const from = above.filter((v) => cellText(v) !== '').length >= 2 ? header.firstRow - 1 : header.firstRow
    for (let r = from; r <= header.lastRow; r++) texts.push(cellText(sheet.rows[r - 1]?.[m.col - 1]))
    const own = unitFromText(texts.join(' '))
    units[k] =
      own !== undefined
        ? {unit: own, stated: true}
        : titleUnit !== undefined
          ? {unit: titleUnit, stated: true}
          : {unit: 1, stated: false}
  }
  return units
}

/** The table under a header found with `findHeader`; `moneyKeys` are the columns `row.money` reads. */
export function tableAt<K extends string>(
  grid: WorkbookGrid,
  sheet: SheetGrid,
  header: HeaderMatch<K>,
  moneyKeys: readonly K[] = [],
): Table<K> {
  return {
    sheet,
    header,
    records: readRecords(grid, sheet, header),
    columns: header.columns,
    units: columnUnits(sheet, header, moneyKeys),
    place: grid.format === 'csv' ? grid.file : `${grid.file} › ${sheet.name}`,
  }
}

export interface LocateOptions<K extends string> {
  /** The sheet to read (--sheet); otherwise the best-matching sheet. Ignored for CSV. */
  readonly sheet?: string
  /** Extra header label → column (a --mapping file); they win over the built-in names. */
  readonly aliases?: Readonly<Record<string, K>>
  /** Money columns: their unit is read from the header (see `row.money`). */
  readonly moneyKeys?: readonly K[]
  /** What the list is called in messages: 「システム台帳の見出し行が見つかりません」. */
  readonly what: string
  /** A key read only when none of the listed keys was found (契約期間 as one cell vs. 開始 / 満了). */
  readonly fallbacks?: Partial<Record<K, readonly K[]>>
  /** Suggestions shown when no header is found (default: check the names or use --mapping). */
  readonly headerSuggestions?: readonly string[]
}

/**
 * Pick the sheet and header row of a list: the named sheet, or the sheet whose header matches the
 * most columns (a 記入例 / 集計 sheet loses a tie, then the sheet with more filled rows wins).
 * Throws SHEET_NOT_FOUND (usage), HEADER_NOT_FOUND or MISSING_COLUMN (invalid data).
 */
export function locateTable<K extends string>(
  grid: WorkbookGrid,
  defs: readonly ColumnDef<K>[],
  options: LocateOptions<K>,
): LocatedTable<K> {
  let candidates = grid.sheets
  if (options.sheet !== undefined && grid.format === 'xlsx') {
    const wanted = options.sheet
    const found =
      grid.sheets.find((s) => s.name === wanted) ??
      grid.sheets.find((s) => normalizeKey(s.name) === normalizeKey(wanted))
    if (!found) {
      throw new UserError(
        `${grid.file} にシート「${wanted}」がありません（シート: ${grid.sheets.map((s) => s.name).join('、')}）`,
        {
          code: 'SHEET_NOT_FOUND',
          exitCode: ExitCode.usage,
          suggestions: grid.sheets.map((s) => `--sheet ${s.name}`),
        },
      )
    }
    candidates = [found]
  }
  const found: {sheet: SheetGrid; header: HeaderMatch<K>; aside: boolean; rows: number}[] = []
  for (const sheet of candidates) {
    const header = findHeader(sheet, defs, {aliases: options.aliases})
    if (!header) continue
    found.push({
      sheet,
      header,
      aside: ASIDE_SHEET.test(normalizeKey(sheet.name)),
      rows: dataRows(sheet, header),
    })
  }
  // Most required columns, then most columns; among equals a sheet that is no 記入例 / 集計,
  // then the one with more filled rows; then workbook order.
  const rank = (x: (typeof found)[number]): number[] => [
    -x.header.missing.length,
    x.header.columns.size,
    x.aside ? 0 : 1,
    x.rows,
  ]
  let best: (typeof found)[number] | undefined
  for (const x of found) {
    if (best === undefined) {
      best = x
      continue
    }
    const a = rank(x)
    const b = rank(best)
    const i = a.findIndex((v, j) => v !== b[j])
    if (i >= 0 && a[i]! > b[i]!) best = x
  }
  const alsoMatched = found
    .filter((x) => x !== best && x.header.missing.length === 0 && x.header.columns.size >= 3)
    .map((x) => x.sheet.name)
  const required = defs.filter((d) => d.required).map((d) => d.names[0] ?? d.key)
  if (!best) {
    throw new InvalidDataError(
      `${grid.file}: ${options.what}の見出し行が見つかりません`,
      [
        {
          where: grid.file,
          code: 'HEADER_NOT_FOUND',
          message: `見出し行（${required.join('・')} などの列名）が見つかりません`,
        },
      ],
      {
        code: 'HEADER_NOT_FOUND',
        suggestions: options.headerSuggestions ?? [
          '見出しの列名を確認するか、--mapping で見出しと項目の対応を指定してください',
        ],
      },
    )
  }
  const {sheet} = best
  let header = best.header
  const drop = (Object.entries(options.fallbacks ?? {}) as [K, readonly K[]][]).filter(
    ([k, others]) => header.columns.has(k) && others.some((o) => header.columns.has(o)),
  )
  if (drop.length > 0) {
    const columns = new Map(header.columns)
    for (const [k] of drop) columns.delete(k)
    header = {...header, columns}
  }
  const table = tableAt(grid, sheet, header, options.moneyKeys)
  if (header.missing.length > 0) {
    const labels = header.missing.map((k) => defs.find((d) => d.key === k)?.names[0] ?? k)
    throw new InvalidDataError(
      `${grid.file}: 必須の列がありません`,
      labels.map((l) => ({
        where: `${table.place} ${header.firstRow}行目`,
        field: l,
        code: 'MISSING_COLUMN',
        message: `必須の列「${l}」が見出し行にありません（別名: ${
          defs
            .find((d) => (d.names[0] ?? d.key) === l)
            ?.names.slice(1, 5)
            .join('、') ?? ''
        }）`,
      })),
      {
        code: 'MISSING_COLUMN',
        suggestions: [
          '列名が異なる場合は --mapping で対応を指定してください（例: {"columns": {"業務システム": "システム名称"}}）',
        ],
      },
    )
  }
  return {...table, alsoMatched}
}

// ---------------------------------------------------------------------------------------------
// 2. Reading the rows

export type RowKind = 'data' | 'blank' | 'total' | 'note' | 'example'

const TOTAL = /^(合計|小計|総計|計|総合計)([(（].*)?$/
const NOTE = /^([※＊*]|[(（]?注[)）\d:：]|注記|凡例)/
const EXAMPLE = /^[(（【[]?(記入例|入力例|例)[)）】\]]?/

/**
 * Classify a row before validating it: totals (合計 / 小計), notes (※…), 記入例 rows and
 * rows blank in every mapped column except `ignore` (pre-numbered empty template rows).
 */
export function classifyRow<K extends string>(
  rec: TableRecord<K>,
  nameKey: K,
  ignore: readonly K[] = [],
): RowKind {
  const name = cellText(rec.values[nameKey]).replace(/[\s\u3000]/g, '')
  const texts = rec.texts.map((t) => t.replace(/[\s\u3000]/g, '')).filter((t) => t !== '')
  if (
    texts.some((t) => TOTAL.test(t.normalize('NFKC'))) &&
    (name === '' || TOTAL.test(name.normalize('NFKC')))
  ) {
    return 'total'
  }
  const first = texts[0] ?? ''
  if (NOTE.test(first) && (name === '' || name === first)) return 'note'
  const mapped = Object.entries(rec.values) as [K, CellValue][]
  if (mapped.every(([k, v]) => ignore.includes(k) || cellText(v).replace(/[\s\u3000]/g, '') === ''))
    return 'blank'
  if (EXAMPLE.test(name)) return 'example'
  return 'data'
}

/** Skipped-row warnings; blank rows are summarized, trailing blank rows ignored. */
export function skipWarnings(
  skipped: readonly {row: number; kind: RowKind}[],
  lastDataRow: number,
  place: string,
): {warnings: string[]; count: number} {
  const warnings: string[] = []
  const blanks: number[] = []
  let count = 0
  for (const s of skipped) {
    if (s.kind === 'blank') {
      if (s.row < lastDataRow) blanks.push(s.row)
      continue
    }
    count++
    const why = s.kind === 'total' ? '合計行' : s.kind === 'note' ? '注記行' : '記入例'
    warnings.push(`${rowRef(place, s.row)}: ${why}のため取り込みませんでした`)
  }
  if (blanks.length > 0) {
    count += blanks.length
    const listed = blanks.slice(0, 20).join('、')
    const more = blanks.length > 20 ? ` ほか ${(blanks.length - 20).toLocaleString('en-US')} 行` : ''
    warnings.push(`${place}: 空白行を読み飛ばしました（${listed}行目${more}）`)
  }
  return {warnings, count}
}

/**
 * Compare a single 合計 row with the sum of the imported amounts: a difference usually
 * means a row was left out or mistyped. Only warns; 小計 rows and several totals are not checked.
 */
function totalWarnings<K extends string>(
  input: TableInput<K>,
  totals: readonly TableRecord<K>[],
  sums: ReadonlyMap<K, number>,
  label: (k: K) => string,
): string[] {
  const grand = totals.filter((t) =>
    t.texts.some((x) => /^(合計|総計|総合計)/.test(x.replace(/[\s\u3000]/g, ''))),
  )
  if (grand.length !== 1) return []
  const total = grand[0]!
  const out: string[] = []
  for (const [k, sum] of sums) {
    const r = parseYen(total.values[k], input.units[k]?.unit ?? 1)
    if (r.ok && r.value !== sum) {
      out.push(
        `${total.ref(k)}: 合計行の${label(k)}（${r.value.toLocaleString('ja-JP')}円）が取り込んだ行の合計（${sum.toLocaleString('ja-JP')}円）と一致しません。行の漏れや入力誤りがないか確認してください`,
      )
    }
  }
  return out
}

/** One data row as the per-row rule sees it. */
export interface TableRow<K extends string> extends TableRecord<K> {
  /** `file › sheet 12行目`, where the row is. */
  readonly source: string
  /** A text cell: trimmed, line breaks kept, blank → null. */
  text(k: K): string | null
  /** A `carry` column's value: this row's, else the one carried down from above ('' when none). */
  carried(k: K): string
  /**
   * A money cell → integer yen (unit from the header or the cell), or null when blank. Approximations
   * (約…) become warnings, unreadable amounts INVALID_AMOUNT issues; the amount counts toward the
   * 合計 check.
   */
  money(k: K): number | null
  /** A problem at this row's cell `k` (field = the column's label). Any issue makes the import fail. */
  issue(k: K, code: string, message: string): void
  /** A warning, kept in row order (prefix it with `ref(k)` to say where). */
  warn(message: string): void
}

export interface ReadRowsOptions<K extends string, T> {
  /** The label of a column in messages (usually the first of its names: `labelFor(columns)`). */
  readonly label: (k: K) => string
  /**
   * The column that names a row: 合計 / 小計, ※ notes and 記入例 rows are recognised there and
   * skipped. Without it only blank rows are skipped.
   */
  readonly nameKey?: K
  /** Columns that do not make a row non-blank (the No. column of a pre-numbered template). */
  readonly ignore?: readonly K[]
  /** Rows passed over without a word, before anything else (section headings merged across the table). */
  readonly skipRow?: (rec: TableRecord<K>) => boolean
  /**
   * Hierarchy columns, outer first (大項目, 中項目, 小項目): a blank or merged cell repeats the row
   * above, unless an outer level changed on this row.
   */
  readonly carry?: readonly K[]
  /** Warn about skipped rows (合計 / 注記 / 記入例 rows, blank rows inside the table). Default true. */
  readonly warnSkipped?: boolean
  /** When no row was read and nothing else was wrong: a NO_ROWS issue with this message. */
  readonly noRows?: string
  /** The per-row rule: the record for this row, or undefined to drop it (after an issue, or a heading). */
  readonly rule: (row: TableRow<K>) => T | undefined
}

export interface RowsResult<T> {
  readonly rows: T[]
  readonly issues: DataIssue[]
  readonly warnings: string[]
  /** Rows skipped as totals, notes, examples or blank rows inside the table. */
  readonly skippedRows: number
}

/** Column label function for `readRows`: the first (template) name of each column. */
export function labelFor<K extends string>(defs: readonly ColumnDef<K>[]): (k: K) => string {
  return (k) => preferredLabel(defs, k)
}

/** Walk the data rows of `table`: skip, carry, and hand each row to `options.rule` (see the module comment). */
export function readRows<K extends string, T>(
  table: TableInput<K>,
  options: ReadRowsOptions<K, T>,
): RowsResult<T> {
  const {label} = options
  // Bounded: a million bad rows must not exhaust memory with their own report (MAX_ISSUES kept, rest counted).
  const collected = new IssueCollector()
  const warnings: string[] = []
  let moreWarnings = 0
  const warn = (message: string): void => {
    if (warnings.length < MAX_WARNINGS) warnings.push(clip(message, 400))
    else moreWarnings++
  }
  const rows: T[] = []
  const skipped: {row: number; kind: RowKind}[] = []
  const totals: TableRecord<K>[] = []
  const sums = new Map<K, number>()
  const assumedYen = new Set<K>()
  const carry = options.carry ?? []
  const carried = carry.map(() => '')
  let lastDataRow = 0

  for (const rec of table.records) {
    if (options.skipRow?.(rec) === true) continue
    const kind =
      options.nameKey !== undefined
        ? classifyRow(rec, options.nameKey, options.ignore)
        : rec.blank
          ? 'blank'
          : 'data'
    if (kind !== 'data') {
      skipped.push({row: rec.row, kind})
      if (kind === 'total') totals.push(rec)
      continue
    }
    lastDataRow = rec.row
    let changed = false
    carry.forEach((k, i) => {
      const t = cellText(rec.values[k]).replace(/\s*\n\s*/g, ' ')
      if (t !== '') {
        if (t !== carried[i]) changed = true
        carried[i] = t
      } else if (changed) {
        carried[i] = ''
      }
    })
    const issue = (k: K, code: string, message: string): void => {
      collected.push({where: rec.ref(k), field: label(k), code, message: clip(message, 400)})
    }
    const row: TableRow<K> = {
      row: rec.row,
      values: rec.values,
      blank: rec.blank,
      texts: rec.texts,
      ref: (k) => rec.ref(k),
      source: rowRef(table.place, rec.row),
      text: (k) => textOf(rec.values[k]),
      carried: (k) => carried[carry.indexOf(k)] ?? '',
      issue,
      warn,
      money: (k) => {
        const v = rec.values[k]
        const unit = table.units[k] ?? {unit: 1, stated: false}
        const r = parseYen(v, unit.unit)
        if (r.ok) {
          if (!unit.stated && typeof v === 'number') assumedYen.add(k)
          if (r.approximate === true) {
            warn(
              `${rec.ref(k)}: ${label(k)}「${shown(v)}」を概算 ${r.value.toLocaleString('ja-JP')}円として取り込みました`,
            )
          }
          sums.set(k, (sums.get(k) ?? 0) + r.value)
          return r.value
        }
        if (!r.blank) issue(k, 'INVALID_AMOUNT', `${label(k)}「${shown(v)}」は${r.reason}`)
        return null
      },
    }
    const out = options.rule(row)
    if (out !== undefined) rows.push(out)
  }

  const skip = skipWarnings(skipped, lastDataRow, table.place)
  if (options.noRows !== undefined && rows.length === 0 && collected.count === 0) {
    collected.push({where: table.place, field: '', code: 'NO_ROWS', message: options.noRows})
  }
  const issues = collected.list()
  if (moreWarnings > 0) warnings.push(`以下省略（他 ${moreWarnings.toLocaleString('en-US')} 件の警告）`)
  const unitWarnings = [...assumedYen].map(
    (k) =>
      `${table.place}: 列「${table.columns.get(k)?.header ?? label(k)}」に単位の記載がないため円として取り込みました（千円の場合は見出しを「${label(k)}（千円）」にしてください）`,
  )
  return {
    rows,
    issues,
    warnings: [
      ...unitWarnings,
      ...(options.warnSkipped === false ? [] : skip.warnings),
      ...totalWarnings(table, totals, sums, label),
      ...warnings,
    ],
    skippedRows: skip.count,
  }
}
