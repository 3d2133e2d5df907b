import {basename} from 'node:path'
import {parse} from 'csv-parse/sync'
import {InvalidDataError} from '../errors.js'
import type {WorkbookGrid} from './grid.js'
import {assertReadable, readBytes, readXlsx} from './xlsx.js'

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'shift_jis' | 'utf-16le' | 'utf-16be'

/**
 * Decode CSV bytes: UTF-16 BOM → UTF-16 (Excel's 「Unicode テキスト」 export: UTF-16LE, tab-separated);
 * UTF-8 BOM → UTF-8; valid strict UTF-8 → UTF-8; else Shift_JIS
 * (TextDecoder's shift_jis is Windows-31J/CP932: 髙 ① ㈱ decode correctly).
 * Strict UTF-8 must be tried first: UTF-8 bytes decode "successfully" as SJIS mojibake.
 */
export function decodeText(buf: Buffer): {text: string; encoding: TextEncodingName} {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return {text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le'}
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return {text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be'}
  }
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return {text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8-bom'}
  }
  try {
    return {text: new TextDecoder('utf-8', {fatal: true}).decode(buf), encoding: 'utf-8'}
  } catch {
    return {text: new TextDecoder('shift_jis').decode(buf), encoding: 'shift_jis'}
  }
}

/**
 * The field separator: comma, tab (Excel's Unicode text, .tsv) or semicolon, whichever
 * occurs most outside quotes in the first lines. Comma when there is none.
 */
export function detectDelimiter(text: string): ',' | '\t' | ';' {
  const head = text.slice(0, 20_000).replace(/"(?:[^"]|"")*"/g, '""')
  const lines = head.split(/\r?\n/).slice(0, 30)
  const count = (d: string): number => lines.reduce((n, l) => n + l.split(d).length - 1, 0)
  const counts = [',', '\t', ';'].map((d) => [d, count(d)] as const)
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a))
  return best[1] === 0 ? ',' : (best[0] as ',' | '\t' | ';')
}

export function readCsv(path: string): WorkbookGrid & {encoding: TextEncodingName} {
  const file = basename(path)
  const size = assertReadable(path)
  if (size === 0) {
    throw new InvalidDataError(
      `${file}: ファイルが空です`,
      [{where: file, code: 'EMPTY_FILE', message: 'ファイルが空です（0 バイト）'}],
      {code: 'EMPTY_FILE'},
    )
  }
  const {text, encoding} = decodeText(readBytes(path))
  let rows: string[][]
  try {
    rows = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      bom: false,
    }) as string[][]
  } catch (error) {
    const e = error as Error & {lines?: number}
    const where = e.lines ? `${file} › ${e.lines}行目` : file
    throw new InvalidDataError(
      `${file}: CSV として読み取れません`,
      [{where, code: 'BROKEN_CSV', message: `CSV の形式が正しくありません（${e.message}）`}],
      {
        code: 'BROKEN_CSV',
        suggestions: ['引用符（"）の対応が取れているか確認してください'],
      },
    )
  }
  return {file, format: 'csv', encoding, sheets: [{name: file, rows, merges: []}]}
}

/** Read .xlsx or .csv by extension. */
export async function readTableFile(path: string): Promise<WorkbookGrid> {
  const lower = path.toLowerCase()
  if (lower.endsWith('.csv') || lower.endsWith('.txt') || lower.endsWith('.tsv')) return readCsv(path)
  if (lower.endsWith('.xls')) {
    const file = basename(path)
    throw new InvalidDataError(
      `${file}: 旧形式（.xls）のファイルは読み込めません`,
      [{where: file, code: 'UNSUPPORTED_XLS', message: '旧形式（.xls）のファイルは読み込めません'}],
      {
        code: 'UNSUPPORTED_XLS',
        suggestions: ['Excel で開き「Excel ブック（*.xlsx）」形式で保存し直してください'],
      },
    )
  }
  return readXlsx(path)
}
