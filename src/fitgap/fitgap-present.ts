import type {FitgapLine, FitgapSummary} from './fitgap.schema.js'

/**
 * Words and rows shared by the terminal (`hyojun fitgap`, `hyojun run`) and the 比較分析表's サマリ sheet,
 * so both say the same thing in the same words.
 */

/** Short verdict headers (prefixes of VERDICT_LABEL) for summary columns. */
export const VERDICT_HEADER = {
  fit: '標準機能で対応',
  option: '標準オプションで対応',
  prohibited: '実装不可',
  outside: '標準外',
} as const

export const SUMMARY_HEADERS = {
  business: '業務',
  version: '仕様書版',
  total: 'カスタマイズ件数',
  fitRate: '標準適合率',
  needsReview: '要確認',
  retirable: '廃止可能な年間保守費（円）',
} as const

export const TOTAL_LABEL = '合計'

/** The summary table's header, in column order. */
export const SUMMARY_HEAD = [
  SUMMARY_HEADERS.business,
  SUMMARY_HEADERS.version,
  SUMMARY_HEADERS.total,
  VERDICT_HEADER.fit,
  VERDICT_HEADER.option,
  VERDICT_HEADER.prohibited,
  VERDICT_HEADER.outside,
  SUMMARY_HEADERS.needsReview,
  SUMMARY_HEADERS.fitRate,
  SUMMARY_HEADERS.retirable,
] as const

/** The 合計 row over every 業務 (specVersion ''). */
export function summaryTotals(summary: readonly FitgapSummary[]): FitgapSummary {
  const sum = (
    k: 'total' | 'fit' | 'option' | 'prohibited' | 'outside' | 'needsReview' | 'retirableAnnualCostYen',
  ): number => summary.reduce((n, s) => n + s[k], 0)
  const total = sum('total')
  return {
    business: TOTAL_LABEL,
    businessId: '',
    specVersion: '',
    total,
    fit: sum('fit'),
    option: sum('option'),
    prohibited: sum('prohibited'),
    outside: sum('outside'),
    needsReview: sum('needsReview'),
    fitRate: total === 0 ? 0 : (sum('fit') + sum('option')) / total,
    retirableAnnualCostYen: sum('retirableAnnualCostYen'),
  }
}

/** Rows of the human summary table, the 合計 row last (when more than one 業務). */
export function summaryRows(
  summary: readonly FitgapSummary[],
  fmt: {readonly yen: (n: number) => string; readonly percent: (r: number) => string},
): (string | number)[][] {
  const rows = summary.length > 1 ? [...summary, summaryTotals(summary)] : summary
  return rows.map((s) => [
    s.business,
    s.specVersion === '' ? '' : `第${s.specVersion}版`,
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

/** 要確認 lines with their reasons for the terminal: the first `limit`, then how many more. */
export function reviewLines(lines: readonly FitgapLine[], limit = 15): string[] {
  const flagged = lines.filter((l) => l.needsReview)
  if (flagged.length === 0) return []
  const counts = new Map<string, number>()
  for (const l of flagged) for (const r of reasonsOf(l)) counts.set(r, (counts.get(r) ?? 0) + 1)
  const out = [
    `要確認 ${flagged.length} 件（要確認理由: ${[...counts].map(([r, n]) => `${r} ${n}`).join('、')}）`,
  ]
  for (const l of flagged.slice(0, limit)) {
    const target = l.requirementId ? `${l.requirementId} ${l.requirementName ?? ''}` : '該当なし'
    out.push(
      `  ${l.business} ${l.system} ${l.customizationId} ${l.name} → ${target}（${l.score.toFixed(2)}）: ${reasonsOf(l).join('・')}`,
    )
  }
  if (flagged.length > limit)
    out.push(`  …ほか ${flagged.length - limit} 件（すべては --json またはレビューシート）`)
  return out
}

/** 要確認理由 of a line, in Japanese (a stale review decision carries its own reason). */
export function reasonsOf(l: FitgapLine): string[] {
  const reasons = l.reviewReasons ?? []
  return reasons.length > 0 ? [...reasons] : l.needsReview ? ['要確認'] : []
}
