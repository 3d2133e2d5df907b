import {inflateRawSync} from 'node:zlib'

/**
 * Inspect an .xlsx (zip) before exceljs sees it: exceljs (JSZip) has no zip-bomb limits and expands
 * merged ranges and shared strings without bounds. Nothing the archive says about itself is trusted:
 * every entry is inflated here with a hard output cap, so the bytes actually produced are counted
 * (per entry, in total, against the compressed size) and inflation stops the moment a cap is passed.
 * Entry counts are counted by walking the central directory, each entry's local header must agree
 * with it, and names are compared after normalization (a leading slash, backslashes, case, `./`)
 * so an archive cannot hold two parts that different readers resolve differently.
 * Ratio limits follow Apache POI's defaults (0.01 for entries over 100 KiB).
 */
export interface ZipLimits {
  readonly maxEntries: number
  readonly maxEntryBytes: number
  readonly maxTotalBytes: number
  readonly minInflateRatio: number
  readonly ratioCheckAboveBytes: number
  /** Merged ranges in the whole workbook. */
  readonly maxMergedRanges: number
  /** Cells covered by merged ranges in the whole workbook (exceljs creates one object per cell). */
  readonly maxMergedCells: number
  readonly maxSharedStrings: number
  /** Bytes of xl/sharedStrings.xml after inflation. */
  readonly maxSharedStringBytes: number
  /** `<row>` elements per sheet (rows that only carry formatting count too). */
  readonly maxRowsPerSheet: number
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 200 * 1024 * 1024,
  maxTotalBytes: 300 * 1024 * 1024,
  minInflateRatio: 0.01,
  ratioCheckAboveBytes: 100 * 1024,
  maxMergedRanges: 10_000,
  maxMergedCells: 1_000_000,
  maxSharedStrings: 1_000_000,
  maxSharedStringBytes: 100 * 1024 * 1024,
  maxRowsPerSheet: 100_000,
}

export type ZipCheck =
  | {
      readonly ok: true
      readonly entries: readonly string[]
      /** Inflated XML parts (`.xml`, `.rels`) by entry name without a leading '/', for the reader. */
      readonly parts: ReadonlyMap<string, Buffer>
    }
  | {readonly ok: false; readonly code: string; readonly reason: string; readonly suggestion?: string}

const EOCD_SIG = 0x06054b50
const CDH_SIG = 0x02014b50
const LFH_SIG = 0x04034b50
const MiB = 1024 * 1024

/** How readers may resolve a part name: `/XL\.\worksheets//sheet1.xml` → `xl/worksheets/sheet1.xml`. */
export function normalizeEntryName(name: string): string {
  return name
    .replace(/\\/g, '/')
    .split('/')
    .filter((seg) => seg !== '' && seg !== '.')
    .join('/')
    .normalize('NFC')
    .toLowerCase()
}

interface Entry {
  readonly name: string
  readonly method: number
  readonly flags: number
  readonly compressed: number
  readonly size: number
  readonly localOffset: number
}

class ZipRefusal extends Error {
  constructor(
    readonly code: string,
    reason: string,
    readonly suggestion?: string,
  ) {
    super(reason)
  }
}

const fail = (code: string, reason: string, suggestion?: string): never => {
  throw new ZipRefusal(code, reason, suggestion)
}

function readCentralDirectory(buf: Buffer, limits: ZipLimits): Entry[] {
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i
      break
    }
  }
  if (eocd < 0) fail('BROKEN_XLSX', 'ファイルが途中で切れているか、Excel ファイル（.xlsx）として壊れています')
  const claimed = buf.readUInt16LE(eocd + 10)
  const cdSize = buf.readUInt32LE(eocd + 12)
  const cdOffset = buf.readUInt32LE(eocd + 16)
  if (claimed === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    fail('BROKEN_XLSX', 'ZIP64 形式のファイルには対応していません（通常の .xlsx は ZIP64 を使いません）')
  if (cdOffset + cdSize > eocd) fail('BROKEN_XLSX', 'ファイルが途中で切れています（ZIP の目次が読めません）')
  const entries: Entry[] = []
  // Walk every central header actually present; the end record's count is only a claim.
  for (let p = cdOffset; p < cdOffset + cdSize;) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CDH_SIG)
      fail('BROKEN_XLSX', 'ZIP の目次が壊れています')
    if (entries.length >= limits.maxEntries)
      fail('ZIP_LIMIT', `内部のファイル数が上限（${limits.maxEntries}）を超えています`)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    entries.push({
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    })
    p += 46 + nameLen + extraLen + commentLen
  }
  if (entries.length !== claimed)
    fail(
      'ZIP_MISMATCH',
      `ZIP の目次の件数（${claimed}）と実際の件数（${entries.length}）が一致しません（改ざんまたは破損の疑い）`,
    )
  return entries
}

function localData(buf: Buffer, e: Entry): Buffer {
  const p = e.localOffset
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LFH_SIG)
    fail('BROKEN_XLSX', `内部ファイル ${e.name} の見出しが壊れています`)
  const nameLen = buf.readUInt16LE(p + 26)
  const extraLen = buf.readUInt16LE(p + 28)
  const localName = buf.toString('utf8', p + 30, p + 30 + nameLen)
  if (localName !== e.name)
    fail(
      'ZIP_MISMATCH',
      `内部ファイル名が目次（${e.name}）と本体（${localName}）で異なります（改ざんまたは破損の疑い）`,
    )
  // Without a data descriptor (flag bit 3) the local sizes must agree with the directory.
  if ((e.flags & 8) === 0) {
    const lc = buf.readUInt32LE(p + 18)
    const ls = buf.readUInt32LE(p + 22)
    if (lc !== e.compressed || ls !== e.size)
      fail(
        'ZIP_MISMATCH',
        `内部ファイル ${e.name} のサイズが目次と本体で異なります（改ざんまたは破損の疑い）`,
      )
  }
  const start = p + 30 + nameLen + extraLen
  if (start + e.compressed > buf.length) fail('BROKEN_XLSX', `内部ファイル ${e.name} が途中で切れています`)
  return buf.subarray(start, start + e.compressed)
}

/** Inflate one entry; the output cap makes zlib stop as soon as more bytes would be produced. */
function inflateEntry(buf: Buffer, e: Entry, budget: number, limits: ZipLimits): Buffer {
  const data = localData(buf, e)
  if (e.size > limits.maxEntryBytes)
    fail(
      'ZIP_LIMIT',
      `内部ファイル ${e.name} が大きすぎます（展開後 ${mb(e.size)}、上限 ${mb(limits.maxEntryBytes)}）`,
    )
  if (e.size > budget) fail('ZIP_LIMIT', `展開後の合計サイズが上限（${mb(limits.maxTotalBytes)}）を超えます`)
  if (e.method === 0) {
    if (e.compressed !== e.size) fail('ZIP_MISMATCH', `内部ファイル ${e.name} のサイズが一致しません`)
    return data
  }
  if (e.method !== 8) fail('BROKEN_XLSX', `内部ファイル ${e.name} は未対応の圧縮方式（${e.method}）です`)
  const ratioCap =
    e.compressed / limits.minInflateRatio > limits.ratioCheckAboveBytes
      ? Math.floor(e.compressed / limits.minInflateRatio)
      : limits.ratioCheckAboveBytes
  // One more byte than the directory states: producing it proves the size was a lie.
  const cap = Math.min(e.size, ratioCap) + 1
  let out: Buffer
  try {
    out = inflateRawSync(data, {maxOutputLength: Math.max(cap, 1)})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      if (ratioCap < e.size)
        fail('ZIP_BOMB', `内部ファイル ${e.name} の圧縮率が異常です（ZIP 爆弾の疑い）。展開を中止しました`)
      fail(
        'ZIP_MISMATCH',
        `内部ファイル ${e.name} は目次の記載（${e.size} バイト）より大きく展開されます（ZIP 爆弾または改ざんの疑い）。展開を中止しました`,
      )
    }
    return fail('BROKEN_XLSX', `内部ファイル ${e.name} の圧縮データが壊れています`)
  }
  if (out.length !== e.size)
    fail('ZIP_MISMATCH', `内部ファイル ${e.name} の展開後のサイズが目次の記載と一致しません（破損の疑い）`)
  if (out.length > limits.ratioCheckAboveBytes && e.compressed / out.length < limits.minInflateRatio)
    fail('ZIP_BOMB', `内部ファイル ${e.name} の圧縮率が異常です（ZIP 爆弾の疑い）`)
  return out
}

function mb(bytes: number): string {
  return bytes >= MiB ? `${Math.round(bytes / MiB)} MiB` : `${bytes} バイト`
}

/** Occurrences of `needle` in `hay` (bytes; no string copy of a large part). */
function countOf(hay: Buffer, needle: string): number {
  const n = Buffer.from(needle)
  let count = 0
  for (let i = hay.indexOf(n); i >= 0; i = hay.indexOf(n, i + n.length)) count++
  return count
}

function colNumber(letters: string): number {
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n
}

/** Cells covered by `A1:C3` (1 for a single-cell ref, 0 for something unparsable). */
export function refArea(ref: string): number {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(ref.trim())
  if (!m) return 0
  if (m[3] === undefined) return 1
  const w = Math.abs(colNumber(m[3]) - colNumber(m[1]!)) + 1
  const h = Math.abs(Number(m[4]) - Number(m[2])) + 1
  return w * h
}

interface PartTotals {
  merges: number
  mergedCells: number
}

function scanSheet(name: string, xml: Buffer, totals: PartTotals, limits: ZipLimits): void {
  const rows = countOf(xml, '<row ') + countOf(xml, '<row>')
  if (rows > limits.maxRowsPerSheet)
    fail(
      'TOO_MANY_ROWS',
      `シート（${name}）の行数が上限（${limits.maxRowsPerSheet.toLocaleString('en-US')} 行）を超えています（書式だけの行を含め ${rows.toLocaleString('en-US')} 行）`,
      '不要な行（書式だけが設定された空の行を含む）を削除するか、ファイルを分割してください',
    )
  // A single filled cell far down (XFD1048576) makes every row up to it exist in memory.
  const last = xml.lastIndexOf('<row r="')
  const lastRow =
    last < 0 ? 0 : Number(/^<row r="(\d+)"/.exec(xml.toString('latin1', last, last + 20))?.[1] ?? 0)
  if (lastRow > limits.maxRowsPerSheet)
    fail(
      'TOO_MANY_ROWS',
      `シート（${name}）の最終行（${lastRow.toLocaleString('en-US')} 行目）が上限（${limits.maxRowsPerSheet.toLocaleString('en-US')} 行）を超えています`,
      '表の下にある不要なセル（書式や値）を削除してから保存し直してください',
    )
  const tag = Buffer.from('<mergeCell ')
  for (let i = xml.indexOf(tag); i >= 0; i = xml.indexOf(tag, i + tag.length)) {
    totals.merges++
    if (totals.merges > limits.maxMergedRanges)
      fail(
        'TOO_MANY_MERGES',
        `セルの結合が多すぎます（上限 ${limits.maxMergedRanges.toLocaleString('en-US')} 個）`,
        '不要なセルの結合を解除してから保存し直してください',
      )
    const head = xml.toString('latin1', i, Math.min(xml.length, i + 80))
    const ref = /ref="([^"]*)"/.exec(head)?.[1] ?? ''
    totals.mergedCells += refArea(ref)
    if (totals.mergedCells > limits.maxMergedCells)
      fail(
        'TOO_MANY_MERGES',
        `結合されたセルの合計が上限（${limits.maxMergedCells.toLocaleString('en-US')} セル）を超えています（${ref} など）`,
        '列全体・シート全体の結合を解除してから保存し直してください',
      )
  }
}

function scanSharedStrings(xml: Buffer, limits: ZipLimits): void {
  if (xml.length > limits.maxSharedStringBytes)
    fail(
      'TOO_MANY_STRINGS',
      `文字列データ（sharedStrings.xml）が上限（${mb(limits.maxSharedStringBytes)}）を超えています（${mb(xml.length)}）`,
    )
  const count = countOf(xml, '<si>') + countOf(xml, '<si ')
  if (count > limits.maxSharedStrings)
    fail(
      'TOO_MANY_STRINGS',
      `文字列の数が上限（${limits.maxSharedStrings.toLocaleString('en-US')}）を超えています（${count.toLocaleString('en-US')}）`,
    )
}

const SAVE_AS = 'Excel で開き、「Excel ブック（*.xlsx）」形式で保存し直してください'

function checkWorkbookPart(names: ReadonlyMap<string, string>, read: (name: string) => Buffer): void {
  const actual = names.get('xl/workbook.xml')
  if (actual === undefined)
    fail(
      'NO_WORKBOOK_PART',
      'ブックの本体（xl/workbook.xml）がありません。Excel が保存した .xlsx ではないか、壊れています',
      SAVE_AS,
    )
  if (actual !== 'xl/workbook.xml')
    fail('BROKEN_XLSX', `ブックの本体の名前が標準と異なります（${actual}）`, SAVE_AS)
  const head = read('xl/workbook.xml').toString('utf8', 0, 4096)
  if (head.includes('purl.oclc.org/ooxml/spreadsheetml/main'))
    fail(
      'STRICT_OOXML',
      '「Strict Open XML スプレッドシート」形式のブックは読み込めません',
      '「Excel ブック（*.xlsx）」形式で保存し直してください',
    )
  if (/<[A-Za-z][\w.-]*:workbook[\s>]/.test(head))
    fail('PREFIXED_XML', 'ブックの XML に名前空間の接頭辞（x: など）が付いており読み込めません', SAVE_AS)
}

function checkSheetNames(xml: Buffer): void {
  const text = xml.toString('utf8')
  for (const m of text.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)) {
    const name = m[1]!
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
    if (/[/\\:?*[\]]/.test(name) || name.length > 31 || name === '')
      fail(
        'BAD_SHEET_NAME',
        `シート名「${name.slice(0, 40)}」は Excel で使えない名前です（/ \\ : ? * [ ] を含むか、31 文字を超えています）`,
        'シート名を変更してから保存し直してください',
      )
  }
}

/**
 * Check an .xlsx archive before parsing: real entry count, names, inflated sizes, merged ranges,
 * shared strings and rows, and the workbook part. The inflated XML parts are returned for the reader
 * (src/sources/xlsx-grid.ts): together at most maxTotalBytes.
 */
export function checkZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipCheck {
  try {
    const entries = readCentralDirectory(buf, limits)
    const byNormal = new Map<string, string>()
    for (const e of entries) {
      const key = normalizeEntryName(e.name)
      const other = byNormal.get(key)
      if (other !== undefined)
        fail(
          'AMBIGUOUS_ZIP',
          other === e.name
            ? `内部ファイル名が重複しています（${e.name}）`
            : `内部ファイル ${other} と ${e.name} が同じ名前として扱われるため、どちらが読まれるか曖昧です（隠れた差し替えの疑い）`,
          'Excel で開いて内容を確認し、「Excel ブック（*.xlsx）」形式で保存し直してください',
        )
      byNormal.set(key, e.name)
      if ((e.flags & 1) !== 0) fail('UNSUPPORTED_XLS', `内部ファイル ${e.name} が暗号化されています`)
    }
    const totals: PartTotals = {merges: 0, mergedCells: 0}
    let total = 0
    const inflated = new Map<string, Buffer>()
    const parts = new Map<string, Buffer>()
    for (const e of entries) {
      const out = inflateEntry(buf, e, limits.maxTotalBytes - total, limits)
      total += out.length
      const key = normalizeEntryName(e.name)
      if (key.endsWith('.xml') || key.endsWith('.rels')) parts.set(e.name.replace(/^\//, ''), out)
      if (/^xl\/worksheets\/[^/]+\.xml$/.test(key)) scanSheet(e.name, out, totals, limits)
      else if (key === 'xl/sharedstrings.xml') scanSharedStrings(out, limits)
      else if (key === 'xl/workbook.xml') inflated.set(e.name, out)
    }
    checkWorkbookPart(byNormal, (name) => inflated.get(name) ?? Buffer.alloc(0))
    checkSheetNames(inflated.get('xl/workbook.xml') ?? Buffer.alloc(0))
    return {ok: true, entries: entries.map((e) => e.name), parts}
  } catch (error) {
    if (error instanceof ZipRefusal)
      return {ok: false, code: error.code, reason: error.message, suggestion: error.suggestion}
    throw error
  }
}
