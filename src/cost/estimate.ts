import type {CustomizationRecord, SystemRecord} from '../inventory/inventory.schema.js'
import {
  CATEGORY_LABEL,
  FEE_KEYS,
  FEE_LABELS,
  ONE_TIME_CATEGORIES,
  PARAMETERS,
  defaultAssumptions,
  monthText,
  type Assumptions,
  type BusinessRate,
  type CategoryKey,
  type FeeKey,
  type Fees,
  type ParameterKey,
  type PopulationBand,
  type ScenarioDef,
} from './assumptions.js'
import type {
  AssumptionLine,
  BreakdownLine,
  CashFlow,
  CostBusiness,
  CostEstimate,
  CostSystem,
  CostTotals,
  ScenarioResult,
} from './cost.schema.js'

/**
 * The cost estimate: a pure function of (inventory, customizations, Fit&Gap verdicts,
 * assumptions, today, cutover plan). No DB, no clock. Integer yen throughout: every
 * split uses largest-remainder allocation so parts always add up to their total.
 */

export type Verdict = 'fit' | 'option' | 'prohibited' | 'outside'

/** A cutover month from a computed roadmap (the roadmap module's stored plan). */
export interface CutoverPlan {
  readonly systemId: string
  /** YYYY-MM: the first month on the new system. */
  readonly cutover: string
}

export interface EstimateInput {
  readonly systems: readonly SystemRecord[]
  readonly customizations: readonly CustomizationRecord[]
  /** Verdict per verdictKey(systemId, customizationId). */
  readonly verdicts: ReadonlyMap<string, Verdict>
  readonly assumptions: Assumptions
  /** YYYY-MM-DD. */
  readonly today: string
  /** Population registered with `hyojun init` (null: the 人口 parameter, else 10万 with a warning). */
  readonly population: number | null
  readonly cutovers: readonly CutoverPlan[]
  /** `file › sheet 12行目` per system id, for the 内訳. */
  readonly systemSources?: ReadonlyMap<string, string>
  /** Scenario whose details are returned (default 'base'). */
  readonly scenario?: string
}

export function verdictKey(systemId: string, customizationId: string): string {
  return `${systemId}\u0000${customizationId}`
}

export const BASE_SCENARIO = 'base'

type Params = Readonly<Record<ParameterKey, number | null>>

/** Built-in scenarios, relative to the base parameters, then the user's. */
export function scenarioDefs(assumptions: Assumptions): ScenarioDef[] {
  const p = baseParams(assumptions)
  return [
    {name: BASE_SCENARIO, description: '基本（前提条件のとおり）', overrides: {}},
    {
      name: '円安',
      description: `為替レート +20%（${p.fxRate}円 → ${round2(num(p.fxRate) * 1.2)}円/USD）`,
      overrides: {fxRate: round2(num(p.fxRate) * 1.2)},
    },
    {
      name: 'クラウド利用料増',
      description: 'ガバメントクラウド利用料 +30%',
      overrides: {cloudFeeIncrease: round2(num(p.cloudFeeIncrease) + 0.3)},
    },
    {
      name: '移行1年遅延',
      description: '未移行システムの移行が12か月遅れ、その間は新旧システムを二重に稼働',
      overrides: {delayMonths: num(p.delayMonths) + 12},
    },
    ...assumptions.scenarios,
  ]
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}

function num(v: number | null): number {
  return v ?? 0
}

function baseParams(a: Assumptions): Params {
  return Object.fromEntries(
    PARAMETERS.map((p) => [p.key, a.parameters[p.key]?.value ?? p.default]),
  ) as Record<ParameterKey, number | null>
}

/** Split `total` over `weights` in integers that add up to `total` (largest remainder; equal when all 0). */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return []
  const w = weights.some((x) => x > 0) ? weights.map((x) => Math.max(0, x)) : weights.map(() => 1)
  const sum = w.reduce((a, b) => a + b, 0)
  const raw = w.map((x) => (total * x) / sum)
  const out = raw.map((x) => Math.floor(x))
  let rest = total - out.reduce((a, b) => a + b, 0)
  const order = raw.map((x, i) => ({i, frac: x - Math.floor(x)})).sort((a, b) => b.frac - a.frac || a.i - b.i)
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k]!.i]! += 1
  return out
}

/** 'YYYY-MM' (or a longer ISO date) → months since year 0. */
export function monthIndex(text: string): number {
  const y = Number(text.slice(0, 4))
  const m = Number(text.slice(5, 7))
  return y * 12 + (m - 1)
}

function monthOf(idx: number): string {
  return `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}`
}

/** Japanese fiscal year (April–March) of a month index. */
export function fiscalYearOf(idx: number): number {
  const y = Math.floor(idx / 12)
  return idx % 12 >= 3 ? y : y - 1
}

/** 2027 → 令和9年度 (2019 → 令和元年度, 2018 → 平成30年度). */
export function fiscalYearLabel(fy: number): string {
  if (fy >= 2019) return `令和${fy === 2019 ? '元' : fy - 2018}年度`
  if (fy >= 1989) return `平成${fy === 1989 ? '元' : fy - 1988}年度`
  return `${fy}年度`
}

export function pickBand(bands: readonly PopulationBand[], population: number): PopulationBand | undefined {
  return bands.find((b) => population >= b.min && (b.max === null || population < b.max))
}

function bandLabel(b: PopulationBand): string {
  const man = (n: number): string => (n % 10_000 === 0 ? `${n / 10_000}万` : n.toLocaleString('ja-JP'))
  return b.max === null ? `人口${man(b.min)}人以上` : `人口${man(b.min)}人以上${man(b.max)}人未満`
}

const yenText = (n: number): string => `${n.toLocaleString('ja-JP')}円`

interface SystemCalc {
  readonly system: SystemRecord
  readonly out: CostSystem
  readonly afterCompared: number
  /** Running cost per fiscal year (only years ≥ today's). */
  readonly running: Map<number, number>
  /** One-time cost per fiscal year. */
  readonly oneTime: Map<number, number>
  /** Subsidy-eligible one-time cost per fiscal year. */
  readonly eligible: Map<number, number>
  subsidyByYear: Map<number, number>
}

interface ScenarioCalc {
  readonly totals: CostTotals
  readonly businesses: CostBusiness[]
  readonly systems: CostSystem[]
  readonly cashFlow: CashFlow[]
  readonly breakdown: BreakdownLine[]
  readonly warnings: string[]
  readonly params: Params
  readonly band: PopulationBand | undefined
  readonly population: number | null
}

function add(map: Map<number, number>, key: number, value: number): void {
  if (value !== 0) map.set(key, (map.get(key) ?? 0) + value)
}

function normalizeName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase()
}

function computeScenario(input: EstimateInput, params: Params): ScenarioCalc {
  const a = input.assumptions
  const warnings: string[] = []
  const breakdown: BreakdownLine[] = []
  const fallbackRates = new Map(defaultAssumptions().businessRates.map((r) => [r.businessId, r]))
  const rates = new Map(a.businessRates.map((r) => [r.businessId, r]))
  const rateOf = (businessId: string, name: string): BusinessRate | undefined => {
    const r = rates.get(businessId)
    if (r) return r
    const d = fallbackRates.get(businessId)
    if (d && a.origin === 'imported')
      warnings.push(`業務別単価に「${name}」がないため、hyojun の既定単価を使いました`)
    return d
  }

  const population = input.population ?? params.population
  if (population === null)
    warnings.push(
      '人口が登録されていないため、人口10万人として人口区分（単価の係数・補助上限額）を決めました（hyojun init --population または前提条件の「人口（未登録時）」で指定してください）',
    )
  const band = pickBand(a.bands, population ?? 100_000)
  const runningFactor = band?.runningFactor ?? 1
  const oneTimeFactor = band?.oneTimeFactor ?? 1
  const usdShare = num(params.usdShare)
  const fxFactor = usdShare * (num(params.fxRate) / (params.fxReferenceRate || 1)) + (1 - usdShare)
  const cloudFactor = (1 + num(params.cloudFeeIncrease)) * fxFactor
  const delay = Math.round(num(params.delayMonths))
  const todayIdx = monthIndex(input.today)
  const todayFY = fiscalYearOf(todayIdx)
  const horizonEnd = todayFY + Math.max(1, Math.round(num(params.horizonYears))) - 1
  const categories = ONE_TIME_CATEGORIES.map(
    (c) => a.categories.find((x) => x.key === c.key) ?? {key: c.key, share: 0, eligible: false, source: ''},
  )
  const shareCats = categories.filter((c) => c.key !== 'contract')
  const contractEligible = categories.find((c) => c.key === 'contract')?.eligible ?? false
  const roadmap = new Map(input.cutovers.map((c) => [c.systemId, c.cutover]))
  const sourceOf = (s: SystemRecord): string => input.systemSources?.get(s.id) ?? `システム台帳 ${s.id}`

  const inScope = input.systems.filter((s) => s.businessIds.length > 0)
  const outOfScope = input.systems.length - inScope.length
  if (outOfScope > 0)
    warnings.push(
      `標準化対象業務のないシステム ${outOfScope} 件（団体内統合宛名・財務会計など）は試算の対象外です`,
    )
  const owner = new Map<string, string>()
  for (const s of inScope) for (const b of s.businessIds) if (!owner.has(b)) owner.set(b, s.id)
  const custBySystem = new Map<string, CustomizationRecord[]>()
  for (const c of input.customizations) {
    const list = custBySystem.get(c.systemId) ?? []
    list.push(c)
    custBySystem.set(c.systemId, list)
  }

  const calcs: SystemCalc[] = []
  for (const s of inScope) {
    const bizLabel = s.businesses.join('、')
    const line = (item: string, amountYen: number, basis: string, source: string): void => {
      breakdown.push({business: bizLabel, systemId: s.id, system: s.name, item, amountYen, basis, source})
    }
    const migrated = s.status === '移行済'
    let cutoverSource: CostSystem['cutoverSource']
    let planned: string
    const fromRoadmap = roadmap.get(s.id)
    if (fromRoadmap !== undefined) {
      planned = fromRoadmap
      cutoverSource = 'roadmap'
    } else if (s.plannedMigration !== null) {
      planned = s.plannedMigration.slice(0, 7)
      cutoverSource = 'inventory'
    } else {
      planned = monthText(num(params.defaultCutover))
      cutoverSource = 'parameter'
      if (!migrated)
        warnings.push(
          `${s.name}: 移行予定がないため、移行年月を ${planned}（前提条件「移行予定が不明なシステムの移行年月」）としました`,
        )
    }
    const plannedIdx = monthIndex(planned)
    const cutIdx = migrated ? plannedIdx : plannedIdx + delay
    const owned = s.businessIds.filter((b) => owner.get(b) === s.id)
    const override = a.systemRates.find(
      (r) => r.system === s.id || normalizeName(r.system) === normalizeName(s.name),
    )

    // Modeled after-migration fees (before FX / cloud increase).
    let baseFees: Fees | null = null
    let feeSource = ''
    if (override) {
      baseFees = override
      feeSource = `前提条件 › システム別単価「${override.system}」`
    } else if (owned.length > 0) {
      const sums: Record<FeeKey, number> = {
        standardFeeYen: 0,
        cloudFeeYen: 0,
        lineFeeYen: 0,
        operationFeeYen: 0,
      }
      for (const b of owned) {
        const r = rateOf(b, s.businesses[s.businessIds.indexOf(b)] ?? b)
        if (!r) continue
        for (const k of FEE_KEYS) sums[k] += r[k] * runningFactor
      }
      baseFees = sums
      feeSource = `前提条件 › 業務別単価（${owned.map((b) => s.businesses[s.businessIds.indexOf(b)] ?? b).join('・')}）× ${band ? bandLabel(band) : '人口区分'}の係数 ${runningFactor}`
    }
    const fees: Record<FeeKey, number> | null = baseFees
      ? {
          standardFeeYen: Math.round(baseFees.standardFeeYen),
          cloudFeeYen: Math.round(baseFees.cloudFeeYen * cloudFactor),
          lineFeeYen: Math.round(baseFees.lineFeeYen),
          operationFeeYen: Math.round(baseFees.operationFeeYen),
        }
      : null
    const modeled = fees ? FEE_KEYS.reduce((n, k) => n + fees[k], 0) : 0

    const current = s.annualCostYen ?? 0
    if (s.annualCostYen === null)
      warnings.push(`${s.name}: 年間運用経費が未入力のため、現行経費を0円として扱いました`)
    line('現行運用経費（年額）', current, 'システム台帳の年間運用経費', sourceOf(s))

    let afterSystem: number
    if (migrated) {
      if (s.annualCostYen === null) {
        afterSystem = modeled
        line(
          '移行後運用経費（単価による推計）',
          modeled,
          '移行済だが年間運用経費が未入力のため単価で推計',
          feeSource,
        )
      } else {
        const swing = baseFees ? Math.round(baseFees.cloudFeeYen * (cloudFactor - 1)) : 0
        afterSystem = s.annualCostYen + swing
        line(
          '移行後運用経費（実績）',
          s.annualCostYen,
          '移行済システムの年間運用経費（台帳の値）',
          sourceOf(s),
        )
        if (swing !== 0)
          line(
            '移行後運用経費（為替・クラウド利用料の変動）',
            swing,
            `ガバメントクラウド利用料の推計 ${yenText(Math.round(baseFees!.cloudFeeYen))} × (${round4(cloudFactor)} − 1)`,
            feeSource,
          )
      }
    } else if (fees) {
      afterSystem = modeled
      for (const k of FEE_KEYS) {
        if (fees[k] === 0) continue
        const basis =
          k === 'cloudFeeYen'
            ? `単価 × 係数 × 為替・増加率 ${round4(cloudFactor)}（ドル建て ${usdShare * 100}%、${num(params.fxRate)}円/USD ÷ 前提 ${num(params.fxReferenceRate)}円/USD、増加率 ${num(params.cloudFeeIncrease)}）`
            : '単価 × 人口区分の係数'
        line(`移行後運用経費（${FEE_LABELS[k]}）`, fees[k], basis, feeSource)
      }
    } else {
      afterSystem = current
      const first = s.businessIds.map((b) => inScope.find((x) => x.id === owner.get(b))?.name).find(Boolean)
      warnings.push(
        `${s.name}: 対象業務の標準準拠システム利用料は「${first ?? '他のシステム'}」に計上済みのため、現行経費のまま継続すると仮定しました`,
      )
      line(
        '移行後運用経費（現行のまま継続）',
        current,
        `同じ業務の利用料は「${first ?? ''}」に計上済み`,
        sourceOf(s),
      )
    }

    // Customizations: retired when the standard covers them, kept (as 独自施策システム) when outside.
    let retired = 0
    let keptOutside = 0
    let unjudged = 0
    let keptCount = 0
    const keepShare = num(params.outsideKeepShare)
    for (const c of custBySystem.get(s.id) ?? []) {
      const cost = c.annualCostYen ?? 0
      const v = input.verdicts.get(verdictKey(s.id, c.id))
      if (v === undefined || v === 'outside') {
        if (v === undefined) unjudged++
        const kept = Math.round(cost * keepShare)
        keptOutside += kept
        retired += cost - kept
        if (kept > 0) keptCount++
      } else retired += cost
    }
    if (unjudged > 0)
      warnings.push(
        `${s.name}: Fit&Gap の判定がないカスタマイズ ${unjudged} 件は標準外として独自施策システムに残ると仮定しました（hyojun fitgap を実行してください）`,
      )
    if (retired > 0)
      line(
        '廃止されるカスタマイズの年間保守費',
        retired,
        'Fit&Gap で標準・オプション・実装不可（廃止）のカスタマイズと、残さない標準外の分',
        'カスタマイズ一覧 + Fit&Gap 判定',
      )
    if (keptOutside > 0)
      line(
        '移行後運用経費（独自施策システム）',
        keptOutside,
        `標準外カスタマイズ ${keptCount} 件の年間保守費 × 移行割合 ${keepShare}`,
        'カスタマイズ一覧 + Fit&Gap 判定 + 前提条件「標準外カスタマイズの独自施策システムへの移行割合」',
      )
    const after = afterSystem + keptOutside
    const baseline = s.baselineAnnualCostYen
    if (baseline === null)
      warnings.push(
        `${s.name}: 平成30年度運用経費（基準値）がないため、3割削減の判定から除外しました（基準値なし）`,
      )
    else line('平成30年度運用経費（基準値）', baseline, 'システム台帳の平成30年度運用経費', sourceOf(s))

    // One-time cost by category, booked in the fiscal year of the cutover.
    let oneTimeBase: number
    let oneTimeSource: string
    if (migrated && s.initialCostYen !== null) {
      oneTimeBase = s.initialCostYen
      oneTimeSource = `${sourceOf(s)}（初期導入費の実績）`
    } else if (override?.oneTimeYen !== undefined && override.oneTimeYen !== null) {
      oneTimeBase = override.oneTimeYen
      oneTimeSource = `前提条件 › システム別単価「${override.system}」`
    } else if (owned.length > 0) {
      oneTimeBase = Math.round(owned.reduce((n, b) => n + (rateOf(b, b)?.oneTimeYen ?? 0), 0) * oneTimeFactor)
      oneTimeSource = `前提条件 › 業務別単価の移行一時経費 × ${band ? bandLabel(band) : '人口区分'}の係数 ${oneTimeFactor}`
      if (migrated)
        warnings.push(`${s.name}: 移行済ですが初期導入費が未入力のため、移行一時経費を単価で推計しました`)
    } else {
      oneTimeBase = 0
      oneTimeSource = ''
    }
    const cutFY = fiscalYearOf(cutIdx)
    const oneTime = new Map<number, number>()
    const eligible = new Map<number, number>()
    const parts = allocate(
      oneTimeBase,
      shareCats.map((c) => c.share),
    )
    shareCats.forEach((c, i) => {
      const v = parts[i]!
      if (v === 0) return
      add(oneTime, cutFY, v)
      if (c.eligible) add(eligible, cutFY, v)
      line(
        `一時経費（${CATEGORY_LABEL[c.key as CategoryKey]}）`,
        v,
        `移行一時経費 ${yenText(oneTimeBase)} × 構成比 ${c.share}（${fiscalYearLabel(cutFY)}に計上）`,
        oneTimeSource,
      )
    })

    // Contracts: extension before the cutover, overlap (or termination) after it, double running when delayed.
    let extensionMonths = 0
    let overlapMonths = 0
    const byKind = {
      extension: new Map<number, number>(),
      overlap: new Map<number, number>(),
      double: new Map<number, number>(),
    }
    const endIdx = s.contractEnd === null ? null : monthIndex(s.contractEnd)
    if (!migrated) {
      const monthly = current / 12
      if (endIdx === null) {
        warnings.push(`${s.name}: 契約満了日がないため、契約の延長・二重稼働の経費を計上していません`)
      } else if (endIdx < cutIdx - 1) {
        extensionMonths = cutIdx - 1 - endIdx
        for (let m = endIdx + 1; m < cutIdx; m++)
          add(byKind.extension, m, monthly * (1 + num(params.extensionPremium)))
      } else if (endIdx >= cutIdx) {
        overlapMonths = endIdx - cutIdx + 1
        for (let m = cutIdx; m <= endIdx; m++) add(byKind.overlap, m, monthly * num(params.terminationRate))
      }
      for (let m = plannedIdx; m < cutIdx; m++) add(byKind.double, m, afterSystem / 12)
    }
    /** Month amounts → rounded yen per fiscal year, booked as one-time cost. */
    const book = (months: Map<number, number>): number => {
      const byFY = new Map<number, number>()
      for (const [m, v] of months) byFY.set(fiscalYearOf(m), (byFY.get(fiscalYearOf(m)) ?? 0) + v)
      let total = 0
      for (const [fy, v] of byFY) {
        const yen = Math.round(v)
        total += yen
        add(oneTime, fy, yen)
        if (contractEligible) add(eligible, fy, yen)
      }
      return total
    }
    const extensionYen = book(byKind.extension)
    const overlapYen = book(byKind.overlap)
    const doubleYen = book(byKind.double)
    const contractYen = extensionYen + overlapYen + doubleYen
    const monthlyText = yenText(Math.round(current / 12))
    if (extensionYen > 0)
      line(
        '一時経費（旧システム契約の延長）',
        extensionYen,
        `契約満了 ${s.contractEnd} から移行 ${monthOf(cutIdx)} までの ${extensionMonths} か月 × 月額 ${monthlyText} × (1 + 割増率 ${num(params.extensionPremium)})`,
        `${sourceOf(s)} + 前提条件「旧契約延長の割増率」`,
      )
    if (overlapYen > 0)
      line(
        '一時経費（旧システム契約の二重稼働・解約）',
        overlapYen,
        `移行 ${monthOf(cutIdx)} から契約満了 ${s.contractEnd} までの ${overlapMonths} か月 × 月額 ${monthlyText} × 支払割合 ${num(params.terminationRate)}`,
        `${sourceOf(s)} + 前提条件「中途解約時の支払割合」`,
      )
    if (doubleYen > 0)
      line(
        '一時経費（移行遅延による二重稼働）',
        doubleYen,
        `移行予定 ${monthOf(plannedIdx)} から ${cutIdx - plannedIdx} か月、新システムの月額 ${yenText(Math.round(afterSystem / 12))} を旧システムと二重に負担`,
        '前提条件「移行の遅延」',
      )

    // Running cost per fiscal year from today's year on.
    const running = new Map<number, number>()
    const lastFY = Math.max(horizonEnd, cutFY)
    for (let fy = todayFY; fy <= lastFY; fy++) {
      let sum = 0
      for (let m = fy * 12 + 3; m < fy * 12 + 15; m++) {
        if (migrated || m >= cutIdx) sum += after / 12
        else if (endIdx === null || m <= endIdx) sum += current / 12
      }
      running.set(fy, Math.round(sum))
    }

    const oneTimeYen = [...oneTime.values()].reduce((x, y) => x + y, 0)
    calcs.push({
      system: s,
      afterCompared: baseline === null ? 0 : after,
      running,
      oneTime,
      eligible,
      subsidyByYear: new Map(),
      out: {
        id: s.id,
        name: s.name,
        businesses: [...s.businesses],
        migrated,
        cutover: monthOf(cutIdx),
        cutoverSource,
        baselineAnnualYen: baseline,
        currentAnnualYen: current,
        afterAnnualYen: after,
        retiredCustomizationYen: retired,
        keptOutsideYen: keptOutside,
        oneTimeYen,
        extensionMonths,
        overlapMonths,
        contractYen,
        subsidyYen: 0,
      },
    })
  }

  // Subsidy: rate × eligible, capped; spread over (system, year) in proportion to eligible cost.
  const buckets: {calc: SystemCalc; fy: number; yen: number}[] = []
  for (const c of calcs) for (const [fy, yen] of c.eligible) buckets.push({calc: c, fy, yen})
  const eligibleTotal = buckets.reduce((n, b) => n + b.yen, 0)
  const cap = band?.subsidyCapYen ?? 0
  const subsidyTotal = Math.min(Math.floor(eligibleTotal * num(params.subsidyRate)), cap)
  const shares = allocate(
    subsidyTotal,
    buckets.map((b) => b.yen),
  )
  buckets.forEach((b, i) => add(b.calc.subsidyByYear, b.fy, shares[i]!))
  for (const c of calcs) {
    const sub = [...c.subsidyByYear.values()].reduce((x, y) => x + y, 0)
    ;(c.out as {subsidyYen: number}).subsidyYen = sub
    if (sub > 0)
      breakdown.push({
        business: c.system.businesses.join('、'),
        systemId: c.system.id,
        system: c.system.name,
        item: '補助金（デジタル基盤改革支援補助金）',
        amountYen: sub,
        basis: `補助対象経費の合計 ${yenText(eligibleTotal)} × 補助率 ${num(params.subsidyRate)}（上限 ${yenText(cap)}）を補助対象経費の比で按分`,
        source: `前提条件「補助率」・人口区分の補助上限額（${band ? bandLabel(band) : ''}）・一時経費区分の補助対象`,
      })
  }
  if (eligibleTotal * num(params.subsidyRate) > cap)
    warnings.push(
      `補助対象経費 ${yenText(eligibleTotal)} × 補助率 ${num(params.subsidyRate)} が補助上限額 ${yenText(cap)} を超えるため、補助金は上限額までとしました`,
    )

  // Cash flow by fiscal year.
  const years = new Set<number>()
  for (let fy = todayFY; fy <= horizonEnd; fy++) years.add(fy)
  for (const c of calcs) for (const fy of c.oneTime.keys()) years.add(fy)
  const sortedYears = [...years].sort((x, y) => x - y)
  const first = sortedYears[0] ?? todayFY
  const last = sortedYears[sortedYears.length - 1] ?? todayFY
  const cashFlow: CashFlow[] = []
  for (let fy = first; fy <= last; fy++) {
    const oneTimeYen = calcs.reduce((n, c) => n + (c.oneTime.get(fy) ?? 0), 0)
    const runningYen = fy < todayFY ? 0 : calcs.reduce((n, c) => n + (c.running.get(fy) ?? 0), 0)
    const subsidyYen = calcs.reduce((n, c) => n + (c.subsidyByYear.get(fy) ?? 0), 0)
    cashFlow.push({
      fiscalYear: fy,
      label: fy < todayFY ? `${fiscalYearLabel(fy)}（実績・一時経費のみ）` : fiscalYearLabel(fy),
      oneTimeYen,
      runningYen,
      subsidyYen,
      netYen: oneTimeYen + runningYen - subsidyYen,
    })
  }

  // Per 業務: a system's figures split over its 業務 in proportion to their standard running fees.
  const businessOrder: {id: string; name: string}[] = []
  for (const c of calcs)
    c.system.businessIds.forEach((id, i) => {
      if (!businessOrder.some((b) => b.id === id))
        businessOrder.push({id, name: c.system.businesses[i] ?? id})
    })
  const acc = new Map<
    string,
    {
      systems: string[]
      baseline: number
      hasBaseline: boolean
      current: number
      after: number
      compared: number
      retired: number
      kept: number
      oneTime: number
      subsidy: number
    }
  >()
  for (const b of businessOrder)
    acc.set(b.id, {
      systems: [],
      baseline: 0,
      hasBaseline: false,
      current: 0,
      after: 0,
      compared: 0,
      retired: 0,
      kept: 0,
      oneTime: 0,
      subsidy: 0,
    })
  for (const c of calcs) {
    const ids = c.system.businessIds
    const weights = ids.map((id) => {
      const r = rates.get(id) ?? fallbackRates.get(id)
      return r ? FEE_KEYS.reduce((n, k) => n + r[k], 0) : 0
    })
    const split = (v: number): number[] => allocate(v, weights)
    const o = c.out
    const parts = {
      baseline: split(o.baselineAnnualYen ?? 0),
      current: split(o.currentAnnualYen),
      after: split(o.afterAnnualYen),
      compared: split(c.afterCompared),
      retired: split(o.retiredCustomizationYen),
      kept: split(o.keptOutsideYen),
      oneTime: split(o.oneTimeYen),
      subsidy: split(o.subsidyYen),
    }
    ids.forEach((id, i) => {
      const t = acc.get(id)!
      t.systems.push(o.id)
      t.baseline += parts.baseline[i]!
      t.hasBaseline ||= o.baselineAnnualYen !== null
      t.current += parts.current[i]!
      t.after += parts.after[i]!
      t.compared += parts.compared[i]!
      t.retired += parts.retired[i]!
      t.kept += parts.kept[i]!
      t.oneTime += parts.oneTime[i]!
      t.subsidy += parts.subsidy[i]!
    })
  }
  const businesses: CostBusiness[] = businessOrder.map((b) => {
    const t = acc.get(b.id)!
    return {
      business: b.name,
      businessId: b.id,
      systems: t.systems,
      baselineAnnualYen: t.hasBaseline ? t.baseline : null,
      currentAnnualYen: t.current,
      afterAnnualYen: t.after,
      retiredCustomizationYen: t.retired,
      keptOutsideYen: t.kept,
      oneTimeYen: t.oneTime,
      subsidyYen: t.subsidy,
      reductionRate: t.hasBaseline && t.baseline > 0 ? round4((t.baseline - t.compared) / t.baseline) : null,
    }
  })

  const sum = (f: (c: SystemCalc) => number): number => calcs.reduce((n, c) => n + f(c), 0)
  const baselineAnnualYen = sum((c) => c.out.baselineAnnualYen ?? 0)
  const hasBaseline = calcs.some((c) => c.out.baselineAnnualYen !== null)
  const afterCompared = sum((c) => c.afterCompared)
  const targetRate = num(params.targetRate)
  const targetAnnualYen = Math.floor(baselineAnnualYen * (1 - targetRate))
  const gapToTargetYen = hasBaseline ? Math.max(0, afterCompared - targetAnnualYen) : 0
  const oneTimeYen = sum((c) => c.out.oneTimeYen)
  if (!hasBaseline)
    warnings.push('平成30年度運用経費（基準値）のあるシステムがないため、3割削減の判定ができません')
  const totals: CostTotals = {
    baselineAnnualYen,
    currentAnnualYen: sum((c) => c.out.currentAnnualYen),
    afterAnnualYen: sum((c) => c.out.afterAnnualYen),
    reductionRate:
      hasBaseline && baselineAnnualYen > 0
        ? round4((baselineAnnualYen - afterCompared) / baselineAnnualYen)
        : null,
    meetsTarget: hasBaseline && baselineAnnualYen > 0 && gapToTargetYen === 0,
    gapToTargetYen,
    oneTimeYen,
    subsidyYen: subsidyTotal,
    netOneTimeYen: oneTimeYen - subsidyTotal,
    afterAnnualComparedYen: afterCompared,
    targetAnnualYen,
    eligibleOneTimeYen: eligibleTotal,
    subsidyCapYen: cap,
  }
  return {
    totals,
    businesses,
    systems: calcs.map((c) => c.out),
    cashFlow,
    breakdown,
    warnings: [...new Set(warnings)],
    params,
    band,
    population,
  }
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000
}

function paramsFor(a: Assumptions, def: ScenarioDef): Params {
  return {...baseParams(a), ...def.overrides}
}

function assumptionLines(a: Assumptions, calc: ScenarioCalc, scenario: ScenarioDef): AssumptionLine[] {
  const lines: AssumptionLine[] = []
  for (const p of PARAMETERS) {
    const v = calc.params[p.key]
    const overridden = scenario.overrides[p.key] !== undefined
    lines.push({
      key: p.key,
      label: p.label,
      value: v === null ? null : p.kind === 'month' ? monthText(v) : v,
      unit: p.unit,
      source: overridden
        ? `シナリオ「${scenario.name}」: ${scenario.description}`
        : a.origin === 'imported' && a.parameters[p.key]?.source !== p.source
          ? a.parameters[p.key]!.source
          : a.origin === 'imported'
            ? `前提条件ファイル ${a.file ?? ''}（${p.source}）`
            : `既定値: ${p.source}`,
    })
  }
  lines.push({
    key: 'population.applied',
    label: '適用した人口',
    value: calc.population,
    unit: '人',
    source:
      calc.population === null
        ? '未登録（10万人と仮定）'
        : 'hyojun init の登録値、または前提条件「人口（未登録時）」',
  })
  for (const b of a.bands) {
    const label = bandLabel(b)
    const applied = b === calc.band ? '（適用）' : ''
    lines.push(
      {
        key: `band.${b.min}.runningFactor`,
        label: `${label}${applied} 運用経費の係数`,
        value: b.runningFactor,
        unit: '倍',
        source: b.source,
      },
      {
        key: `band.${b.min}.oneTimeFactor`,
        label: `${label}${applied} 一時経費の係数`,
        value: b.oneTimeFactor,
        unit: '倍',
        source: b.source,
      },
      {
        key: `band.${b.min}.subsidyCapYen`,
        label: `${label}${applied} 補助上限額`,
        value: b.subsidyCapYen,
        unit: '円',
        source: b.source,
      },
    )
  }
  for (const c of ONE_TIME_CATEGORIES) {
    const r = a.categories.find((x) => x.key === c.key)
    if (!r) continue
    if (c.key !== 'contract')
      lines.push({
        key: `category.${c.key}.share`,
        label: `一時経費の構成比（${c.label}）`,
        value: r.share,
        unit: '比率',
        source: r.source,
      })
    lines.push({
      key: `category.${c.key}.eligible`,
      label: `補助対象（${c.label}）`,
      value: r.eligible,
      unit: '対象/対象外',
      source: r.source,
    })
  }
  for (const r of a.businessRates) {
    for (const k of FEE_KEYS)
      lines.push({
        key: `businessRate.${r.businessId}.${k}`,
        label: `業務別単価 ${r.businessId} ${FEE_LABELS[k]}`,
        value: r[k],
        unit: '円/年',
        source: r.source,
      })
    lines.push({
      key: `businessRate.${r.businessId}.oneTimeYen`,
      label: `業務別単価 ${r.businessId} 移行一時経費`,
      value: r.oneTimeYen,
      unit: '円',
      source: r.source,
    })
  }
  for (const r of a.systemRates) {
    for (const k of FEE_KEYS)
      lines.push({
        key: `systemRate.${r.system}.${k}`,
        label: `システム別単価 ${r.system} ${FEE_LABELS[k]}`,
        value: r[k],
        unit: '円/年',
        source: r.source,
      })
    if (r.oneTimeYen !== null)
      lines.push({
        key: `systemRate.${r.system}.oneTimeYen`,
        label: `システム別単価 ${r.system} 移行一時経費`,
        value: r.oneTimeYen,
        unit: '円',
        source: r.source,
      })
  }
  return lines
}

/** Names a --scenario may take. */
export function scenarioNames(a: Assumptions): string[] {
  return scenarioDefs(a).map((s) => s.name)
}

/** The estimate for the selected scenario, with every scenario side by side. */
export function estimateCost(input: EstimateInput): CostEstimate {
  const defs = scenarioDefs(input.assumptions)
  const wanted = input.scenario ?? BASE_SCENARIO
  const selected = defs.find((d) => d.name === wanted)
  if (!selected) throw new Error(`unknown scenario ${wanted}`)
  const calc = computeScenario(input, paramsFor(input.assumptions, selected))
  const scenarios: ScenarioResult[] = defs.map((d) => {
    const c = d === selected ? calc : computeScenario(input, paramsFor(input.assumptions, d))
    return {
      name: d.name,
      description: d.description,
      afterAnnualYen: c.totals.afterAnnualYen,
      reductionRate: c.totals.reductionRate,
      meetsTarget: c.totals.meetsTarget,
      gapToTargetYen: c.totals.gapToTargetYen,
      oneTimeYen: c.totals.oneTimeYen,
      subsidyYen: c.totals.subsidyYen,
      netOneTimeYen: c.totals.netOneTimeYen,
    }
  })
  const warnings = [...calc.warnings]
  if (input.assumptions.origin === 'default')
    warnings.unshift(
      '前提条件ファイルが取り込まれていないため、既定値（要確認の値を含む）で試算しました（hyojun cost template で前提条件を出力し、hyojun cost import で取り込めます）',
    )
  return {
    baseYear: Math.round(num(calc.params.baseYear)),
    targetRate: num(calc.params.targetRate),
    scenario: selected.name,
    asOf: input.today,
    population: calc.population,
    assumptionsOrigin: input.assumptions.origin,
    totals: calc.totals,
    businesses: calc.businesses,
    systems: calc.systems,
    cashFlow: calc.cashFlow,
    scenarios,
    assumptions: assumptionLines(input.assumptions, calc, selected),
    breakdown: calc.breakdown,
    warnings,
  }
}
