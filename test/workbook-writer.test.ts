import {chmodSync, existsSync, mkdirSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {UserError} from '../src/errors.js'
import {displayWidth, safeSheetName, safeText, writeWorkbook} from '../src/reports/workbook-writer.js'
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
