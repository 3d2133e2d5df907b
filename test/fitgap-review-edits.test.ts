import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {ReviewImportResultSchema} from '../src/fitgap/fitgap.schema.js'
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
})
