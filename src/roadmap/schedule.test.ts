import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {BUSINESSES} from '../catalog/catalog.js'
import {DEFAULT_ASSUMPTIONS} from './defaults.js'
import {fiscalYearOf, fiscalYearStart, monthOf, monthOfYear} from './months.js'
import {PHASES, RoadmapResultSchema, type Assumptions, type SystemAssumption} from './roadmap.schema.js'
import {scheduleRoadmap, type ScheduleOutput, type ScheduleSystem} from './schedule.js'

const TODAY = '2026-12-01'

function sys(id: string, over: Partial<ScheduleSystem> = {}): ScheduleSystem {
  return {
    id,
    name: `システム${id}`,
    businesses: ['生活保護'],
    vendor: `ベンダー${id}`,
    product: null,
    status: '未着手',
    contractEnd: null,
    planned: null,
    links: [],
    records: null,
    gaps: null,
    ...over,
  }
}

/** A system ready to cut over now (移行作業中, in 本番移行 with 1 month left). */
function ready(id: string, over: Partial<ScheduleSystem> = {}): [ScheduleSystem, SystemAssumption] {
  return [
    sys(id, {status: '移行作業中', ...over}),
    {systemId: id, status: null, currentPhase: '本番移行', remainingMonths: 1, deadline: null},
  ]
}

const QUIET: Assumptions = {
  ...DEFAULT_ASSUMPTIONS,
  preferredCutoverMonths: [],
  commonFirst: false,
  bundles: [],
}

function run(
  pairs: readonly (ScheduleSystem | [ScheduleSystem, SystemAssumption])[],
  over: Partial<Assumptions> = {},
  today = TODAY,
): ScheduleOutput {
  const systems = pairs.map((p) => (Array.isArray(p) ? p[0] : p))
  const overrides = pairs.flatMap((p) => (Array.isArray(p) ? [p[1]] : []))
  return scheduleRoadmap({today, systems, assumptions: {...QUIET, systems: overrides, ...over}})
}

const cut = (out: ScheduleOutput, id: string): string | null =>
  out.items.find((i) => i.systemId === id)!.cutover
const item = (out: ScheduleOutput, id: string) => out.items.find((i) => i.systemId === id)!

/** Every echoed constraint checked against the plan; returns violations in words (empty = valid). */
export function violations(out: ScheduleOutput): string[] {
  const v: string[] = []
  const c = out.constraints
  const planned = out.items.filter((i) => !i.done && i.cutover !== null)
  const byId = new Map(out.items.map((i) => [i.systemId, i]))
  const vendorCount = new Map<string, number>()
  const staff = new Map<number, number>()
  for (const i of planned) {
    const m = monthOf(i.cutover!)
    for (const b of i.businesses)
      if ((c.busySeasons[b] ?? []).includes(monthOfYear(m))) v.push(`${i.systemId} busy ${b}`)
    if (i.vendor) vendorCount.set(`${i.vendor}|${m}`, (vendorCount.get(`${i.vendor}|${m}`) ?? 0) + 1)
    const work = i.phases.filter((p) => c.workPhases.includes(p.name))
    const cutPhase = i.phases.find((p) => p.name === '本番移行')
    if (!cutPhase || cutPhase.end !== i.cutover) v.push(`${i.systemId} cutover is not the end of 本番移行`)
    for (let x = monthOf(work[0]!.start); x <= m; x++) staff.set(x, (staff.get(x) ?? 0) + 1)
    for (let k = 1; k < i.phases.length; k++)
      if (monthOf(i.phases[k]!.start) <= monthOf(i.phases[k - 1]!.end)) v.push(`${i.systemId} phases overlap`)
    const req = i.phases.findIndex((p) => p.name === c.budget.requestPhase)
    const spend = i.phases.find((p) => p.name === c.budget.spendingPhase)
    if (req > 0 && spend) {
      const r = i.phases[req]!
      if (!c.budget.supplementaryBudget && !c.budget.requestMonths.includes(monthOfYear(monthOf(r.start))))
        v.push(`${i.systemId} budget month`)
      const from = c.budget.supplementaryBudget
        ? monthOf(r.end) + 1
        : fiscalYearStart(fiscalYearOf(monthOf(r.start)) + 1)
      if (monthOf(spend.start) < from) v.push(`${i.systemId} spends before its budget year`)
    }
    const late = m > monthOf(i.deadline)
    if (i.onTime === late) v.push(`${i.systemId} onTime flag`)
    if (late && !out.infeasible.some((x) => x.systemId === i.systemId))
      v.push(`${i.systemId} late but not listed`)
  }
  for (const [key, n] of vendorCount) {
    const vendor = key.split('|')[0]!
    if (n > (c.vendorCapacityByVendor[vendor] ?? c.vendorCapacity)) v.push(`vendor ${key} ${n}`)
  }
  for (const [m, n] of staff) if (n > c.staffCapacity) v.push(`staff ${m} ${n}`)
  for (const [b, a] of c.dependencies) {
    const before = byId.get(b)!
    const after = byId.get(a)!
    if (before.cutover && after.cutover && !(monthOf(after.cutover) > monthOf(before.cutover)))
      v.push(`dependency ${b} → ${a}`)
  }
  for (const group of c.bundles) {
    const months = new Set(group.map((id) => byId.get(id)!.cutover))
    if (months.size > 1) v.push(`bundle ${group.join(',')}`)
  }
  return v
}

describe('scheduleRoadmap: one test per constraint', () => {
  it('busy season: no cutover in the 業務 busy months', () => {
    const free = run([ready('A', {businesses: ['住民基本台帳']})], {busySeasons: {}}, '2027-03-01')
    expect(cut(free, 'A')).toBe('2027-03')
    const out = run([ready('A', {businesses: ['住民基本台帳']})], {}, '2027-03-01')
    expect(cut(out, 'A')).toBe('2027-05')
    expect(item(out, 'A').reasons.at(-2)).toContain('住民基本台帳の繁忙期（3〜4月）を避け')
    expect(violations(out)).toEqual([])
  })

  it('contract end: the system whose contract ends first gets the earlier slot, and a gap is a risk', () => {
    const pairs = [
      ready('LATE', {vendor: 'A社', contractEnd: '2030-03-31'}),
      ready('SOON', {vendor: 'A社', contractEnd: '2026-12-31'}),
    ]
    const out = run(pairs, {vendorCapacity: 1})
    expect(cut(out, 'SOON')).toBe('2026-12')
    expect(cut(out, 'LATE')).toBe('2027-01')
    expect(item(out, 'SOON').reasons.at(-2)).toContain('契約満了 令和8年12月31日の前')
    const tight = run([ready('X', {contractEnd: '2027-01-31', businesses: ['個人住民税']})], {}, '2027-01-01')
    expect(cut(tight, 'X')).toBe('2027-07')
    expect(item(tight, 'X').risks.join()).toContain('契約満了 令和9年1月31日から本番移行まで6か月の空白')
  })

  it('dependency: 共通機能 cuts over before the 業務 systems, and a listed dependency is obeyed', () => {
    const atena: [ScheduleSystem, SystemAssumption] = [
      sys('ATENA', {name: '団体内統合宛名システム', businesses: [], status: '移行作業中'}),
      {systemId: 'ATENA', status: null, currentPhase: '連携・総合テスト', remainingMonths: 2, deadline: null},
    ]
    const without = run([atena, ready('A')])
    expect(cut(without, 'A')).toBe('2026-12')
    const out = run([atena, ready('A')], {commonFirst: true, commonKeywords: ['宛名']})
    expect(cut(out, 'ATENA')).toBe('2027-04')
    expect(cut(out, 'A')).toBe('2027-05')
    expect(out.constraints.dependencies).toEqual([['ATENA', 'A']])
    expect(item(out, 'A').reasons.at(-2)).toContain('団体内統合宛名システム（令和9年4月）の後')
    const listed = run([ready('A'), ready('B', {businesses: ['介護保険']})], {
      dependencies: [{before: '介護保険', after: 'A', reason: null}],
      busySeasons: {},
    })
    expect(cut(listed, 'B')).toBe('2026-12')
    expect(cut(listed, 'A')).toBe('2027-01')
    expect(violations(listed)).toEqual([])
  })

  it('vendor capacity: at most N cutovers per vendor per month (per-vendor override)', () => {
    const pairs = ['A', 'B', 'C'].map((id) => ready(id, {vendor: '北斗'}))
    const out = run(pairs, {vendorCapacity: 2, staffCapacity: 10})
    expect(['A', 'B', 'C'].map((id) => cut(out, id))).toEqual(['2026-12', '2026-12', '2027-01'])
    expect(item(out, 'A').risks.join()).toContain('北斗の令和8年12月の本番移行が上限2件に達している')
    const wide = run(pairs, {vendorCapacity: 2, staffCapacity: 10, vendorCapacityByVendor: {北斗: 3}})
    expect(new Set(['A', 'B', 'C'].map((id) => cut(wide, id)))).toEqual(new Set(['2026-12']))
  })

  it('staff capacity: work windows (移行設計 … 本番移行) never exceed the staff limit', () => {
    const pairs = ['A', 'B'].map((id) => sys(id, {status: '特定移行支援'}))
    const two = run(pairs, {staffCapacity: 2})
    expect(cut(two, 'A')).toBe(cut(two, 'B'))
    const one = run(pairs, {staffCapacity: 1})
    const [a, b] = ['A', 'B'].map((id) => item(one, id))
    const workStartB = b!.phases.find((p) => p.name === PHASES[4])!.start
    expect(monthOf(workStartB)).toBeGreaterThan(monthOf(a!.cutover!))
    expect(violations(one)).toEqual([])
  })

  it('budget cycle: 予算要求 in September–November, spending from the next April (unless 補正予算)', () => {
    const out = run([sys('A')])
    const phase = (o: ScheduleOutput, name: string) => item(o, 'A').phases.find((p) => p.name === name)!
    expect(phase(out, '予算要求').start).toBe('2027-09')
    expect(phase(out, '調達・契約').start).toBe('2028-04')
    expect(item(out, 'A').reasons.join()).toContain('令和10年度予算（令和9年9月に要求）で執行')
    const supp = run([sys('A')], {supplementaryBudget: true})
    expect(phase(supp, '予算要求').start).toBe('2027-08')
    expect(phase(supp, '調達・契約').start).toBe('2027-11')
  })

  it('deadline: a system that cannot make it is listed with the blocking constraint and by how much', () => {
    const out = run([sys('A', {status: '特定移行支援', planned: '2027-12', businesses: ['介護保険']})], {
      busySeasons: {介護保険: [3, 4, 6, 7]},
    })
    const x = out.infeasible.find((i) => i.systemId === 'A')!
    expect(item(out, 'A').onTime).toBe(false)
    expect(item(out, 'A').deadline).toBe('2027-12-31')
    expect(x.blockedBy).toBe('duration')
    expect(x.overMonths).toBe(monthOf(item(out, 'A').cutover!) - monthOf('2027-12'))
    expect(x.reason).toMatch(
      /期限 令和9年12月（特定移行支援.*）に間に合わない: 本番移行は最短で令和10年\d+月（\d+か月超過）/,
    )
    // Staff capacity as the blocker: B only fits after C's ongoing work (placed first) ends.
    const staff = run([sys('B', {status: '特定移行支援'}), sys('C', {status: '移行作業中'})], {
      staffCapacity: 1,
      systems: [
        {systemId: 'B', status: null, currentPhase: null, remainingMonths: null, deadline: '2028-12-31'},
        {systemId: 'C', status: null, currentPhase: PHASES[4], remainingMonths: 20, deadline: null},
      ],
    })
    const b = staff.infeasible.find((i) => i.systemId === 'B')!
    expect(b.blockedBy).toBe('staffCapacity')
    expect(b.reason).toContain('職員の同時作業上限（1件）')
  })

  it('bundles: the 税 業務 cut over in the same month; cycles are reported, not looped on', () => {
    const out = run(
      [
        ready('T', {businesses: ['個人住民税']}),
        sys('K', {businesses: ['固定資産税'], status: '移行作業中'}),
      ],
      {
        bundles: DEFAULT_ASSUMPTIONS.bundles,
      },
    )
    expect(cut(out, 'T')).toBe(cut(out, 'K'))
    expect(out.constraints.bundles).toEqual([['T', 'K']])
    const cyc = run([ready('A'), ready('B', {businesses: ['介護保険']})], {
      dependencies: [
        {before: 'A', after: 'B', reason: null},
        {before: 'B', after: 'A', reason: null},
      ],
    })
    expect(cyc.infeasible.map((i) => i.blockedBy)).toEqual(['dependencyCycle', 'dependencyCycle'])
  })

  it('is deterministic and leaves its input alone', () => {
    const systems = [sys('A'), sys('B', {status: '特定移行支援'}), ready('C')]
    const input = JSON.stringify(systems)
    expect(run(systems)).toEqual(run(systems))
    expect(JSON.stringify(systems)).toBe(input)
  })

  it('the checker itself catches a broken plan', () => {
    const out = run(
      ['A', 'B', 'C'].map((id) => ready(id, {vendor: '北斗'})),
      {vendorCapacity: 2, staffCapacity: 10},
    )
    const broken = {
      ...out,
      items: out.items.map((i) => ({
        ...i,
        cutover: '2026-12',
        phases: i.phases.map((p) => (p.name === '本番移行' ? {...p, start: '2026-12', end: '2026-12'} : p)),
      })),
    }
    expect(violations(broken)).toContain('vendor 北斗|24323 3')
  })
})

const NAMES = BUSINESSES.map((b) => b.name)
const systemArb = fc.record({
  businesses: fc.subarray(NAMES, {maxLength: 2}),
  vendor: fc.constantFrom('A社', 'B社', 'C社', null),
  product: fc.constantFrom('P1', 'P2', null),
  status: fc.constantFrom('未着手', '移行作業中', '移行済', '特定移行支援', null),
  planned: fc.option(fc.integer({min: 0, max: 60}).map((k) => monthText(monthOf('2025-01') + k))),
  contractEnd: fc.option(fc.integer({min: 0, max: 80}).map((k) => `${monthText(monthOf('2025-01') + k)}-28`)),
  records: fc.option(fc.integer({min: 0, max: 600000})),
  gaps: fc.option(fc.record({outside: fc.nat(40), prohibited: fc.nat(20)})),
  common: fc.boolean(),
})

function monthText(m: number): string {
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`
}

describe('scheduleRoadmap: property', () => {
  it('for random inventories, no plan violates an echoed constraint and the result matches its schema', () => {
    fc.assert(
      fc.property(
        fc.array(systemArb, {minLength: 1, maxLength: 25}),
        fc.record({
          vendorCapacity: fc.integer({min: 1, max: 3}),
          staffCapacity: fc.integer({min: 1, max: 5}),
          supplementaryBudget: fc.boolean(),
          preferred: fc.subarray([1, 5, 9]),
          deadlineYear: fc.integer({min: 2027, max: 2032}),
          deps: fc.array(fc.tuple(fc.nat(24), fc.nat(24)), {maxLength: 4}),
        }),
        (rows, p) => {
          const systems = rows.map((r, i) =>
            sys(`S${i}`, {...r, name: r.common ? `宛名${i}` : `システム${i}`}),
          )
          const out = scheduleRoadmap({
            today: TODAY,
            systems,
            assumptions: {
              ...DEFAULT_ASSUMPTIONS,
              vendorCapacity: p.vendorCapacity,
              staffCapacity: p.staffCapacity,
              supplementaryBudget: p.supplementaryBudget,
              preferredCutoverMonths: p.preferred,
              deadline: `${p.deadlineYear}-03-31`,
              dependencies: p.deps
                .filter(([a, b]) => a < systems.length && b < systems.length)
                .map(([a, b]) => ({before: `S${a}`, after: `S${b}`, reason: null})),
            },
          })
          expect(violations(out)).toEqual([])
          RoadmapResultSchema.parse({...out, assumptionsSource: 'test', output: null})
        },
      ),
      {numRuns: 300, seed: 20261201},
    )
  })
})
