import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {InvalidDataError} from '../src/errors.js'
import {readXlsx} from '../src/sources/xlsx.js'
import {checkZip, DEFAULT_ZIP_LIMITS, normalizeEntryName, refArea} from '../src/sources/zip-guard.js'
import {makeTempDir} from './helpers.js'
import {afterSheetData, basicParts, part, withPart, zipParts} from './hostile/xlsx-parts.js'
import {buildZip, deflateRepeated} from './hostile/zip.js'

let tmp: {dir: string; cleanup: () => void}
beforeEach(() => (tmp = makeTempDir()))
afterEach(() => tmp.cleanup())

async function refusal(buf: Buffer): Promise<InvalidDataError> {
  const path = join(tmp.dir, 'hostile.xlsx')
  writeFileSync(path, buf)
  const err = await readXlsx(path).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(InvalidDataError)
  const e = err as InvalidDataError
  expect(e.exitCode).toBe(3)
  expect(e.message).toContain('hostile.xlsx')
  return e
}

describe('normalizeEntryName', () => {
  it.each([
    ['/xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl\\worksheets\\sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['./xl/./Worksheets//SHEET1.xml', 'xl/worksheets/sheet1.xml'],
  ])('%s → %s', (input, out) => expect(normalizeEntryName(input)).toBe(out))
})

describe('refArea', () => {
  it.each([
    ['A1', 1],
    ['A1:C3', 9],
    ['$B$2:$B$5', 4],
    ['A1:XFD1048576', 16384 * 1048576],
    ['junk', 0],
  ])('%s covers %d cells', (ref, n) => expect(refArea(ref)).toBe(n))
})

describe('checkZip on a real workbook', () => {
  it('accepts what exceljs writes', async () => {
    expect(checkZip(zipParts(await basicParts([['a', 'b', 'c']]))).ok).toBe(true)
  })

  it('refuses a hidden second sheet part with a leading slash (what Excel shows is not what is read)', async () => {
    const parts = await basicParts([['住民情報システム', '独自帳票', '正しい内容']])
    const hidden = part(parts, 'xl/worksheets/sheet1.xml')
    const e = await refusal(zipParts([...parts, {name: '/xl/worksheets/sheet1.xml', data: hidden}]))
    expect(e.code).toBe('AMBIGUOUS_ZIP')
    expect(e.message).toContain('/xl/worksheets/sheet1.xml')
  })

  it.each(['XL/worksheets/sheet1.xml', 'xl\\worksheets\\sheet1.xml', './xl/worksheets/sheet1.xml'])(
    'refuses a duplicate spelled %s',
    async (name) => {
      const parts = await basicParts()
      const e = await refusal(zipParts([...parts, {name, data: part(parts, 'xl/worksheets/sheet1.xml')}]))
      expect(e.code).toBe('AMBIGUOUS_ZIP')
    },
  )

  it('refuses an entry whose real size is far above the size both headers state, without inflating it all', async () => {
    const parts = await basicParts()
    const raw = await deflateRepeated(64 * 1024 * 1024, 0x20)
    const bomb = {name: 'xl/media/pad.bin', data: Buffer.alloc(0), raw, declaredSize: 1000}
    const start = performance.now()
    const e = await refusal(buildZip([...parts, bomb]))
    expect(e.code).toBe('ZIP_MISMATCH')
    expect(e.message).toContain('目次の記載')
    expect(performance.now() - start).toBeLessThan(5000)
  })

  it('refuses an honest ratio bomb and an honest oversize entry', async () => {
    const parts = await basicParts()
    const size = 32 * 1024 * 1024
    const raw = await deflateRepeated(size)
    expect(
      (await refusal(buildZip([...parts, {name: 'x.bin', data: Buffer.alloc(0), raw, declaredSize: size}])))
        .code,
    ).toBe('ZIP_BOMB')
    const big = buildZip([...parts, {name: 'x.bin', data: Buffer.alloc(0), raw, declaredSize: size}])
    const r = checkZip(big, {...DEFAULT_ZIP_LIMITS, maxEntryBytes: 1024 * 1024})
    expect(r).toMatchObject({ok: false, code: 'ZIP_LIMIT'})
  })

  it('counts the real total across entries that each pass the ratio check', async () => {
    const parts = await basicParts()
    let seed = 1
    const noise = Buffer.from(
      Array.from({length: 300_000}, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24),
    )
    const many = Array.from({length: 20}, (_, i) => ({name: `xl/media/n${i}.bin`, data: noise}))
    const r = checkZip(zipParts([...parts, ...many]), {...DEFAULT_ZIP_LIMITS, maxTotalBytes: 5_000_000})
    expect(r).toMatchObject({ok: false, code: 'ZIP_LIMIT'})
  })

  it('refuses an end record that lies about the entry count, and a local header that disagrees', async () => {
    const parts = await basicParts()
    expect((await refusal(buildZip(parts, {claimedCount: 3}))).code).toBe('ZIP_MISMATCH')
    const renamed = parts.map((p) =>
      p.name === 'xl/worksheets/sheet1.xml' ? {...p, localName: 'xl/worksheets/sheet2.xml'} : p,
    )
    expect((await refusal(buildZip(renamed))).code).toBe('ZIP_MISMATCH')
  })

  it('refuses too many entries counted from the directory itself', async () => {
    const parts = await basicParts()
    const many = Array.from({length: 1001}, (_, i) => ({name: `f${i}`, data: Buffer.from('x')}))
    expect((await refusal(zipParts([...parts, ...many]))).code).toBe('ZIP_LIMIT')
  })

  it('refuses corrupt deflate data with a Japanese message', async () => {
    const parts = await basicParts()
    const broken = parts.map((p) =>
      p.name === 'xl/styles.xml' ? {...p, raw: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x12])} : p,
    )
    const e = await refusal(buildZip(broken))
    expect(e.code).toBe('BROKEN_XLSX')
    expect(e.message).toContain('xl/styles.xml')
  })

  it('refuses 10,001 merged ranges and one merge over the whole sheet before exceljs expands them', async () => {
    const parts = await basicParts()
    const merges = Array.from({length: 10_001}, (_, i) => `<mergeCell ref="E${i + 1}:F${i + 1}"/>`).join('')
    const start = performance.now()
    const e = await refusal(
      zipParts(afterSheetData(parts, `<mergeCells count="10001">${merges}</mergeCells>`)),
    )
    expect(e.code).toBe('TOO_MANY_MERGES')
    const whole = await refusal(
      zipParts(afterSheetData(parts, '<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>')),
    )
    expect(whole.code).toBe('TOO_MANY_MERGES')
    expect(whole.message).toContain('A3:XFD1048576')
    expect(performance.now() - start).toBeLessThan(5000)
  })

  it('refuses a shared-string table over the count limit', async () => {
    const parts = await basicParts()
    const si = '<si><t>x</t></si>'.repeat(1001)
    const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1001" uniqueCount="1001">${si}</sst>`
    const r = checkZip(zipParts(withPart(parts, 'xl/sharedStrings.xml', sst)), {
      ...DEFAULT_ZIP_LIMITS,
      maxSharedStrings: 1000,
    })
    expect(r).toMatchObject({ok: false, code: 'TOO_MANY_STRINGS'})
  })

  it('names what is wrong: no workbook part, Strict OOXML, x: prefixes, an illegal sheet name', async () => {
    const parts = await basicParts()
    const wbXml = part(parts, 'xl/workbook.xml').toString('utf8')
    expect((await refusal(zipParts(parts.filter((p) => p.name !== 'xl/workbook.xml')))).code).toBe(
      'NO_WORKBOOK_PART',
    )
    const strict = wbXml.replace(
      'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'http://purl.oclc.org/ooxml/spreadsheetml/main',
    )
    expect((await refusal(zipParts(withPart(parts, 'xl/workbook.xml', strict)))).code).toBe('STRICT_OOXML')
    const prefixed = wbXml.replace('<workbook ', '<x:workbook ').replace('</workbook>', '</x:workbook>')
    expect((await refusal(zipParts(withPart(parts, 'xl/workbook.xml', prefixed)))).code).toBe('PREFIXED_XML')
    const badName = wbXml.replace('name="カスタマイズ一覧"', 'name="一覧/2025:*?"')
    const e = await refusal(zipParts(withPart(parts, 'xl/workbook.xml', badName)))
    expect(e.code).toBe('BAD_SHEET_NAME')
    expect(e.message).toContain('一覧/2025:*?')
  })
})
