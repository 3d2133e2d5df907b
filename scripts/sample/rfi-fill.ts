/**
 * Fills an exported RFI answer workbook the way a vendor would in Excel: only the answer cells,
 * found by their headers. Used by the bundled sample generator (scripts/sample/rfi.ts) and the tests.
 */
import ExcelJS from 'exceljs'

export interface QuestionView {
  /** Sheet name: 機能要件 / 帳票要件 / 独自要件. */
  readonly sheet: string
  /** 機能ID / 帳票ID / 番号. */
  readonly id: string
  readonly name: string
  /** 実装区分 label ('' on 独自要件). */
  readonly classLabel: string
  /** 本市の要否 label ('' on 独自要件). */
  readonly need: string
  /** Position of the row among the sheet's questions (0-based). */
  readonly index: number
}

/** Values to write, by header (e.g. {'対応': '○', '対応方法': '標準', '費用（千円）': 500}). */
export type CellValues = Readonly<Record<string, string | number | null>>

export interface FillPlan {
  readonly vendor: string
  readonly answer: (q: QuestionView) => CellValues | undefined
  /** 費用 sheet, by 費目. */
  readonly costs?: Readonly<Record<string, CellValues>>
}

const ID_HEADERS: Readonly<Record<string, string>> = {
  機能要件: '機能ID',
  帳票要件: '帳票ID',
  独自要件: '番号',
  費用: '費目',
}

/** Header row (the row whose cells include the sheet's id header) → header text → column number. */
export function headerMap(ws: ExcelJS.Worksheet, idHeader: string): {row: number; cols: Map<string, number>} {
  for (let r = 1; r <= Math.min(ws.rowCount, 10); r++) {
    const cols = new Map<string, number>()
    ws.getRow(r).eachCell((cell, col) => cols.set(String(cell.value ?? ''), col))
    if (cols.has(idHeader)) return {row: r, cols}
  }
  throw new Error(`${ws.name}: header ${idHeader} not found`)
}

function setCells(ws: ExcelJS.Worksheet, row: number, cols: Map<string, number>, values: CellValues): void {
  for (const [header, value] of Object.entries(values)) {
    const col = cols.get(header)
    if (col === undefined) throw new Error(`${ws.name}: no column ${header}`)
    ws.getCell(row, col).value = value
  }
}

/** Open `from`, write the answers, save to `to` (fixed timestamps: the output is reproducible). */
export async function fillRfiWorkbook(from: string, to: string, plan: FillPlan): Promise<void> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(from)
  for (const sheetName of ['機能要件', '帳票要件', '独自要件']) {
    const ws = wb.getWorksheet(sheetName)
    if (!ws) continue
    const {row: headerRow, cols} = headerMap(ws, ID_HEADERS[sheetName]!)
    const text = (r: number, h: string): string => {
      const c = cols.get(h)
      return c === undefined ? '' : String(ws.getCell(r, c).value ?? '')
    }
    let index = 0
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const id = text(r, ID_HEADERS[sheetName]!)
      if (id === '') continue
      const view: QuestionView = {
        sheet: sheetName,
        id,
        name: text(
          r,
          sheetName === '帳票要件' ? '帳票名称' : sheetName === '独自要件' ? 'カスタマイズ名称' : '機能名称',
        ),
        classLabel: text(r, '実装区分'),
        need: text(r, '本市の要否'),
        index: index++,
      }
      const values = plan.answer(view)
      if (values) setCells(ws, r, cols, values)
    }
  }
  const cover = wb.getWorksheet('表紙')
  cover?.eachRow((row) => {
    if (row.getCell(1).value === '回答事業者名') row.getCell(2).value = plan.vendor
  })
  const costs = wb.getWorksheet('費用')
  if (costs && plan.costs) {
    const {row: headerRow, cols} = headerMap(costs, '費目')
    for (let r = headerRow + 1; r <= costs.rowCount; r++) {
      const item = String(costs.getCell(r, cols.get('費目')!).value ?? '')
      const values = plan.costs[item]
      if (values) setCells(costs, r, cols, values)
    }
  }
  wb.lastModifiedBy = plan.vendor
  wb.created = new Date(Date.UTC(2026, 10, 2))
  wb.modified = new Date(Date.UTC(2027, 0, 20))
  await wb.xlsx.writeFile(to)
}
