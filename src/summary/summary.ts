/**
 * The CIO summary (移行計画サマリ) as a pure function of stored analyses: no DB, no clock, no I/O.
 * Inputs are the parts of the cost / roadmap / RFI JSON contracts the summary reads, so any stored
 * result of those commands can be passed as is.
 */
import {BUSINESSES, findBusiness} from '../catalog/catalog.js'
import type {CashFlowYear, RunningCostChartInput, TimelineRow, VerdictBreakdownRow} from './charts.js'
import {yenShort} from './charts.js'
import {
  STATUS_LABEL,
  type StatusKey,
  type SummaryCost,
  type SummaryFitgap,
  type SummaryRfi,
  type SummaryRoadmap,
  type SummarySection,
  type SummaryStatus,
} from './summary.schema.js'

export interface SystemStatusInput {
  readonly name: string
  readonly businessIds: readonly string[]
  readonly status: string | null
}

export interface FitgapAggregateInput {
  readonly business: string
  readonly total: number
  readonly fit: number
  readonly option: number
  readonly prohibited: number
  readonly outside: number
  readonly needsReview: number
  readonly retirableAnnualCostYen: number
  /** ISO timestamp of the analysis. */
  readonly analyzedAt: string
}

/** The fields of `hyojun cost estimate --json` the summary reads. */
export interface CostEstimateInput {
  readonly targetRate: number
  readonly totals: {
    readonly baselineAnnualYen: number | null
    readonly currentAnnualYen: number
    readonly afterAnnualYen: number
    readonly reductionRate: number | null
    readonly meetsTarget: boolean | null
    readonly gapToTargetYen: number | null
    readonly oneTimeYen: number
    readonly subsidyYen: number
    readonly netOneTimeYen: number
    /** 移行後 of the systems that have a baseline (what the rate compares); absent in older results. */
    readonly afterAnnualComparedYen?: number
  }
  readonly cashFlow: readonly {
    readonly fiscalYear: number
    readonly label: string
    readonly oneTimeYen: number
    readonly runningYen: number
    readonly subsidyYen: number
    readonly netYen: number
  }[]
  readonly scenarios: readonly {
    readonly name: string
    readonly afterAnnualYen: number
    readonly reductionRate: number | null
    readonly meetsTarget: boolean | null
  }[]
}

/** The fields of `hyojun roadmap --json` the summary reads. */
export interface RoadmapInput {
  readonly today: string
  readonly deadline: string
  readonly items: readonly {
    readonly systemId: string
    readonly system: string
    readonly businesses: readonly string[]
    readonly status: string | null
    readonly phases: readonly {readonly name: string; readonly start: string; readonly end: string}[]
    readonly cutover: string | null
    readonly slackMonths: number | null
    readonly onTime: boolean
    readonly reasons: readonly string[]
    readonly risks: readonly string[]
  }[]
  readonly infeasible: readonly {readonly systemId: string; readonly reason: string}[]
}

/** The fields of `hyojun rfi compare --json` the summary reads. */
export interface RfiInput {
  readonly businesses: readonly {
    readonly business: string
    readonly vendors: readonly {
      readonly vendor: string
      readonly rank: number | null
      readonly mandatoryNotMet: number
      readonly prohibitedOffered: number
      readonly flags: readonly string[]
    }[]
  }[]
}

export interface Stored<T> {
  readonly value: T
  /** ISO timestamp the analysis was stored. */
  readonly createdAt: string
  /** Scenario name (cost) or other label. */
  readonly label?: string
}

export interface SummaryInput {
  /** YYYY-MM-DD: the data date of the report. */
  readonly asOf: string
  readonly systems: readonly SystemStatusInput[]
  /** Date the システム台帳 was last imported (ISO), null when never. */
  readonly inventoryImportedAt: string | null
  readonly fitgap: readonly FitgapAggregateInput[]
  readonly cost: Stored<CostEstimateInput> | null
  readonly roadmap: Stored<RoadmapInput> | null
  readonly rfi: Stored<RfiInput> | null
}

export interface SummaryCore {
  readonly status: SummaryStatus
  readonly fitgap: SummaryFitgap
  readonly cost: SummaryCost | null
  readonly roadmap: SummaryRoadmap | null
  readonly rfi: SummaryRfi | null
  readonly risks: string[]
  readonly sections: SummarySection[]
  readonly charts: {
    readonly runningCost: RunningCostChartInput | null
    readonly verdicts: readonly VerdictBreakdownRow[]
    readonly cashFlow: readonly CashFlowYear[]
    readonly timeline: readonly TimelineRow[] | null
  }
}

const day = (iso: string): string => iso.slice(0, 10)

/** 「令和8年12月」 for a YYYY-MM. */
export function reiwaMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number)
  const n = (y ?? 2019) - 2018
  return `令和${n === 1 ? '元' : n}年${m ?? 1}月`
}

function addMonths(ym: string, months: number): string {
  const [y, m] = ym.split('-').map(Number)
  const idx = (y ?? 0) * 12 + (m ?? 1) - 1 + months
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`

// ---------------------------------------------------------------------------------------------

export function summarizeStatus(
  systems: readonly SystemStatusInput[],
  importedAt: string | null,
): SummaryStatus {
  const counts = {done: 0, inProgress: 0, special: 0, notStarted: 0, unregistered: 0}
  const businesses = BUSINESSES.map((b) => {
    const covering = systems.filter((s) => s.businessIds.includes(b.id))
    const statuses = covering.map((s) => (s.status ?? '').trim())
    let status: StatusKey
    if (covering.length === 0) status = 'unregistered'
    else if (statuses.every((s) => s === '移行済')) status = 'done'
    else if (statuses.includes('特定移行支援')) status = 'special'
    else if (statuses.some((s) => s === '移行作業中' || s === '移行済')) status = 'inProgress'
    else status = 'notStarted'
    counts[status]++
    return {
      business: b.name,
      businessId: b.id,
      status,
      statusLabel: STATUS_LABEL[status],
      systems: covering.map((s) => s.name),
    }
  })
  return {
    counts,
    businesses,
    source: importedAt ? `システム台帳（${day(importedAt)} 取込）` : 'システム台帳（未取込）',
  }
}

export function summarizeFitgap(rows: readonly FitgapAggregateInput[]): SummaryFitgap {
  if (rows.length === 0) {
    return {
      available: false,
      source: null,
      analyzedAt: null,
      total: null,
      fit: null,
      option: null,
      prohibited: null,
      outside: null,
      needsReview: null,
      retirableAnnualCostYen: null,
      businesses: [],
    }
  }
  const sum = (k: 'total' | 'fit' | 'option' | 'prohibited' | 'outside' | 'needsReview'): number =>
    rows.reduce((n, r) => n + r[k], 0)
  const analyzedAt = rows
    .map((r) => r.analyzedAt)
    .sort()
    .at(-1)!
  return {
    available: true,
    source: `比較分析表（${day(analyzedAt)} 分析）`,
    analyzedAt,
    total: sum('total'),
    fit: sum('fit'),
    option: sum('option'),
    prohibited: sum('prohibited'),
    outside: sum('outside'),
    needsReview: sum('needsReview'),
    retirableAnnualCostYen: rows.reduce((n, r) => n + r.retirableAnnualCostYen, 0),
    businesses: rows.map((r) => ({
      business: r.business,
      total: r.total,
      fit: r.fit,
      option: r.option,
      prohibited: r.prohibited,
      outside: r.outside,
      needsReview: r.needsReview,
    })),
  }
}

/** The cost estimate's built-in base scenario is named `base` in its JSON; people read 基本. */
export function scenarioLabel(name: string): string {
  return name === 'base' ? '基本' : name
}

export function summarizeCost(stored: Stored<CostEstimateInput>): SummaryCost {
  const {value: e, createdAt} = stored
  const scenario = scenarioLabel(stored.label ?? 'base')
  return {
    source: `経費試算（シナリオ「${scenario}」${day(createdAt)} 試算）`,
    scenario,
    createdAt,
    baselineAnnualYen: e.totals.baselineAnnualYen,
    currentAnnualYen: e.totals.currentAnnualYen,
    afterAnnualYen: e.totals.afterAnnualYen,
    afterAnnualComparedYen: e.totals.afterAnnualComparedYen ?? e.totals.afterAnnualYen,
    reductionRate: e.totals.reductionRate,
    targetRate: e.targetRate,
    meetsTarget: e.totals.meetsTarget,
    gapToTargetYen: e.totals.gapToTargetYen,
    oneTimeYen: e.totals.oneTimeYen,
    subsidyYen: e.totals.subsidyYen,
    netOneTimeYen: e.totals.netOneTimeYen,
    scenarios: e.scenarios.map((s) => ({
      name: scenarioLabel(s.name),
      afterAnnualYen: s.afterAnnualYen,
      reductionRate: s.reductionRate,
      meetsTarget: s.meetsTarget,
    })),
  }
}

/** Slack at or under this many months counts as 余裕が少ない. */
export const TIGHT_SLACK_MONTHS = 3

export function summarizeRoadmap(stored: Stored<RoadmapInput>, asOf: string): SummaryRoadmap {
  const plan = stored.value
  const from = asOf.slice(0, 7)
  const to = addMonths(from, 12)
  const nextCutovers = plan.items
    .filter((i) => i.cutover !== null && i.cutover >= from && i.cutover < to && i.status !== '移行済')
    .sort(
      (a, b) => (a.cutover ?? '').localeCompare(b.cutover ?? '') || a.system.localeCompare(b.system, 'ja'),
    )
    .map((i) => ({system: i.system, businesses: [...i.businesses], cutover: i.cutover!}))
  const names = new Map(plan.items.map((i) => [i.systemId, i.system]))
  const late = [
    ...plan.items
      .filter((i) => !i.onTime && i.status !== '移行済')
      .map((i) => ({
        system: i.system,
        reason: i.risks[0] ?? i.reasons.at(-1) ?? '期限までに移行できない見込みです',
      })),
    ...plan.infeasible
      .filter((x) => !plan.items.some((i) => i.systemId === x.systemId && !i.onTime))
      .map((x) => ({system: names.get(x.systemId) ?? x.systemId, reason: x.reason})),
  ]
  const atRisk = plan.items
    .filter(
      (i) =>
        i.onTime && i.status !== '移行済' && i.slackMonths !== null && i.slackMonths <= TIGHT_SLACK_MONTHS,
    )
    .map((i) => ({system: i.system, reason: `期限までの余裕 ${i.slackMonths} か月`}))
  const cutovers = plan.items.flatMap((i) => (i.cutover ? [i.cutover] : [])).sort()
  return {
    source: `ロードマップ（${day(stored.createdAt)} 作成、基準日 ${plan.today}）`,
    today: plan.today,
    deadline: plan.deadline,
    createdAt: stored.createdAt,
    nextCutovers,
    late,
    atRisk,
    lastCutover: cutovers.at(-1) ?? null,
  }
}

export function summarizeRfi(stored: Stored<RfiInput>): SummaryRfi {
  return {
    source: `RFI比較（${day(stored.createdAt)} 時点）`,
    businesses: stored.value.businesses.map((b) => {
      const top = [...b.vendors].filter((v) => v.rank !== null).sort((x, y) => x.rank! - y.rank!)[0]
      const flagged = b.vendors
        .filter((v) => v.mandatoryNotMet > 0 || v.prohibitedOffered > 0)
        .map((v) => {
          const why = [
            v.mandatoryNotMet > 0 ? `必須 ${v.mandatoryNotMet} 件が○以外` : '',
            v.prohibitedOffered > 0 ? `実装不可機能 ${v.prohibitedOffered} 件を提供` : '',
          ].filter((s) => s !== '')
          return `${v.vendor}（${why.join('・')}）`
        })
      return {business: b.business, vendors: b.vendors.length, topVendor: top?.vendor ?? null, flagged}
    }),
  }
}

// ---------------------------------------------------------------------------------------------

function businessName(nameOrId: string): string {
  return findBusiness(nameOrId)?.name ?? nameOrId
}

function timelineRows(status: SummaryStatus, plan: RoadmapInput): TimelineRow[] {
  return status.businesses
    .filter((b) => b.status !== 'unregistered')
    .map((b) => {
      const items = plan.items.filter((i) => i.businesses.some((x) => businessName(x) === b.business))
      const open = items.filter((i) => i.status !== '移行済')
      const starts = open.flatMap((i) => i.phases.map((p) => p.start)).sort()
      const cutovers = items.flatMap((i) => (i.cutover ? [i.cutover] : [])).sort()
      return {
        business: b.business,
        start: starts[0] ?? null,
        cutover: cutovers.at(-1) ?? null,
        status: b.statusLabel,
        late: open.some((i) => !i.onTime),
      }
    })
}

export function collectRisks(
  fitgap: SummaryFitgap,
  cost: SummaryCost | null,
  roadmap: SummaryRoadmap | null,
  rfi: SummaryRfi | null,
): string[] {
  const risks: string[] = []
  for (const l of roadmap?.late ?? []) risks.push(`期限超過の見込み: ${l.system} — ${l.reason}`)
  if (cost && cost.meetsTarget === false && cost.gapToTargetYen !== null) {
    risks.push(
      `運用経費の3割削減目標が未達: あと ${yenShort(cost.gapToTargetYen)}/年の削減が必要（${cost.source}）`,
    )
  }
  for (const b of rfi?.businesses ?? []) {
    if (b.flagged.length > 0) risks.push(`RFI ${b.business}: ${b.flagged.join('、')}`)
  }
  if (fitgap.available && fitgap.total !== null && fitgap.total > 0 && fitgap.needsReview !== null) {
    const share = fitgap.needsReview / fitgap.total
    if (share >= 0.1)
      risks.push(
        `Fit&Gap の要確認が ${fitgap.needsReview} 件（${pct(share)}）残っています: 担当課のレビューが必要です`,
      )
  }
  for (const a of roadmap?.atRisk ?? []) risks.push(`余裕が少ない: ${a.system}（${a.reason}）`)
  return risks
}

const MAX_LIST = 6

function listOrMore(items: readonly string[], max = MAX_LIST): string {
  return items.length <= max
    ? items.join('、')
    : `${items.slice(0, max).join('、')} ほか ${items.length - max} 件`
}

export function buildSections(
  status: SummaryStatus,
  fitgap: SummaryFitgap,
  cost: SummaryCost | null,
  roadmap: SummaryRoadmap | null,
  rfi: SummaryRfi | null,
  risks: readonly string[],
): SummarySection[] {
  const c = status.counts
  const sections: SummarySection[] = []
  sections.push({
    heading: '20業務の移行状況',
    lines: [
      `移行済 ${c.done}業務・移行作業中 ${c.inProgress}業務・特定移行支援 ${c.special}業務・未着手 ${c.notStarted}業務` +
        (c.unregistered > 0 ? `（システム未登録 ${c.unregistered}業務）` : '') +
        `。出典: ${status.source}`,
    ],
  })
  sections.push({
    heading: 'Fit&Gap（カスタマイズの扱い）',
    lines: fitgap.available
      ? [
          `カスタマイズ ${fitgap.total}件のうち 標準で対応 ${fitgap.fit}件・オプション ${fitgap.option}件・実装不可 ${fitgap.prohibited}件・標準外 ${fitgap.outside}件。要確認 ${fitgap.needsReview}件。`,
          `廃止できる年間保守費 ${yenShort(fitgap.retirableAnnualCostYen ?? 0)}。出典: ${fitgap.source}`,
        ]
      : ['Fit&Gap 分析が未実施です: hyojun fitgap を実行してください'],
  })
  if (cost) {
    const rate = cost.reductionRate === null ? '算出不可（基準値なし）' : pct(cost.reductionRate)
    const verdict =
      cost.meetsTarget === null
        ? '平成30年度の基準値がないため3割削減目標は判定できません'
        : cost.meetsTarget
          ? '3割削減目標を達成する見込みです'
          : `3割削減目標は未達で、あと ${yenShort(cost.gapToTargetYen ?? 0)}/年の削減が必要です`
    const partial = cost.afterAnnualComparedYen !== cost.afterAnnualYen
    sections.push({
      heading: '運用経費（年額）',
      lines: [
        cost.baselineAnnualYen === null
          ? `現在 ${yenShort(cost.currentAnnualYen)} → 移行後 ${yenShort(cost.afterAnnualYen)}。${verdict}。`
          : `平成30年度 ${yenShort(cost.baselineAnnualYen)} → 移行後 ${yenShort(cost.afterAnnualComparedYen)}（削減率 ${rate}${partial ? '、平成30年度の基準値があるシステムで比較' : ''}）。${verdict}。`,
        `全システムでは 現在 ${yenShort(cost.currentAnnualYen)} → 移行後 ${yenShort(cost.afterAnnualYen)}。出典: ${cost.source}`,
      ],
    })
    sections.push({
      heading: '移行経費（一時経費）',
      lines: [
        `総額 ${yenShort(cost.oneTimeYen)}、補助 ${yenShort(cost.subsidyYen)}、実質負担 ${yenShort(cost.netOneTimeYen)}。出典: ${cost.source}`,
      ],
    })
  } else {
    sections.push({
      heading: '運用経費・移行経費',
      lines: ['経費試算が未実施です: hyojun cost estimate を実行してください'],
    })
  }
  if (roadmap) {
    const next = roadmap.nextCutovers.map((n) => `${n.system}（${reiwaMonth(n.cutover)}）`)
    sections.push({
      heading: 'スケジュール',
      lines: [
        next.length > 0
          ? `今後12か月の本番移行 ${next.length}件: ${listOrMore(next)}`
          : '今後12か月に予定された本番移行はありません',
        roadmap.late.length > 0
          ? `期限に間に合わない見込み ${roadmap.late.length}件: ${listOrMore(roadmap.late.map((l) => l.system))}（期限はシステムごと。全体の最終期限 ${roadmap.deadline}）`
          : `すべてのシステムが期限（${roadmap.deadline}）までに移行できる計画です` +
            (roadmap.lastCutover ? `（最終の本番移行 ${reiwaMonth(roadmap.lastCutover)}）` : ''),
        `出典: ${roadmap.source}`,
      ],
    })
  } else {
    sections.push({
      heading: 'スケジュール',
      lines: ['ロードマップが未作成です: hyojun roadmap を実行してください'],
    })
  }
  if (rfi) {
    sections.push({
      heading: 'RFI（情報提供依頼）',
      lines: [
        ...rfi.businesses.map(
          (b) =>
            `${b.business}: ${b.vendors}社回答` +
            (b.topVendor ? `、評価1位 ${b.topVendor}` : '') +
            (b.flagged.length > 0 ? `、要注意 ${b.flagged.join('、')}` : ''),
        ),
        `出典: ${rfi.source}`,
      ],
    })
  } else {
    sections.push({
      heading: 'RFI（情報提供依頼）',
      lines: ['RFI の回答が未取込です: hyojun rfi export / hyojun rfi import'],
    })
  }
  sections.push({
    heading: '主なリスク',
    lines: [
      ...(risks.length > 0 ? risks.slice(0, 5) : ['保存された分析から検出したリスクはありません']),
      ...(!cost || !roadmap
        ? [
            `${[!cost ? '経費試算' : '', !roadmap ? 'ロードマップ' : ''].filter((x) => x !== '').join('・')}が未実施のため、経費とスケジュールのリスクは評価できていません`,
          ]
        : []),
    ],
  })
  return sections
}

/**
 * The running-cost chart compares like with like: when only some systems have a 平成30年度 figure,
 * the bars are those systems' baseline and their 移行後 per scenario (baseline × (1 − rate)), and
 * the 現在 bar (known only for all systems) is left out and named in the note instead.
 */
export function runningCostChartInput(cost: SummaryCost): RunningCostChartInput {
  const partial = cost.baselineAnnualYen !== null && cost.afterAnnualComparedYen !== cost.afterAnnualYen
  const base = cost.baselineAnnualYen
  return {
    baselineYen: base,
    currentYen: partial ? null : cost.currentAnnualYen,
    scenarios: cost.scenarios.map((s) => ({
      name: s.name,
      afterYen:
        partial && base !== null && s.reductionRate !== null
          ? Math.round(base * (1 - s.reductionRate))
          : s.afterAnnualYen,
    })),
    targetRate: cost.targetRate,
    note: partial
      ? `平成30年度の基準値があるシステムで比較（全システムの現在の運用経費 ${yenShort(cost.currentAnnualYen)}）。出典: ${cost.source}`
      : `出典: ${cost.source}`,
  }
}

export function buildSummary(input: SummaryInput): SummaryCore {
  const status = summarizeStatus(input.systems, input.inventoryImportedAt)
  const fitgap = summarizeFitgap(input.fitgap)
  const cost = input.cost ? summarizeCost(input.cost) : null
  const roadmap = input.roadmap ? summarizeRoadmap(input.roadmap, input.asOf) : null
  const rfi = input.rfi ? summarizeRfi(input.rfi) : null
  const risks = collectRisks(fitgap, cost, roadmap, rfi)
  const sections = buildSections(status, fitgap, cost, roadmap, rfi, risks)
  return {
    status,
    fitgap,
    cost,
    roadmap,
    rfi,
    risks,
    sections,
    charts: {
      runningCost: cost ? runningCostChartInput(cost) : null,
      verdicts: fitgap.businesses,
      cashFlow: input.cost
        ? input.cost.value.cashFlow.map((y) => ({
            label: y.label,
            oneTimeYen: y.oneTimeYen,
            runningYen: y.runningYen,
            subsidyYen: y.subsidyYen,
            netYen: y.netYen,
          }))
        : [],
      timeline: input.roadmap ? timelineRows(status, input.roadmap.value) : null,
    },
  }
}
