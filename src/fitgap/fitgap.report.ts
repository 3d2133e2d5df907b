import type {FitgapLine, FitgapSummary} from './fitgap.schema.js'
import {reasonsOf, SUMMARY_HEADERS, summaryTotals, VERDICT_HEADER} from './fitgap-present.js'
import {VERDICT_LABEL, VERDICTS, type Verdict} from './matcher.js'
import {CLASS_LABEL, type RequirementClass} from '../standard/spec.schema.js'
import {
  writeWorkbook,
  type AnySheetSpec,
  type ColumnSpec,
  type ConditionalFill,
  type WorkbookOptions,
  type WriteResult,
} from '../reports/workbook-writer.js'

/** 比較分析表 (Fit&Gap) and the review workbook: declared sheets, rendered by the one writer. */

export const VERDICT_FILL: Readonly<Record<Verdict, string>> = {
  fit: 'FFC6EFCE',
  option: 'FFDDEBF7',
  prohibited: 'FFFFC7CE',
  outside: 'FFFFEB9C',
}

const METHOD_LABEL: Readonly<Record<FitgapLine['method'], string>> = {
  explicit: '関連機能ID',
  auto: '自動判定',
  review: 'レビュー',
}

export const SUMMARY_SHEET = 'サマリ'
export const REVIEW_SHEET = 'レビュー'

/** Headers of the review workbook's editable columns (read back by review-import). */
export const REVIEW_HEADERS = {
  systemId: 'システムID',
  system: 'システム',
  customizationId: '管理番号',
  business: '業務',
  proposedRequirementId: '提案機能ID',
  verdict: '判定',
  requirementId: '対応機能ID',
  policy: '対応方針',
  reviewer: '確認者',
} as const

export interface ReportMeta {
  readonly municipality: string
  readonly date: string
  /** 【サンプル…・同梱仕様書（架空の要約）】 from `dataNotice`, on every sheet's title line. */
  readonly notice?: string
}

/** 「多賀城市　」 before the date, nothing when the profile is not set (hyojun init). */
function prefix(municipality: string): string {
  return municipality === '' ? '' : `${municipality}　`
}

function classLabel(c: RequirementClass | null): string {
  return c ? CLASS_LABEL[c] : ''
}

function verdictFills(header: string): ConditionalFill[] {
  return VERDICTS.map((v) => ({header, equals: VERDICT_LABEL[v], color: VERDICT_FILL[v]}))
}

function candidateText(l: FitgapLine, i: number): string {
  const c = l.candidates[i]
  return c
    ? `${c.requirementId} ${c.requirementName}（${CLASS_LABEL[c.requirementClass]}・${c.score.toFixed(2)}）`
    : ''
}

type SummaryRow = FitgapSummary & {readonly totalRow?: boolean}

// The same headers as the terminal's summary table (fitgap-present).
const summaryColumns: readonly ColumnSpec<SummaryRow>[] = [
  {header: SUMMARY_HEADERS.business, value: (s) => s.business},
  {header: SUMMARY_HEADERS.version, value: (s) => (s.specVersion === '' ? '' : `第${s.specVersion}版`)},
  {header: SUMMARY_HEADERS.total, kind: 'integer', value: (s) => s.total},
  {header: VERDICT_HEADER.fit, kind: 'integer', width: 12, value: (s) => s.fit},
  {header: VERDICT_HEADER.option, kind: 'integer', width: 12, value: (s) => s.option},
  {header: VERDICT_HEADER.prohibited, kind: 'integer', width: 12, value: (s) => s.prohibited},
  {header: VERDICT_HEADER.outside, kind: 'integer', width: 12, value: (s) => s.outside},
  {header: SUMMARY_HEADERS.fitRate, kind: 'percent', value: (s) => s.fitRate},
  {header: SUMMARY_HEADERS.needsReview, kind: 'integer', value: (s) => s.needsReview},
  {header: SUMMARY_HEADERS.retirable, kind: 'yen', width: 16, value: (s) => s.retirableAnnualCostYen},
]

export function totalsRow(summary: readonly FitgapSummary[]): SummaryRow {
  return {...summaryTotals(summary), totalRow: true}
}

/** 要確認理由 cell: one reason per line. */
function reasonCell(l: FitgapLine): string {
  return reasonsOf(l).join('\n')
}

/** The three candidates, one per line (「機能ID 機能名称（実装区分・スコア）」). */
function candidatesText(l: FitgapLine): string {
  return [0, 1, 2]
    .map((i) => candidateText(l, i))
    .filter((t) => t !== '')
    .join('\n')
}

// Sized for A3 landscape, fit to the page width: the widths add up to about 210 character units,
// which prints at 8 pt or more (printedFontPt; Excel prints it larger). Long texts wrap and rows grow to the lines they need;
// the three candidates share one column, one per line.
const detailColumns: readonly ColumnSpec<FitgapLine>[] = [
  {header: 'システム', width: 11, value: (l) => l.system},
  {header: '管理番号', width: 8, value: (l) => l.customizationId},
  {header: 'カスタマイズ名称', width: 14, value: (l) => l.name},
  {header: '内容', kind: 'longtext', width: 26, value: (l) => l.description},
  {header: '年間保守費（円）', kind: 'yen', width: 9, value: (l) => l.annualCostYen},
  {header: '判定', width: 13, value: (l) => VERDICT_LABEL[l.verdict]},
  {header: 'スコア', kind: 'score', width: 6, value: (l) => l.score},
  {header: '要確認', width: 6, value: (l) => (l.stale ? '要再確認' : l.needsReview ? '○' : '')},
  {header: '要確認理由', kind: 'longtext', width: 14, value: reasonCell},
  {header: '機能ID', width: 8, value: (l) => l.requirementId},
  {header: '機能名称', width: 14, value: (l) => l.requirementName},
  {header: '要件', kind: 'longtext', width: 28, value: (l) => l.requirementText},
  {header: '実装区分', width: 10, value: (l) => classLabel(l.requirementClass)},
  {header: '候補（上位3件）', kind: 'longtext', width: 32, value: candidatesText},
  // 対応方針・確認者 are written in the review workbook (review-export → review-import), not here.
  {header: '判定方法', width: 8, value: (l) => METHOD_LABEL[l.method]},
]

/** Page header and footer of a report sheet: what, whose and when on every printed page. */
function pageText(
  what: string,
  meta: {readonly municipality: string; readonly date: string},
): Pick<AnySheetSpec, 'printHeader' | 'printFooter'> {
  return {
    printHeader: {left: what, right: `${prefix(meta.municipality)}作成日 ${meta.date}`},
    printFooter: {left: '{sheet}', center: '{page} / {pages} ページ', right: meta.municipality},
  }
}

/** Sheets of the 比較分析表: サマリ, then one per 業務. */
export function fitgapSheets(
  lines: readonly FitgapLine[],
  summary: readonly FitgapSummary[],
  meta: ReportMeta,
): AnySheetSpec[] {
  const title = (what: string): string[] => [
    `比較分析表（Fit&Gap）${what}`,
    `${prefix(meta.municipality)}作成日 ${meta.date}　判定: ${VERDICTS.map((v) => VERDICT_LABEL[v]).join(' / ')}`,
  ]
  const sheets: AnySheetSpec[] = [
    {
      name: SUMMARY_SHEET,
      title: title('サマリ'),
      columns: summaryColumns,
      rows: [...summary, totalsRow(summary)],
      rowFill: (s: SummaryRow) => (s.totalRow ? 'FFD9D9D9' : undefined),
      ...pageText('比較分析表（Fit&Gap）サマリ', meta),
    },
  ]
  const byBusiness = new Map<string, FitgapLine[]>()
  for (const l of lines) {
    const list = byBusiness.get(l.businessId)
    if (list) list.push(l)
    else byBusiness.set(l.businessId, [l])
  }
  for (const s of summary) {
    sheets.push({
      name: s.business,
      title: title(`${s.business}（標準仕様書 第${s.specVersion}版）`),
      columns: detailColumns,
      rows: byBusiness.get(s.businessId) ?? [],
      rowLabel: (l: FitgapLine) => `カスタマイズ ${l.systemId}/${l.customizationId}`,
      conditionalFills: verdictFills('判定'),
      paper: 'A3',
      ...pageText(`比較分析表（Fit&Gap）${s.business}（標準仕様書 第${s.specVersion}版）`, meta),
    })
  }
  return sheets
}

export async function writeFitgapWorkbook(
  path: string,
  lines: readonly FitgapLine[],
  summary: readonly FitgapSummary[],
  meta: ReportMeta,
  options: Pick<WorkbookOptions, 'onRows' | 'maxSheetRows'> = {},
): Promise<WriteResult> {
  return writeWorkbook(path, fitgapSheets(lines, summary, meta), undefined, {...options, notice: meta.notice})
}

const H = REVIEW_HEADERS
// Sized for A3 landscape (about 200 character units: 8 pt or more printed, see printedFontPt). The candidates share one
// wrapped column here; the 候補一覧 sheet has them one per row, each field in its own cell.
const reviewColumns: readonly ColumnSpec<FitgapLine>[] = [
  {header: H.business, width: 10, value: (l) => l.business},
  {header: H.systemId, width: 8, value: (l) => l.systemId},
  {header: H.system, width: 10, value: (l) => l.system},
  {header: H.customizationId, width: 8, value: (l) => l.customizationId},
  {header: 'カスタマイズ名称', width: 14, value: (l) => l.name},
  {header: '内容', kind: 'longtext', width: 22, value: (l) => l.description},
  {header: '提案判定', width: 12, value: (l) => VERDICT_LABEL[l.verdict]},
  {header: H.proposedRequirementId, width: 8, value: (l) => l.requirementId},
  {header: '提案機能名称', width: 14, value: (l) => l.requirementName},
  {header: 'スコア', kind: 'score', width: 6, value: (l) => l.score},
  {header: '要確認', width: 6, value: (l) => (l.stale ? '要再確認' : l.needsReview ? '○' : '')},
  {header: '候補（上位3件）', kind: 'longtext', width: 28, value: candidatesText},
  {header: '要確認理由', kind: 'longtext', width: 14, value: reasonCell},
  {
    header: H.verdict,
    width: 14,
    editable: true,
    list: VERDICTS.map((v) => VERDICT_LABEL[v]),
    value: (l) => (l.review ? VERDICT_LABEL[l.review.verdict] : null),
  },
  {header: H.requirementId, width: 9, editable: true, value: (l) => l.review?.requirementId},
  {header: H.policy, kind: 'longtext', width: 18, editable: true, value: (l) => l.review?.policy},
  {header: H.reviewer, width: 9, editable: true, value: (l) => l.review?.reviewer},
]

export const CANDIDATES_SHEET = '候補一覧'

interface CandidateRow {
  readonly line: FitgapLine
  readonly rank: number
}

// One row per candidate: each field in its own cell, to copy a 機能ID into 対応機能ID. A4 landscape.
const candidateColumns: readonly ColumnSpec<CandidateRow>[] = [
  {header: H.business, width: 14, value: (r) => r.line.business},
  {header: H.systemId, width: 9, value: (r) => r.line.systemId},
  {header: H.customizationId, width: 9, value: (r) => r.line.customizationId},
  {header: 'カスタマイズ名称', width: 22, value: (r) => r.line.name},
  {header: '順位', kind: 'integer', width: 5, value: (r) => r.rank},
  {header: '機能ID', width: 9, value: (r) => r.line.candidates[r.rank - 1]?.requirementId},
  {header: '機能名称', width: 30, value: (r) => r.line.candidates[r.rank - 1]?.requirementName},
  {
    header: '実装区分',
    width: 16,
    value: (r) => classLabel(r.line.candidates[r.rank - 1]?.requirementClass ?? null),
  },
  {header: 'スコア', kind: 'score', width: 7, value: (r) => r.line.candidates[r.rank - 1]?.score},
]

export function reviewSheets(lines: readonly FitgapLine[], meta: ReportMeta): AnySheetSpec[] {
  return [
    {
      name: REVIEW_SHEET,
      title: [
        'Fit&Gap レビューシート',
        `${prefix(meta.municipality)}作成日 ${meta.date}　黄色見出しの列（判定・対応機能ID・対応方針・確認者）を入力し、hyojun fitgap review-import で取り込んでください。判定が空欄の行は自動判定のままです。`,
      ],
      columns: reviewColumns,
      rows: lines,
      rowLabel: (l: FitgapLine) => `カスタマイズ ${l.systemId}/${l.customizationId}`,
      freezeColumns: 5,
      conditionalFills: verdictFills('提案判定'),
      paper: 'A3',
      ...pageText('Fit&Gap レビューシート', meta),
    },
    {
      name: CANDIDATES_SHEET,
      title: [
        'Fit&Gap レビュー 候補一覧（参照用）',
        `${prefix(meta.municipality)}作成日 ${meta.date}　カスタマイズごとの候補（上位3件）。対応機能IDの記入に使ってください（このシートは取り込みません）。`,
      ],
      columns: candidateColumns,
      rows: lines.flatMap((line) => line.candidates.slice(0, 3).map((_, i) => ({line, rank: i + 1}))),
      ...pageText('Fit&Gap レビュー 候補一覧', meta),
    },
  ]
}

export async function writeReviewWorkbook(
  path: string,
  lines: readonly FitgapLine[],
  meta: ReportMeta,
): Promise<WriteResult> {
  return writeWorkbook(path, reviewSheets(lines, meta), undefined, {notice: meta.notice})
}
