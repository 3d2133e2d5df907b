/**
 * Pre-check an .xlsx (zip) central directory before exceljs inflates it: exceljs
 * has no zip-bomb limits. Limits follow Apache POI's defaults (min inflate ratio
 * 0.01 for entries over 100 KiB, max 1000 entries) plus a total size cap.
 */
export interface ZipLimits {
  readonly maxEntries: number
  readonly maxEntryBytes: number
  readonly maxTotalBytes: number
  readonly minInflateRatio: number
  readonly ratioCheckAboveBytes: number
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  minInflateRatio: 0.01,
  ratioCheckAboveBytes: 100 * 1024,
}

export type ZipCheck =
  {readonly ok: true; readonly entries: readonly string[]} | {readonly ok: false; readonly reason: string}

const EOCD_SIG = 0x06054b50
const CDH_SIG = 0x02014b50

export function checkZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipCheck {
  // End of central directory: last 22 bytes + up to 65535 comment bytes.
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i
      break
    }
  }
  if (eocd < 0)
    return {ok: false, reason: 'ファイルが途中で切れているか、Excel ファイル（.xlsx）として壊れています'}
  const count = buf.readUInt16LE(eocd + 10)
  const cdSize = buf.readUInt32LE(eocd + 12)
  const cdOffset = buf.readUInt32LE(eocd + 16)
  if (count > limits.maxEntries) return {ok: false, reason: `内部のファイル数が多すぎます（${count}）`}
  if (cdOffset + cdSize > buf.length)
    return {ok: false, reason: 'ファイルが途中で切れています（ZIP の目次が読めません）'}
  const names = new Set<string>()
  let total = 0
  let p = cdOffset
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CDH_SIG)
      return {ok: false, reason: 'ZIP の目次が壊れています'}
    const compressed = buf.readUInt32LE(p + 20)
    const size = buf.readUInt32LE(p + 24)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen)
    if (names.has(name)) return {ok: false, reason: `内部ファイル名が重複しています（${name}）`}
    names.add(name)
    if (size > limits.maxEntryBytes) return {ok: false, reason: `内部ファイル ${name} が大きすぎます`}
    if (size > limits.ratioCheckAboveBytes && compressed / size < limits.minInflateRatio) {
      return {ok: false, reason: `内部ファイル ${name} の圧縮率が異常です（ZIP 爆弾の疑い）`}
    }
    total += size
    if (total > limits.maxTotalBytes) return {ok: false, reason: '展開後の合計サイズが大きすぎます'}
    p += 46 + nameLen + extraLen + commentLen
  }
  return {ok: true, entries: [...names]}
}
