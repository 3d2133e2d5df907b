import {describe, expect, it} from 'vitest'
import {
  cashFlowChart,
  niceScale,
  runningCostChart,
  timelineChart,
  verdictBreakdownChart,
  yenShort,
} from './charts.js'
import {
  buildSummary,
  reiwaMonth,
  summarizeRfi,
  summarizeRoadmap,
  summarizeStatus,
  type CostEstimateInput,
  type RoadmapInput,
  type SummaryInput,
} from './summary.js'

const EMPTY: SummaryInput = {
  asOf: '2026-12-02',
  systems: [],
  inventoryImportedAt: null,
  fitgap: [],
  cost: null,
  roadmap: null,
  rfi: null,
}

const COST: CostEstimateInput = {
  targetRate: 0.3,
  totals: {
    baselineAnnualYen: 400_000_000,
    currentAnnualYen: 450_000_000,
    afterAnnualYen: 600_000_000,
    reductionRate: -0.5,
    meetsTarget: false,
    gapToTargetYen: 320_000_000,
    oneTimeYen: 300_000_000,
    subsidyYen: 120_000_000,
    netOneTimeYen: 180_000_000,
  },
  cashFlow: [
    {
      fiscalYear: 2026,
      label: '令和8年度',
      oneTimeYen: 100_000_000,
      runningYen: 450_000_000,
      subsidyYen: 40_000_000,
      netYen: 510_000_000,
    },
    {
      fiscalYear: 2027,
      label: '令和9年度',
      oneTimeYen: 200_000_000,
      runningYen: 500_000_000,
      subsidyYen: 80_000_000,
      netYen: 620_000_000,
    },
  ],
  scenarios: [
    {name: '基本', afterAnnualYen: 600_000_000, reductionRate: -0.5, meetsTarget: false},
    {name: '円安', afterAnnualYen: 650_000_000, reductionRate: -0.625, meetsTarget: false},
  ],
}

function item(
  system: string,
  cutover: string | null,
  extra: Partial<RoadmapInput['items'][number]> = {},
): RoadmapInput['items'][number] {
  return {
    systemId: system,
    system,
    businesses: ['住民基本台帳'],
    status: '未着手',
    phases: [{name: '計画立案', start: '2027-01', end: '2027-03'}],
    cutover,
    slackMonths: 12,
    onTime: true,
    reasons: [],
    risks: [],
    ...extra,
  }
}

describe('summarizeStatus', () => {
  it.each([
    {statuses: ['移行済', '移行済'], expected: 'done'},
    {statuses: ['移行済', '未着手'], expected: 'inProgress'},
    {statuses: ['移行作業中'], expected: 'inProgress'},
    {statuses: ['移行作業中', '特定移行支援'], expected: 'special'},
    {statuses: ['未着手'], expected: 'notStarted'},
    {statuses: [null], expected: 'notStarted'},
  ])('a 業務 whose systems are $statuses is $expected', ({statuses, expected}) => {
    const systems = statuses.map((status, i) => ({name: `S${i}`, businessIds: ['juki'], status}))
    const s = summarizeStatus(systems, '2026-11-30T00:00:00Z')
    expect(s.businesses.find((b) => b.businessId === 'juki')?.status).toBe(expected)
  })

  it('counts all 20 業務, the ones without a system as unregistered', () => {
    const s = summarizeStatus([{name: 'A', businessIds: ['juki'], status: '移行済'}], null)
    expect(s.businesses).toHaveLength(20)
    expect(Object.values(s.counts).reduce((a, b) => a + b, 0)).toBe(20)
    expect(s.counts).toMatchObject({done: 1, unregistered: 19})
    expect(s.source).toContain('未取込')
  })
})

describe('buildSummary', () => {
  it('says plainly which analyses are missing and never shows them as 0', () => {
    const s = buildSummary(EMPTY)
    expect(s.fitgap.available).toBe(false)
    expect(s.fitgap.total).toBeNull()
    expect(s.cost).toBeNull()
    expect(s.roadmap).toBeNull()
    const text = s.sections.flatMap((x) => x.lines).join('\n')
    expect(text).toContain('Fit&Gap 分析が未実施です: hyojun fitgap')
    expect(text).toContain('経費試算が未実施です: hyojun cost estimate')
    expect(text).toContain('ロードマップが未作成です: hyojun roadmap')
    expect(text).not.toMatch(/標準で対応 0件/)
    expect(s.charts.runningCost).toBeNull()
    expect(s.charts.cashFlow).toEqual([])
  })

  it('states the 3割 target as missed with the gap, and the one-time cost net of subsidy, naming the scenario', () => {
    const s = buildSummary({...EMPTY, cost: {value: COST, createdAt: '2026-12-01T09:00:00Z', label: '基本'}})
    const text = s.sections.flatMap((x) => x.lines).join('\n')
    expect(text).toContain('3割削減目標は未達で、あと 3.20億円/年の削減が必要です')
    expect(text).toContain('総額 3.00億円、補助 1.20億円、実質負担 1.80億円')
    expect(text).toContain('経費試算（シナリオ「基本」2026-12-01 試算）')
    expect(s.risks[0]).toContain('3割削減目標が未達')
    expect(s.charts.runningCost?.scenarios.map((x) => x.name)).toEqual(['基本', '円安'])
  })

  it('totals the Fit&Gap over 業務 and takes the newest analysis date', () => {
    const row = (business: string, n: number, at: string): SummaryInput['fitgap'][number] => ({
      business,
      total: n * 4,
      fit: n,
      option: n,
      prohibited: n,
      outside: n,
      needsReview: 1,
      retirableAnnualCostYen: 10_000 * n,
      analyzedAt: at,
    })
    const s = buildSummary({
      ...EMPTY,
      fitgap: [row('住民基本台帳', 2, '2026-11-01T00:00:00Z'), row('介護保険', 3, '2026-11-20T00:00:00Z')],
    })
    expect(s.fitgap).toMatchObject({
      total: 20,
      fit: 5,
      outside: 5,
      needsReview: 2,
      retirableAnnualCostYen: 50_000,
    })
    expect(s.fitgap.source).toBe('比較分析表（2026-11-20 分析）')
  })
})

describe('runningCostChartInput', () => {
  it('compares like with like when only some systems have a 平成30年度 figure', () => {
    const partial = {
      ...COST,
      totals: {
        ...COST.totals,
        baselineAnnualYen: 100_000_000,
        afterAnnualComparedYen: 150_000_000,
        reductionRate: -0.5,
      },
    }
    const s = buildSummary({
      ...EMPTY,
      cost: {value: partial, createdAt: '2026-12-01T09:00:00Z', label: 'base'},
    })
    const chart = s.charts.runningCost!
    expect(chart.currentYen).toBeNull()
    expect(chart.scenarios[0]).toEqual({name: '基本', afterYen: 150_000_000})
    expect(chart.note).toContain('基準値があるシステムで比較')
    expect(s.sections.flatMap((x) => x.lines).join('\n')).toContain(
      '全システムでは 現在 4.50億円 → 移行後 6.00億円',
    )
  })
})

describe('summarizeRoadmap', () => {
  const plan: RoadmapInput = {
    today: '2026-12-02',
    deadline: '2031-03-31',
    items: [
      item('住民情報', '2027-01'),
      item('税務', '2027-12', {slackMonths: 2}),
      item('福祉', '2028-01'),
      item('国保', '2031-06', {onTime: false, risks: ['A社の同月移行上限により期限を3か月超過']}),
      item('旧介護', '2026-12', {status: '移行済'}),
    ],
    infeasible: [{systemId: '生活保護', reason: '契約満了が期限後'}],
  }
  const s = summarizeRoadmap({value: plan, createdAt: '2026-12-02T01:00:00Z'}, '2026-12-02')

  it('lists the cutovers of the next 12 months, in order, without systems already moved', () => {
    expect(s.nextCutovers.map((n) => `${n.system} ${n.cutover}`)).toEqual(['住民情報 2027-01'])
  })
  it('reports late systems with their reason, infeasible ones too, and tight slack as at risk', () => {
    expect(s.late).toEqual([
      {system: '国保', reason: 'A社の同月移行上限により期限を3か月超過'},
      {system: '生活保護', reason: '契約満了が期限後'},
    ])
    expect(s.atRisk.map((a) => a.system)).toEqual(['税務'])
    expect(s.lastCutover).toBe('2031-06')
  })
  it('writes months in 令和', () => {
    expect(reiwaMonth('2027-01')).toBe('令和9年1月')
    expect(reiwaMonth('2019-05')).toBe('令和元年5月')
  })
})

describe('charts', () => {
  it('yen in 億円 / 万円 and nice axis steps', () => {
    expect(yenShort(412_000_000)).toBe('4.12億円')
    expect(yenShort(59_890_000)).toBe('5,989万円')
    expect(yenShort(-20_000_000)).toBe('−2,000万円')
    expect(niceScale(690_000_000)).toEqual({max: 800_000_000, step: 200_000_000})
  })

  it('draws the target line at 70 % of the baseline, and none without a baseline', () => {
    const svg = runningCostChart({baselineYen: 400_000_000, currentYen: 1, scenarios: [], targetRate: 0.3})
    expect(svg).toContain('目標（平成30年度の70%）2.80億円')
    const none = runningCostChart({baselineYen: null, currentYen: 1, scenarios: [], targetRate: 0.3})
    expect(none).not.toContain('目標（')
    expect(none).toContain('基準値がない')
  })

  it('labels every series in a legend (readable in black and white) and escapes text', () => {
    const svg = verdictBreakdownChart([{business: 'A&B<税>', fit: 3, option: 1, prohibited: 1, outside: 2}])
    for (const label of ['標準で対応', 'オプション', '実装不可', '標準外']) expect(svg).toContain(label)
    expect(svg).toContain('A&amp;B&lt;税&gt;')
    expect(svg).toContain('計7')
    expect(cashFlowChart([])).toContain('補助金（控除）')
    const t = timelineChart(
      [{business: '住民基本台帳', start: '2027-01', cutover: '2027-06', status: '作業中', late: false}],
      '2026-12-02',
      '2031-03-31',
    )
    expect(t).toContain('期限 2031-03-31')
    expect(t).toContain('令和8年度')
  })
})

describe('summarizeRfi', () => {
  it('names the top-ranked vendor and the vendors with a mandatory gap or a prohibited offer', () => {
    const s = summarizeRfi({
      createdAt: '2026-11-20T00:00:00Z',
      value: {
        businesses: [
          {
            business: '住民基本台帳',
            vendors: [
              {vendor: 'B社', rank: 2, mandatoryNotMet: 1, prohibitedOffered: 1, flags: []},
              {vendor: 'A社', rank: 1, mandatoryNotMet: 0, prohibitedOffered: 0, flags: []},
            ],
          },
        ],
      },
    })
    expect(s.businesses).toEqual([
      {
        business: '住民基本台帳',
        vendors: 2,
        topVendor: 'A社',
        flagged: ['B社（必須 1 件が○以外・実装不可機能 1 件を提供）'],
      },
    ])
    expect(s.source).toBe('RFI比較（2026-11-20 時点）')
  })
})
