import type ExcelJS from 'exceljs'
import type {SummaryResult} from './summary.schema.js'
import {
  FONT_NAME,
  safeText,
  wrappedLines,
  writeWorkbook,
  type ColumnSpec,
  type WriteResult,
} from '../reports/workbook-writer.js'

/**
 * 移行計画サマリ: a one-page A4 landscape サマリ (sentences left, two charts right), the charts full
 * size on グラフ (one per printed page), and the figures behind them as tables.
 */

export const SUMMARY_REPORT_SHEET = 'サマリ'
export const CHARTS_SHEET = 'グラフ'

export interface ChartImage {
  readonly title: string
  readonly png: Buffer
  /** Pixel size of the PNG (aspect ratio kept when placed). */
  readonly width: number
  readonly height: number
  /** Shown on the サマリ page too. */
  readonly onSummary: boolean
}

export interface SummaryReportOptions {
  readonly title: string
  /** Extra line under the title (data date, sample marking). */
  readonly subtitle: string
  /** 【サンプル…】 (dataNotice): on every sheet's title line. */
  readonly notice?: string
}

interface BusinessRow {
  readonly business: string
  readonly status: string
  readonly systems: string
  readonly total: number | null
  readonly fit: number | null
  readonly option: number | null
  readonly prohibited: number | null
  readonly outside: number | null
  readonly needsReview: number | null
}

const businessColumns: readonly ColumnSpec<BusinessRow>[] = [
  {header: '業務', value: (r) => r.business},
  {header: '移行状況', value: (r) => r.status},
  {header: 'システム', kind: 'longtext', width: 36, value: (r) => r.systems},
  {header: 'カスタマイズ件数', kind: 'integer', value: (r) => r.total},
  {header: '標準で対応', kind: 'integer', value: (r) => r.fit},
  {header: 'オプション', kind: 'integer', value: (r) => r.option},
  {header: '実装不可', kind: 'integer', value: (r) => r.prohibited},
  {header: '標準外', kind: 'integer', value: (r) => r.outside},
  {header: '要確認', kind: 'integer', value: (r) => r.needsReview},
]

function businessRows(result: SummaryResult): BusinessRow[] {
  return result.status.businesses.map((b) => {
    const f = result.fitgap.businesses.find((x) => x.business === b.business)
    return {
      business: b.business,
      status: b.statusLabel,
      systems: b.systems.join('、'),
      total: f?.total ?? null,
      fit: f?.fit ?? null,
      option: f?.option ?? null,
      prohibited: f?.prohibited ?? null,
      outside: f?.outside ?? null,
      needsReview: f?.needsReview ?? null,
    }
  })
}

/** exceljs orders sheets by `orderNo` at runtime; its typings do not declare it. */
function setOrder(ws: ExcelJS.Worksheet, orderNo: number): void {
  ;(ws as unknown as {orderNo: number}).orderNo = orderNo
}

// Layout of the サマリ page: text in A–F, a gap in G, charts over H–M.
const TEXT_COLS = 6
const TEXT_COL_WIDTH = 15
const CHART_COLS = 6
const CHART_COL_WIDTH = 16
const LINE_HEIGHT = 15
/** Excel column width unit ≈ 7 px at the default font; used to size the images. */
const PX_PER_WIDTH = 7

function addSummarySheet(
  wb: ExcelJS.Workbook,
  result: SummaryResult,
  charts: readonly ChartImage[],
  options: SummaryReportOptions,
): void {
  const ws = wb.addWorksheet(SUMMARY_REPORT_SHEET, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 1,
      margins: {left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.25, footer: 0.25},
    },
    headerFooter: {
      oddHeader: `&L${safeText(result.municipality?.name ?? '')}&R移行計画サマリ（${result.asOf} 時点）`,
      oddFooter: '&C&P / &N ページ',
    },
    views: [{showGridLines: false}],
  })
  // Put the サマリ first: exceljs orders sheets by orderNo.
  setOrder(ws, -1)
  ws.columns = [
    ...Array.from({length: TEXT_COLS}, () => ({width: TEXT_COL_WIDTH})),
    {width: 2},
    ...Array.from({length: CHART_COLS}, () => ({width: CHART_COL_WIDTH})),
  ]
  // The house font of every workbook (the writer's), not a second choice here.
  const font = {name: FONT_NAME, family: 3, charset: 128}
  const lastText = String.fromCharCode(64 + TEXT_COLS)
  let row = 1
  const put = (text: string, style: {size: number; bold?: boolean; fill?: string; indent?: number}): void => {
    ws.mergeCells(`A${row}:${lastText}${row}`)
    const cell = ws.getCell(`A${row}`)
    cell.value = safeText(text)
    cell.font = {...font, size: style.size, bold: style.bold ?? false}
    cell.alignment = {vertical: 'top', wrapText: true, indent: style.indent ?? 0}
    if (style.fill) cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: style.fill}}
    // Explicit heights: LibreOffice does not grow merged wrapped rows on open.
    // A wide character at 11 pt is about 2 width units; wrappedLines keeps its own 10 % margin.
    const usable = (TEXT_COLS * TEXT_COL_WIDTH * (11 / style.size)) / 0.9 - (style.indent ?? 0) * 2
    const lines = wrappedLines(text, usable)
    ws.getRow(row).height = Math.max(style.size * 1.5, lines * style.size * 1.45 + 3)
    row++
  }
  put(options.notice ? `${options.notice}${options.title}` : options.title, {size: 18, bold: true})
  put(options.subtitle, {size: 11})
  for (const section of result.sections) {
    put(`■ ${section.heading}`, {size: 13, bold: true, fill: 'FFDDEBF7'})
    for (const line of section.lines) put(line, {size: 12, indent: 1})
  }
  const textRows = row
  // Two charts on the right, stacked, each the width of the chart columns. Images are anchored to
  // rows, so walk the rows' real heights (points; 1 pt = 4/3 px) to place the second under the first.
  const widthPx = CHART_COLS * CHART_COL_WIDTH * PX_PER_WIDTH
  const rowPx = (r: number): number => ((ws.getRow(r).height as number | undefined) ?? LINE_HEIGHT) * (4 / 3)
  let top = 0
  for (const chart of charts.filter((c) => c.onSummary).slice(0, 2)) {
    const id = wb.addImage({buffer: chart.png as unknown as ExcelJS.Buffer, extension: 'png'})
    const heightPx = (widthPx * chart.height) / chart.width
    ws.addImage(id, {tl: {col: TEXT_COLS + 1, row: top}, ext: {width: widthPx, height: heightPx}})
    let covered = 0
    while (covered < heightPx + 12) covered += rowPx(++top)
  }
  // Keep the printed page at least as tall as the charts.
  for (let r = textRows; r <= top + 1; r++) ws.getRow(r).height ??= LINE_HEIGHT
  ws.pageSetup.printArea = `A1:${String.fromCharCode(64 + TEXT_COLS + 1 + CHART_COLS)}${Math.max(textRows, top + 1)}`
}

function addChartsSheet(
  wb: ExcelJS.Workbook,
  charts: readonly ChartImage[],
  municipality: string,
  notice: string | undefined,
): void {
  const ws = wb.addWorksheet(CHARTS_SHEET, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: {left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.25, footer: 0.25},
    },
    headerFooter: {
      oddHeader: `&L${safeText(municipality)}&R移行計画サマリ グラフ`,
      oddFooter: '&C&P / &N ページ',
    },
    views: [{showGridLines: false}],
  })
  setOrder(ws, 0)
  ws.columns = Array.from({length: 14}, () => ({width: 10}))
  const widthPx = 14 * 10 * PX_PER_WIDTH
  let row = 0
  if (notice !== undefined) {
    // Images only otherwise: the title line of every sheet says when the data is the bundled sample.
    const cell = ws.getCell('A1')
    cell.value = safeText(notice)
    cell.font = {name: FONT_NAME, size: 12, bold: true, color: {argb: 'FFC00000'}}
    row = 1
  }
  for (const chart of charts) {
    const id = wb.addImage({buffer: chart.png as unknown as ExcelJS.Buffer, extension: 'png'})
    const heightPx = (widthPx * chart.height) / chart.width
    ws.addImage(id, {tl: {col: 0, row}, ext: {width: widthPx, height: heightPx}})
    row += Math.ceil(heightPx / 20) + 2
    // One chart per printed page.
    ws.getRow(row).addPageBreak()
  }
}

export async function writeSummaryWorkbook(
  path: string,
  result: SummaryResult,
  charts: readonly ChartImage[],
  options: SummaryReportOptions,
): Promise<WriteResult> {
  const title = [options.title, options.subtitle]
  const risks = result.risks.length > 0 ? result.risks : ['把握しているリスクはありません']
  const sources = [
    result.status.source,
    result.fitgap.source ?? '比較分析表: 未実施（hyojun fitgap）',
    result.cost?.source ?? '経費試算: 未実施（hyojun cost estimate）',
    result.roadmap?.source ?? 'ロードマップ: 未作成（hyojun roadmap）',
    result.rfi?.source ?? 'RFI: 回答未取込（hyojun rfi import）',
  ]
  return writeWorkbook(
    path,
    [
      {name: '業務別状況', title, columns: businessColumns, rows: businessRows(result)},
      {
        name: 'リスク',
        title,
        columns: [{header: 'リスク', kind: 'longtext', width: 110, value: (r: string) => r}],
        rows: risks,
      },
      {
        name: '出典',
        title,
        columns: [
          {
            header: 'このサマリの数値の出典（保存された分析）',
            kind: 'longtext',
            width: 90,
            value: (r: string) => r,
          },
        ],
        rows: sources,
      },
    ],
    (wb) => {
      addSummarySheet(wb, result, charts, options)
      if (charts.length > 0) addChartsSheet(wb, charts, result.municipality?.name ?? '', options.notice)
    },
    {notice: options.notice},
  )
}
