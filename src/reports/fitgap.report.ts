import type {FitgapLine, FitgapSummary} from '../fitgap/fitgap.schema.js'
import {reasonsOf, SUMMARY_HEADERS, summaryTotals, VERDICT_HEADER} from '../fitgap/fitgap-present.js'
import {VERDICT_LABEL, VERDICTS, type Verdict} from '../fitgap/matcher.js'
import {CLASS_LABEL, type RequirementClass} from '../standard/spec.schema.js'
import {
  writeWorkbook,
  type AnySheetSpec,
  type ColumnSpec,
  type ConditionalFill,
  type WriteResult,
} from './workbook-writer.js'

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

// Sized for A4 landscape (fit to page width): long texts wrap, the three
// candidates share one column, one per line.
const detailColumns: readonly ColumnSpec<FitgapLine>[] = [
  {header: 'システム', width: 14, value: (l) => l.system},
  {header: '管理番号', width: 9, value: (l) => l.customizationId},
  {header: 'カスタマイズ名称', width: 20, value: (l) => l.name},
  {header: '内容', kind: 'longtext', width: 34, value: (l) => l.description},
  {header: '年間保守費（円）', kind: 'yen', width: 11, value: (l) => l.annualCostYen},
  {header: '判定', width: 18, value: (l) => VERDICT_LABEL[l.verdict]},
  {header: 'スコア', kind: 'score', width: 7, value: (l) => l.score},
  {header: '要確認', width: 7, value: (l) => (l.stale ? '要再確認' : l.needsReview ? '○' : '')},
  {header: '要確認理由', kind: 'longtext', width: 16, value: reasonCell},
  {header: '機能ID', width: 9, value: (l) => l.requirementId},
  {header: '機能名称', width: 18, value: (l) => l.requirementName},
  {header: '要件', kind: 'longtext', width: 34, value: (l) => l.requirementText},
  {header: '実装区分', width: 11, value: (l) => classLabel(l.requirementClass)},
  {
    header: '候補（上位3件）',
    kind: 'longtext',
    width: 38,
    value: (l) =>
      [0, 1, 2]
        .map((i) => candidateText(l, i))
        .filter((t) => t !== '')
        .join('\n'),
  },
  // 対応方針・確認者 are written in the review workbook (review-export → review-import), not here.
  {header: '判定方法', width: 9, value: (l) => METHOD_LABEL[l.method]},
]

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
    },
  ]
  for (const s of summary) {
    sheets.push({
      name: s.business,
      title: title(`${s.business}（標準仕様書 第${s.specVersion}版）`),
      columns: detailColumns,
      rows: lines.filter((l) => l.businessId === s.businessId),
      conditionalFills: verdictFills('判定'),
    })
  }
  return sheets
}

export async function writeFitgapWorkbook(
  path: string,
  lines: readonly FitgapLine[],
  summary: readonly FitgapSummary[],
  meta: ReportMeta,
): Promise<WriteResult> {
  return writeWorkbook(path, fitgapSheets(lines, summary, meta), undefined, {notice: meta.notice})
}

const H = REVIEW_HEADERS
const reviewColumns: readonly ColumnSpec<FitgapLine>[] = [
  {header: H.business, value: (l) => l.business},
  {header: H.systemId, width: 10, value: (l) => l.systemId},
  {header: H.system, value: (l) => l.system},
  {header: H.customizationId, value: (l) => l.customizationId},
  {header: 'カスタマイズ名称', width: 24, value: (l) => l.name},
  {header: '内容', kind: 'longtext', width: 40, value: (l) => l.description},
  {header: '提案判定', width: 22, value: (l) => VERDICT_LABEL[l.verdict]},
  {header: H.proposedRequirementId, width: 10, value: (l) => l.requirementId},
  {header: '提案機能名称', width: 24, value: (l) => l.requirementName},
  {header: 'スコア', kind: 'score', width: 8, value: (l) => l.score},
  {header: '要確認', width: 8, value: (l) => (l.stale ? '要再確認' : l.needsReview ? '○' : '')},
  {header: '要確認理由', kind: 'longtext', width: 20, value: reasonCell},
  ...[0, 1, 2].flatMap((i): ColumnSpec<FitgapLine>[] => [
    {header: `候補${i + 1}機能ID`, width: 10, value: (l) => l.candidates[i]?.requirementId},
    {header: `候補${i + 1}機能名称`, width: 22, value: (l) => l.candidates[i]?.requirementName},
    {
      header: `候補${i + 1}実装区分`,
      width: 14,
      value: (l) => classLabel(l.candidates[i]?.requirementClass ?? null),
    },
    {header: `候補${i + 1}スコア`, kind: 'score', width: 8, value: (l) => l.candidates[i]?.score},
  ]),
  {
    header: H.verdict,
    width: 30,
    editable: true,
    list: VERDICTS.map((v) => VERDICT_LABEL[v]),
    value: (l) => (l.review ? VERDICT_LABEL[l.review.verdict] : null),
  },
  {header: H.requirementId, width: 10, editable: true, value: (l) => l.review?.requirementId},
  {header: H.policy, kind: 'longtext', width: 30, editable: true, value: (l) => l.review?.policy},
  {header: H.reviewer, width: 10, editable: true, value: (l) => l.review?.reviewer},
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
      freezeColumns: 5,
      conditionalFills: verdictFills('提案判定'),
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
