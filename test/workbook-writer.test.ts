import {chmodSync, existsSync, mkdirSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {UserError} from '../src/errors.js'
import {
  displayWidth,
  FONT_NAME,
  FONT_SIZE,
  safeSheetName,
  safeText,
  writeWorkbook,
} from '../src/reports/workbook-writer.js'
import {makeTempDir} from './helpers.js'

let tmp: {dir: string; cleanup: () => void}
beforeEach(() => (tmp = makeTempDir()))
afterEach(() => tmp.cleanup())

interface Row {
  name: string
  cost: number
  verdict: string
}

describe('writeWorkbook', () => {
  it('writes text as text (no formulas), styles the header, freezes it and sets A4 landscape', async () => {
    const path = join(tmp.dir, 'out.xlsx')
    const rows: Row[] = [
      {name: '=HYPERLINK("http://x","click")', cost: 1234567, verdict: '標準機能で対応'},
      {name: '世帯連記の住民票\n独自様式', cost: 0, verdict: '標準外'},
    ]
    const result = await writeWorkbook(path, [
      {
        name: '比較分析',
        title: ['比較分析表'],
        columns: [
          {header: '名称', value: (r: Row) => r.name, kind: 'longtext'},
          {header: '年間保守費（円）', value: (r: Row) => r.cost, kind: 'yen'},
          {header: '判定', value: (r: Row) => r.verdict, editable: true, list: ['標準機能で対応', '標準外']},
        ],
        rows,
        conditionalFills: [{header: '判定', equals: '標準外', color: 'FFFFC7CE'}],
      },
    ])
    expect(result.sheets).toEqual(['比較分析'])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const ws = wb.getWorksheet('比較分析')!
    expect(ws.getCell('A1').value).toBe('比較分析表')
    expect(ws.getCell('A3').value).toBe('名称')
    expect(ws.getCell('A4').value).toBe('=HYPERLINK("http://x","click")')
    expect(ws.getCell('A4').type).toBe(ExcelJS.ValueType.String)
    expect(ws.getCell('A4').numFmt).toBe('@')
    expect(ws.getCell('B4').value).toBe(1234567)
    expect(ws.getCell('A5').value).toBe('世帯連記の住民票\n独自様式')
    expect(ws.views[0]).toMatchObject({state: 'frozen', ySplit: 3})
    expect(ws.pageSetup.orientation).toBe('landscape')
    expect(ws.pageSetup.paperSize).toBe(9)
    expect(ws.pageSetup.printTitlesRow).toBe('3:3')
    expect(ws.autoFilter).toBeTruthy()
  })

  it('leaves no temp file behind and says clearly when the target cannot be replaced', async () => {
    const dir = join(tmp.dir, 'locked')
    mkdirSync(dir)
    const target = join(dir, 'report.xlsx')
    mkdirSync(target) // a folder where the file should go: rename fails
    const err = await writeWorkbook(target, [
      {name: 'a', columns: [{header: 'x', value: () => 'y'}], rows: [{}]},
    ]).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UserError)
    expect(readdirSync(dir)).toEqual(['report.xlsx'])
    chmodSync(dir, 0o755)
    expect(existsSync(target)).toBe(true)
  })
})

describe('cell and sheet safety', () => {
  it('strips control characters and caps cell length', () => {
    expect(safeText('a\u0001b\u0007c\nd')).toBe('abc\nd')
    expect(safeText('x'.repeat(40000))).toHaveLength(32767)
  })
  it('makes sheet names valid, unique and never splits a surrogate pair', () => {
    const used = new Set<string>()
    expect(safeSheetName('住民基本台帳/印鑑[登録]', used)).toBe('住民基本台帳_印鑑_登録_')
    const long = `${'あ'.repeat(30)}𠮷`
    const name = safeSheetName(long, used)
    expect(name.length).toBeLessThanOrEqual(31)
    expect(name.endsWith('\ud842')).toBe(false)
    expect(safeSheetName('サマリ', used)).toBe('サマリ')
    expect(safeSheetName('サマリ', used)).toBe('サマリ(2)')
  })
  it('counts wide characters twice', () => {
    expect(displayWidth('住民abc')).toBe(7)
  })
})

describe('writeWorkbook, streaming (large workbooks)', () => {
  it.each([false, true])(
    'stream=%s writes the same cells, header, frozen panes, filter, fills and dropdowns',
    async (stream) => {
      const path = join(tmp.dir, `out-${stream}.xlsx`)
      const rows: Row[] = Array.from({length: 50}, (_, i) => ({
        name: i === 0 ? '=1+1' : `住民票の様式変更${i}`,
        cost: i * 1000,
        verdict: i % 2 === 0 ? '標準外' : '標準機能で対応',
      }))
      await writeWorkbook(
        path,
        [
          {
            name: '比較分析',
            title: ['比較分析表', '汐見川市　2026-12-02'],
            columns: [
              {header: '名称', value: (r: Row) => r.name},
              {header: '年間保守費（円）', value: (r: Row) => r.cost, kind: 'yen'},
              {
                header: '判定',
                value: (r: Row) => r.verdict,
                editable: true,
                list: ['標準機能で対応', '標準外'],
              },
            ],
            rows,
            conditionalFills: [{header: '判定', equals: '標準外', color: 'FFFFC7CE'}],
            freezeColumns: 1,
            paper: 'A3',
            printHeader: {left: '比較分析表 R&D', right: '汐見川市　作成日 2026-12-02'},
            printFooter: {left: '{sheet}', center: '{page} / {pages} ページ'},
            ruledRows: 5,
          },
          {
            name: 'その2',
            title: ['その2の表題', '汐見川市　データ 2026-12-01'],
            columns: [{header: 'A', value: (r: Row) => r.name}],
            rows: rows.slice(0, 3),
          },
        ],
        undefined,
        {stream},
      )
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(path)
      expect(wb.worksheets.map((w) => w.name)).toEqual(['比較分析', 'その2'])
      const ws = wb.getWorksheet('比較分析')!
      expect(ws.getCell('A1').value).toBe('比較分析表')
      expect(ws.getRow(4).values).toEqual([undefined, '名称', '年間保守費（円）', '判定'])
      expect(ws.getCell('A5').value).toBe('=1+1')
      expect(ws.getCell('A5').type).toBe(ExcelJS.ValueType.String)
      expect(ws.getCell('B54').value).toBe(49_000)
      expect(ws.getCell('B54').numFmt).toBe('#,##0')
      expect(ws.getCell('A6').numFmt).toBe('@')
      expect(ws.views[0]).toMatchObject({state: 'frozen', xSplit: 1, ySplit: 4})
      expect(ws.autoFilter).toBeTruthy()
      expect(ws.pageSetup.orientation).toBe('landscape')
      const validations = (ws as unknown as {dataValidations: {model: Record<string, {formulae: string[]}>}})
        .dataValidations.model
      expect(Object.values(validations)[0]?.formulae[0]).toContain('標準外')
      expect(wb.getWorksheet('その2')!.getCell('A7').value).toBe('住民票の様式変更2')

      // Print layout: paper, fit to width, font, header/footer, ruled rows to write in.
      expect(ws.pageSetup).toMatchObject({
        paperSize: 8,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
      })
      expect(ws.headerFooter.oddHeader).toBe('&L&11比較分析表 R&&D&R&11汐見川市　作成日 2026-12-02')
      expect(ws.headerFooter.oddFooter).toBe('&L&11&A&C&11&P / &N ページ')
      for (const ref of ['A1', 'A4', 'A5', 'C54']) {
        expect(ws.getCell(ref).font, ref).toMatchObject({name: FONT_NAME, charset: 128})
      }
      expect(ws.getCell('B30').font.size).toBe(FONT_SIZE)
      expect(ws.getCell('C30').border).toMatchObject({top: {style: 'thin'}, bottom: {style: 'thin'}})
      // 5 ruled empty rows after the 50 data rows: bordered, tall enough to write in, no value.
      for (let r = 55; r <= 59; r++) {
        expect(ws.getRow(r).height, `row ${r}`).toBeGreaterThanOrEqual(20)
        for (const col of ['A', 'C']) {
          const cell = ws.getCell(`${col}${r}`)
          expect(cell.value).toBeNull()
          expect(cell.border, `${col}${r}`).toMatchObject({left: {style: 'thin'}, right: {style: 'thin'}})
        }
      }
      expect(ws.getCell('A60').border ?? {}).toEqual({})
      // Defaults from the title: what on the left, the sheet on the right; 団体名・日付 and page in the footer.
      const other = wb.getWorksheet('その2')!
      expect(other.pageSetup.paperSize).toBe(9)
      expect(other.headerFooter.oddHeader).toBe('&L&11その2の表題&R&11&A')
      expect(other.headerFooter.oddFooter).toBe('&L&11汐見川市　データ 2026-12-01&C&11&P / &N ページ')
    },
  )
})
