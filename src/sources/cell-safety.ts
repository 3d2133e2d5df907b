import {findControl} from '../text/display.js'
import {cellRef, type SheetGrid, type WorkbookGrid} from './grid.js'

const LISTED = 20

/**
 * Cells holding control characters (ESC, BEL, NUL, DEL, C1), bidi overrides or lone surrogates.
 * They are stored as written (the data is the user's), shown escaped on screens (`\u001B`) and
 * removed from Excel reports; the import says where they are so the person can fix the source.
 */
export function controlCharWarnings(grid: WorkbookGrid, sheet: SheetGrid, fromRow = 1): string[] {
  const found: string[] = []
  let more = 0
  for (let r = fromRow; r <= sheet.rows.length; r++) {
    const row = sheet.rows[r - 1] ?? []
    for (let c = 0; c < row.length; c++) {
      const v = row[c]
      if (typeof v !== 'string') continue
      const cp = findControl(v)
      if (cp === undefined) continue
      if (found.length < LISTED)
        found.push(
          `${cellRef(grid, sheet, r, c + 1)}: 制御文字（${cp}）が含まれています。そのまま取り込みましたが、画面では \\u… の形で表示し、Excel 帳票では削除します`,
        )
      else more++
    }
  }
  if (more > 0) found.push(`制御文字を含むセルがほかに ${more.toLocaleString('en-US')} 個あります`)
  return found
}
