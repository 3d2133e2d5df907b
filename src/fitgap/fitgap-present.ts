import type {FitgapSummary} from './fitgap.schema.js'

/** Rows of the human summary table (shared by `hyojun fitgap` and `hyojun run`). */
export const SUMMARY_HEAD = [
  '業務',
  '版',
  '件数',
  '標準',
  'オプション',
  '実装不可',
  '標準外',
  '要確認',
  '適合率',
  '廃止可能な年間保守費(円)',
] as const

export function summaryRows(
  summary: readonly FitgapSummary[],
  fmt: {readonly yen: (n: number) => string; readonly percent: (r: number) => string},
): (string | number)[][] {
  return summary.map((s) => [
    s.business,
    `第${s.specVersion}版`,
    s.total,
    s.fit,
    s.option,
    s.prohibited,
    s.outside,
    s.needsReview,
    fmt.percent(s.fitRate),
    fmt.yen(s.retirableAnnualCostYen),
  ])
}
