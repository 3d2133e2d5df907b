import {readFileSync, statSync} from 'node:fs'
import {basename} from 'node:path'
import ExcelJS from 'exceljs'
import {ExitCode, InvalidDataError, UserError} from '../errors.js'
import type {CellValue, SheetGrid, WorkbookGrid} from './grid.js'
import {checkZip} from './zip-guard.js'

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

/** EACCES / EPERM / EBUSY: the file exists but cannot be read now (no permission, or locked by Excel on Windows). */
function notReadable(path: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code ?? ''
  return new UserError(
    `ファイル ${path} を読み取れません（${code === 'EBUSY' ? '他のプログラムが使用中です' : '読み取りの権限がないか、他のプログラムが使用中です'}）`,
    {
      code: 'FILE_NOT_READABLE',
      exitCode: ExitCode.failed,
      suggestions: [
        'Excel などで開いている場合は閉じてから再実行してください',
        'ファイルの読み取り権限を確認してください',
      ],
    },
  )
}

export function assertReadable(path: string): number {
  let size: number
  try {
    const st = statSync(path)
    if (st.isDirectory())
      throw new UserError(`${path} はフォルダです。ファイルを指定してください`, {
        code: 'NOT_A_FILE',
        exitCode: ExitCode.usage,
      })
    size = st.size
  } catch (error) {
    if (error instanceof UserError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') throw notReadable(path, error)
    throw new UserError(`ファイル ${path} が見つかりません`, {
      code: 'FILE_NOT_FOUND',
      exitCode: ExitCode.usage,
      suggestions: ['パスとファイル名を確認してください'],
    })
  }
  return size
}

/** The whole file, with a clean message when it cannot be read (permission, lock). */
export function readBytes(path: string): Buffer {
  try {
    return readFileSync(path)
  } catch (error) {
    throw notReadable(path, error)
  }
}

function fileError(file: string, code: string, message: string, suggestion: string): InvalidDataError {
  return new InvalidDataError(`${file}: ${message}`, [{where: file, code, message}], {
    code,
    suggestions: [suggestion],
  })
}

/**
 * Read a whole .xlsx into grids, refusing what exceljs would choke on:
 * empty files, .xls / password-protected (CFB) files, zip bombs, broken zips.
 * Uses the non-streaming reader on purpose: the streaming one returns furigana
 * (<rPh>) instead of the cell text for IME-typed strings.
 */
export async function readXlsx(path: string): Promise<WorkbookGrid> {
  const file = basename(path)
  const size = assertReadable(path)
  if (size === 0)
    throw fileError(file, 'EMPTY_FILE', 'ファイルが空です（0 バイト）', '正しいファイルを指定してください')
  const buf = readBytes(path)
  if (buf.subarray(0, 8).equals(CFB_MAGIC)) {
    throw fileError(
      file,
      'UNSUPPORTED_XLS',
      'パスワード付きのブック、または旧形式（.xls）のファイルは読み込めません',
      'Excel で開き、パスワードを解除してから「Excel ブック（*.xlsx）」形式で保存し直してください',
    )
  }
  if (buf.readUInt32LE(0) !== 0x04034b50) {
    throw fileError(
      file,
      'NOT_XLSX',
      'Excel ブック（.xlsx）ではありません',
      'Excel ブック（*.xlsx）または CSV を指定してください',
    )
  }
  const zip = checkZip(buf)
  if (!zip.ok)
    throw fileError(
      file,
      zip.code,
      zip.reason,
      zip.suggestion ?? 'Excel で開けるか確認し、「Excel ブック（*.xlsx）」形式で保存し直してください',
    )
  const workbook = new ExcelJS.Workbook()
  try {
    // Whole-column dropdowns make exceljs hang (one key per cell): skip them.
    await workbook.xlsx.load(
      buf as unknown as ArrayBuffer,
      {ignoreNodes: ['dataValidations', 'conditionalFormatting']} as never,
    )
  } catch {
    // exceljs's own messages are English TypeErrors ("Cannot read properties of undefined"): not for users.
    throw fileError(
      file,
      'BROKEN_XLSX',
      'Excel ブックとして読み取れません（ファイルの構造が壊れているか、対応していない形式です）',
      '「Strict Open XML」形式の場合は、通常の「Excel ブック（*.xlsx）」形式で保存し直してください',
    )
  }
  const sheets: SheetGrid[] = []
  workbook.eachSheet((ws) => {
    const rows: CellValue[][] = []
    // Only cells with a value (merged cells included): a single formatted cell at column XFD
    // would otherwise make every row 16,384 cells wide (minutes and gigabytes).
    ws.eachRow({includeEmpty: false}, (row, rowNumber) => {
      const values: CellValue[] = []
      row.eachCell({includeEmpty: false}, (cell, col) => {
        const v = toCellValue(cell.value)
        if (v !== null) values[col - 1] = v
      })
      for (let i = 0; i < values.length; i++) values[i] ??= null
      rows[rowNumber - 1] = values
    })
    // Trailing rows that only carry formatting are no part of the table.
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
  return {file, format: 'xlsx', sheets}
}

function toCellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
  if (v instanceof Date) return v
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('')
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as {result?: unknown}).result
      if (result === undefined || result === null) return null
      if (typeof result === 'object' && result !== null && 'error' in result) return null
      return result instanceof Date || typeof result !== 'object' ? (result as CellValue) : null
    }
    if ('hyperlink' in v)
      return (v as {text?: unknown}).text === undefined ? null : String((v as {text: unknown}).text)
    if ('error' in v) return null
  }
  return null
}
