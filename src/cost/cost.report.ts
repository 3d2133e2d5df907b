import type {
  AssumptionLine,
  BreakdownLine,
  CashFlow,
  CostBusiness,
  CostEstimate,
  CostSystem,
  ScenarioResult,
} from './cost.schema.js'
import {fiscalYearLabel} from './estimate.js'
import {writeWorkbook, type AnySheetSpec, type WriteResult} from '../reports/workbook-writer.js'

/** 経費試算.xlsx: サマリ, 業務別, システム別, 年度別, シナリオ比較, 前提条件, 内訳. */

export const COST_REPORT = '経費試算.xlsx'

const man = (yen: number): string =>
  `${(yen / 10_000).toLocaleString('ja-JP', {maximumFractionDigits: 0})}万円`
const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`)
const YES_FILL = 'FFC6EFCE'
const NO_FILL = 'FFFFC7CE'

/** The three answers in sentences (also printed by the command). */
export function summarySentences(e: CostEstimate): string[] {
  const t = e.totals
  const target = Math.round(e.targetRate * 100)
  const base = fiscalYearLabel(e.baseYear)
  const rateText =
    t.reductionRate === null
      ? '基準値がないため判定できません'
      : t.reductionRate >= 0
        ? `${pct(t.reductionRate)} 削減`
        : `${pct(-t.reductionRate)} 増加（${base}の ${(1 - t.reductionRate).toFixed(2)} 倍）`
  const first =
    t.reductionRate === null
      ? `① 運用経費: ${base}運用経費（基準値）のあるシステムがないため、${target}%削減目標の達成は判定できません。`
      : t.meetsTarget
        ? `① 運用経費: 移行後は ${base}比 ${rateText}。${target}%削減の目標を達成する見込みです。`
        : `① 運用経費: 移行後は ${base}比 ${rateText}。${target}%削減の目標は達成できず、あと年額 ${man(t.gapToTargetYen)}（${t.gapToTargetYen.toLocaleString('ja-JP')}円）の削減が必要です。`
  return [
    first,
    `② 移行一時経費: ${man(t.oneTimeYen)}。うち補助金（デジタル基盤改革支援補助金）${man(t.subsidyYen)}、補助後の団体負担 ${man(t.netOneTimeYen)}。`,
    `③ 年度別の所要額は「年度別」シート（運用経費 + 一時経費 − 補助金）。シナリオ「${e.scenario}」、試算日 ${e.asOf}、前提条件は${e.assumptionsOrigin === 'default' ? '既定値（要確認の値を含む）' : '取込済みの前提条件ファイル'}。`,
  ]
}

interface SummaryRow {
  readonly item: string
  readonly value: number | string | null
  readonly note: string
}

function summaryRows(e: CostEstimate): SummaryRow[] {
  const t = e.totals
  const base = fiscalYearLabel(e.baseYear)
  const compared = e.systems.filter((s) => s.baselineAnnualYen !== null).length
  return [
    {
      item: `${base}運用経費（基準値・年額）`,
      value: t.baselineAnnualYen,
      note: `基準値のあるシステム ${compared} 件の合計`,
    },
    {
      item: '移行後運用経費（比較対象・年額）',
      value: t.afterAnnualComparedYen,
      note: '同じシステムの移行後の運用経費',
    },
    {
      item: `目標額（${base}比 ${Math.round(e.targetRate * 100)}%削減）`,
      value: t.targetAnnualYen,
      note: '基準値 ×（1 − 削減目標）',
    },
    {
      item: '削減率',
      value: t.reductionRate === null ? '—' : pct(t.reductionRate),
      note: '（基準値 − 移行後）÷ 基準値。負の値は増加',
    },
    {item: '目標の達成', value: t.meetsTarget ? '達成' : '未達成', note: ''},
    {item: '目標までの不足額（年額）', value: t.gapToTargetYen, note: '目標達成のために更に削減が必要な額'},
    {
      item: '現行運用経費（年額・対象システム全体）',
      value: t.currentAnnualYen,
      note: `標準化対象システム ${e.systems.length} 件`,
    },
    {
      item: '移行後運用経費（年額・対象システム全体）',
      value: t.afterAnnualYen,
      note: '基準値のないシステムを含む',
    },
    {item: '移行一時経費', value: t.oneTimeYen, note: '旧システム契約の延長・二重稼働を含む'},
    {item: '補助対象経費', value: t.eligibleOneTimeYen, note: ''},
    {item: '補助金', value: t.subsidyYen, note: `補助上限額 ${t.subsidyCapYen.toLocaleString('ja-JP')}円`},
    {item: '移行一時経費（補助後）', value: t.netOneTimeYen, note: ''},
  ]
}

function summarySheet(e: CostEstimate, municipality: string): AnySheetSpec {
  return {
    name: 'サマリ',
    title: [
      `${municipality ? `${municipality} ` : ''}経費試算（標準準拠システム・ガバメントクラウド移行）`,
      ...summarySentences(e),
      ...(e.warnings.length > 0
        ? [`※ 注意事項 ${e.warnings.length} 件（JSON の warnings、コマンドの警告出力を参照）`]
        : []),
    ],
    columns: [
      {header: '項目', width: 40, value: (r: SummaryRow) => r.item},
      {header: '金額（円）・値', width: 20, kind: 'yen', value: (r: SummaryRow) => r.value},
      {header: '説明', width: 50, value: (r: SummaryRow) => r.note},
    ],
    rows: summaryRows(e),
    rowFill: (r: SummaryRow) =>
      r.item === '目標の達成' ? (e.totals.meetsTarget ? YES_FILL : NO_FILL) : undefined,
  }
}

function businessSheet(e: CostEstimate): AnySheetSpec {
  const total: CostBusiness = {
    business: '合計',
    businessId: '',
    systems: [],
    baselineAnnualYen: e.totals.baselineAnnualYen,
    currentAnnualYen: e.totals.currentAnnualYen,
    afterAnnualYen: e.totals.afterAnnualYen,
    retiredCustomizationYen: e.businesses.reduce((n, b) => n + b.retiredCustomizationYen, 0),
    keptOutsideYen: e.businesses.reduce((n, b) => n + b.keptOutsideYen, 0),
    oneTimeYen: e.totals.oneTimeYen,
    subsidyYen: e.totals.subsidyYen,
    reductionRate: e.totals.reductionRate,
  }
  const names = new Map(e.systems.map((s) => [s.id, s.name]))
  return {
    name: '業務別',
    title: [
      '業務別の運用経費・一時経費（千円）',
      '複数業務を扱うシステムの経費は、業務別単価の比で業務に按分しています。削減率は基準値のあるシステムだけで計算します。',
    ],
    columns: [
      {header: '業務', width: 16, value: (b: CostBusiness) => b.business},
      {
        header: 'システム',
        width: 30,
        value: (b: CostBusiness) => b.systems.map((id) => names.get(id) ?? id).join('\n'),
      },
      {
        header: '平成30年度運用経費（千円）',
        width: 13,
        kind: 'yenThousands',
        value: (b: CostBusiness) => b.baselineAnnualYen,
      },
      {
        header: '現行運用経費（千円）',
        width: 13,
        kind: 'yenThousands',
        value: (b: CostBusiness) => b.currentAnnualYen,
      },
      {
        header: '移行後運用経費（千円）',
        width: 13,
        kind: 'yenThousands',
        value: (b: CostBusiness) => b.afterAnnualYen,
      },
      {header: '削減率', width: 9, kind: 'percent', value: (b: CostBusiness) => b.reductionRate},
      {
        header: '廃止カスタマイズ保守費（千円）',
        width: 13,
        kind: 'yenThousands',
        value: (b: CostBusiness) => b.retiredCustomizationYen,
      },
      {
        header: '独自施策システム（千円）',
        width: 13,
        kind: 'yenThousands',
        value: (b: CostBusiness) => b.keptOutsideYen,
      },
      {
        header: '移行一時経費（千円）',
        width: 13,
        kind: 'yenThousands',
        value: (b: CostBusiness) => b.oneTimeYen,
      },
      {header: '補助金（千円）', width: 13, kind: 'yenThousands', value: (b: CostBusiness) => b.subsidyYen},
    ],
    rows: [...e.businesses, total],
    headerHeight: 45,
    rowFill: (b: CostBusiness) => (b.business === '合計' && b.businessId === '' ? 'FFF2F2F2' : undefined),
  }
}

const CUTOVER_SOURCE: Record<CostSystem['cutoverSource'], string> = {
  roadmap: 'ロードマップ',
  inventory: '台帳の移行予定日',
  parameter: '前提条件（仮置き）',
}

function systemSheet(e: CostEstimate): AnySheetSpec {
  return {
    name: 'システム別',
    title: [
      'システム別の運用経費・一時経費（千円）',
      '移行済のシステムは台帳の年間運用経費を移行後の実績として使います。',
    ],
    columns: [
      {header: 'システムID', width: 10, value: (s: CostSystem) => s.id},
      {header: 'システム', width: 28, value: (s: CostSystem) => s.name},
      {header: '業務', width: 22, value: (s: CostSystem) => s.businesses.join('、')},
      {header: '状況', width: 8, value: (s: CostSystem) => (s.migrated ? '移行済' : '未移行')},
      {header: '移行年月', width: 9, value: (s: CostSystem) => s.cutover},
      {header: '移行年月の根拠', width: 14, value: (s: CostSystem) => CUTOVER_SOURCE[s.cutoverSource]},
      {
        header: '平成30年度運用経費（千円）',
        width: 13,
        kind: 'yenThousands',
        value: (s: CostSystem) => s.baselineAnnualYen ?? '基準値なし',
      },
      {
        header: '現行運用経費（千円）',
        width: 12,
        kind: 'yenThousands',
        value: (s: CostSystem) => s.currentAnnualYen,
      },
      {
        header: '移行後運用経費（千円）',
        width: 12,
        kind: 'yenThousands',
        value: (s: CostSystem) => s.afterAnnualYen,
      },
      {header: '延長（月）', width: 7, kind: 'integer', value: (s: CostSystem) => s.extensionMonths},
      {header: '二重稼働（月）', width: 8, kind: 'integer', value: (s: CostSystem) => s.overlapMonths},
      {
        header: '契約の延長・解約（千円）',
        width: 12,
        kind: 'yenThousands',
        value: (s: CostSystem) => s.contractYen,
      },
      {
        header: '移行一時経費（千円）',
        width: 12,
        kind: 'yenThousands',
        value: (s: CostSystem) => s.oneTimeYen,
      },
      {header: '補助金（千円）', width: 12, kind: 'yenThousands', value: (s: CostSystem) => s.subsidyYen},
    ],
    rows: e.systems,
    headerHeight: 45,
  }
}

function cashFlowSheet(e: CostEstimate): AnySheetSpec {
  const total: CashFlow = {
    fiscalYear: 0,
    label: '合計',
    oneTimeYen: e.cashFlow.reduce((n, c) => n + c.oneTimeYen, 0),
    runningYen: e.cashFlow.reduce((n, c) => n + c.runningYen, 0),
    subsidyYen: e.cashFlow.reduce((n, c) => n + c.subsidyYen, 0),
    netYen: e.cashFlow.reduce((n, c) => n + c.netYen, 0),
  }
  return {
    name: '年度別',
    title: [
      '年度別の所要額（千円）',
      '運用経費は各年度の月割り（移行月から移行後の経費）。一時経費は移行年月の年度に、契約の延長・二重稼働はその月の年度に計上。',
    ],
    columns: [
      {header: '年度', width: 34, value: (c: CashFlow) => c.label},
      {header: '運用経費（千円）', width: 14, kind: 'yenThousands', value: (c: CashFlow) => c.runningYen},
      {header: '移行一時経費（千円）', width: 14, kind: 'yenThousands', value: (c: CashFlow) => c.oneTimeYen},
      {header: '補助金（千円）', width: 14, kind: 'yenThousands', value: (c: CashFlow) => c.subsidyYen},
      {header: '所要額（千円）', width: 14, kind: 'yenThousands', value: (c: CashFlow) => c.netYen},
    ],
    rows: [...e.cashFlow, total],
    rowFill: (c: CashFlow) => (c.fiscalYear === 0 ? 'FFF2F2F2' : undefined),
  }
}

function scenarioSheet(e: CostEstimate): AnySheetSpec {
  return {
    name: 'シナリオ比較',
    title: ['シナリオ比較（千円）', '同じ台帳・前提条件で、為替・クラウド利用料・移行時期を変えた場合'],
    columns: [
      {header: 'シナリオ', width: 16, value: (s: ScenarioResult) => s.name},
      {header: '内容', width: 44, value: (s: ScenarioResult) => s.description},
      {
        header: '移行後運用経費（千円）',
        width: 13,
        kind: 'yenThousands',
        value: (s: ScenarioResult) => s.afterAnnualYen,
      },
      {header: '削減率', width: 9, kind: 'percent', value: (s: ScenarioResult) => s.reductionRate},
      {header: '目標', width: 8, value: (s: ScenarioResult) => (s.meetsTarget ? '達成' : '未達成')},
      {
        header: '目標までの不足額（千円）',
        width: 13,
        kind: 'yenThousands',
        value: (s: ScenarioResult) => s.gapToTargetYen,
      },
      {
        header: '移行一時経費（千円）',
        width: 13,
        kind: 'yenThousands',
        value: (s: ScenarioResult) => s.oneTimeYen,
      },
      {header: '補助金（千円）', width: 13, kind: 'yenThousands', value: (s: ScenarioResult) => s.subsidyYen},
      {
        header: '一時経費（補助後・千円）',
        width: 13,
        kind: 'yenThousands',
        value: (s: ScenarioResult) => s.netOneTimeYen,
      },
    ],
    rows: e.scenarios,
    headerHeight: 45,
    conditionalFills: [{header: '目標', equals: '未達成', color: NO_FILL}],
  }
}

function assumptionSheet(e: CostEstimate): AnySheetSpec {
  return {
    name: '前提条件',
    title: [
      '前提条件（値・単位・出典）',
      e.assumptionsOrigin === 'default'
        ? '前提条件ファイルは取り込まれていません。以下は hyojun の既定値です（「要確認」は年度ごとに変わる国の数値）。'
        : '取り込んだ前提条件ファイルの値です。',
    ],
    columns: [
      {header: 'キー', width: 26, value: (a: AssumptionLine) => a.key},
      {header: '項目', width: 40, value: (a: AssumptionLine) => a.label},
      {
        header: '値',
        width: 14,
        kind: 'number',
        value: (a: AssumptionLine) => (typeof a.value === 'boolean' ? (a.value ? '○' : '×') : a.value),
      },
      {header: '単位', width: 12, value: (a: AssumptionLine) => a.unit},
      {header: '出典・根拠', width: 70, kind: 'longtext', value: (a: AssumptionLine) => a.source},
    ],
    rows: e.assumptions,
  }
}

function breakdownSheet(e: CostEstimate): AnySheetSpec {
  return {
    name: '内訳',
    title: ['内訳（各金額の計算方法と出典）', '金額は円。出典はシステム台帳の行または前提条件の項目です。'],
    columns: [
      {header: '業務', width: 18, value: (l: BreakdownLine) => l.business},
      {header: 'システムID', width: 9, value: (l: BreakdownLine) => l.systemId},
      {header: 'システム', width: 22, value: (l: BreakdownLine) => l.system},
      {header: '項目', width: 30, value: (l: BreakdownLine) => l.item},
      {header: '金額（円）', width: 14, kind: 'yen', value: (l: BreakdownLine) => l.amountYen},
      {header: '計算方法', width: 50, kind: 'longtext', value: (l: BreakdownLine) => l.basis},
      {header: '出典', width: 36, kind: 'longtext', value: (l: BreakdownLine) => l.source},
    ],
    rows: e.breakdown,
  }
}

export function costReportSheets(e: CostEstimate, municipality: string): AnySheetSpec[] {
  return [
    summarySheet(e, municipality),
    businessSheet(e),
    systemSheet(e),
    cashFlowSheet(e),
    scenarioSheet(e),
    assumptionSheet(e),
    breakdownSheet(e),
  ]
}

export async function writeCostWorkbook(
  path: string,
  e: CostEstimate,
  municipality: string,
  /** 【サンプル…】 on every sheet when built from the bundled sample or specs (dataNotice). */
  notice?: string,
): Promise<WriteResult> {
  return writeWorkbook(path, costReportSheets(e, municipality), undefined, {notice})
}
