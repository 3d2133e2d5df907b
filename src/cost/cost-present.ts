import {formatYen, renderTable} from '../text/format.js'
import {summarySentences} from './cost.report.js'
import type {CostEstimateResult, CostImportResult} from './cost.schema.js'

const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`)
const sen = (yen: number): string => formatYen(Math.round(yen / 1000))

/** Human output of `hyojun cost estimate` (千円 in tables). */
export function presentCostEstimate(r: CostEstimateResult): string {
  const out: string[] = [...summarySentences(r), '']
  out.push(
    renderTable(
      ['業務', '平成30年度(千円)', '現行(千円)', '移行後(千円)', '削減率', '一時経費(千円)', '補助金(千円)'],
      [
        ...r.businesses.map((b) => [
          b.business,
          b.baselineAnnualYen === null ? '基準値なし' : sen(b.baselineAnnualYen),
          sen(b.currentAnnualYen),
          sen(b.afterAnnualYen),
          pct(b.reductionRate),
          sen(b.oneTimeYen),
          sen(b.subsidyYen),
        ]),
        [
          '合計',
          sen(r.totals.baselineAnnualYen),
          sen(r.totals.currentAnnualYen),
          sen(r.totals.afterAnnualYen),
          pct(r.totals.reductionRate),
          sen(r.totals.oneTimeYen),
          sen(r.totals.subsidyYen),
        ],
      ],
    ),
  )
  out.push(
    renderTable(
      ['年度', '運用経費(千円)', '一時経費(千円)', '補助金(千円)', '所要額(千円)'],
      r.cashFlow.map((c) => [
        c.label,
        sen(c.runningYen),
        sen(c.oneTimeYen),
        sen(c.subsidyYen),
        sen(c.netYen),
      ]),
    ),
  )
  out.push(
    renderTable(
      ['シナリオ', '移行後(千円)', '削減率', '目標', '不足額(千円)', '一時経費・補助後(千円)'],
      r.scenarios.map((s) => [
        s.name,
        sen(s.afterAnnualYen),
        pct(s.reductionRate),
        s.meetsTarget ? '達成' : '未達成',
        sen(s.gapToTargetYen),
        sen(s.netOneTimeYen),
      ]),
    ),
  )
  if (r.output) out.push(`出力: ${r.output}`)
  out.push(`試算を保存しました（ID ${r.estimateId}、シナリオ ${r.scenario}、試算日 ${r.asOf}）`)
  return out.join('\n')
}

export function presentCostImport(r: CostImportResult): string {
  const lines = [
    `${r.file}: 前提条件 ${r.parameters} 項目、業務別単価 ${r.businessRates} 業務、システム別単価 ${r.systemRates} 件、人口区分 ${r.populationBands} 区分、一時経費区分 ${r.categories} 区分`,
  ]
  if (r.scenarios.length > 0) lines.push(`独自シナリオ: ${r.scenarios.join('、')}`)
  if (r.changedFromDefault.length > 0)
    lines.push(
      `既定値から変更: ${r.changedFromDefault.map((c) => `${c.label} ${c.value ?? '（空欄）'}`).join('、')}`,
    )
  lines.push(r.dryRun ? '検査のみ行いました（--dry-run のため保存していません）' : '保存しました')
  return lines.join('\n')
}
