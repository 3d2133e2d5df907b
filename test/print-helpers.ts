import type ExcelJS from 'exceljs'
import {displayWidth} from '../src/reports/workbook-writer.js'

/** Paper (portrait width × height, points) by OOXML paperSize. */
const PAPER: Readonly<Record<number, readonly [number, number]>> = {9: [595.3, 841.9], 8: [841.9, 1190.6]}

/**
 * The size (points) a sheet's body text prints at, read from the written file: fit to one page width
 * shrinks the page to the printable width; a column of width w is 0.75 × (7w + 5) pt in Excel (Calibri
 * digits) and wider in LibreOffice without Calibri (DejaVu Sans digits, 9.33 px): take LibreOffice's.
 */
export function printedPointSize(ws: ExcelJS.Worksheet, bodyCell: string): number {
  const setup = ws.pageSetup
  const paper = PAPER[setup.paperSize ?? 9]!
  const margins = setup.margins ?? {left: 0.7, right: 0.7}
  const printable =
    (setup.orientation === 'portrait' ? paper[0] : paper[1]) - 72 * (margins.left + margins.right)
  let total = 0
  for (let c = 1; c <= ws.columnCount; c++) total += 0.75 * (9.33 * (ws.getColumn(c).width ?? 8.43) + 5)
  const size = ws.getCell(bodyCell).font?.size ?? 11
  const fit =
    setup.fitToPage && setup.fitToWidth === 1 ? Math.min(1, printable / total) : (setup.scale ?? 100) / 100
  return size * fit
}

/**
 * Rows too short for their text, as 「row: height < need」: a line of display width d in a column of
 * width w takes at least ceil(d / w) lines, and a CJK line at size s needs 1.4 s points (Noto Sans CJK,
 * what LibreOffice renders; it never grows a row on open).
 */
export function rowsTooShort(ws: ExcelJS.Worksheet, firstRow: number): string[] {
  const short: string[] = []
  for (let n = firstRow; n <= ws.rowCount; n++) {
    const row = ws.getRow(n)
    let need = 0
    row.eachCell((cell, c) => {
      const text = cell.text
      if (text === '') return
      const width = ws.getColumn(c).width ?? 8.43
      const lines = cell.alignment?.wrapText
        ? text.split('\n').reduce((k, line) => k + Math.max(1, Math.ceil(displayWidth(line) / width)), 0)
        : 1
      need = Math.max(need, lines * 1.4 * (cell.font?.size ?? 11))
    })
    const height = row.height ?? 15
    if (height < need) short.push(`${n}: ${height} < ${need.toFixed(1)}`)
  }
  return short
}

/** Row number of the header row (the first row whose first cell is `firstHeader`). */
export function headerRowNumber(ws: ExcelJS.Worksheet, firstHeader: string): number {
  for (let n = 1; n <= ws.rowCount; n++) if (ws.getRow(n).getCell(1).value === firstHeader) return n
  throw new Error(`no header row starting with ${firstHeader} in ${ws.name}`)
}
