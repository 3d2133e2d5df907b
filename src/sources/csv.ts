import {basename} from 'node:path'
import {parse} from 'csv-parse/sync'
import {InvalidDataError} from '../errors.js'
import type {WorkbookGrid} from './grid.js'
import {assertReadable, readBytes, readXlsx} from './xlsx.js'

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'shift_jis' | 'utf-16le' | 'utf-16be'

/** Limits for CSV/TSV input (README: 入力の上限). */
export const CSV_LIMITS = {
  /** Bytes on disk. */
  maxBytes: 100 * 1024 * 1024,
  /** Records including the header rows. */
  maxRows: 100_000,
} as const

/** Text that cannot be decoded as what it claims or seems to be; `offset` is a byte offset in the file. */
export class EncodingProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly offset: number,
    readonly suggestion: string,
  ) {
    super(message)
  }
}

const SAVE_UTF8 = 'Excel などで開き、「CSV UTF-8（コンマ区切り）」形式で保存し直してください'

interface Utf8Scan {
  /** Byte offset of the first invalid sequence, -1 when the bytes are valid UTF-8. */
  readonly firstBad: number
  readonly bad: number
  /** Valid multi-byte sequences (evidence the file is meant as UTF-8). */
  readonly multibyte: number
  /** First CESU-8 surrogate (ED A0..BF ..), -1 when none. */
  readonly firstSurrogate: number
}

/** One pass over the bytes: where UTF-8 breaks, and how much real UTF-8 there is around it. */
function scanUtf8(buf: Uint8Array, from: number): Utf8Scan {
  let firstBad = -1
  let bad = 0
  let multibyte = 0
  let firstSurrogate = -1
  for (let i = from; i < buf.length;) {
    const b = buf[i]!
    if (b < 0x80) {
      i++
      continue
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    let ok = need > 0 && i + need < buf.length + 0
    for (let k = 1; ok && k <= need; k++) ok = i + k < buf.length && (buf[i + k]! & 0xc0) === 0x80
    if (ok && b === 0xe0) ok = buf[i + 1]! >= 0xa0
    if (ok && b === 0xed && buf[i + 1]! >= 0xa0) {
      if (firstSurrogate < 0) firstSurrogate = i
      ok = false
    }
    if (ok && b === 0xf0) ok = buf[i + 1]! >= 0x90
    if (ok && b === 0xf4) ok = buf[i + 1]! < 0x90
    if (ok) {
      multibyte++
      i += need + 1
    } else {
      if (firstBad < 0) firstBad = i
      bad++
      i++
    }
  }
  return {firstBad, bad, multibyte, firstSurrogate}
}

function strictDecode(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, {fatal: true}).decode(bytes)
  } catch {
    return undefined
  }
}

const hex = (b: number | undefined): string => `0x${(b ?? 0).toString(16).toUpperCase().padStart(2, '0')}`

/**
 * UTF-16 written without a BOM. Only asked when the bytes hold a 0x00 (UTF-8 and Shift_JIS text
 * never does): the file is taken for UTF-16 when nearly every code unit is a plausible Japanese
 * CSV character (ASCII, kana, CJK, full-width forms).
 */
function looksLikeBomlessUtf16(buf: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(buf.length, 8192) & ~1
  if (n < 4 || buf.indexOf(0) < 0) return undefined
  const plausible = (u: number): boolean =>
    (u >= 0x20 && u < 0x7f) ||
    u === 0x09 ||
    u === 0x0a ||
    u === 0x0d ||
    (u >= 0x3000 && u <= 0x30ff) ||
    (u >= 0x4e00 && u <= 0x9fff) ||
    (u >= 0xff00 && u <= 0xffef)
  for (const enc of ['utf-16le', 'utf-16be'] as const) {
    let ok = 0
    for (let i = 0; i < n; i += 2)
      if (plausible(enc === 'utf-16le' ? buf.readUInt16LE(i) : buf.readUInt16BE(i))) ok++
    if (ok >= (n / 2) * 0.95) return enc
  }
  return undefined
}

/**
 * Decode CSV bytes: UTF-16 BOM → UTF-16 (Excel's 「Unicode テキスト」 export: UTF-16LE, tab-separated);
 * UTF-8 BOM → UTF-8; valid strict UTF-8 → UTF-8; else Shift_JIS
 * (TextDecoder's shift_jis is Windows-31J/CP932: 髙 ① ㈱ decode correctly).
 * Strict UTF-8 must be tried first: UTF-8 bytes decode "successfully" as SJIS mojibake.
 * Every decoder runs strict: text that is not what it claims throws an EncodingProblem saying what
 * it really looks like (a BOM over Shift_JIS, one stray byte, CESU-8, BOM-less UTF-16) and where.
 */
export function decodeText(buf: Buffer): {text: string; encoding: TextEncodingName} {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    const encoding = buf[0] === 0xff ? 'utf-16le' : 'utf-16be'
    const body = buf.subarray(2)
    const text = strictDecode(encoding, body)
    if (text === undefined) {
      const at = firstBadUtf16(body, encoding) + 2
      throw new EncodingProblem(
        'BROKEN_ENCODING',
        `UTF-16 として読めない箇所があります（対になっていないサロゲート、または奇数バイトで途切れています）`,
        at,
        SAVE_UTF8,
      )
    }
    return {text: rejectNul(text, buf, encoding), encoding}
  }
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf
  const from = bom ? 3 : 0
  const body = buf.subarray(from)
  const utf16 = looksLikeBomlessUtf16(body)
  if (utf16)
    throw new EncodingProblem(
      'UTF16_WITHOUT_BOM',
      `BOM のない UTF-16（${utf16 === 'utf-16le' ? 'リトルエンディアン' : 'ビッグエンディアン'}）のようです。文字コードを判定できません`,
      from,
      SAVE_UTF8,
    )
  const utf8 = strictDecode('utf-8', body)
  if (utf8 !== undefined)
    return {text: rejectNul(utf8, buf, bom ? 'utf-8-bom' : 'utf-8'), encoding: bom ? 'utf-8-bom' : 'utf-8'}
  const scan = scanUtf8(buf, from)
  if (scan.firstSurrogate >= 0)
    throw new EncodingProblem(
      'CESU8',
      'サロゲートを 3 バイトずつ符号化した文字（CESU-8 / Java の修正 UTF-8）が含まれています。正しい UTF-8 ではありません',
      scan.firstSurrogate,
      SAVE_UTF8,
    )
  const sjis = strictDecode('shift_jis', body)
  if (bom)
    throw new EncodingProblem(
      'BOM_MISMATCH',
      sjis !== undefined
        ? 'UTF-8 の BOM が付いていますが、中身は Shift_JIS のようです（BOM と文字コードが食い違っています）'
        : `UTF-8 の BOM が付いていますが、UTF-8 として読めないバイト（${hex(buf[scan.firstBad])}）があります`,
      scan.firstBad,
      SAVE_UTF8,
    )
  // Mostly valid UTF-8 with a few broken bytes: a damaged UTF-8 file, not Shift_JIS.
  if (scan.multibyte > 0 && scan.bad * 10 <= scan.multibyte)
    throw new EncodingProblem(
      'BROKEN_UTF8',
      `UTF-8 のファイルに、UTF-8 として読めないバイト（${hex(buf[scan.firstBad])}）が ${scan.bad} 個あります`,
      scan.firstBad,
      '該当箇所の文字を確認し、「CSV UTF-8（コンマ区切り）」形式で保存し直してください',
    )
  if (sjis === undefined)
    throw new EncodingProblem(
      'UNKNOWN_ENCODING',
      `文字コードを判定できません（UTF-8 としても Shift_JIS としても読めません。最初に読めないバイトは ${hex(buf[scan.firstBad])}）`,
      scan.firstBad,
      SAVE_UTF8,
    )
  return {text: rejectNul(sjis, buf, 'shift_jis'), encoding: 'shift_jis'}
}

function firstBadUtf16(body: Buffer, encoding: 'utf-16le' | 'utf-16be'): number {
  const even = body.length & ~1
  for (let i = 0; i < even; i += 2) {
    const u = encoding === 'utf-16le' ? body.readUInt16LE(i) : body.readUInt16BE(i)
    if (u >= 0xd800 && u <= 0xdbff) {
      const next =
        i + 2 < even ? (encoding === 'utf-16le' ? body.readUInt16LE(i + 2) : body.readUInt16BE(i + 2)) : 0
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 2
        continue
      }
      return i
    }
    if (u >= 0xdc00 && u <= 0xdfff) return i
  }
  return even
}

/** NUL is never text: a binary file, or UTF-16 read as something else. */
function rejectNul(text: string, buf: Buffer, encoding: TextEncodingName): string {
  if (!text.includes('\u0000')) return text
  const at = encoding.startsWith('utf-16') ? firstNulUnit(buf, encoding) : buf.indexOf(0)
  throw new EncodingProblem(
    'NUL_IN_TEXT',
    'NUL 文字（0x00）が含まれています。テキストファイルではないか、文字コードが壊れています',
    at,
    'CSV を作り直すか、該当箇所の文字を削除してください',
  )
}

function firstNulUnit(buf: Buffer, encoding: TextEncodingName): number {
  for (let i = 2; i + 1 < buf.length; i += 2) {
    const u = encoding === 'utf-16le' ? buf.readUInt16LE(i) : buf.readUInt16BE(i)
    if (u === 0) return i
  }
  return 0
}

/** 1-based line of a byte offset (counting LF bytes; UTF-16 counts LF units). */
export function lineAt(buf: Buffer, offset: number): number {
  const utf16le = buf[0] === 0xff && buf[1] === 0xfe
  const utf16be = buf[0] === 0xfe && buf[1] === 0xff
  let line = 1
  if (utf16le || utf16be) {
    for (let i = 2; i + 1 < Math.min(offset, buf.length); i += 2)
      if ((utf16le ? buf.readUInt16LE(i) : buf.readUInt16BE(i)) === 0x0a) line++
    return line
  }
  for (let i = buf.indexOf(0x0a); i >= 0 && i < offset; i = buf.indexOf(0x0a, i + 1)) line++
  return line
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
  if (size > CSV_LIMITS.maxBytes) {
    const mib = (n: number): string => `${Math.round(n / 1024 / 1024).toLocaleString('en-US')} MiB`
    throw new InvalidDataError(
      `${file}: ファイルが大きすぎます（${mib(size)}、上限 ${mib(CSV_LIMITS.maxBytes)}）`,
      [
        {
          where: file,
          code: 'FILE_TOO_LARGE',
          message: `ファイルサイズが上限（${mib(CSV_LIMITS.maxBytes)}）を超えています`,
        },
      ],
      {code: 'FILE_TOO_LARGE', suggestions: ['ファイルを分割するか、不要な行・列を削除してください']},
    )
  }
  const buf = readBytes(path)
  let decoded: {text: string; encoding: TextEncodingName}
  try {
    decoded = decodeText(buf)
  } catch (error) {
    if (!(error instanceof EncodingProblem)) throw error
    const where = `${file} › ${lineAt(buf, error.offset)}行目（先頭から ${error.offset.toLocaleString('en-US')} バイト目）`
    throw new InvalidDataError(
      `${file}: 文字コードの問題で読み取れません`,
      [{where, code: error.code, message: error.message}],
      {
        code: error.code,
        suggestions: [error.suggestion],
      },
    )
  }
  const {text, encoding} = decoded
  let rows: string[][]
  try {
    rows = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      bom: false,
      // One record past the limit tells that there are more, without parsing the rest.
      to: CSV_LIMITS.maxRows + 1,
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
  if (rows.length > CSV_LIMITS.maxRows)
    throw new InvalidDataError(
      `${file}: 行数が上限（${CSV_LIMITS.maxRows.toLocaleString('en-US')} 行）を超えています`,
      [
        {
          where: `${file} › ${(CSV_LIMITS.maxRows + 1).toLocaleString('en-US')}行目`,
          code: 'TOO_MANY_ROWS',
          message: `行数が上限（${CSV_LIMITS.maxRows.toLocaleString('en-US')} 行）を超えています`,
        },
      ],
      {code: 'TOO_MANY_ROWS', suggestions: ['ファイルを分割して取り込んでください']},
    )
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
