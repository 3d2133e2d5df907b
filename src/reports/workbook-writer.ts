import {
  accessSync,
  constants as fsConstants,
  readdirSync,
  realpathSync,
  statSync,
  closeSync,
  createWriteStream,
  fsyncSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
  mkdirSync,
  existsSync,
} from 'node:fs'
import {basename, dirname, join, resolve} from 'node:path'
import {Writable} from 'node:stream'
import ExcelJS from 'exceljs'
import {UserError} from '../errors.js'
import {textWidth} from '../text/wrap.js'

/** A rich-text run (e.g. deletions struck through in red). */
export interface RichRun {
  readonly text: string
  readonly font?: Partial<ExcelJS.Font>
}
export type CellOut = string | number | boolean | null | undefined | {readonly richText: readonly RichRun[]}

export type ColumnKind =
  | 'text'
  | 'longtext'
  | 'integer'
  | 'yen'
  | 'percent'
  | 'score'
  | 'date'
  /** Yen value shown in 千円 (format `#,##0,`): the cell keeps the exact yen. */
  | 'yenThousands'
  /** A number as typed (Excel's General format: 150, 0.3, 2018). */
  | 'number'

/** One report column: declared data, rendered by the single writer. */
export interface ColumnSpec<T> {
  readonly header: string
  readonly value: (row: T) => CellOut
  /** Default 'text' (written with the Text number format). */
  readonly kind?: ColumnKind
  /** Width in Excel character units; default fits the content (wide chars count 2). */
  readonly width?: number
  /** Editable by the reader (review columns): highlighted header. */
  readonly editable?: boolean
  /** Dropdown list for an editable column. */
  readonly list?: readonly string[]
  /** Hidden column (machine check values read back on import). */
  readonly hidden?: boolean
  /** Per-row editability of an editable column in a protected sheet (default: every row). */
  readonly editableWhen?: (row: T) => boolean
}

/** Fill the row when a column's value equals a text (rendered as conditional formatting). */
export interface ConditionalFill {
  readonly header: string
  readonly equals: string
  /** ARGB, e.g. 'FFC6EFCE'. */
  readonly color: string
}

export interface SheetSpec<T> {
  readonly name: string
  readonly columns: readonly ColumnSpec<T>[]
  readonly rows: readonly T[]
  /** Lines printed above the header (report title, conditions). */
  readonly title?: readonly string[]
  readonly conditionalFills?: readonly ConditionalFill[]
  /** Static fill per row (e.g. reclassified rows in a 新旧対照表). */
  readonly rowFill?: (row: T) => string | undefined
  /** Portrait instead of the default A4 landscape. */
  readonly portrait?: boolean
  /** Leading columns kept in view when scrolling right (wide editing sheets). */
  readonly freezeColumns?: number
  /**
   * Protect the sheet without a password (forms sent out to be filled in): every cell is locked
   * except the editable ones, which are shaded; filtering still works.
   */
  readonly protect?: boolean
  /** 'veryHidden': machine data that Excel's menu cannot unhide. */
  readonly state?: 'visible' | 'hidden' | 'veryHidden'
  /** Header row height in points (default: the lines the longest wrapped header needs, at least two). */
  readonly headerHeight?: number
  /** Names a row in change notes (e.g. the customization ID), beside its cell address. */
  readonly rowLabel?: (row: T) => string
  /** Per-cell style (Gantt bars, marks); `column` is 0-based. Wins over rowFill. */
  readonly cellStyle?: (row: T, column: number) => CellStyle | undefined
  /** Paper (default A4). Wide sheets print on A3 so that the text stays readable (≥ 8 pt, see printedFontPt). */
  readonly paper?: Paper
  /** Colour legend rows under the title: each entry a merged block of `legendSpan` columns from `legendColumn`. */
  readonly legend?: readonly {readonly label: string; readonly fill: string}[]
  readonly legendColumn?: number
  readonly legendSpan?: number
  /** Merged labels right above the header (e.g. 令和8年度 over its twelve months); columns 1-based. */
  readonly headerBand?: readonly {readonly label: string; readonly from: number; readonly to: number}[]
  /** Default true. */
  readonly autoFilter?: boolean
  /**
   * Page header. Literal text (a `&` is escaped) except the tokens {page}, {pages} and {sheet}.
   * Default: the first title line on the left, the sheet name on the right.
   */
  readonly printHeader?: PrintText
  /** Page footer (same rules). Default: the second title line on the left (団体名・日付), 「{page} / {pages} ページ」 in the centre. */
  readonly printFooter?: PrintText
  /** Empty rows with ruled borders after the data, to write in by hand (printed input forms). */
  readonly ruledRows?: number
}

/** One cell's look: a solid fill or a hatch over a background, a font colour, a thick coloured right border. */
export interface CellStyle {
  /** ARGB background. */
  readonly fill?: string
  /** Diagonal hatch in this colour over `fill` (e.g. busy months inside a bar). */
  readonly hatch?: string
  readonly color?: string
  readonly bold?: boolean
  readonly center?: boolean
  readonly borderRight?: string
}

export type Paper = 'A4' | 'A3'

/** Text of a page header or footer, by position. */
export interface PrintText {
  readonly left?: string
  readonly center?: string
  readonly right?: string
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySheetSpec = SheetSpec<any>

/** Options for a whole workbook. */
export interface WorkbookOptions {
  /**
   * Shown first in the title line of every sheet, in red (e.g. 【サンプル（架空の団体のデータ）・同梱仕様書（架空の要約）】
   * from `dataNotice`): a report built from sample or bundled data must say so on every page.
   */
  readonly notice?: string
  /**
   * Data rows written so far out of all (every 1,000 rows and at the end): for a progress bar on
   * large reports. Called synchronously while the rows are rendered.
   */
  readonly onRows?: (done: number, total: number) => void
  /**
   * Data rows per sheet; a sheet with more is split into several (「業務」「業務(2)」…), each saying so in
   * its title, and the split is reported in `changes`. Default: what fits Excel's 1,048,576 rows.
   */
  readonly maxSheetRows?: number
}

/** Rows of an Excel worksheet (xlsx). */
export const EXCEL_MAX_ROWS = 1_048_576

export interface WriteResult {
  readonly path: string
  readonly sheets: readonly string[]
  readonly rows: number
  /**
   * What the writer changed so the workbook opens in Excel (control characters removed, cells cut at
   * 32,767 characters), each with its sheet, cell and row label: for the command's warnings.
   */
  readonly changes: readonly string[]
}

const HEADER_FILL = 'FF1F4E79'
/**
 * Every cell's font. ＭＳ Ｐゴシック is on every Japanese Windows (Excel's own Japanese default before 游ゴシック,
 * with tighter line spacing, so row heights computed here hold). Where it is missing (LibreOffice on Linux)
 * the Japanese glyphs fall back to the system's CJK font (Noto Sans CJK JP), whose taller lines the row
 * height below allows for. charset 128 = SHIFTJIS, family 3 = modern (what Excel writes for it).
 */
export const FONT_NAME = 'ＭＳ Ｐゴシック'
/** Body text size in points; headers and data alike. */
export const FONT_SIZE = 11
const BASE_FONT: Partial<ExcelJS.Font> = {name: FONT_NAME, family: 3, charset: 128, size: FONT_SIZE}
const RULE: Partial<ExcelJS.Border> = {style: 'thin', color: {argb: 'FF808080'}}
const BORDER: Partial<ExcelJS.Borders> = {top: RULE, left: RULE, bottom: RULE, right: RULE}
/** Height of a ruled row to write in by hand (points: about 7.4 mm). */
export const RULED_ROW_HEIGHT = 21
const PAPER_SIZE: Record<Paper, number> = {A4: 9, A3: 8}
// Paper sizes in points (portrait width × height) and the side margins set below (inches).
const PAPER_PT: Record<Paper, readonly [number, number]> = {A4: [595.3, 841.9], A3: [841.9, 1190.6]}
const SIDE_MARGIN_IN = 0.4
const EDITABLE_FILL = 'FFBF8F00'
/** Unlocked answer cells of a protected sheet. */
const INPUT_FILL = 'FFFFF2CC'
const MAX_CELL = 32767
// Control characters Excel rejects (keep tab, LF, CR).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** At most this many change notes per workbook; the rest are counted. */
const MAX_CHANGE_NOTES = 100

/** Collects what safeText changed, with the place. */
class ChangeLog {
  readonly notes: string[] = []
  private more = 0

  note(place: string, original: string, written: string): void {
    if (original === written) return
    if (this.notes.length >= MAX_CHANGE_NOTES) {
      this.more++
      return
    }
    const stripped = original.length - original.replace(CONTROL, '').length
    const what = [
      stripped > 0 ? `制御文字 ${stripped} 個を削除しました` : '',
      original.replace(CONTROL, '').length > MAX_CELL
        ? `Excel の上限（${MAX_CELL.toLocaleString('en-US')} 文字）を超えるため ${(original.length - stripped).toLocaleString('en-US')} 文字を切り詰めました`
        : '',
    ]
      .filter((w) => w !== '')
      .join('。')
    this.notes.push(`${place}: ${what}`)
  }

  list(): string[] {
    return this.more === 0
      ? [...this.notes]
      : [...this.notes, `帳票で変更したセルがほかに ${this.more.toLocaleString('en-US')} 個あります`]
  }
}

/** Text safe for a cell: no control characters, at most 32,767 characters. */
export function safeText(text: string): string {
  const cleaned = text.replace(CONTROL, '')
  return cleaned.length > MAX_CELL ? `${cleaned.slice(0, MAX_CELL - 1)}…` : cleaned
}

/** Excel sheet name: no []:*?/\, at most 31 UTF-16 units without splitting a surrogate pair, unique. */
export function safeSheetName(name: string, used: Set<string>): string {
  let base = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '') || 'Sheet'
  const cut = (s: string, max: number): string => {
    let out = ''
    for (const ch of s) {
      if (out.length + ch.length > max) break
      out += ch
    }
    return out
  }
  base = cut(base, 31)
  let candidate = base
  for (let i = 2; used.has(candidate.toLowerCase()); i++) {
    const suffix = `(${i})`
    candidate = cut(base, 31 - suffix.length) + suffix
  }
  used.add(candidate.toLowerCase())
  return candidate
}

/** Display width: East Asian wide/fullwidth characters count 2 (the one rule, shared with terminal wrapping). */
export const displayWidth = textWidth

const NUM_FMT: Record<ColumnKind, string> = {
  text: '@',
  longtext: '@',
  integer: '#,##0',
  yen: '#,##0',
  percent: '0.0%',
  score: '0.00',
  date: 'yyyy-mm-dd',
  yenThousands: '#,##0,',
  number: 'General',
}

/**
 * One shared style object per (number format, wrap) for plain data cells. exceljs caches a style
 * id per style object (a WeakMap in its styles table), so a shared object skips re-serializing
 * the same style for every cell (most of the time of a 350,000-row report); the XML written is
 * the same. Rows that get a fill, a cell style or protection afterwards copy it (those setters
 * change the cell's style object in place).
 */
const DATA_STYLES = new Map<ColumnKind, readonly [Partial<ExcelJS.Style>, Partial<ExcelJS.Style>]>()
function dataStyle(kind: ColumnKind, wrap: boolean): Partial<ExcelJS.Style> {
  let styles = DATA_STYLES.get(kind)
  if (styles === undefined) {
    const make = (wrapText: boolean): Partial<ExcelJS.Style> => ({
      numFmt: NUM_FMT[kind],
      font: BASE_FONT,
      border: BORDER,
      alignment: {vertical: 'top', wrapText},
    })
    styles = [make(false), make(true)]
    DATA_STYLES.set(kind, styles)
  }
  return styles[wrap ? 1 : 0]
}

function plain(v: CellOut): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'object') return v.richText.map((r) => r.text).join('')
  return String(v)
}

/**
 * Points per wrapped line at FONT_SIZE: Noto Sans CJK (LibreOffice's fallback) needs 1.45 em per line, so
 * 11 pt text takes 16 pt; a little more so that the last line is never cut.
 */
const ROW_LINE_HEIGHT = 16.5

/**
 * The printed size (points) of FONT_SIZE text on a sheet printed fit-to-width on `paper`: the page
 * shrinks to the printable width. A column of width w (character units of the default font's digit)
 * is 7w + 5 px in Excel (Calibri); LibreOffice without Calibri measures DejaVu Sans digits, 9.33 px,
 * so the same sheet prints smaller there. Take the wider: 0.75 × (9.33w + 5) pt.
 */
export function printedFontPt(widths: readonly number[], paper: Paper = 'A4', portrait = false): number {
  const [short, long] = PAPER_PT[paper]
  const printable = (portrait ? short : long) - 2 * 72 * SIDE_MARGIN_IN
  const total = widths.reduce((n, w) => n + 0.75 * (9.33 * w + 5), 0)
  return FONT_SIZE * Math.min(1, printable / total)
}

/** One header/footer section: literal text with & escaped, tokens replaced, at most 80 characters. */
function headerFooterCode(t: PrintText | undefined): string | undefined {
  if (t === undefined) return undefined
  const part = (code: string, text: string | undefined): string => {
    if (text === undefined || text === '') return ''
    const cut = [...safeText(text).replace(/\s*\n\s*/g, ' ')].slice(0, 80).join('')
    const body = cut
      .replaceAll('&', '&&')
      .replaceAll('{pages}', '&N')
      .replaceAll('{page}', '&P')
      .replaceAll('{sheet}', '&A')
    // &11 sets the size; a space keeps a leading digit of the text out of the size code.
    return `${code}&${FONT_SIZE}${/^\d/.test(body) ? ' ' : ''}${body}`
  }
  return part('&L', t.left) + part('&C', t.center) + part('&R', t.right)
}

/** Lines a wrapped text takes in a column `width` characters wide (wide chars count 2). */
export function wrappedLines(text: string, width: number): number {
  // Fonts render Japanese a little wider than 2 units: keep a 10% margin.
  const usable = Math.max(1, Math.floor(width * 0.9) - 1)
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0)
}

function fitWidth<T>(col: ColumnSpec<T>, rows: readonly T[]): number {
  if (col.width !== undefined) return col.width
  let w = displayWidth(col.header)
  const sample = rows.length > 500 ? rows.slice(0, 500) : rows
  for (const r of sample) {
    for (const line of plain(col.value(r)).split('\n')) w = Math.max(w, displayWidth(line))
  }
  const max = col.kind === 'longtext' ? 60 : 40
  return Math.min(Math.max(w + 2, 6), max)
}

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let out = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out
  return out
}

function applyCellStyle(cell: ExcelJS.Cell, st: CellStyle): void {
  if (st.hatch)
    cell.fill = {
      type: 'pattern',
      pattern: 'lightUp',
      fgColor: {argb: st.hatch},
      bgColor: {argb: st.fill ?? 'FFFFFFFF'},
    }
  else if (st.fill) cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: st.fill}}
  if (st.color || st.bold)
    cell.font = {...BASE_FONT, color: st.color ? {argb: st.color} : undefined, bold: st.bold}
  if (st.center) cell.alignment = {horizontal: 'center', vertical: 'middle'}
  if (st.borderRight) cell.border = {right: {style: 'medium', color: {argb: st.borderRight}}}
}

function legendLayout(spec: AnySheetSpec): {from: number; span: number; perRow: number; rows: number} {
  const entries = spec.legend ?? []
  const from = spec.legendColumn ?? 1
  const span = Math.max(1, spec.legendSpan ?? 1)
  const perRow = Math.max(1, Math.floor((Math.max(spec.columns.length, from + span - 1) - from + 1) / span))
  return {from, span, perRow, rows: Math.ceil(entries.length / perRow)}
}

function addLegend(ws: ExcelJS.Worksheet, spec: AnySheetSpec): void {
  const entries = spec.legend ?? []
  const {from, span, perRow} = legendLayout(spec)
  for (let i = 0; i < entries.length; i += perRow) {
    const r = ws.addRow([])
    entries.slice(i, i + perRow).forEach((e, j) => {
      const col = from + j * span
      const cell = r.getCell(col)
      cell.value = safeText(e.label)
      cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: e.fill}}
      cell.font = {...BASE_FONT, size: 9}
      cell.alignment = {horizontal: 'center', vertical: 'middle'}
      cell.border = {left: {style: 'thin', color: {argb: 'FFFFFFFF'}}}
      if (span > 1) ws.mergeCells(r.number, col, r.number, col + span - 1)
    })
  }
}

/**
 * Add one declared sheet. With `stream`, rows are committed as they are written (the streaming writer
 * keeps nothing behind), so everything written before the rows in the sheet XML (views) is set first.
 */
function addSheet<T>(
  wb: ExcelJS.Workbook,
  spec: SheetSpec<T>,
  used: Set<string>,
  stream = false,
  options: WorkbookOptions = {},
  log = new ChangeLog(),
  progress?: RowProgress,
): string {
  const name = safeSheetName(spec.name, used)
  const [first, ...rest] = spec.title ?? []
  const titleLines =
    options.notice === undefined ? (spec.title ?? []) : [`${options.notice}${first ?? ''}`, ...rest]
  const legendRows = legendLayout(spec).rows
  const hasBand = (spec.headerBand?.length ?? 0) > 0
  // Titles, legend rows, then the band row (or a blank row under titles), then the header.
  const headerRowNo = titleLines.length + legendRows + (hasBand || titleLines.length > 0 ? 1 : 0) + 1
  const xSplit = spec.freezeColumns ?? 0
  const topLeft = `${columnLetter(xSplit + 1)}${headerRowNo + 1}`
  const header: PrintText = spec.printHeader ?? {left: titleLines[0], right: '{sheet}'}
  const footer: PrintText = spec.printFooter ?? {left: titleLines[1], center: '{page} / {pages} ページ'}
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: PAPER_SIZE[spec.paper ?? 'A4'],
      orientation: spec.portrait ? 'portrait' : 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: {
        left: SIDE_MARGIN_IN,
        right: SIDE_MARGIN_IN,
        top: 0.7,
        bottom: 0.7,
        header: 0.3,
        footer: 0.3,
      },
    },
    headerFooter: {oddHeader: headerFooterCode(header), oddFooter: headerFooterCode(footer)},
    // Given at creation: the streaming writer cannot change views later.
    views: [{state: 'frozen', xSplit, ySplit: headerRowNo, topLeftCell: topLeft, activeCell: topLeft}],
  })
  for (const line of titleLines) {
    const r = ws.addRow([safeText(line)])
    r.font = {...BASE_FONT, bold: r.number === 1, size: r.number === 1 ? 14 : FONT_SIZE}
    if (r.number === 1) r.height = 20
    if (r.number === 1 && options.notice !== undefined) r.font = {...r.font, color: {argb: 'FFC00000'}}
  }
  const widths = spec.columns.map((c) => fitWidth(c, spec.rows))
  addLegend(ws, spec)
  if (hasBand) {
    const band = ws.addRow([])
    for (const b of spec.headerBand ?? []) {
      const cell = band.getCell(b.from)
      cell.value = safeText(b.label)
      cell.font = {...BASE_FONT, bold: true, color: {argb: 'FFFFFFFF'}}
      cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: HEADER_FILL}}
      cell.alignment = {horizontal: 'center', vertical: 'middle'}
      cell.border = {left: {style: 'thin', color: {argb: 'FFFFFFFF'}}}
      if (b.to > b.from) ws.mergeCells(band.number, b.from, band.number, b.to)
    }
  } else if (titleLines.length > 0) ws.addRow([])
  ws.columns = spec.columns.map((c, i) => ({
    width: widths[i],
    style: {numFmt: NUM_FMT[c.kind ?? 'text'], font: BASE_FONT},
  }))
  // Before any row: the streaming writer writes the column definitions with the first row.
  spec.columns.forEach((c, i) => {
    if (c.hidden) ws.getColumn(i + 1).hidden = true
  })
  const headerRow = ws.getRow(headerRowNo)
  spec.columns.forEach((c, i) => {
    const cell = headerRow.getCell(i + 1)
    cell.value = c.header
    cell.font = {...BASE_FONT, bold: true, color: {argb: 'FFFFFFFF'}}
    cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: c.editable ? EDITABLE_FILL : HEADER_FILL}}
    cell.alignment = {vertical: 'middle', horizontal: 'center', wrapText: true}
    cell.border = BORDER
    cell.numFmt = '@'
  })
  const headerLines = Math.max(2, ...spec.columns.map((c, i) => wrappedLines(c.header, widths[i]!)))
  headerRow.height = spec.headerHeight ?? headerLines * ROW_LINE_HEIGHT + 2
  const lastRow = headerRowNo + Math.max(spec.rows.length, 1)
  const lastCol = spec.columns.length
  const colLetter = (n: number): string => ws.getColumn(n).letter
  // Fills, cell styles and protection are set on the cell's style object in place: those rows need their own.
  const ownStyles = spec.rowFill !== undefined || spec.cellStyle !== undefined || spec.protect === true
  for (const row of spec.rows) {
    const r = ws.addRow([])
    let lines = 1
    spec.columns.forEach((c, i) => {
      const cell = r.getCell(i + 1)
      const v = c.value(row)
      const kind = c.kind ?? 'text'
      if (v === null || v === undefined || v === '') {
        cell.value = null
      } else if (typeof v === 'object') {
        cell.value = {
          richText: v.richText.map((run) => ({text: safeText(run.text), font: {...BASE_FONT, ...run.font}})),
        }
      } else if (typeof v === 'string') {
        // Imported free text is always a string cell with the Text format: never a formula.
        cell.value = safeText(v)
        if (cell.value !== v) {
          const label = spec.rowLabel?.(row)
          log.note(`${name}!${cell.address}${label ? `（${label}）` : ''}`, v, cell.value)
        }
      } else {
        cell.value = v
      }
      const text = plain(v)
      const wrap =
        kind === 'longtext' || (text !== '' && (text.includes('\n') || displayWidth(text) > widths[i]!))
      const style = dataStyle(kind, wrap)
      cell.style = ownStyles ? {...style, alignment: {...style.alignment}} : style
      if (wrap) lines = Math.max(lines, wrappedLines(text, widths[i]!))
    })
    // Explicit height: LibreOffice (and Excel for some files) does not grow
    // rows for wrapped text on open, which hides most of a long 要件.
    if (lines > 1) r.height = Math.min(409, lines * ROW_LINE_HEIGHT + 3)
    const fill = spec.rowFill?.(row)
    if (fill)
      r.eachCell(
        {includeEmpty: true},
        (cell) => (cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: fill}}),
      )
    if (spec.cellStyle) {
      for (let i = 0; i < spec.columns.length; i++) {
        const st = spec.cellStyle(row, i)
        if (st) applyCellStyle(r.getCell(i + 1), st)
      }
    }
    if (spec.protect) unlockEditable(r, spec.columns, row)
    if (stream) r.commit()
    if (progress) progress.row()
  }
  for (let n = 0; n < (spec.ruledRows ?? 0); n++) {
    const r = ws.addRow([])
    spec.columns.forEach((c, i) => {
      const cell = r.getCell(i + 1)
      cell.numFmt = NUM_FMT[c.kind ?? 'text']
      cell.font = BASE_FONT
      cell.border = BORDER
      cell.alignment = {vertical: 'middle', wrapText: true}
      if (spec.protect && c.editable && !c.editableWhen) {
        cell.protection = {locked: false}
        cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: INPUT_FILL}}
      }
    })
    r.height = RULED_ROW_HEIGHT
    if (stream) r.commit()
  }
  if (spec.autoFilter ?? true)
    ws.autoFilter = {from: {row: headerRowNo, column: 1}, to: {row: headerRowNo, column: lastCol}}
  ws.pageSetup.printTitlesRow = `${headerRowNo}:${headerRowNo}`
  for (const f of spec.conditionalFills ?? []) {
    const idx = spec.columns.findIndex((c) => c.header === f.header)
    if (idx < 0) continue
    const letter = colLetter(idx + 1)
    ws.addConditionalFormatting({
      ref: `A${headerRowNo + 1}:${colLetter(lastCol)}${lastRow}`,
      rules: [
        {
          type: 'expression',
          priority: 1,
          formulae: [`$${letter}${headerRowNo + 1}="${f.equals.replaceAll('"', '""')}"`],
          style: {fill: {type: 'pattern', pattern: 'solid', bgColor: {argb: f.color}}},
        },
      ],
    })
  }
  spec.columns.forEach((c, i) => {
    if (!c.list || c.list.length === 0) return
    const letter = colLetter(i + 1)
    // A range validation (one entry), not one per cell: per-cell lists make readers crawl.
    // exceljs has Worksheet.dataValidations at runtime but not in its typings.
    ;(
      ws as unknown as {dataValidations: {add(ref: string, v: ExcelJS.DataValidation): void}}
    ).dataValidations.add(`${letter}${headerRowNo + 1}:${letter}${Math.max(lastRow, headerRowNo + 1000)}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.list.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '入力値エラー',
      error: `一覧から選択してください: ${c.list.join(' / ')}`,
    })
  })
  if (spec.state) ws.state = spec.state
  if (spec.protect) {
    // No password: the lock guards against slips, and the import checks what matters.
    // The promise of protect() settles synchronously when no password is hashed.
    void ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      autoFilter: true,
      formatRows: true,
    })
  }
  return name
}

function unlockEditable<T>(r: ExcelJS.Row, columns: readonly ColumnSpec<T>[], row: T): void {
  columns.forEach((c, i) => {
    if (!c.editable || (c.editableWhen && !c.editableWhen(row))) return
    const cell = r.getCell(i + 1)
    cell.protection = {locked: false}
    cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: INPUT_FILL}}
  })
}

/**
 * Above this many rows a workbook is written with exceljs's streaming writer: the in-memory model
 * and writeBuffer grow worse than linearly (350,000 rows: minutes and gigabytes), the stream does
 * not. Smaller workbooks keep the in-memory path (print titles, images and other whole-workbook
 * extras need it).
 */
export const STREAM_ROWS = 20_000

/** Counts data rows across a workbook's sheets for WorkbookOptions.onRows. */
interface RowProgress {
  row(): void
  end(): void
}

function rowProgress(sheets: readonly AnySheetSpec[], options: WorkbookOptions): RowProgress | undefined {
  const report = options.onRows
  if (report === undefined) return undefined
  const total = sheets.reduce((n, s) => n + s.rows.length, 0)
  let done = 0
  return {
    row: () => {
      if (++done % 1000 === 0) report(done, total)
    },
    end: () => report(done, total),
  }
}

/** Data rows per sheet by default: Excel's 1,048,576 less room for the title, legend and header rows. */
export const DEFAULT_MAX_SHEET_ROWS = 1_000_000

interface SheetPart {
  readonly spec: AnySheetSpec
  /** The declared sheet it came from and its part number (1-based) and count. */
  readonly from: AnySheetSpec
  readonly part: number
  readonly parts: number
}

/**
 * Declared sheets with more than `max` data rows become several sheets of the same name (the
 * writer numbers them 「名前(2)」…), each saying in its last title line which rows it holds.
 */
export function splitSheets(sheets: readonly AnySheetSpec[], max = DEFAULT_MAX_SHEET_ROWS): SheetPart[] {
  const limit = Math.max(1, Math.floor(max))
  return sheets.flatMap((spec): SheetPart[] => {
    if (spec.rows.length <= limit) return [{spec, from: spec, part: 1, parts: 1}]
    const parts = Math.ceil(spec.rows.length / limit)
    const fmt = (n: number): string => n.toLocaleString('en-US')
    return Array.from({length: parts}, (_, i) => {
      const first = i * limit
      const last = Math.min(spec.rows.length, first + limit)
      const note =
        `※ ${fmt(spec.rows.length)} 行あり Excel の1シートの上限（${fmt(EXCEL_MAX_ROWS)} 行）を超えるため、` +
        `${parts} シートに分けています（このシートは ${fmt(first + 1)}〜${fmt(last)} 行目）`
      return {
        spec: {...spec, rows: spec.rows.slice(first, last), title: [...(spec.title ?? []), note]},
        from: spec,
        part: i + 1,
        parts,
      }
    })
  })
}

/** The change note for each declared sheet split into several (names as written). */
function splitNotes(parts: readonly SheetPart[], names: readonly string[]): string[] {
  const notes: string[] = []
  parts.forEach((p, i) => {
    if (p.part !== 1 || p.parts === 1) return
    const written = names.slice(i, i + p.parts).map((n) => `「${n}」`)
    notes.push(
      `シート「${p.from.name}」は ${p.from.rows.length.toLocaleString('en-US')} 行あり Excel の1シートの上限` +
        `（${EXCEL_MAX_ROWS.toLocaleString('en-US')} 行）を超えるため、${p.parts} シート（${written.join('')}）に分けました`,
    )
  })
  return notes
}

/** Render the declared sheets into exceljs's streaming writer on `sink`; resolves when the sink has every byte. */
async function streamWorkbook(
  sink: Writable,
  sheets: readonly AnySheetSpec[],
  options: WorkbookOptions,
): Promise<{names: string[]; changes: string[]}> {
  // Inline strings, not shared: the shared-string table would hold every distinct text in memory.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({stream: sink, useStyles: true, useSharedStrings: false})
  wb.creator = 'hyojun'
  const parts = splitSheets(sheets, options.maxSheetRows)
  const progress = rowProgress(sheets, options)
  const used = new Set<string>()
  const names: string[] = []
  const log = new ChangeLog()
  for (const {spec} of parts) {
    const name = addSheet(wb as unknown as ExcelJS.Workbook, spec, used, true, options, log, progress)
    // Finish each sheet before the next: an open sheet's rows would wait in memory.
    wb.getWorksheet(name)?.commit()
    names.push(name)
  }
  await wb.commit()
  progress?.end()
  return {names, changes: [...splitNotes(parts, names), ...log.list()]}
}

/** The declared sheets through exceljs's streaming writer, collected into one buffer. */
export async function buildWorkbookStreaming(
  sheets: readonly AnySheetSpec[],
  options: WorkbookOptions = {},
): Promise<{buffer: Buffer; names: string[]; changes: string[]}> {
  const chunks: Buffer[] = []
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk)
      done()
    },
  })
  const {names, changes} = await streamWorkbook(sink, sheets, options)
  return {buffer: Buffer.concat(chunks), names, changes}
}

/** Build a workbook from declared sheets (no I/O). */
export function buildWorkbook(
  sheets: readonly AnySheetSpec[],
  options: WorkbookOptions = {},
): {
  workbook: ExcelJS.Workbook
  names: string[]
  changes: string[]
} {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'hyojun'
  const parts = splitSheets(sheets, options.maxSheetRows)
  const progress = rowProgress(sheets, options)
  const used = new Set<string>()
  const log = new ChangeLog()
  const names = parts.map((p) => addSheet(wb, p.spec, used, false, options, log, progress))
  progress?.end()
  return {workbook: wb, names, changes: [...splitNotes(parts, names), ...log.list()]}
}

/**
 * Write declared sheets to `path` atomically: temp file in the same folder,
 * fsync, rename (retried briefly: Windows refuses while Excel holds the file).
 * Large workbooks (over STREAM_ROWS rows) stream straight into the temp file.
 */
export async function writeWorkbook(
  path: string,
  sheets: readonly AnySheetSpec[],
  extra?: (wb: ExcelJS.Workbook) => void,
  options: WorkbookOptions & {readonly stream?: boolean} = {},
): Promise<WriteResult> {
  const rows = sheets.reduce((n, s) => n + s.rows.length, 0)
  const stream = options.stream ?? rows > STREAM_ROWS
  if (extra === undefined && stream) {
    let written: {names: string[]; changes: string[]} = {names: [], changes: []}
    await writeAtomic(path, async (fd) => {
      written = await streamWorkbook(createWriteStream('', {fd, autoClose: false}), sheets, options)
    })
    return {path: resolve(path), sheets: written.names, rows, changes: written.changes}
  }
  const {workbook, names, changes} = buildWorkbook(sheets, options)
  extra?.(workbook)
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  await writeFileAtomic(path, buffer)
  return {path: resolve(path), sheets: names, rows, changes}
}

function outputError(path: string, code: string, message: string, suggestion: string): UserError {
  return new UserError(`出力先 ${path}: ${message}`, {code, suggestions: [suggestion]})
}

/**
 * Refuse an output path that cannot work, before any long analysis: a folder, a parent that is a
 * file, a folder or file we may not write, or the database itself (writing a report over it would
 * destroy every import). Missing parent folders are fine: the writer creates them.
 */
export function assertOutputPath(path: string, options: {readonly dbPath?: string} = {}): void {
  const full = resolve(path)
  if (options.dbPath !== undefined) {
    const db = resolve(options.dbPath)
    const real = (p: string): string => {
      try {
        return realpathSync(p)
      } catch {
        return p
      }
    }
    const targets = [db, `${db}-wal`, `${db}-shm`, `${db}-journal`].map(real)
    if (targets.includes(real(full)))
      throw outputError(
        path,
        'OUTPUT_IS_DATABASE',
        'データベースファイルそのものです。上書きするとすべての取込データが失われます',
        '--output に別のファイル名（.xlsx）を指定してください',
      )
  }
  const st = statOrUndefined(full)
  if (st?.isDirectory())
    throw outputError(
      path,
      'OUTPUT_IS_DIR',
      'フォルダです',
      '--output にファイル名（例: フォルダ/比較分析表.xlsx）を指定してください',
    )
  // Nearest existing ancestor: it must be a folder we can write into.
  let dir = dirname(full)
  for (;;) {
    const d = statOrUndefined(dir)
    if (d !== undefined) {
      if (!d.isDirectory())
        throw outputError(
          path,
          'OUTPUT_PARENT_IS_FILE',
          `${dir} はファイルのため、その中には保存できません`,
          '--output の保存先フォルダを確認してください',
        )
      if (!canAccess(dir, fsConstants.W_OK | fsConstants.X_OK))
        throw outputError(
          path,
          'OUTPUT_NOT_WRITABLE',
          `フォルダ ${dir} に書き込む権限がありません`,
          '書き込めるフォルダを --output で指定してください',
        )
      break
    }
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  if (st !== undefined && !canAccess(full, fsConstants.W_OK))
    throw outputError(
      path,
      'OUTPUT_READ_ONLY',
      '読み取り専用のファイルです（上書きしません）',
      '読み取り専用を解除するか、--output で別のファイル名を指定してください',
    )
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode)
    return true
  } catch {
    return false
  }
}

/** Our temp files: `.<name>.<pid>.<ms>.tmp` (see writeFileAtomic). */
function staleTempFiles(dir: string, name: string): string[] {
  const prefix = `.${name}.`
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return []
  }
  return entries.filter((f) => {
    if (!f.startsWith(prefix) || !f.endsWith('.tmp')) return false
    const m = /^(\d+)\.(\d+)\.tmp$/.exec(f.slice(prefix.length))
    if (!m) return false
    const pid = Number(m[1])
    if (pid === process.pid) return false
    try {
      // Signal 0 only checks that the process exists; a live writer keeps its file.
      process.kill(pid, 0)
      return Date.now() - Number(m[2]) > 24 * 60 * 60 * 1000
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH'
    }
  })
}

export async function writeFileAtomic(path: string, data: Buffer): Promise<void> {
  await writeAtomic(path, (fd) => {
    writeSync(fd, data)
    return Promise.resolve()
  })
}

/**
 * Write `path` atomically: `fill` writes the content into an open temp file in the same folder
 * (and must not close it), then fsync and rename over `path`.
 */
async function writeAtomic(path: string, fill: (fd: number) => Promise<void>): Promise<void> {
  const dir = dirname(resolve(path))
  if (!existsSync(dir)) mkdirSync(dir, {recursive: true})
  // A kill between write and rename leaves a temp file: remove those of earlier, dead runs.
  for (const stale of staleTempFiles(dir, basename(path))) {
    try {
      unlinkSync(join(dir, stale))
    } catch {
      // another run may have removed it
    }
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
  const fd = openSync(tmp, 'w')
  try {
    await fill(fd)
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    try {
      unlinkSync(tmp)
    } catch {
      // nothing to clean up
    }
    throw error
  }
  closeSync(fd)
  for (let attempt = 0; ; attempt++) {
    try {
      renameSync(tmp, path)
      return
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if ((code === 'EPERM' || code === 'EBUSY' || code === 'EACCES') && attempt < 5) {
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)))
        continue
      }
      try {
        unlinkSync(tmp)
      } catch {
        // the temp file may already be gone
      }
      if (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES') {
        throw new UserError(
          `${path} に書き込めません。Excel などで開いている場合は閉じてから再実行してください`,
          {
            code: 'OUTPUT_LOCKED',
            suggestions: ['ファイルを閉じる', '--output で別のファイル名を指定する'],
          },
        )
      }
      if (code === 'EISDIR') {
        throw new UserError(`${path} はフォルダです。出力ファイル名を指定してください`, {
          code: 'OUTPUT_IS_DIR',
        })
      }
      throw error
    }
  }
}
