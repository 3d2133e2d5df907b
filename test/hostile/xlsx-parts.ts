/** Build .xlsx variants from a real exceljs workbook by editing its parts. */
import ExcelJS from 'exceljs'
import {buildZip, readZip, type ZipEntryIn} from './zip.js'

export type Parts = {name: string; data: Buffer}[]

/** A small カスタマイズ一覧-shaped workbook, as exceljs writes it. */
export async function basicParts(
  rows: readonly (readonly string[])[] = [],
  header: readonly string[] = ['システム名称', 'カスタマイズ名称', '内容'],
): Promise<Parts> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('カスタマイズ一覧')
  ws.addRow([...header])
  for (const r of rows) ws.addRow([...r])
  return readZip(Buffer.from(await wb.xlsx.writeBuffer()))
}

export function part(parts: Parts, name: string): Buffer {
  const p = parts.find((x) => x.name === name)
  if (!p) throw new Error(`no part ${name}`)
  return p.data
}

/** Replace (or add) a part's content. */
export function withPart(parts: Parts, name: string, data: Buffer | string): Parts {
  const buf = typeof data === 'string' ? Buffer.from(data) : data
  return parts.some((p) => p.name === name)
    ? parts.map((p) => (p.name === name ? {name, data: buf} : p))
    : [...parts, {name, data: buf}]
}

/** Insert `xml` into sheet1 right after </sheetData> (where <mergeCells> belongs). */
export function afterSheetData(parts: Parts, xml: string): Parts {
  const sheet = part(parts, 'xl/worksheets/sheet1.xml').toString('utf8')
  return withPart(parts, 'xl/worksheets/sheet1.xml', sheet.replace('</sheetData>', `</sheetData>${xml}`))
}

export function zipParts(parts: readonly (ZipEntryIn | {name: string; data: Buffer})[]): Buffer {
  return buildZip(parts)
}
