import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {InvalidDataError} from '../src/errors.js'
import {decodeText, detectDelimiter, readCsv, readTableFile} from '../src/sources/csv.js'
import {findHeader, headerKey, readRecords} from '../src/sources/table.js'
import {readXlsx} from '../src/sources/xlsx.js'
import {makeTempDir} from './helpers.js'

let tmp: {dir: string; cleanup: () => void}
beforeEach(() => (tmp = makeTempDir()))
afterEach(() => tmp.cleanup())

// 「住民基本台帳,㈱①髙」 in CP932.
const CP932 = Buffer.from([
  0x8f, 0x5a, 0x96, 0xaf, 0x8a, 0xee, 0x96, 0x7b, 0x91, 0xe4, 0x92, 0xa0, 0x2c, 0x87, 0x8a, 0x87, 0x40, 0xfb,
  0xfc, 0x0d, 0x0a,
])

async function expectInvalid(p: Promise<unknown>, code: string): Promise<InvalidDataError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(InvalidDataError)
  const e = err as InvalidDataError
  expect(e.code).toBe(code)
  expect(e.exitCode).toBe(3)
  return e
}

describe('decodeText', () => {
  it('decodes CP932 including ㈱ ① 髙', () => {
    expect(decodeText(CP932)).toEqual({text: '住民基本台帳,㈱①髙\r\n', encoding: 'shift_jis'})
  })
  it('detects UTF-8 with and without BOM', () => {
    const utf8 = Buffer.from('住民記録,㈱\n', 'utf8')
    expect(decodeText(utf8)).toEqual({text: '住民記録,㈱\n', encoding: 'utf-8'})
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])).encoding).toBe('utf-8-bom')
  })
  it('decodes UTF-16 with a BOM (Excel「Unicode テキスト」)', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('住民記録\t㈱髙\r\n', 'utf16le')])
    expect(decodeText(le)).toEqual({text: '住民記録\t㈱髙\r\n', encoding: 'utf-16le'})
    const be = Buffer.from('住記', 'utf16le').swap16()
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({
      text: '住記',
      encoding: 'utf-16be',
    })
  })
})

describe('headerKey', () => {
  it.each([
    '初期導入費〔円〕',
    '初期導入費《税込》',
    '初期導入費\n（千円）',
    '初期導入費［円］',
    '初期　導入費',
  ])('%j reads as 初期導入費', (label) => {
    expect(headerKey(label)).toBe('初期導入費')
  })
})

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a\tb\tc\n"1,234"\t2\t3\n', '\t'],
    ['a;b;c\n1;"x;y";3\n', ';'],
    ['"a,b";c;d\n1;2;3\n', ';'],
    ['システム名\n', ','],
  ])('%j → %j', (text, d) => {
    expect(detectDelimiter(text)).toBe(d)
  })
})

describe('readCsv', () => {
  it('keeps quoted commas and line breaks', () => {
    const path = join(tmp.dir, 'list.csv')
    writeFileSync(path, 'システム名,備考\r\n"住記","改行\r\nあり, カンマも"\r\n')
    const grid = readCsv(path)
    expect(grid.sheets[0]?.rows[1]).toEqual(['住記', '改行\r\nあり, カンマも'])
  })
  it('reads Excel「Unicode テキスト」(UTF-16LE, tabs), .tsv and semicolons, with CRLF inside quotes', () => {
    const rows = [
      ['システム名称', '事業者', '備考', ''],
      ['住民情報システム①', '髙橋システム㈱', '"改行\r\nあり"', ''],
    ]
    const text = (d: string): string => rows.map((r) => r.join(d)).join('\r\n') + '\r\n'
    const u16 = join(tmp.dir, 'unicode.txt')
    writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text('\t'), 'utf16le')]))
    const tsv = join(tmp.dir, 'list.tsv')
    writeFileSync(tsv, text('\t'))
    const semi = join(tmp.dir, 'semi.csv')
    writeFileSync(semi, text(';'))
    for (const path of [u16, tsv, semi]) {
      const grid = readCsv(path)
      expect(grid.sheets[0]?.rows[1]).toEqual(['住民情報システム①', '髙橋システム㈱', '改行\r\nあり', ''])
    }
    expect(readCsv(u16).encoding).toBe('utf-16le')
  })
  it('reports an unbalanced quote with the line', () => {
    const path = join(tmp.dir, 'bad.csv')
    writeFileSync(path, 'a,b\n"x,y\n')
    expect(() => readCsv(path)).toThrow(InvalidDataError)
  })
  it('refuses an empty file', async () => {
    const path = join(tmp.dir, 'empty.csv')
    writeFileSync(path, '')
    await expectInvalid(readTableFile(path), 'EMPTY_FILE')
  })
})

describe('readXlsx', () => {
  it('keeps rows as wide as their values when a stray formatted cell sits at column XFD', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('台帳')
    ws.addRow(['システム名称', '業務'])
    ws.addRow(['住民情報システム', '住民記録'])
    ws.mergeCells('A3:B3')
    ws.getCell('A3').value = '合計'
    for (let i = 0; i < 2000; i++) ws.addRow([]).getCell(2).numFmt = '#,##0'
    ws.getCell('XFD1').border = {top: {style: 'thin'}}
    const path = join(tmp.dir, 'wide.xlsx')
    await wb.xlsx.writeFile(path)
    const sheet = (await readXlsx(path)).sheets[0]!
    expect(sheet.rows.map((r) => r.length)).toEqual([2, 2, 2])
    expect(sheet.rows[2]).toEqual(['合計', '合計'])
  })
  it('refuses a password-protected / .xls (CFB) file', async () => {
    const path = join(tmp.dir, 'locked.xlsx')
    writeFileSync(
      path,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
    )
    const e = await expectInvalid(readXlsx(path), 'UNSUPPORTED_XLS')
    expect(e.message).toContain('パスワード')
  })
  it('refuses an .xls by extension and a truncated xlsx', async () => {
    const xls = join(tmp.dir, 'old.xls')
    writeFileSync(xls, 'x')
    await expectInvalid(readTableFile(xls), 'UNSUPPORTED_XLS')
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('a').addRow(['x'])
    const buf = Buffer.from(await wb.xlsx.writeBuffer())
    const cut = join(tmp.dir, 'cut.xlsx')
    writeFileSync(cut, buf.subarray(0, Math.floor(buf.length / 2)))
    await expectInvalid(readXlsx(cut), 'BROKEN_XLSX')
  })
  it('reads text, not furigana, and merged cells carry the master value', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('台帳')
    ws.addRow(['令和8年度 システム台帳'])
    ws.addRow(['システム名称', '契約期間', ''])
    ws.addRow(['', '開始', '満了'])
    ws.addRow(['住民情報システム', '令和3年4月1日', 'R8.3.31'])
    ws.mergeCells('B2:C2')
    ws.mergeCells('A2:A3')
    const path = join(tmp.dir, 'ledger.xlsx')
    await wb.xlsx.writeFile(path)
    const grid = await readXlsx(path)
    const sheet = grid.sheets[0]!
    expect(sheet.rows[1]?.[2]).toBe('契約期間')
    const header = findHeader(sheet, [
      {key: 'name', names: ['システム名称'], required: true},
      {key: 'start', names: ['契約開始', '契約期間開始']},
      {key: 'end', names: ['契約満了', '契約期間満了']},
    ])
    expect(header).toMatchObject({firstRow: 2, lastRow: 3, missing: []})
    const records = readRecords(grid, sheet, header!)
    expect(records[0]?.values).toEqual({name: '住民情報システム', start: '令和3年4月1日', end: 'R8.3.31'})
    expect(records[0]?.ref('end')).toBe('ledger.xlsx › 台帳!C4')
  })
})
