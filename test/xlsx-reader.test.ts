import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {describe, expect, it} from 'vitest'
import type {SheetGrid} from '../src/sources/grid.js'
import {readXlsxParts} from '../src/sources/xlsx-grid.js'
import {checkZip} from '../src/sources/zip-guard.js'
import {ROOT} from './helpers.js'
import {buildZip} from './hostile/zip.js'
import {readWithExceljs} from './xlsx-reference.js'

// The reader of src/sources/xlsx-grid.ts replaced exceljs' in-memory reader: on every workbook
// below (written by exceljs, written as raw XML the way openpyxl, Excel and other tools lay parts
// out, and every .xlsx in the repository) it must give exactly the grid exceljs gave.

function readFast(buf: Buffer): SheetGrid[] {
  const zip = checkZip(buf)
  if (!zip.ok) throw new Error(zip.reason)
  return readXlsxParts(zip.parts)
}

async function expectSameGrid(buf: Buffer): Promise<SheetGrid[]> {
  const fast = readFast(buf)
  expect(fast).toEqual(await readWithExceljs(buf))
  return fast
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

interface RawSheet {
  readonly name: string
  /** Inner XML of <worksheet> (sheetData, mergeCells, hyperlinks …). */
  readonly body: string
  /** Relationships of the sheet part (hyperlink targets): [id, target]. */
  readonly links?: readonly (readonly [string, string])[]
}

/** A workbook written part by part, as tools other than exceljs lay it out. */
function rawWorkbook(options: {
  sheets: readonly RawSheet[]
  /** <si> elements. */
  shared?: readonly string[]
  /** numFmts: [id, code]; cellXfs: numFmtId per style index. */
  numFmts?: readonly (readonly [number, string])[]
  xfs?: readonly number[]
  date1904?: string
}): Buffer {
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
  const entries: {name: string; data: Buffer}[] = []
  const add = (name: string, xml: string): void => {
    entries.push({name, data: Buffer.from(decl + xml)})
  }
  add(
    '[Content_Types].xml',
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
  )
  add(
    '_rels/.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  )
  const sheetEls = options.sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')
  const pr = options.date1904 === undefined ? '' : `<workbookPr date1904="${options.date1904}"/>`
  add(
    'xl/workbook.xml',
    `<workbook xmlns="${NS}" xmlns:r="${RNS}">${pr}<sheets>${sheetEls}</sheets></workbook>`,
  )
  const n = options.sheets.length
  const wbRels = options.sheets
    .map(
      (_s, i) =>
        `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="/xl/worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('')
  add(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${wbRels}<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  )
  const fmts = options.numFmts ?? []
  const xfs = options.xfs ?? [0]
  add(
    'xl/styles.xml',
    `<styleSheet xmlns="${NS}"><numFmts count="${fmts.length}">${fmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code}"/>`).join('')}</numFmts><fonts count="1"><font><sz val="11"/><name val="游ゴシック"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment wrapText="1"/></xf>`).join('')}</cellXfs></styleSheet>`,
  )
  const shared = options.shared ?? []
  add(
    'xl/sharedStrings.xml',
    `<sst xmlns="${NS}" count="${shared.length}" uniqueCount="${shared.length}">${shared.join('')}</sst>`,
  )
  options.sheets.forEach((s, i) => {
    add(`xl/worksheets/sheet${i + 1}.xml`, `<worksheet xmlns="${NS}" xmlns:r="${RNS}">${s.body}</worksheet>`)
    if (s.links)
      add(
        `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${s.links.map(([id, t]) => `<Relationship Id="${id}" Type="${REL}/hyperlink" Target="${t}" TargetMode="External"/>`).join('')}</Relationships>`,
      )
  })
  return buildZip(entries)
}

describe('xlsx reader: same grid as exceljs', () => {
  it('on a workbook exceljs writes: values of every type, formulas, rich text, merges, hyperlinks, sheets', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('台帳 & 一覧')
    ws.addRow(['機能ID', '要件', '件数', '日付', '可否'])
    ws.addRow(['0010001', '住民票の写しを\r\n交付できること。', 12, new Date(Date.UTC(2025, 3, 1)), true])
    ws.getCell('D2').numFmt = 'yyyy"年"m"月"d"日"'
    ws.addRow([null, '', 0, 3.25, false])
    ws.getCell('A4').value = {formula: 'B2&"x"', result: '住民票x'}
    ws.getCell('B4').value = {formula: 'C2*2', result: 24}
    ws.getCell('C4').value = {formula: '1/0', result: {error: '#DIV/0!'}}
    ws.getCell('D4').value = {formula: 'TODAY()', result: new Date(Date.UTC(2026, 0, 2))}
    ws.getCell('D4').numFmt = 'yyyy/mm/dd'
    ws.getCell('E4').value = {formula: 'C2'}
    ws.getCell('A5').value = {richText: [{text: '東京都', font: {bold: true}}, {text: '千代田区'}]}
    ws.getCell('B5').value = {text: 'サイト', hyperlink: 'https://www.digital.go.jp/'}
    ws.getCell('C5').value = 'a_x000D_b < & > " \''
    ws.mergeCells('A7:C8')
    ws.getCell('A7').value = '結合'
    ws.mergeCells('E7:E9')
    ws.getCell('H12').value = '遠いセル'
    ws.getRow(20).font = {bold: true}
    ws.getCell('G3').numFmt = '0.00'
    const second = wb.addWorksheet('2')
    second.addRow([1, 2, 3])
    wb.addWorksheet('空')
    const grid = await expectSameGrid(Buffer.from(await wb.xlsx.writeBuffer()))
    expect(grid.map((s) => s.name)).toEqual(['台帳 & 一覧', '2', '空'])
    expect(grid[0]!.rows[6]).toEqual(['結合', '結合', '結合'])
    expect(grid[0]!.rows[1]![3]).toEqual(new Date(Date.UTC(2025, 3, 1)))
  })

  it('on raw parts: shared strings with furigana and rich runs, inline strings, every cell type, dates, 1904', async () => {
    const shared = [
      '<si><t>東京都</t><rPh sb="0" eb="3"><t>トウキョウト</t></rPh><phoneticPr fontId="1"/></si>',
      '<si><r><rPr><b/></rPr><t xml:space="preserve">住民 </t></r><r><t>記録</t></r><rPh sb="0" eb="2"><t>ジュウミン</t></rPh></si>',
      '<si><t>改行_x000D_\r\nあり &amp; &lt;タグ&gt; &#x3042;&#12354;</t></si>',
      '<si><t/></si>',
      '<si><t xml:space="preserve">  前後に空白  </t></si>',
      '<si><t>_x005F_x000D_ そのまま</t></si>',
    ]
    const body =
      '<dimension ref="A1:H9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="3" width="20" customWidth="1"/></cols>' +
      '<sheetData>' +
      '<row r="1" spans="1:8"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>インライン</t></is></c><c r="B2" t="inlineStr"><is><r><t>リッチ</t></r><r><rPr><i/></rPr><t>文字</t></r></is></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="b"><v>0</v></c><c r="E2" t="e"><v>#N/A</v></c><c r="F2" t="str"><f>A1&amp;"!"</f><v>東京都&amp;amp;!</v></c></row>' +
      '<row r="4"><c r="A4" s="1"><v>45748</v></c><c r="B4" s="2"><v>45748.5</v></c><c r="C4" s="3"><v>45748</v></c><c r="D4" s="4"><v>0.75</v></c><c r="E4" s="5"><v>12345</v></c><c r="F4" s="6"><v>45000</v></c><c r="G4"><v>1.5E+3</v></c><c r="H4" s="1"/></row>' +
      '<row r="5"><c r="A5"><f>SUM(G4,1)</f><v>1501</v></c><c r="B5" t="b"><f>TRUE()</f><v>1</v></c><c r="C5" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D5"><f t="shared" ref="D5:D6" si="0">A5+1</f><v>1502</v></c><c r="E5" s="1"><f>DATE(2025,4,1)</f><v>45748</v></c><c r="F5"><f>NOW()</f></c></row>' +
      '<row r="6"><c r="D6"><f t="shared" si="0"/><v>1503</v></c><c r="E6" s="7"><v>3</v></c><c r="F6" s="0"><v>7</v></c></row>' +
      '<row r="8" ht="30" customHeight="1"><c r="A8" t="s"><v>0</v></c><c r="B8"><v>8</v></c><c t="s"><v>1</v></c><c><v>10</v></c><c t="inlineStr"><is><t>r属性なし</t></is></c></row>' +
      '<row r="9" s="1" customFormat="1"/>' +
      '<row r="10"><c r="B10" s="1"/><c r="C10"/></row>' +
      '</sheetData>' +
      '<mergeCells count="2"><mergeCell ref="A8:A9"/><mergeCell ref="G1:H2"/></mergeCells>' +
      '<hyperlinks><hyperlink ref="B8" r:id="rId1"/><hyperlink ref="A1" location="\'2\'!A1" display="内部"/></hyperlinks>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    const numFmts: [number, string][] = [
      [176, 'yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;'],
      [177, '[$-ja-JP]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;'],
      [178, '#,##0&quot;円&quot;'],
      [179, '[Red]0.00'],
    ]
    // style index → numFmtId: 0 General, 1 builtin 14, 2 builtin 22, 3 custom date, 4 builtin 20 (time),
    // 5 custom 円 (not a date), 6 custom 和暦, 7 [Red] only (not a date)
    const xfs = [14, 14, 22, 176, 20, 178, 177, 179]
    for (const date1904 of [undefined, '1', '0']) {
      const buf = rawWorkbook({
        sheets: [
          {name: 'Sheet1', body, links: [['rId1', 'https://www.soumu.go.jp/']]},
          {name: '&lt;二&gt;', body: '<sheetData><row r="1"><c r="A1" t="s"><v>4</v></c></row></sheetData>'},
        ],
        shared,
        numFmts,
        xfs,
        date1904,
      })
      const grid = await expectSameGrid(buf)
      const rows = grid[0]!.rows
      expect(rows[0]!.slice(0, 6)).toEqual([
        '東京都',
        '住民 記録',
        '改行\r\nあり & <タグ> ああ',
        '',
        '  前後に空白  ',
        '_x000D_ そのまま',
      ])
      expect(rows[1]).toEqual(['インライン', 'リッチ文字', true, false, null, '東京都&!'])
      expect(rows[3]![0]).toEqual(
        new Date(
          Date.UTC(date1904 === '1' ? 2029 : 2025, date1904 === '1' ? 3 : 3, date1904 === '1' ? 2 : 1),
        ),
      )
      expect(rows[7]).toEqual(['東京都', '8', '住民 記録', 10, 'r属性なし'])
      expect(rows[8]).toEqual(['東京都'])
      expect(grid[1]!.name).toBe('<二>')
    }
  })

  it('on every .xlsx in the repository (inventory/, specs/, reports/, test/)', async () => {
    const files: string[] = []
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f)
        if (statSync(p).isDirectory()) walk(p)
        else if (f.endsWith('.xlsx')) files.push(p)
      }
    }
    for (const d of ['inventory', 'specs', 'reports', 'test']) walk(join(ROOT, d))
    expect(files.length).toBeGreaterThan(0)
    for (const f of files) await expectSameGrid(readFileSync(f))
  })
})

describe('xlsx reader: where it reads what exceljs lost or refused', () => {
  const sheetOnly = (body: string, shared: string[] = []): Buffer =>
    rawWorkbook({sheets: [{name: 'S', body: `<sheetData>${body}</sheetData>`}], shared})

  it('reads rows without an r attribute as following the previous row (exceljs refused the file)', async () => {
    const buf = sheetOnly(
      '<row><c t="inlineStr"><is><t>一</t></is></c><c><v>2</v></c></row><row><c r="B2"><v>3</v></c></row><row r="5"><c r="A5"><v>5</v></c></row><row><c><v>6</v></c></row>',
    )
    expect(readFast(buf)[0]!.rows).toEqual([['一', 2], [null, 3], [], [], [5], [6]])
    await expect(readWithExceljs(buf)).rejects.toThrow(/Invalid row number/)
  })

  it("reads Japanese Excel's built-in 和暦 and 年月日 formats (ids 27–36, 50–58) as dates (exceljs gave serial numbers)", async () => {
    // Style index → numFmtId with no <numFmt> element: how Japanese Excel saves 令和6年4月1日 or 2024年4月1日.
    const xfs = [0, 27, 28, 31, 34, 57, 58, 37]
    const buf = rawWorkbook({
      sheets: [
        {
          name: 'S',
          body: `<sheetData><row r="1">${xfs.map((_id, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${i}"><v>45383</v></c>`).join('')}</row></sheetData>`,
        },
      ],
      xfs,
    })
    const april1 = new Date(Date.UTC(2024, 3, 1))
    // General (0) and a number format (37 = #,##0 ;(#,##0)) stay numbers.
    expect(readFast(buf)[0]!.rows[0]).toEqual([45383, april1, april1, april1, april1, april1, april1, 45383])
    expect((await readWithExceljs(buf))[0]!.rows[0]![2]).toBe(45383)
  })

  it('gives phonetic runs of an inline string no part in its text (exceljs appended them)', () => {
    const buf = sheetOnly(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>東京都</t><rPh sb="0" eb="3"><t>トウキョウト</t></rPh></is></c></row>',
    )
    expect(readFast(buf)[0]!.rows).toEqual([['東京都']])
  })

  it('refuses overlapping merged ranges and a shared-string index out of range as a broken workbook, like exceljs', async () => {
    const overlap = rawWorkbook({
      sheets: [
        {
          name: 'S',
          body: '<sheetData/><mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>',
        },
      ],
    })
    expect(() => readFast(overlap)).toThrow(/セル結合 B2:C3 が他の結合と重なっています/)
    await expect(readWithExceljs(overlap)).rejects.toThrow()
    const missing = sheetOnly('<row r="1"><c r="A1" t="s"><v>3</v></c></row>', ['<si><t>a</t></si>'])
    expect(() => readFast(missing)).toThrow(/共有文字列の番号 3 が範囲外/)
    await expect(readWithExceljs(missing)).rejects.toThrow()
  })

  it('refuses a DOCTYPE and undefined entities in a part', () => {
    const doctype = sheetOnly('</sheetData><!DOCTYPE x [<!ENTITY a "b">]><sheetData>')
    expect(() => readFast(doctype)).toThrow(/Excel ブックとして読み取れません/)
    const entity = sheetOnly('<row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row>')
    expect(() => readFast(entity)).toThrow(/Excel ブックとして読み取れません/)
  })
})
