/**
 * The .xlsx reading hyojun used before src/sources/xlsx-grid.ts: exceljs' in-memory reader. Kept
 * here as the reference the new reader is compared with, cell by cell (test/xlsx-reader.test.ts).
 */
import ExcelJS from 'exceljs'
import type {CellValue, SheetGrid} from '../src/sources/grid.js'

function toCellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
  if (v instanceof Date) return v
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('')
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as {result?: unknown}).result
      if (result === undefined || result === null) return null
      if (typeof result === 'object' && 'error' in result) return null
      return result instanceof Date || typeof result !== 'object' ? (result as CellValue) : null
    }
    if ('hyperlink' in v)
      return (v as {text?: unknown}).text === undefined ? null : String((v as {text: unknown}).text)
    if ('error' in v) return null
  }
  return null
}

/** Grids as exceljs read them (throws where exceljs throws). */
export async function readWithExceljs(buf: Buffer): Promise<SheetGrid[]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(
    buf as unknown as ArrayBuffer,
    {ignoreNodes: ['dataValidations', 'conditionalFormatting']} as never,
  )
  const sheets: SheetGrid[] = []
  workbook.eachSheet((ws) => {
    const rows: CellValue[][] = []
    ws.eachRow({includeEmpty: false}, (row, rowNumber) => {
      const values: CellValue[] = []
      row.eachCell({includeEmpty: false}, (cell, col) => {
        const v = toCellValue(cell.value)
        if (v !== null) values[col - 1] = v
      })
      for (let i = 0; i < values.length; i++) values[i] ??= null
      rows[rowNumber - 1] = values
    })
    while (rows.length > 0 && (rows[rows.length - 1] ?? []).length === 0) rows.pop()
    for (let i = 0; i < rows.length; i++) rows[i] ??= []
    const merges = Object.values(
      (
        ws as unknown as {
          _merges: Record<string, {model: {top: number; left: number; bottom: number; right: number}}>
        }
      )._merges ?? {},
    ).map((m) => ({top: m.model.top, left: m.model.left, bottom: m.model.bottom, right: m.model.right}))
    sheets.push({name: ws.name, rows, merges})
  })
  return sheets
}
