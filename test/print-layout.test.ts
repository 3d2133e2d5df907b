import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import type {FitgapLine, FitgapSummary} from '../src/fitgap/fitgap.schema.js'
import {CANDIDATES_SHEET, fitgapSheets, REVIEW_SHEET, reviewSheets} from '../src/fitgap/fitgap.report.js'
import {
  CUSTOMIZATIONS_SHEET,
  inventoryTemplateSheets,
  SYSTEMS_SHEET,
  TEMPLATE_RULED_ROWS,
} from '../src/inventory/inventory-template.report.js'
import {FONT_NAME, writeWorkbook} from '../src/reports/workbook-writer.js'
import {makeTempDir} from './helpers.js'
import {headerRowNumber, printedPointSize, rowsTooShort} from './print-helpers.js'

let tmp: {dir: string; cleanup: () => void}
beforeEach(() => (tmp = makeTempDir()))
afterEach(() => tmp.cleanup())

const META = {municipality: '汐見川市', date: '2026-12-02'}

function line(i: number): FitgapLine {
  const candidate = (k: number) => ({
    requirementId: `00100${i}${k}`,
    requirementName: `住民票の写し等の交付に係る証明書の様式と記載事項の選択（第${k}候補）`,
    requirementClass: 'mandatory' as const,
    score: 0.9 - k / 10,
  })
  return {
    customizationId: `C-${String(i).padStart(3, '0')}`,
    systemId: 'SYS-001',
    system: '住民情報システム',
    business: '住民基本台帳',
    businessId: '001',
    specVersion: '6.1',
    name: '転入時の独自帳票出力',
    description:
      '転入届の受付時に、市独自の案内文書（ごみ出し・子育て支援・国保の手続）を自動で印刷する。'.repeat(
        i % 3 === 0 ? 3 : 1,
      ),
    requirementId: '0010001',
    requirementName: '住民票の写しの交付',
    requirementText: '住民票の写しを、記載事項を選択して交付できること。世帯全員・一部の別を選べること。',
    requirementClass: 'mandatory',
    score: 0.82,
    method: 'auto',
    verdict: i % 2 === 0 ? 'fit' : 'outside',
    needsReview: i % 2 === 1,
    stale: false,
    candidates: [candidate(1), candidate(2), candidate(3)],
    annualCostYen: 240_000,
    review: null,
  }
}

const LINES = Array.from({length: 12}, (_, i) => line(i))
const SUMMARY: FitgapSummary[] = [
  {
    business: '住民基本台帳',
    businessId: '001',
    specVersion: '6.1',
    total: 12,
    fit: 6,
    option: 0,
    prohibited: 0,
    outside: 6,
    needsReview: 6,
    fitRate: 0.5,
    retirableAnnualCostYen: 1_440_000,
  },
]

async function readBack(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb
}

describe('比較分析表 on paper', () => {
  it('prints each 業務 sheet on A3 at 8 pt or more, rows tall enough for all three candidates, headed with what/団体/date', async () => {
    const path = join(tmp.dir, '比較分析表.xlsx')
    await writeWorkbook(path, fitgapSheets(LINES, SUMMARY, META))
    const wb = await readBack(path)
    const ws = wb.getWorksheet('住民基本台帳')!
    const hr = headerRowNumber(ws, 'システム')
    expect(ws.pageSetup).toMatchObject({
      paperSize: 8,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
    })
    expect(printedPointSize(ws, `A${hr + 1}`)).toBeGreaterThanOrEqual(8)
    expect(ws.getCell(`A${hr + 1}`).font).toMatchObject({name: FONT_NAME})
    expect(rowsTooShort(ws, hr + 1)).toEqual([])
    // The 3rd candidate's line is inside its cell: the row holds every line of the 候補 column.
    const candidates = ws.getRow(hr).values as unknown[]
    const cc = candidates.indexOf('候補（上位3件）')
    expect(String(ws.getRow(hr + 1).getCell(cc).value).split('\n')).toHaveLength(3)
    expect(ws.headerFooter.oddHeader).toContain('比較分析表（Fit&&Gap）住民基本台帳')
    expect(ws.headerFooter.oddHeader).toContain('汐見川市　作成日 2026-12-02')
    expect(ws.headerFooter.oddFooter).toContain('&A')
    expect(ws.headerFooter.oddFooter).toContain('&P / &N ページ')
    const summary = wb.getWorksheet('サマリ')!
    expect(printedPointSize(summary, 'A5')).toBeGreaterThanOrEqual(8)
    expect(summary.headerFooter.oddHeader).toContain('汐見川市')
  })
})

describe('review workbook on paper', () => {
  it('prints the review sheet on A3 at 8 pt or more; candidates in one column and, one per row, on their own sheet', async () => {
    const path = join(tmp.dir, 'レビュー.xlsx')
    await writeWorkbook(path, reviewSheets(LINES, META))
    const wb = await readBack(path)
    const ws = wb.getWorksheet(REVIEW_SHEET)!
    const hr = headerRowNumber(ws, '業務')
    expect(ws.pageSetup).toMatchObject({paperSize: 8, orientation: 'landscape', fitToWidth: 1})
    expect(printedPointSize(ws, `A${hr + 1}`)).toBeGreaterThanOrEqual(8)
    expect(rowsTooShort(ws, hr + 1)).toEqual([])
    expect(ws.headerFooter.oddHeader).toContain('汐見川市')

    const cands = wb.getWorksheet(CANDIDATES_SHEET)!
    const chr = headerRowNumber(cands, '業務')
    expect(cands.rowCount - chr).toBe(LINES.length * 3)
    expect(cands.getRow(chr + 3).getCell(5).value).toBe(3)
    expect(cands.getRow(chr + 3).getCell(6).value).toBe(LINES[0]!.candidates[2]!.requirementId)
    expect(printedPointSize(cands, `A${chr + 1}`)).toBeGreaterThanOrEqual(8)
  })
})

describe('inventory template on paper', () => {
  it('has ruled rows to write in, readable on A3, with 団体名 and 記入日 in the page header', async () => {
    const path = join(tmp.dir, '様式.xlsx')
    await writeWorkbook(path, inventoryTemplateSheets('both'))
    const wb = await readBack(path)
    for (const name of [SYSTEMS_SHEET, CUSTOMIZATIONS_SHEET]) {
      const ws = wb.getWorksheet(name)!
      const first = ws.getRow(ws.rowCount - TEMPLATE_RULED_ROWS + 1)
      const hr = first.number - 1
      expect(ws.getRow(hr).getCell(1).value, name).toBeTruthy()
      expect(ws.pageSetup).toMatchObject({paperSize: 8, orientation: 'landscape', fitToWidth: 1})
      expect(printedPointSize(ws, `A${hr + 1}`), name).toBeGreaterThanOrEqual(8)
      for (let n = hr + 1; n <= hr + TEMPLATE_RULED_ROWS; n++) {
        expect(ws.getRow(n).height, `${name} row ${n}`).toBeGreaterThanOrEqual(20)
        for (let c = 1; c <= ws.columnCount; c++) {
          const cell = ws.getRow(n).getCell(c)
          expect(cell.value).toBeNull()
          expect(cell.border, `${name} ${cell.address}`).toMatchObject({
            top: {style: 'thin'},
            bottom: {style: 'thin'},
            left: {style: 'thin'},
            right: {style: 'thin'},
          })
        }
      }
      expect(ws.headerFooter.oddHeader).toContain('団体名')
      expect(ws.headerFooter.oddHeader).toContain('記入日')
    }
  })
})
