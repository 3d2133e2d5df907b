/** A file's tabular content, independent of its format (xlsx sheet or CSV). */
export type CellValue = string | number | boolean | Date | null

export interface SheetGrid {
  /** Sheet name (for CSV: the file name). */
  readonly name: string
  /** rows[i][j] is the cell at Excel row i+1, column j+1. Merged cells repeat the master's value. */
  readonly rows: readonly (readonly CellValue[])[]
  /** Merged ranges, 1-based inclusive. */
  readonly merges: readonly {
    readonly top: number
    readonly left: number
    readonly bottom: number
    readonly right: number
  }[]
}

export interface WorkbookGrid {
  /** File name as shown to users (basename). */
  readonly file: string
  readonly format: 'xlsx' | 'csv'
  readonly sheets: readonly SheetGrid[]
}

/** 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = ''
  let n = col
  while (n > 0) {
    const m = (n - 1) % 26
    s = String.fromCharCode(65 + m) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/** Where a cell is, as users read it: `file.xlsx › Sheet!F9` (CSV: `file.csv › F9`). */
export function cellRef(grid: WorkbookGrid, sheet: SheetGrid, row: number, col: number): string {
  const addr = `${columnLetter(col)}${row}`
  return grid.format === 'csv' ? `${grid.file} › ${addr}` : `${grid.file} › ${sheet.name}!${addr}`
}

/** A cell's text as a user sees it (trimmed; null/blank → ''). Dates → ISO date. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).trim()
}

export function isBlank(value: CellValue | undefined): boolean {
  return cellText(value).replace(/[\s\u3000]/g, '') === ''
}
