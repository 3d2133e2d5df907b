/**
 * A tiny zip writer and reader for hostile-archive fixtures: it can lie (sizes in either header,
 * the entry count in the end record) in ways real zip tools refuse to.
 */
import {createDeflateRaw, crc32, deflateRawSync, inflateRawSync} from 'node:zlib'

export interface ZipEntryIn {
  readonly name: string
  readonly data: Buffer
  /** 8 = deflate (default), 0 = stored. */
  readonly method?: 0 | 8
  /** Override the uncompressed size written in both headers. */
  readonly declaredSize?: number
  /** Override the local header's name only. */
  readonly localName?: string
  /** Pre-compressed bytes (e.g. a bomb built by `deflateRepeated`). */
  readonly raw?: Buffer
}

export function buildZip(entries: readonly ZipEntryIn[], options: {claimedCount?: number} = {}): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const method = e.method ?? 8
    const body = e.raw ?? (method === 8 ? deflateRawSync(e.data) : e.data)
    const size = e.declaredSize ?? e.data.length
    const name = Buffer.from(e.name)
    const localName = Buffer.from(e.localName ?? e.name)
    const crc = crc32(e.data)
    const lh = Buffer.alloc(30)
    lh.writeUInt32LE(0x04034b50, 0)
    lh.writeUInt16LE(20, 4)
    lh.writeUInt16LE(method, 8)
    lh.writeUInt32LE(crc, 14)
    lh.writeUInt32LE(body.length, 18)
    lh.writeUInt32LE(size, 22)
    lh.writeUInt16LE(localName.length, 26)
    const ch = Buffer.alloc(46)
    ch.writeUInt32LE(0x02014b50, 0)
    ch.writeUInt16LE(20, 4)
    ch.writeUInt16LE(20, 6)
    ch.writeUInt16LE(method, 10)
    ch.writeUInt32LE(crc, 16)
    ch.writeUInt32LE(body.length, 20)
    ch.writeUInt32LE(size, 24)
    ch.writeUInt16LE(name.length, 28)
    ch.writeUInt32LE(offset, 42)
    locals.push(lh, localName, body)
    centrals.push(ch, name)
    offset += 30 + localName.length + body.length
  }
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  const count = options.claimedCount ?? entries.length
  eocd.writeUInt16LE(count, 8)
  eocd.writeUInt16LE(count, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, eocd])
}

/** Entries of a well-formed archive (ours or exceljs's), in order. */
export function readZip(buf: Buffer): {name: string; data: Buffer}[] {
  let eocd = buf.length - 22
  while (buf.readUInt32LE(eocd) !== 0x06054b50) eocd--
  const count = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  const out: {name: string; data: Buffer}[] = []
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10)
    const csize = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const local = buf.readUInt32LE(p + 42)
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen)
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const body = buf.subarray(start, start + csize)
    out.push({name, data: method === 8 ? inflateRawSync(body) : Buffer.from(body)})
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32)
  }
  return out
}

/** Raw deflate of `bytes` copies of one byte, streamed in 1 MiB blocks (a bomb without holding it). */
export async function deflateRepeated(bytes: number, byte = 0x41): Promise<Buffer> {
  const z = createDeflateRaw({level: 9})
  const out: Buffer[] = []
  z.on('data', (c: Buffer) => out.push(c))
  const done = new Promise<void>((res, rej) => {
    z.on('end', res)
    z.on('error', rej)
  })
  const block = Buffer.alloc(1024 * 1024, byte)
  for (let left = bytes; left > 0; left -= block.length) {
    const chunk = left >= block.length ? block : block.subarray(0, left)
    if (!z.write(chunk)) await new Promise((r) => z.once('drain', r))
  }
  z.end()
  await done
  return Buffer.concat(out)
}
