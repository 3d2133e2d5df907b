import {describe, expect, it} from 'vitest'
import type {CustomizationRecord, SystemRecord} from '../inventory/inventory.schema.js'
import {defaultAssumptions, type Assumptions, type ParameterKey} from './assumptions.js'
import {
  allocate,
  estimateCost,
  fiscalYearLabel,
  verdictKey,
  type EstimateInput,
  type Verdict,
} from './estimate.js'

function system(over: Partial<SystemRecord> & {id: string; name: string}): SystemRecord {
  return {
    businesses: ['住民基本台帳'],
    businessIds: ['juki'],
    vendor: null,
    product: null,
    hosting: null,
    contractStart: null,
    contractEnd: '2027-03-31',
    annualCostYen: 12_000_000,
    initialCostYen: null,
    users: null,
    records: null,
    links: [],
    status: '移行作業中',
    plannedMigration: '2027-04',
    department: null,
    note: null,
    baselineAnnualCostYen: 10_000_000,
    hostingProvider: null,
    ...over,
  }
}

function customization(systemId: string, id: string, annualCostYen: number): CustomizationRecord {
  return {
    id,
    systemId,
    system: systemId,
    businessId: 'juki',
    business: '住民基本台帳',
    name: id,
    description: '',
    requirementId: null,
    annualCostYen,
    developmentCostYen: null,
    frequency: null,
    department: null,
    note: null,
  }
}

function withParams(a: Assumptions, values: Partial<Record<ParameterKey, number>>): Assumptions {
  const parameters = {...a.parameters}
  for (const [k, v] of Object.entries(values)) parameters[k as ParameterKey] = {value: v, source: 'test'}
  return {...a, parameters}
}

const SYSTEMS: SystemRecord[] = [
  system({id: 'S1', name: '住民情報'}),
  system({
    id: 'S2',
    name: '税務',
    businesses: ['個人住民税', '固定資産税'],
    businessIds: ['kojin-juminzei', 'kotei-shisan'],
    annualCostYen: 30_000_000,
    baselineAnnualCostYen: 25_000_000,
    contractEnd: '2028-03-31',
    plannedMigration: '2027-10',
  }),
  system({
    id: 'S3',
    name: '国保',
    businesses: ['国民健康保険'],
    businessIds: ['kokuho'],
    status: '移行済',
    annualCostYen: 15_000_000,
    initialCostYen: 40_000_000,
    baselineAnnualCostYen: null,
    plannedMigration: '2026-01-04',
  }),
  system({id: 'S4', name: '財務会計', businesses: [], businessIds: [], baselineAnnualCostYen: 9_000_000}),
]

function input(over: Partial<EstimateInput> = {}): EstimateInput {
  const verdicts = new Map<string, Verdict>([
    [verdictKey('S1', 'C1'), 'fit'],
    [verdictKey('S1', 'C2'), 'outside'],
    [verdictKey('S2', 'C3'), 'prohibited'],
  ])
  return {
    systems: SYSTEMS,
    customizations: [
      customization('S1', 'C1', 300_000),
      customization('S1', 'C2', 500_000),
      customization('S2', 'C3', 200_000),
      customization('S2', 'C4', 100_000),
    ],
    verdicts,
    assumptions: defaultAssumptions(),
    today: '2026-12-02',
    population: 112_000,
    cutovers: [],
    ...over,
  }
}

describe('estimateCost', () => {
  it('totals equal the sum of their parts (systems and 業務)', () => {
    const e = estimateCost(input())
    const t = e.totals
    for (const [field, total] of [
      ['currentAnnualYen', t.currentAnnualYen],
      ['afterAnnualYen', t.afterAnnualYen],
      ['oneTimeYen', t.oneTimeYen],
      ['subsidyYen', t.subsidyYen],
    ] as const) {
      expect(
        e.systems.reduce((n, s) => n + s[field], 0),
        field,
      ).toBe(total)
      expect(
        e.businesses.reduce((n, b) => n + b[field], 0),
        field,
      ).toBe(total)
    }
    expect(e.businesses.reduce((n, b) => n + (b.baselineAnnualYen ?? 0), 0)).toBe(t.baselineAnnualYen)
    expect(t.netOneTimeYen).toBe(t.oneTimeYen - t.subsidyYen)
    for (const v of [t.afterAnnualYen, t.oneTimeYen, t.subsidyYen, t.gapToTargetYen])
      expect(Number.isInteger(v)).toBe(true)
    expect(e.systems.map((s) => s.id)).toEqual(['S1', 'S2', 'S3'])
  })

  it('cash flow sums equal the totals and net = one-time + running − subsidy', () => {
    const e = estimateCost(input())
    expect(e.cashFlow.reduce((n, c) => n + c.oneTimeYen, 0)).toBe(e.totals.oneTimeYen)
    expect(e.cashFlow.reduce((n, c) => n + c.subsidyYen, 0)).toBe(e.totals.subsidyYen)
    for (const c of e.cashFlow) expect(c.netYen).toBe(c.oneTimeYen + c.runningYen - c.subsidyYen)
    // S3 migrated in 令和7年度 (before today's year): its one-time cost is a past row with no running cost.
    expect(e.cashFlow[0]).toMatchObject({fiscalYear: 2025, runningYen: 0, oneTimeYen: 40_000_000})
    expect(e.cashFlow.at(-1)!.fiscalYear).toBe(2030)
    expect(e.cashFlow.find((c) => c.fiscalYear === 2027)!.label).toBe('令和9年度')
  })

  it('leaves a system without a baseline out of the rate and warns (基準値なし), never as 0', () => {
    const e = estimateCost(input())
    const s1 = e.systems.find((s) => s.id === 'S1')!
    const s2 = e.systems.find((s) => s.id === 'S2')!
    const s3 = e.systems.find((s) => s.id === 'S3')!
    expect(s3.baselineAnnualYen).toBeNull()
    expect(e.warnings.some((w) => w.startsWith('国保:') && w.includes('基準値なし'))).toBe(true)
    expect(e.totals.baselineAnnualYen).toBe(35_000_000)
    expect(e.totals.afterAnnualComparedYen).toBe(s1.afterAnnualYen + s2.afterAnnualYen)
    const rate = (35_000_000 - e.totals.afterAnnualComparedYen) / 35_000_000
    expect(e.totals.reductionRate).toBeCloseTo(rate, 4)
    expect(e.businesses.find((b) => b.business === '国民健康保険')).toMatchObject({
      baselineAnnualYen: null,
      reductionRate: null,
    })
    // The out-of-scope system's baseline is not counted either.
    expect(e.warnings.some((w) => w.includes('標準化対象業務のないシステム 1 件'))).toBe(true)
  })

  it('reductionRate is null and the target not met when no system has a baseline', () => {
    const systems = SYSTEMS.map((s) => ({...s, baselineAnnualCostYen: null}))
    const e = estimateCost(input({systems}))
    expect(e.totals.reductionRate).toBeNull()
    expect(e.totals.meetsTarget).toBe(false)
    expect(e.totals.gapToTargetYen).toBe(0)
  })

  it('gapToTargetYen is what must still be cut; 0 once the target is met', () => {
    const e = estimateCost(input())
    expect(e.totals.targetAnnualYen).toBe(24_500_000)
    expect(e.totals.gapToTargetYen).toBe(e.totals.afterAnnualComparedYen - 24_500_000)
    expect(e.totals.meetsTarget).toBe(false)
    const rich = SYSTEMS.map((s) => ({
      ...s,
      baselineAnnualCostYen: s.baselineAnnualCostYen === null ? null : 500_000_000,
    }))
    const met = estimateCost(input({systems: rich}))
    expect(met.totals.meetsTarget).toBe(true)
    expect(met.totals.gapToTargetYen).toBe(0)
  })

  it('retires customizations the standard covers and keeps outside ones as 独自施策システム', () => {
    const e = estimateCost(input())
    const s1 = e.systems.find((s) => s.id === 'S1')!
    expect(s1.retiredCustomizationYen).toBe(300_000)
    expect(s1.keptOutsideYen).toBe(500_000)
    const s2 = e.systems.find((s) => s.id === 'S2')!
    expect(s2.retiredCustomizationYen).toBe(200_000)
    // No verdict: kept (conservative) and warned.
    expect(s2.keptOutsideYen).toBe(100_000)
    expect(e.warnings.some((w) => w.startsWith('税務:') && w.includes('判定がない'))).toBe(true)
    const half = estimateCost(input({assumptions: withParams(defaultAssumptions(), {outsideKeepShare: 0.5})}))
    expect(half.systems.find((s) => s.id === 'S1')!.keptOutsideYen).toBe(250_000)
  })

  it('changing the exchange rate moves only the USD-priced Gov-Cloud fees', () => {
    const base = estimateCost(input())
    const weak = estimateCost(input({assumptions: withParams(defaultAssumptions(), {fxRate: 180})}))
    const item = (e: typeof base, systemId: string, prefix: string): number =>
      e.breakdown
        .filter((l) => l.systemId === systemId && l.item.startsWith(prefix))
        .reduce((n, l) => n + l.amountYen, 0)
    for (const fee of ['標準準拠システム利用料', '接続回線', '運用管理補助']) {
      expect(item(weak, 'S1', `移行後運用経費（${fee}`)).toBe(item(base, 'S1', `移行後運用経費（${fee}`))
    }
    const cloudBase = item(base, 'S1', '移行後運用経費（ガバメントクラウド利用料')
    expect(item(weak, 'S1', '移行後運用経費（ガバメントクラウド利用料')).toBe(
      Math.round((cloudBase * 180) / 150),
    )
    expect(weak.totals.oneTimeYen).toBe(base.totals.oneTimeYen)
    // Migrated system: the actual cost stays, only its estimated cloud share moves.
    const s3b = base.systems.find((s) => s.id === 'S3')!
    const s3w = weak.systems.find((s) => s.id === 'S3')!
    expect(s3w.afterAnnualYen - s3b.afterAnnualYen).toBe(Math.round(4_200_000 * (180 / 150 - 1)))
    // No USD share: the rate changes nothing.
    const yen = withParams(defaultAssumptions(), {usdShare: 0})
    expect(estimateCost(input({assumptions: withParams(yen, {fxRate: 180})})).totals.afterAnnualYen).toBe(
      estimateCost(input({assumptions: yen})).totals.afterAnnualYen,
    )
  })

  it('the subsidy never exceeds its cap nor rate × eligible cost', () => {
    const e = estimateCost(input())
    expect(e.totals.subsidyYen).toBeLessThanOrEqual(e.totals.subsidyCapYen)
    expect(e.totals.subsidyYen).toBeLessThanOrEqual(e.totals.eligibleOneTimeYen)
    expect(e.totals.eligibleOneTimeYen).toBeLessThan(e.totals.oneTimeYen) // contract costs are not eligible
    const a = defaultAssumptions()
    const low = {...a, bands: a.bands.map((b) => ({...b, subsidyCapYen: 10_000_000}))}
    const capped = estimateCost(input({assumptions: low}))
    expect(capped.totals.subsidyYen).toBe(10_000_000)
    expect(capped.warnings.some((w) => w.includes('補助上限額'))).toBe(true)
    const half = estimateCost(input({assumptions: withParams(a, {subsidyRate: 0.5})}))
    expect(half.totals.subsidyYen).toBe(Math.floor(half.totals.eligibleOneTimeYen * 0.5))
    for (const s of half.systems) expect(s.subsidyYen).toBeLessThanOrEqual(s.oneTimeYen)
  })

  it('a contract ending before the cutover costs an extension, one ending after it an overlap', () => {
    const early = SYSTEMS.map((s) =>
      s.id === 'S1' ? {...s, contractEnd: '2026-12-31', plannedMigration: '2027-04'} : s,
    )
    const e1 = estimateCost(input({systems: early}))
    const s1 = e1.systems.find((s) => s.id === 'S1')!
    expect(s1.extensionMonths).toBe(3) // 2027-01..03
    expect(s1.overlapMonths).toBe(0)
    expect(s1.contractYen).toBe(Math.round(3 * 1_000_000 * 1.1))
    const late = SYSTEMS.map((s) =>
      s.id === 'S1' ? {...s, contractEnd: '2027-09-30', plannedMigration: '2027-04'} : s,
    )
    const e2 = estimateCost(input({systems: late}))
    const l1 = e2.systems.find((s) => s.id === 'S1')!
    expect(l1.overlapMonths).toBe(6) // 2027-04..09
    expect(l1.extensionMonths).toBe(0)
    expect(l1.contractYen).toBe(6_000_000)
    const exact = estimateCost(input()).systems.find((s) => s.id === 'S1')!
    expect([exact.extensionMonths, exact.overlapMonths, exact.contractYen]).toEqual([0, 0, 0])
    const terminated = estimateCost(
      input({systems: late, assumptions: withParams(defaultAssumptions(), {terminationRate: 0.25})}),
    )
    expect(terminated.systems.find((s) => s.id === 'S1')!.contractYen).toBe(1_500_000)
  })

  it('scenarios: 円安 and クラウド利用料増 raise the running cost, 移行1年遅延 the one-time cost (double running)', () => {
    const e = estimateCost(input())
    const by = new Map(e.scenarios.map((s) => [s.name, s]))
    expect([...by.keys()]).toEqual(['base', '円安', 'クラウド利用料増', '移行1年遅延'])
    expect(by.get('円安')!.afterAnnualYen).toBeGreaterThan(by.get('base')!.afterAnnualYen)
    expect(by.get('クラウド利用料増')!.afterAnnualYen).toBeGreaterThan(by.get('base')!.afterAnnualYen)
    expect(by.get('移行1年遅延')!.afterAnnualYen).toBe(by.get('base')!.afterAnnualYen)
    expect(by.get('移行1年遅延')!.oneTimeYen).toBeGreaterThan(by.get('base')!.oneTimeYen)
    const delayed = estimateCost(input({scenario: '移行1年遅延'}))
    expect(delayed.systems.find((s) => s.id === 'S1')!.cutover).toBe('2028-04')
    expect(delayed.breakdown.some((l) => l.item === '一時経費（移行遅延による二重稼働）')).toBe(true)
  })

  it('takes the cutover from the roadmap, else the inventory, else the parameter', () => {
    const systems = SYSTEMS.map((s) => (s.id === 'S2' ? {...s, plannedMigration: null} : s))
    const e = estimateCost(input({systems, cutovers: [{systemId: 'S1', cutover: '2028-01'}]}))
    const cut = new Map(e.systems.map((s) => [s.id, [s.cutover, s.cutoverSource]]))
    expect(cut.get('S1')).toEqual(['2028-01', 'roadmap'])
    expect(cut.get('S2')).toEqual(['2029-01', 'parameter'])
    expect(cut.get('S3')).toEqual(['2026-01', 'inventory'])
  })

  it('every figure is traceable: the 内訳 has lines per system with a source', () => {
    const e = estimateCost(input({systemSources: new Map([['S1', '台帳.xlsx › 一覧 5行目']])}))
    const s1 = e.breakdown.filter((l) => l.systemId === 'S1')
    expect(s1.find((l) => l.item === '平成30年度運用経費（基準値）')).toMatchObject({
      amountYen: 10_000_000,
      source: '台帳.xlsx › 一覧 5行目',
    })
    const after = s1.filter((l) => l.item.startsWith('移行後運用経費'))
    expect(after.reduce((n, l) => n + l.amountYen, 0)).toBe(e.systems[0]!.afterAnnualYen)
    const oneTime = s1.filter((l) => l.item.startsWith('一時経費'))
    expect(oneTime.reduce((n, l) => n + l.amountYen, 0)).toBe(e.systems[0]!.oneTimeYen)
    expect(e.assumptions.find((a) => a.key === 'targetRate')).toMatchObject({
      value: 0.3,
      unit: '比率（0～1）',
    })
  })
})

describe('helpers', () => {
  it('allocate keeps integer parts that sum to the total', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(allocate(7, [0, 0])).toEqual([4, 3])
    expect(allocate(1_000_001, [0.25, 0.08, 0.17, 0.18, 0.14, 0.03, 0.15]).reduce((a, b) => a + b, 0)).toBe(
      1_000_001,
    )
  })
  it('labels fiscal years in 令和', () => {
    expect(fiscalYearLabel(2027)).toBe('令和9年度')
    expect(fiscalYearLabel(2019)).toBe('令和元年度')
    expect(fiscalYearLabel(2018)).toBe('平成30年度')
  })
})
