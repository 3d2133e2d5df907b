import {readFileSync, statSync} from 'node:fs'
import {basename} from 'node:path'
import {ExitCode, InvalidDataError, UserError} from '../errors.js'
import type {WorkbookGrid} from './grid.js'
import {readXlsxParts, XlsxReadError} from './xlsx-grid.js'
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
 * Read a whole .xlsx into grids, refusing empty files, .xls / password-protected (CFB) files,
 * zip bombs and broken zips first (zip-guard), then reading cell values straight from the sheet
 * XML (xlsx-grid.ts; exceljs' in-memory model took ~7× the time and memory for the same grid, and
 * its streaming reader returns furigana (<rPh>) instead of the text of IME-typed strings).
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
  try {
    return {file, format: 'xlsx', sheets: readXlsxParts(zip.parts)}
  } catch (error) {
    if (!(error instanceof XlsxReadError)) throw error
    throw fileError(
      file,
      error.code,
      error.message,
      error.suggestion ??
        '「Strict Open XML」形式の場合は、通常の「Excel ブック（*.xlsx）」形式で保存し直してください',
    )
  }
}
