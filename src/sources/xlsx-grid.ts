import type {CellValue, SheetGrid} from './grid.js'
import {Token, XmlScanError, XmlScanner} from './xml-scan.js'
import {DEFAULT_ZIP_LIMITS, type ZipLimits} from './zip-guard.js'

/**
 * The cell values of an .xlsx, read straight from its XML parts (already inflated and capped by
 * zip-guard). It gives the grid exceljs' in-memory reader gave (test/xlsx-reader.test.ts compares
 * them cell by cell), at a fraction of the time and memory, because only values are read:
 *  - shared strings: plain or rich text (runs concatenated); phonetic runs (<rPh>, furigana typed
 *    with a Japanese IME) are not part of the text; _xHHHH_ escapes decoded;
 *  - cell types s / str / inlineStr / b / e (→ null) / n, cached formula results;
 *  - dates: numbers whose style (cellXfs, index > 0) has a date format: built-in ids 14–22 and
 *    45–47 or a custom code with y m d h s outside quotes and brackets; 1900 or 1904 date system;
 *  - merged ranges: every cell of a range shows the top-left cell's value; overlapping ranges are
 *    refused (as exceljs did);
 *  - a cell with an external hyperlink reads as text (as exceljs did);
 *  - rows and cells without an `r` attribute follow the previous one (exceljs refused such files).
 */
export class XlsxReadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly suggestion?: string,
  ) {
    super(message)
  }
}

/** Parts by entry name (a leading '/' removed), as they are in the archive. */
export type XlsxParts = ReadonlyMap<string, Buffer>

const MAX_ROW = 1_048_576
const MAX_COL = 16_384

/**
 * Built-in number formats that are dates or times: the ones exceljs (and Excel's en-US table) know,
 * plus the ids Japanese Excel writes for its own date formats without a <numFmt> of their own
 * (ECMA-376 Part 1, 18.8.30, ja-JP: 27–36 and 50–58 = 和暦 ggge"年"m"月"d"日", yyyy"年"m"月"d"日",
 * m"月"d"日", h"時"mm"分" …). exceljs read those cells as bare serial numbers (45383 for 令和6年4月1日).
 */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
])

/** exceljs' rule: a format is a date when y m d h M s b remain outside [..] and "..". */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''))
}

/** Excel serial → Date (UTC), 1900 or 1904 date system. */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000))
}

const unescapeX = (s: string): string =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : s

/** exceljs decoded entities once more in `t="str"` results; kept so such cells read the same. */
function decodeAgain(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(/&(lt|gt|amp|apos|quot);/g, (_m, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'apos' ? "'" : '"',
  )
}

function text(buf: Buffer | undefined): string {
  return buf === undefined ? '' : buf.toString('utf8')
}

/** `xl/worksheets/sheet1.xml` for a Target relative to the folder of `from` (or absolute). */
export function resolveTarget(fromFolder: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `${fromFolder}${target}`
  const out: string[] = []
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') out.pop()
    else out.push(seg)
  }
  return out.join('/')
}

interface Relationship {
  readonly target: string
  readonly external: boolean
}

function readRels(xml: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>()
  const x = new XmlScanner(xml)
  for (let t = x.next(); t !== Token.End; t = x.next()) {
    if (t === Token.Open && x.name === 'Relationship') {
      const id = x.attr('Id')
      const target = x.attr('Target')
      if (id !== undefined && target !== undefined)
        rels.set(id, {target, external: x.attr('TargetMode') === 'External'})
    }
  }
  return rels
}

/** Shared strings: index → text (null for an <si> without any text element, as exceljs read it). */
function readSharedStrings(xml: string): (string | null)[] {
  const out: (string | null)[] = []
  const x = new XmlScanner(xml)
  let current: string | null = null
  let inSi = false
  let textDepth = 0
  let phonetic = 0
  let parts: string[] = []
  for (let t = x.next(); t !== Token.End; t = x.next()) {
    if (t === Token.Open) {
      const n = x.name
      if (n === 'si') {
        inSi = true
        current = null
        if (x.selfClosing) {
          out.push(null)
          inSi = false
        }
      } else if (inSi && phonetic === 0 && n === 't') {
        current ??= ''
        if (!x.selfClosing) {
          textDepth++
          parts = []
        }
      } else if (inSi && n === 'rPh' && !x.selfClosing) phonetic++
    } else if (t === Token.Close) {
      const n = x.name
      if (n === 'si') {
        out.push(current)
        inSi = false
        phonetic = 0
      } else if (n === 'rPh') phonetic = Math.max(0, phonetic - 1)
      else if (n === 't' && textDepth > 0 && phonetic === 0) {
        textDepth--
        current = (current ?? '') + unescapeX(parts.join(''))
      }
    } else if (textDepth > 0 && phonetic === 0) parts.push(x.text())
  }
  return out
}

interface Styles {
  /** Per cellXfs index: the cell shows a date. */
  readonly dateStyle: readonly boolean[]
}

function readStyles(xml: string): Styles {
  const custom = new Map<number, string>()
  const xfFormats: number[] = []
  const x = new XmlScanner(xml)
  let inCellXfs = false
  for (let t = x.next(); t !== Token.End; t = x.next()) {
    if (t === Token.Open) {
      if (x.name === 'numFmt') {
        const id = parseInt(x.attr('numFmtId') ?? '', 10)
        const code = x.attr('formatCode')
        if (!Number.isNaN(id) && code !== undefined) custom.set(id, code)
      } else if (x.name === 'cellXfs') inCellXfs = !x.selfClosing
      else if (inCellXfs && x.name === 'xf') {
        xfFormats.push(parseInt(x.attr('numFmtId') ?? '', 10))
        x.skipElement()
      }
    } else if (t === Token.Close && x.name === 'cellXfs') inCellXfs = false
  }
  const dateStyle = xfFormats.map((id) => {
    if (!id) return false
    const code = custom.get(id)
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)
  })
  return {dateStyle}
}

interface WorkbookInfo {
  readonly date1904: boolean
  readonly sheets: readonly {name: string; rId: string | undefined}[]
}

function readWorkbook(xml: string): WorkbookInfo {
  let date1904 = false
  const sheets: {name: string; rId: string | undefined}[] = []
  const x = new XmlScanner(xml)
  for (let t = x.next(); t !== Token.End; t = x.next()) {
    if (t !== Token.Open) continue
    if (x.name === 'workbookPr') {
      const v = x.attr('date1904')
      date1904 = v === '1' || v === 'true'
    } else if (x.name === 'sheet') sheets.push({name: x.attr('name') ?? '', rId: x.attr('r:id')})
  }
  return {date1904, sheets}
}

/** `AB12` → column 28 (0 when the reference has no letters). */
function columnOf(ref: string): number {
  let col = 0
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32
    if (c < 65 || c > 90) break
    col = col * 26 + (c - 64)
  }
  return col
}

interface Range {
  readonly top: number
  readonly left: number
  readonly bottom: number
  readonly right: number
}

function decodeRange(ref: string): Range | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(ref.trim())
  if (!m) return undefined
  const c1 = columnOf(m[1]!.toUpperCase())
  const r1 = Number(m[2])
  const c2 = m[3] === undefined ? c1 : columnOf(m[3].toUpperCase())
  const r2 = m[4] === undefined ? r1 : Number(m[4])
  return {top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2)}
}

const BROKEN = 'Excel ブックとして読み取れません（ファイルの構造が壊れているか、対応していない形式です）'

interface SheetContext {
  readonly name: string
  readonly shared: readonly (string | null)[]
  readonly styles: Styles
  readonly date1904: boolean
  /** Cell address (as written in `r`) → the cell reads as text (external hyperlink). */
  readonly hyperlinkRels: ReadonlyMap<string, Relationship> | undefined
  readonly limits: ZipLimits
}

function readSheet(xml: string, ctx: SheetContext): SheetGrid {
  const rows: CellValue[][] = []
  const merges: Range[] = []
  const hyperlinks = new Map<string, string>()
  const x = new XmlScanner(xml)
  let rowNumber = 0
  let col = 0
  // Current cell.
  let inCell = false
  let cellType: string | undefined
  let cellStyle = 0
  let formula = false
  let formulaText = ''
  let value: string | undefined
  let inlineText: string | undefined
  let target: 'v' | 'f' | 't' | undefined
  let phonetic = 0
  let inInline = false
  let run = ''

  const finishCell = (): void => {
    inCell = false
    let v: CellValue = null
    if (formula) {
      if (value) {
        if (cellType === 'str') v = decodeAgain(value)
        else if (cellType === 'b') v = parseInt(value, 10) !== 0
        else if (cellType === 'e') v = null
        else {
          v = parseFloat(value)
          if (cellStyle && ctx.styles.dateStyle[cellStyle]) v = excelSerialToDate(v, ctx.date1904)
        }
      }
    } else if (cellType === 'inlineStr') {
      v = inlineText ?? null
    } else if (value !== undefined) {
      switch (cellType) {
        case 's': {
          const i = parseInt(value, 10)
          if (!(i >= 0 && i < ctx.shared.length))
            throw new XlsxReadError(
              'BROKEN_XLSX',
              `${BROKEN}（シート ${ctx.name} の共有文字列の番号 ${value.slice(0, 20)} が範囲外です）`,
            )
          v = ctx.shared[i] ?? null
          break
        }
        case 'str':
          v = decodeAgain(value)
          break
        case 'b':
          v = parseInt(value, 10) !== 0
          break
        case 'e':
          v = null
          break
        default:
          v = parseFloat(value)
          if (cellStyle && ctx.styles.dateStyle[cellStyle]) v = excelSerialToDate(v, ctx.date1904)
      }
    }
    if (v !== null) (rows[rowNumber - 1] ??= [])[col - 1] = v
    else if (rows[rowNumber - 1]?.[col - 1] !== undefined) rows[rowNumber - 1]![col - 1] = null
  }

  for (let t = x.next(); t !== Token.End; t = x.next()) {
    if (t === Token.Text) {
      if (target === undefined || phonetic > 0) continue
      const s = x.text()
      if (target === 'v') value = value === undefined ? s : value + s
      else if (target === 'f') formulaText += s
      else run += s
      continue
    }
    if (t === Token.Close) {
      const n = x.name
      if (n === 'c') {
        if (inCell) finishCell()
      } else if (n === 'v' || n === 'f') target = undefined
      else if (n === 't') {
        if (target === 't') inlineText = (inlineText ?? '') + unescapeX(run)
        target = undefined
      } else if (n === 'rPh') phonetic = Math.max(0, phonetic - 1)
      else if (n === 'is') inInline = false
      if (n === 'f' && formulaText !== '') formula = true
      continue
    }
    const n = x.name
    if (n === 'row') {
      const r = x.attr('r')
      rowNumber = r !== undefined ? parseInt(r, 10) : rowNumber + 1
      if (!(rowNumber >= 1 && rowNumber <= MAX_ROW))
        throw new XlsxReadError(
          'BROKEN_XLSX',
          `${BROKEN}（シート ${ctx.name} の行番号 ${String(r).slice(0, 20)} が不正です）`,
        )
      if (rowNumber > ctx.limits.maxRowsPerSheet)
        throw new XlsxReadError(
          'TOO_MANY_ROWS',
          `シート（${ctx.name}）の最終行（${rowNumber.toLocaleString('en-US')} 行目）が上限（${ctx.limits.maxRowsPerSheet.toLocaleString('en-US')} 行）を超えています`,
          '表の下にある不要なセル（書式や値）を削除してから保存し直してください',
        )
      col = 0
    } else if (n === 'c') {
      if (rowNumber === 0) rowNumber = 1
      const cellRef = x.attr('r')
      const c = cellRef !== undefined ? columnOf(cellRef) : col + 1
      if (!(c >= 1 && c <= MAX_COL))
        throw new XlsxReadError(
          'BROKEN_XLSX',
          `${BROKEN}（シート ${ctx.name} のセル番地 ${String(cellRef).slice(0, 20)} が不正です）`,
        )
      col = c
      cellType = x.attr('t')
      const s = x.attr('s')
      cellStyle = s !== undefined ? parseInt(s, 10) || 0 : 0
      formula = false
      formulaText = ''
      value = undefined
      inlineText = undefined
      target = undefined
      phonetic = 0
      inInline = false
      inCell = true
      if (x.selfClosing) finishCell()
    } else if (inCell) {
      if (n === 'v') target = x.selfClosing ? undefined : 'v'
      else if (n === 'f') {
        if (x.attr('t') !== undefined) formula = true
        target = x.selfClosing ? undefined : 'f'
      } else if (n === 'is') inInline = !x.selfClosing
      else if (n === 'rPh') {
        if (!x.selfClosing) phonetic++
      } else if (n === 't' && inInline && phonetic === 0) {
        if (x.selfClosing) inlineText ??= ''
        else {
          run = ''
          target = 't'
        }
      }
    } else if (n === 'mergeCell') {
      const ref = x.attr('ref') ?? ''
      const range = decodeRange(ref)
      if (range === undefined)
        throw new XlsxReadError(
          'BROKEN_XLSX',
          `${BROKEN}（シート ${ctx.name} のセル結合 ${ref.slice(0, 20)}）`,
        )
      for (const m of merges)
        if (m.left <= range.right && range.left <= m.right && m.top <= range.bottom && range.top <= m.bottom)
          throw new XlsxReadError(
            'BROKEN_XLSX',
            `${BROKEN}（シート ${ctx.name} のセル結合 ${ref.slice(0, 20)} が他の結合と重なっています）`,
          )
      merges.push(range)
    } else if (n === 'hyperlink') {
      const ref = x.attr('ref')
      const rId = x.attr('r:id')
      if (ref !== undefined && rId !== undefined) {
        const target = ctx.hyperlinkRels?.get(rId)?.target
        if (target) hyperlinks.set(ref, target)
      }
    }
  }

  // exceljs keyed hyperlinks by cell address, so only single-cell refs ever applied.
  for (const ref of hyperlinks.keys()) {
    const at = ref.includes(':') ? undefined : decodeRange(ref)
    const row = at === undefined ? undefined : rows[at.top - 1]
    const v = at === undefined ? undefined : row?.[at.left - 1]
    if (v !== null && v !== undefined) row![at!.left - 1] = String(v)
  }
  for (const m of merges) {
    const master = rows[m.top - 1]?.[m.left - 1] ?? null
    for (let r = m.top; r <= m.bottom; r++) {
      const row = (rows[r - 1] ??= [])
      for (let c = m.left; c <= m.right; c++) if (r > m.top || c > m.left) row[c - 1] = master
    }
  }
  // Rows end at their last value; holes are null; rows without values are empty; trailing ones go.
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]
    if (row === undefined) {
      rows[i] = []
      continue
    }
    let last = row.length - 1
    while (last >= 0 && (row[last] === null || row[last] === undefined)) last--
    row.length = last + 1
    for (let j = 0; j <= last; j++) row[j] ??= null
  }
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop()
  return {name: ctx.name, rows, merges}
}

/**
 * Read the grid of every worksheet, in workbook order. Chart sheets and sheets whose part is
 * missing are skipped (as exceljs did). Throws XlsxReadError for a broken part.
 */
export function readXlsxParts(parts: XlsxParts, limits: ZipLimits = DEFAULT_ZIP_LIMITS): SheetGrid[] {
  try {
    const workbook = readWorkbook(text(parts.get('xl/workbook.xml')))
    const rels = readRels(text(parts.get('xl/_rels/workbook.xml.rels')))
    const shared = readSharedStrings(text(parts.get('xl/sharedStrings.xml')))
    const styles = readStyles(text(parts.get('xl/styles.xml')))
    const sheets: SheetGrid[] = []
    for (const sheet of workbook.sheets) {
      const rel = sheet.rId === undefined ? undefined : rels.get(sheet.rId)
      if (rel === undefined || rel.external) continue
      const path = resolveTarget('xl/', rel.target)
      const xml = parts.get(path)
      if (xml === undefined) continue
      const body = xml.toString('utf8')
      if (!/<(?:\w+:)?worksheet[\s>]/.test(body.slice(0, 2048))) continue
      const slash = path.lastIndexOf('/')
      const relsPath = `${path.slice(0, slash + 1)}_rels/${path.slice(slash + 1)}.rels`
      const sheetRels = parts.get(relsPath)
      sheets.push(
        readSheet(body, {
          name: sheet.name,
          shared,
          styles,
          date1904: workbook.date1904,
          hyperlinkRels: sheetRels === undefined ? undefined : readRels(sheetRels.toString('utf8')),
          limits,
        }),
      )
    }
    return sheets
  } catch (error) {
    if (error instanceof XmlScanError) throw new XlsxReadError('BROKEN_XLSX', BROKEN)
    throw error
  }
}
