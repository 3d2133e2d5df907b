import {normalizeKey} from '../text/normalize.js'
import {cellRef, cellText, isBlank, type CellValue, type SheetGrid, type WorkbookGrid} from './grid.js'

/** A column a table is expected to have, found by header name. */
export interface ColumnDef<K extends string = string> {
  readonly key: K
  /** Header names and their variants; the first is the preferred (template) label. */
  readonly names: readonly string[]
  readonly required?: boolean
}

export interface MappedColumn {
  /** 1-based column number. */
  readonly col: number
  /** Header text as written (both rows of a two-row header joined), e.g. 「年間運用経費（千円）」. */
  readonly header: string
}

export interface HeaderMatch<K extends string> {
  /** 1-based row number of the first header row. */
  readonly firstRow: number
  /** 1-based row number of the last header row (data starts after it). */
  readonly lastRow: number
  readonly columns: ReadonlyMap<K, MappedColumn>
  /** Required keys that were not found. */
  readonly missing: readonly K[]
}

export interface TableRecord<K extends string> {
  /** 1-based Excel row number. */
  readonly row: number
  readonly values: Partial<Record<K, CellValue>>
  /** Cell address for a key, for messages. */
  ref(key: K): string
  /** True when every mapped cell is blank. */
  readonly blank: boolean
  /** All cell texts of the row (mapped or not), for total / note detection. */
  readonly texts: readonly string[]
}

/** Header label → comparison key: NFKC, no spaces/newlines, units and notes in brackets removed. */
export function headerKey(label: string): string {
  return normalizeKey(label)
    .replace(/[（(【[〔《<][^）)】\]〕》>]*[）)】\]〕》>]/g, '')
    .replace(/[※*＊].*$/, '')
    .replace(/[・:：]/g, '')
}

// Keys of the defined header names (a few hundred strings, asked for every scanned cell).
const nameKeys = new Map<string, string>()
function nameKey(name: string): string {
  let k = nameKeys.get(name)
  if (k === undefined) nameKeys.set(name, (k = headerKey(name)))
  return k
}

function matchLabel<K extends string>(
  label: string,
  defs: readonly ColumnDef<K>[],
  taken: ReadonlySet<K>,
): K | undefined {
  const key = headerKey(label)
  if (key === '') return undefined
  for (const d of defs) if (!taken.has(d.key) && d.names.some((n) => nameKey(n) === key)) return d.key
  return undefined
}

/**
 * Find the header row by name: scans the first `maxScanRows` rows, trying each
 * row alone and each pair of rows as a two-row header (契約期間 over 開始 / 満了).
 * `aliases` maps extra header labels to keys (the --mapping file).
 */
export function findHeader<K extends string>(
  sheet: SheetGrid,
  defs: readonly ColumnDef<K>[],
  options: {readonly maxScanRows?: number; readonly aliases?: Readonly<Record<string, K>>} = {},
): HeaderMatch<K> | undefined {
  const extra: ColumnDef<K>[] = Object.entries(options.aliases ?? {}).map(([label, key]) => ({
    key: key as K,
    names: [label],
  }))
  // Explicit mappings win over built-in variants.
  const allDefs = [...extra, ...defs]
  const scan = Math.min(sheet.rows.length, options.maxScanRows ?? 30)
  let best: {match: HeaderMatch<K>; score: number} | undefined
  for (let r = 1; r <= scan; r++) {
    for (const span of [1, 2] as const) {
      if (r + span - 1 > sheet.rows.length) continue
      const labels = headerLabels(sheet, r, span)
      const columns = new Map<K, MappedColumn>()
      const taken = new Set<K>()
      for (const [col, candidates] of labels) {
        for (const label of candidates) {
          const k = matchLabel(label.text, allDefs, taken)
          if (k !== undefined) {
            columns.set(k, {col, header: label.text})
            taken.add(k)
            break
          }
        }
      }
      const missing = defs.filter((d) => d.required && !columns.has(d.key)).map((d) => d.key)
      // Prefer more columns; a second header row must add columns to be taken.
      const score = columns.size * 10 - missing.length * 100 - (span - 1) * 5
      if (columns.size >= 2 && (best === undefined || score > best.score)) {
        best = {match: {firstRow: r, lastRow: r + span - 1, columns, missing}, score}
      }
    }
  }
  return best?.match
}

/** Per column, the candidate labels: for two-row headers parent+child, child, parent. */
function headerLabels(sheet: SheetGrid, r: number, span: 1 | 2): Map<number, {text: string}[]> {
  const top = sheet.rows[r - 1] ?? []
  const bottom = span === 2 ? (sheet.rows[r] ?? []) : []
  const width = Math.max(top.length, bottom.length)
  const out = new Map<number, {text: string}[]>()
  for (let c = 1; c <= width; c++) {
    const t = cellText(top[c - 1])
    const b = span === 2 ? cellText(bottom[c - 1]) : ''
    const cands: {text: string}[] = []
    if (span === 2 && b !== '' && t !== '' && t !== b) cands.push({text: `${t}${b}`}, {text: b})
    else if (span === 2 && b !== '') cands.push({text: b})
    if (t !== '') cands.push({text: t})
    if (cands.length > 0) out.set(c, cands)
  }
  return out
}

/** Data rows after the header, keyed by column. Stops at the sheet end. */
export function readRecords<K extends string>(
  grid: WorkbookGrid,
  sheet: SheetGrid,
  header: HeaderMatch<K>,
): TableRecord<K>[] {
  const out: TableRecord<K>[] = []
  for (let r = header.lastRow + 1; r <= sheet.rows.length; r++) {
    const raw = sheet.rows[r - 1] ?? []
    const values: Partial<Record<K, CellValue>> = {}
    let blank = true
    for (const [key, m] of header.columns) {
      const v = raw[m.col - 1] ?? null
      values[key] = v
      if (!isBlank(v)) blank = false
    }
    const row = r
    out.push({
      row,
      values,
      blank,
      texts: raw.map((v) => cellText(v)),
      ref: (key: K) => {
        const m = header.columns.get(key)
        return m ? cellRef(grid, sheet, row, m.col) : cellRef(grid, sheet, row, 1)
      },
    })
  }
  return out
}

/** Label used in messages and templates for a key. */
export function preferredLabel<K extends string>(defs: readonly ColumnDef<K>[], key: K): string {
  return defs.find((d) => d.key === key)?.names[0] ?? key
}
