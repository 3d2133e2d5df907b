import {existsSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {FitgapResultSchema, ReviewImportResultSchema} from '../src/fitgap/fitgap.schema.js'
import {setUpWorkspace} from './fitgap-fixtures.js'
import {makeTempDir, parseJson, runCli} from './helpers.js'

/** Review workbooks edited the way reviewers edit them, read back by review-import. */

let tmp: {dir: string; cleanup: () => void}
beforeEach(() => {
  tmp = makeTempDir()
})
afterEach(() => tmp.cleanup())

interface Sheet {
  wb: ExcelJS.Workbook
  ws: ExcelJS.Worksheet
  headerRow: number
  col: (header: string) => number
  rowOf: (customizationId: string) => number
}

async function exported(db: string): Promise<{path: string; open: () => Promise<Sheet>}> {
  const path = join(tmp.dir, 'レビュー.xlsx')
  const r = await runCli(['fitgap', 'review-export', '--db', db, '--output', path])
  expect(r.exitCode, r.stderr).toBe(0)
  const open = async (): Promise<Sheet> => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const ws = wb.getWorksheet('レビュー')!
    let headerRow = 0
    for (let r = 1; r <= 10 && headerRow === 0; r++)
      if (ws.getRow(r).getCell(1).value === '業務') headerRow = r
    const col = (header: string): number => {
      let found = 0
      ws.getRow(headerRow).eachCell((c, n) => {
        if (c.value === header) found = n
      })
      if (found === 0) throw new Error(`no column ${header}`)
      return found
    }
    const rowOf = (id: string): number => {
      for (let r = headerRow + 1; r <= ws.rowCount; r++)
        if (ws.getCell(r, col('管理番号')).value === id) return r
      throw new Error(`no row ${id}`)
    }
    return {wb, ws, headerRow, col, rowOf}
  }
  return {path, open}
}

async function reviewImport(db: string, path: string) {
  const r = await runCli(['fitgap', 'review-import', path, '--db', db, '--json'])
  return {r, json: parseJson(r.stdout)}
}

describe('review-import of a workbook a reviewer edited', () => {
  it('reads 機能ID typed as a number (leading zeros lost) or with a dash', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const {path, open} = await exported(w.db)
    const s = await open()
    s.ws.getCell(s.rowOf('C002'), s.col('判定')).value = '標準機能で対応'
    s.ws.getCell(s.rowOf('C002'), s.col('対応機能ID')).value = 10403
    s.ws.getCell(s.rowOf('C005'), s.col('判定')).value = '標準機能で対応'
    s.ws.getCell(s.rowOf('C005'), s.col('対応機能ID')).value = '001-0707'
    await s.wb.xlsx.writeFile(path)
    const {r, json} = await reviewImport(w.db, path)
    expect(r.exitCode, r.stdout).toBe(0)
    expect(
      ReviewImportResultSchema.parse(json).imported.map((i) => [i.customizationId, i.requirementId]),
    ).toEqual([
      ['C002', '0010403'],
      ['C005', '0010707'],
    ])
  })

  it('survives an inserted column, re-sorted and deleted rows, blank rows, a renamed sheet behind a notes sheet', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const {path, open} = await exported(w.db)
    const s = await open()
    s.ws.getCell(s.rowOf('C001'), s.col('判定')).value = '標準外（業務見直し又は独自施策システム）'
    s.ws.getCell(s.rowOf('C002'), s.col('判定')).value = ' 標準機能で対応 '
    s.ws.getCell(s.rowOf('C002'), s.col('確認者')).value = '山田'
    s.ws.spliceRows(s.rowOf('C003'), 1)
    // Re-sort: the data rows in reverse order.
    const first = s.headerRow + 1
    const rows = []
    for (let r = first; r <= s.ws.rowCount; r++) rows.push(s.ws.getRow(r).values as ExcelJS.CellValue[])
    rows.reverse().forEach((values, i) => {
      s.ws.getRow(first + i).values = values
    })
    s.ws.spliceColumns(2, 0, [])
    s.ws.getCell(s.headerRow, 2).value = 'メモ'
    const last = s.ws.rowCount
    for (let r = last + 1; r <= last + 5; r++) s.ws.getCell(r, 3).border = {top: {style: 'thin'}}
    s.ws.name = 'レビュー（山田）'
    const notes = s.wb.addWorksheet('記入例')
    notes.addRow(['判定の選び方'])
    // exceljs writes sheets by orderNo: put the notes sheet first, as reviewers do.
    ;(notes as unknown as {orderNo: number}).orderNo = 0
    ;(s.ws as unknown as {orderNo: number}).orderNo = 1
    await s.wb.xlsx.writeFile(path)
    const check = new ExcelJS.Workbook()
    await check.xlsx.readFile(path)
    expect(check.worksheets.map((x) => x.name)).toEqual(['記入例', 'レビュー（山田）', '候補一覧'])

    const {r, json} = await reviewImport(w.db, path)
    expect(r.exitCode, r.stdout).toBe(0)
    const out = ReviewImportResultSchema.parse(json)
    expect(out.imported.map((i) => [i.customizationId, i.verdict]).sort()).toEqual([
      ['C001', 'outside'],
      ['C002', 'fit'],
    ])
    const fg = await runCli(['fitgap', '--db', w.db, '--json'])
    const lines = FitgapResultSchema.parse(parseJson(fg.stdout)).results
    expect(
      lines
        .filter((l) => l.method === 'review')
        .map((l) => l.customizationId)
        .sort(),
    ).toEqual(['C001', 'C002'])
  })
})

describe('fitgap outputs', () => {
  it('refuses an --output that is not .xlsx before writing anything', async () => {
    const w = await setUpWorkspace(tmp.dir)
    for (const args of [
      ['fitgap', 'review-export', '--output', join(tmp.dir, 'レビュー.csv')],
      ['fitgap', '--output', join(tmp.dir, '比較分析表.xls')],
    ]) {
      const r = await runCli([...args, '--db', w.db, '--json'])
      expect(r.exitCode, args.join(' ')).toBe(2)
      expect((parseJson(r.stdout) as {error: {code: string}}).error.code).toBe('OUTPUT_NOT_XLSX')
      expect(existsSync(args[args.indexOf('--output') + 1]!)).toBe(false)
    }
  })
})
