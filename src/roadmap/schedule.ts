import {
  fiscalYearLabel,
  fiscalYearOf,
  fiscalYearStart,
  monthEndIso,
  monthOf,
  monthOfYear,
  monthsLabel,
  monthText,
  warekiDate,
  warekiMonth,
  type Month,
} from './months.js'
import {
  BUDGET_PHASE,
  CUTOVER_PHASE,
  PHASES,
  PROCURE_PHASE,
  WORK_PHASES,
  type Assumptions,
  type Blocker,
  type Constraints,
  type Infeasible,
  type PhaseName,
  type PhaseSpan,
  type RoadmapItem,
} from './roadmap.schema.js'

/** One system as the scheduler sees it (from the inventory and the Fit&Gap results). */
export interface ScheduleSystem {
  readonly id: string
  readonly name: string
  /** Official 業務 names. */
  readonly businesses: readonly string[]
  readonly vendor: string | null
  readonly product: string | null
  /** 未着手 / 移行作業中 / 移行済 / 特定移行支援, or null. */
  readonly status: string | null
  readonly contractEnd: string | null
  /** 移行予定: YYYY-MM-DD or YYYY-MM. */
  readonly planned: string | null
  /** Linked systems, by name or id. */
  readonly links: readonly string[]
  readonly records: number | null
  /** Fit&Gap items outside the standard / prohibited (null: no Fit&Gap run). */
  readonly gaps: {readonly outside: number; readonly prohibited: number} | null
}

export interface ScheduleInput {
  /** ISO date; the plan starts in its month. */
  readonly today: string
  readonly systems: readonly ScheduleSystem[]
  readonly assumptions: Assumptions
}

export interface ScheduleOutput {
  readonly today: string
  readonly deadline: string
  readonly items: RoadmapItem[]
  readonly infeasible: Infeasible[]
  readonly constraints: Constraints
  readonly warnings: string[]
}

/** How far past the earliest month the search looks for a slot (months). */
const HORIZON = 360
const COUNT_FORMAT = new Intl.NumberFormat('ja-JP')
const STATUSES = new Set(['未着手', '移行作業中', '移行済', '特定移行支援'])
const PHASE_INDEX = new Map<string, number>(PHASES.map((p, i) => [p, i]))
const IDX_BUDGET = PHASE_INDEX.get(BUDGET_PHASE)!
const IDX_PROCURE = PHASE_INDEX.get(PROCURE_PHASE)!
const IDX_WORK = PHASE_INDEX.get(WORK_PHASES[0]!)!
const IDX_CUTOVER = PHASE_INDEX.get(CUTOVER_PHASE)!
const IDX_RETIRE = IDX_CUTOVER + 1

interface Span {
  readonly name: PhaseName
  readonly start: Month
  readonly end: Month
  readonly why: string
  readonly note: string
}

interface Plan {
  readonly sys: ScheduleSystem
  readonly index: number
  readonly status: string
  readonly done: boolean
  readonly deadline: Month
  readonly deadlineIso: string
  readonly deadlineSource: string
  readonly durations: readonly number[]
  readonly notes: readonly string[]
  readonly currentIdx: number
  readonly startSource: string
  /** Planning phases before the work block, laid out as early as possible. */
  readonly pre: readonly Span[]
  /** Remaining work phases with their months (the first may be the current, partly done). */
  readonly work: readonly {readonly name: PhaseName; readonly months: number}[]
  readonly workOngoing: boolean
  readonly earliestCut: Month
  /** Earliest cutover ignoring the budget cycle (for explaining lateness). */
  readonly earliestCutNoBudget: Month
  group: number
  cutover: Month | null
  workStart: Month | null
}

function normalizeStatus(status: string | null): string {
  if (status === null) return '未着手'
  const s = status.trim()
  return STATUSES.has(s) ? s : '未着手'
}

function plannedMonth(planned: string | null): Month | null {
  if (planned === null || !/^\d{4}-\d{2}/.test(planned)) return null
  return monthOf(planned)
}

function plannedDeadlineIso(planned: string): string {
  return planned.length >= 10 ? planned.slice(0, 10) : monthEndIso(monthOf(planned))
}

function ceilDiv(a: number, b: number): number {
  return Math.ceil(a / b)
}

/** Phase durations for one system, with the stretch notes (gaps, size). */
function durationsFor(sys: ScheduleSystem, a: Assumptions): {durations: number[]; notes: string[]} {
  const durations = PHASES.map((p) => Math.max(0, a.phaseMonths[p] ?? 0))
  durations[IDX_CUTOVER] = Math.max(1, durations[IDX_CUTOVER]!)
  const notes = PHASES.map(() => '')
  const gapCount = sys.gaps ? sys.gaps.outside + sys.gaps.prohibited : 0
  const gapExtra = Math.min(a.gapMaxMonths, ceilDiv(gapCount, a.gapItemsPerMonth))
  if (gapExtra > 0 && sys.gaps) {
    for (const i of [0, IDX_PROCURE]) {
      durations[i] = durations[i]! + gapExtra
      notes[i] =
        `、Fit&Gapの標準外・実装不可 ${gapCount}件（対象外 ${sys.gaps.outside}件・実装不可 ${sys.gaps.prohibited}件）のBPR・独自施策検討で+${gapExtra}か月`
    }
  }
  const sizeExtra = Math.min(a.sizeMaxMonths, Math.floor((sys.records ?? 0) / a.recordsPerMonth))
  if (sizeExtra > 0) {
    durations[IDX_WORK] = durations[IDX_WORK]! + sizeExtra
    notes[IDX_WORK] = `、データ件数 ${COUNT_FORMAT.format(sys.records!)}件で+${sizeExtra}か月`
  }
  return {durations, notes}
}

/** Where the plan of a not-yet-migrated system starts: phase index, months left in it, and why. */
function startingPoint(
  sys: ScheduleSystem,
  status: string,
  durations: readonly number[],
  override: Assumptions['systems'][number] | undefined,
  today: Month,
): {idx: number; remaining: number; source: string} {
  if (override?.currentPhase) {
    const idx = PHASE_INDEX.get(override.currentPhase)!
    return {
      idx,
      remaining: override.remainingMonths ?? Math.max(1, durations[idx]!),
      source: `現在の段階「${override.currentPhase}」（計画前提ブックの指定${override.remainingMonths ? `、残り${override.remainingMonths}か月` : ''}）`,
    }
  }
  const planned = plannedMonth(sys.planned)
  if (status === '移行作業中' && planned !== null) {
    if (today > planned) {
      return {
        idx: IDX_CUTOVER,
        remaining: 1,
        source: `移行予定 ${warekiMonth(planned)}を過ぎて移行作業中のため、本番移行の直前とみなす`,
      }
    }
    // Back-schedule the default chain from the planned cutover and find the phase containing today.
    let end = planned
    for (let i = IDX_CUTOVER; i >= 0; i--) {
      const d = durations[i]!
      if (d === 0) continue
      const start = end - d + 1
      if (start <= today && today <= end) {
        return {
          idx: i,
          remaining: end - today + 1,
          source: `移行予定 ${warekiMonth(planned)}から標準期間で逆算し、現在は「${PHASES[i]}」（残り${end - today + 1}か月）とみなす`,
        }
      }
      end = start - 1
    }
    return {
      idx: 0,
      remaining: durations[0]!,
      source: `移行予定 ${warekiMonth(planned)}から逆算すると未着手のため、計画立案から`,
    }
  }
  if (status === '移行作業中') {
    return {
      idx: IDX_WORK,
      remaining: Math.max(1, durations[IDX_WORK]!),
      source: '状況「移行作業中」（移行予定なし）: 移行設計から（既定）',
    }
  }
  if (status === '特定移行支援') {
    return {
      idx: IDX_PROCURE,
      remaining: Math.max(1, durations[IDX_PROCURE]!),
      source: '状況「特定移行支援」: 移行計画と予算は登録時に済んでいるものとし、調達・契約から（既定）',
    }
  }
  return {idx: 0, remaining: durations[0]!, source: `状況「${status}」: 計画立案から`}
}

/** Pre-work phases as early as possible; returns them and the first month work may start. */
function layoutPre(
  idx: number,
  remaining: number,
  durations: readonly number[],
  today: Month,
  a: Assumptions,
  budgetRule: boolean,
): {spans: Span[]; workFrom: Month} {
  const spans: Span[] = []
  let t = today
  let spendFrom: Month | null = null
  let spendWhy = ''
  for (let i = idx; i < IDX_WORK; i++) {
    const d = i === idx ? remaining : durations[i]!
    if (d === 0) continue
    let start = t
    let why = i === idx ? (i === 0 ? '今日から着手' : '現在の段階（今月から）') : `前段階の終了後`
    if (i === IDX_BUDGET && i !== idx && budgetRule && !a.supplementaryBudget) {
      while (!a.budgetRequestMonths.includes(monthOfYear(start))) start++
      why = `予算要求は毎年${monthsLabel(a.budgetRequestMonths)}に開始（翌年度予算）${start > t ? `、${start - t}か月待ち` : ''}`
    }
    const end = start + d - 1
    if (i === IDX_BUDGET && budgetRule) {
      if (a.supplementaryBudget) {
        spendFrom = end + 1
        spendWhy = '補正予算で要求の翌月から執行'
      } else {
        const fy = fiscalYearOf(start) + 1
        spendFrom = fiscalYearStart(fy)
        spendWhy = `${fiscalYearLabel(fy)}予算（${warekiMonth(start)}に要求）で執行（4月から）`
      }
    }
    if (i === IDX_PROCURE && spendFrom !== null && spendFrom > start) {
      why = `${spendWhy}、${spendFrom - start}か月待ち`
      start = spendFrom
    } else if (i === IDX_PROCURE && spendFrom !== null) {
      why = `${spendWhy}、${why}`
    } else if (i === IDX_PROCURE && idx > IDX_BUDGET) {
      why = `${why}（予算措置済み）`
    }
    const s = Math.max(start, t)
    spans.push({name: PHASES[i]!, start: s, end: s + d - 1, why, note: ''})
    t = s + d
  }
  return {spans, workFrom: t}
}

class UnionFind {
  private readonly parent: number[]
  constructor(n: number) {
    this.parent = Array.from({length: n}, (_, i) => i)
  }
  find(i: number): number {
    let r = i
    while (this.parent[r] !== r) r = this.parent[r]!
    let j = i
    while (this.parent[j] !== r) {
      const next = this.parent[j]!
      this.parent[j] = r
      j = next
    }
    return r
  }
  union(a: number, b: number): void {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }
}

interface Group {
  readonly id: number
  readonly members: Plan[]
  readonly why: string[]
  preds: Set<number>
  placed: boolean
  failed: boolean
}

/**
 * The migration roadmap: a deterministic list scheduler over months. Groups that must cut over together
 * are placed one at a time (in-progress work first, then by deadline, contract end and list order) at the
 * earliest month that satisfies every hard constraint: phase durations, the budget cycle, busy seasons,
 * dependencies, vendor capacity and staff capacity. A group that cannot meet its deadline is still placed
 * (late) and listed in `infeasible` with the constraint that pushed it past the deadline and by how much.
 */
export function scheduleRoadmap(input: ScheduleInput): ScheduleOutput {
  const a = input.assumptions
  const today = monthOf(input.today)
  const globalDeadline = monthOf(a.deadline)
  const warnings: string[] = []
  const overrides = new Map(a.systems.map((s) => [s.systemId, s]))
  const known = new Set(input.systems.map((s) => s.id))
  for (const o of a.systems) {
    if (!known.has(o.systemId))
      warnings.push(`計画前提ブックのシステムID ${o.systemId} はシステム台帳にありません（無視しました）`)
  }

  const plans: Plan[] = []
  const outOfScope: string[] = []
  input.systems.forEach((sys, index) => {
    const override = overrides.get(sys.id)
    const rawStatus = override?.status ?? sys.status
    if (sys.businesses.length === 0 && (rawStatus === null || rawStatus.trim() === '') && !override) {
      outOfScope.push(sys.name)
      return
    }
    if (rawStatus !== null && rawStatus.trim() !== '' && !STATUSES.has(rawStatus.trim())) {
      warnings.push(
        `${sys.name}（${sys.id}）の移行状況「${rawStatus}」は未知の値です。未着手として計画しました`,
      )
    }
    const status = normalizeStatus(rawStatus)
    let deadline = globalDeadline
    let deadlineIso = a.deadline
    let deadlineSource = `全体の期限（${warekiDate(a.deadline)}）`
    if (override?.deadline) {
      deadline = monthOf(override.deadline)
      deadlineIso = override.deadline
      deadlineSource = `計画前提ブックで指定した期限（${warekiDate(override.deadline)}）`
    } else if (
      status === '特定移行支援' &&
      a.plannedIsDeadlineForSpecial &&
      sys.planned &&
      plannedMonth(sys.planned)! < deadline
    ) {
      deadline = plannedMonth(sys.planned)!
      deadlineIso = plannedDeadlineIso(sys.planned)
      deadlineSource = `特定移行支援システムとして登録した移行完了予定（移行予定 ${warekiMonth(deadline)}）`
    }
    const {durations, notes} = durationsFor(sys, a)
    const done = status === '移行済' || override?.currentPhase === PHASES[IDX_RETIRE]
    const start = done
      ? {idx: IDX_RETIRE, remaining: 0, source: '移行済'}
      : startingPoint(sys, status, durations, override, today)
    const withBudget = done
      ? {spans: [], workFrom: today}
      : layoutPre(start.idx, start.remaining, durations, today, a, true)
    const noBudget = done
      ? {spans: [], workFrom: today}
      : layoutPre(start.idx, start.remaining, durations, today, a, false)
    const work: {name: PhaseName; months: number}[] = []
    if (!done) {
      for (let i = Math.max(IDX_WORK, start.idx); i <= IDX_CUTOVER; i++) {
        const m = i === start.idx ? start.remaining : durations[i]!
        if (m > 0) work.push({name: PHASES[i]!, months: m})
      }
    }
    const workLen = work.reduce((n, w) => n + w.months, 0)
    const workOngoing = !done && start.idx >= IDX_WORK
    plans.push({
      sys,
      index,
      status,
      done,
      deadline,
      deadlineIso,
      deadlineSource,
      durations,
      notes,
      currentIdx: start.idx,
      startSource: start.source,
      pre: withBudget.spans,
      work,
      workOngoing,
      earliestCut: (workOngoing ? today : withBudget.workFrom) + workLen - 1,
      earliestCutNoBudget: (workOngoing ? today : noBudget.workFrom) + workLen - 1,
      group: -1,
      cutover: null,
      workStart: null,
    })
  })
  if (outOfScope.length > 0) {
    warnings.push(
      `対象業務・移行状況のないシステム ${outOfScope.length}件はロードマップの対象外です（${outOfScope.slice(0, 5).join('、')}${outOfScope.length > 5 ? ' ほか' : ''}）`,
    )
  }

  const active = plans.filter((p) => !p.done)
  const byId = new Map(plans.map((p) => [p.sys.id, p]))
  const byName = new Map(plans.map((p) => [p.sys.name, p]))

  // 同時移行 groups: 業務 bundles and shared packages.
  const uf = new UnionFind(active.length)
  const groupWhy = new Map<number, Set<string>>()
  const addWhy = (i: number, why: string): void => {
    const set = groupWhy.get(i) ?? new Set<string>()
    set.add(why)
    groupWhy.set(i, set)
  }
  for (const bundle of a.bundles) {
    const idx = active.flatMap((p, i) =>
      p.sys.businesses.some((b) => bundle.businesses.includes(b)) ? [i] : [],
    )
    for (const i of idx.slice(1)) uf.union(idx[0]!, i)
    if (idx.length > 1)
      for (const i of idx) addWhy(i, `${bundle.name}の業務（${bundle.businesses.join('・')}）は同時移行`)
  }
  if (a.samePackageTogether) {
    const byPackage = new Map<string, number[]>()
    active.forEach((p, i) => {
      if (p.sys.vendor && p.sys.product) {
        const key = `${p.sys.vendor}\u0000${p.sys.product}`
        byPackage.set(key, [...(byPackage.get(key) ?? []), i])
      }
    })
    for (const [key, idx] of byPackage) {
      if (idx.length < 2) continue
      for (const i of idx.slice(1)) uf.union(idx[0]!, i)
      for (const i of idx) addWhy(i, `同一パッケージ（${key.split('\u0000')[1]}）`)
    }
  }
  const groupsByRoot = new Map<number, Group>()
  const groups: Group[] = []
  active.forEach((p, i) => {
    const root = uf.find(i)
    let g = groupsByRoot.get(root)
    if (!g) {
      g = {id: groups.length, members: [], why: [], preds: new Set(), placed: false, failed: false}
      groupsByRoot.set(root, g)
      groups.push(g)
    }
    g.members.push(p)
    p.group = g.id
    for (const w of groupWhy.get(i) ?? []) if (!g.why.includes(w)) g.why.push(w)
  })

  // Dependencies between systems: 共通機能 first, then the listed ones.
  const deps: [Plan, Plan, string][] = []
  const seenDep = new Set<string>()
  const addDep = (before: Plan, after: Plan, why: string, warnSameGroup: boolean): void => {
    if (before === after || before.done || after.done) return
    if (before.group === after.group) {
      if (warnSameGroup)
        warnings.push(
          `${before.sys.name} と ${after.sys.name} は同時移行のため、依存関係（${why}）は適用しません`,
        )
      return
    }
    const key = `${before.sys.id}\u0000${after.sys.id}`
    if (seenDep.has(key)) return
    seenDep.add(key)
    deps.push([before, after, why])
  }
  if (a.commonFirst) {
    const isCommon = (p: Plan): boolean => a.commonKeywords.some((k) => k !== '' && p.sys.name.includes(k))
    const commons = active.filter(isCommon)
    for (const c of commons)
      for (const p of active)
        if (p.sys.businesses.length > 0 && !isCommon(p))
          addDep(c, p, '共通機能（宛名・庁内連携）は業務システムより先', false)
  }
  const resolveRef = (ref: string): Plan[] => {
    const r = ref.trim()
    const direct = byId.get(r) ?? byName.get(r)
    if (direct) return [direct]
    return plans.filter((p) => p.sys.businesses.includes(r))
  }
  for (const d of a.dependencies) {
    const before = resolveRef(d.before)
    const after = resolveRef(d.after)
    if (before.length === 0 || after.length === 0) {
      warnings.push(
        `依存関係「${d.before} → ${d.after}」の${before.length === 0 ? d.before : d.after}に当たるシステムがありません（無視しました）`,
      )
      continue
    }
    for (const b of before)
      for (const x of after) addDep(b, x, d.reason ?? `${d.before}は${d.after}より先`, true)
  }
  const predsOf = new Map<Plan, [Plan, string][]>()
  for (const [b, x, why] of deps) {
    const list = predsOf.get(x)
    if (list) list.push([b, why])
    else predsOf.set(x, [[b, why]])
    groups[x.group]!.preds.add(b.group)
  }

  // Capacity ledgers, indexed by month − today.
  const span = HORIZON * 2 + 240
  const staffUse = new Int32Array(span)
  const vendorUse = new Map<string, Int32Array>()
  const vendorCap = (v: string): number => a.vendorCapacityByVendor[v] ?? a.vendorCapacity
  const vendorCutovers = new Map<string, Plan[]>()
  const infeasible: Infeasible[] = []
  const lateWhy = new Map<Plan, string>()

  const workLenOf = (p: Plan): number => p.work.reduce((n, w) => n + w.months, 0)
  const windowStart = (p: Plan, c: Month): Month => (p.workOngoing ? today : c - workLenOf(p) + 1)
  const busyBlock = (g: Group, c: Month): string[] => {
    const moy = monthOfYear(c)
    return g.members.flatMap((p) => p.sys.businesses.filter((b) => (a.busySeasons[b] ?? []).includes(moy)))
  }
  const vendorCounts = new Map<Group, [string, number][]>()
  const vendorNeeds = (g: Group): [string, number][] => {
    let needs = vendorCounts.get(g)
    if (!needs) {
      const counts = new Map<string, number>()
      for (const p of g.members)
        if (p.sys.vendor) counts.set(p.sys.vendor, (counts.get(p.sys.vendor) ?? 0) + 1)
      needs = [...counts]
      vendorCounts.set(g, needs)
    }
    return needs
  }
  const vendorOk = (g: Group, c: Month): boolean => {
    for (const [v, n] of vendorNeeds(g))
      if ((vendorUse.get(v)?.[c - today] ?? 0) + n > vendorCap(v)) return false
    return true
  }
  /**
   * Null when the group's work windows fit under the staff limit at cutover `c`; otherwise the next cutover worth
   * trying: the first at which fewer members cover the overfull month (windows slide right as `c` grows).
   */
  const staffNext = (g: Group, c: Month): Month | null => {
    const starts = g.members.map((p) => windowStart(p, c))
    const from = Math.min(...starts)
    for (let m = from; m <= c; m++) {
      let n = staffUse[m - today]!
      for (const st of starts) if (st <= m) n++
      if (n <= a.staffCapacity) continue
      // Members covering month m at a later cutover x: the ongoing ones always, the others while x ≤ m + L − 1.
      const ongoing = g.members.filter((p) => p.workOngoing).length
      const allowed = a.staffCapacity - staffUse[m - today]! - ongoing
      if (allowed < 0) return c + HORIZON + 1
      const lastCovering = g.members
        .filter((p) => !p.workOngoing)
        .map((p) => m + workLenOf(p) - 1)
        .sort((x, y) => y - x)
      return Math.max(c + 1, (lastCovering[allowed] ?? c) + 1)
    }
    return null
  }
  const staffOk = (g: Group, c: Month): boolean => staffNext(g, c) === null

  const place = (g: Group): void => {
    const earliest = Math.max(...g.members.map((p) => p.earliestCut))
    const earliestNoBudget = Math.max(...g.members.map((p) => p.earliestCutNoBudget))
    const deadline = Math.min(...g.members.map((p) => p.deadline))
    let depFloor = earliest
    const failedPred = g.members.flatMap((p) => (predsOf.get(p) ?? []).filter(([b]) => b.cutover === null))
    for (const p of g.members)
      for (const [b] of predsOf.get(p) ?? [])
        if (b.cutover !== null) depFloor = Math.max(depFloor, b.cutover + 1)
    const limit = earliest + HORIZON
    const first = (from: Month, ok: (c: Month) => boolean): Month | null => {
      for (let c = from; c <= limit; c++) if (ok(c)) return c
      return null
    }
    const busyFree = (c: Month): boolean => busyBlock(g, c).length === 0
    const sBusy = first(earliest, busyFree)
    const sDep = failedPred.length > 0 ? null : first(depFloor, busyFree)
    const sVendor = sDep === null ? null : first(sDep, (c) => busyFree(c) && vendorOk(g, c))
    let c: Month | null = null
    for (let x = sVendor ?? limit + 1; x <= limit;) {
      if (!busyFree(x) || !vendorOk(g, x)) {
        x++
        continue
      }
      const next = staffNext(g, x)
      if (next === null) {
        c = x
        break
      }
      x = next
    }
    let preferredShift = 0
    // Waiting for a holiday month must not cost a deadline or open a contract gap.
    const contractEnds = g.members.flatMap((p) => (p.sys.contractEnd ? [monthOf(p.sys.contractEnd)] : []))
    const waitLimit = Math.min(deadline, ...contractEnds.filter((ce) => c !== null && ce >= c))
    if (c !== null && c <= deadline && !a.preferredCutoverMonths.includes(monthOfYear(c))) {
      for (let k = 1; k <= a.preferredMaxWait; k++) {
        const cand = c + k
        if (cand > waitLimit || !a.preferredCutoverMonths.includes(monthOfYear(cand))) continue
        if (busyFree(cand) && vendorOk(g, cand) && staffOk(g, cand)) {
          preferredShift = k
          c = cand
          break
        }
      }
    }
    if (c !== null) {
      g.placed = true
      for (const p of g.members) {
        p.cutover = c
        p.workStart = windowStart(p, c)
        for (let m = p.workStart; m <= c; m++) staffUse[m - today]!++
        if (p.sys.vendor) {
          const use = vendorUse.get(p.sys.vendor) ?? new Int32Array(span)
          use[c - today]!++
          vendorUse.set(p.sys.vendor, use)
          const key = `${p.sys.vendor}\u0000${c}`
          const list = vendorCutovers.get(key)
          if (list) list.push(p)
          else vendorCutovers.set(key, [p])
        }
      }
      g.members.forEach((p) => {
        if (preferredShift > 0)
          lateWhy.set(
            p,
            `連休月（${monthsLabel(a.preferredCutoverMonths)}）に合わせて${preferredShift}か月後ろ倒し`,
          )
      })
    } else {
      g.failed = true
    }
    // Explain lateness: the earliest month under each constraint added in turn.
    const finalMonth = c
    const stages: [Blocker, Month | null, string][] = [
      ['duration', earliestNoBudget, '残りの作業期間'],
      [
        'budgetCycle',
        earliest,
        `予算サイクル（予算要求は${monthsLabel(a.budgetRequestMonths)}、執行は翌年度4月から）`,
      ],
      ['busySeason', sBusy, '繁忙期の回避'],
      ['dependency', sDep, '依存関係（先に移行すべきシステム）'],
      ['vendorCapacity', sVendor, 'ベンダーの同月移行上限'],
      ['staffCapacity', finalMonth, `職員の同時作業上限（${a.staffCapacity}件）`],
    ]
    for (const p of g.members) {
      if (finalMonth !== null && finalMonth <= p.deadline) continue
      let blockedBy: Blocker = 'staffCapacity'
      for (const [b, m] of stages) {
        if (m === null || m > p.deadline) {
          blockedBy = b
          break
        }
      }
      const parts: string[] = []
      let prev: Month | null = null
      for (const [, m, label] of stages) {
        if (m === null) {
          parts.push(`${label}により${HORIZON}か月先まで移行できる月がない`)
          break
        }
        if (prev === null) parts.push(`${label}だけで最短 ${warekiMonth(m)}`)
        else if (m > prev) parts.push(`${label}で+${m - prev}か月`)
        prev = m
      }
      if (failedPred.length > 0) {
        blockedBy = 'dependency'
        parts.push(
          `先に移行すべき ${[...new Set(failedPred.map(([b]) => b.sys.name))].join('、')} の本番移行月が決まらない`,
        )
      }
      if (blockedBy === 'vendorCapacity') {
        const counts = new Map<string, number>()
        for (const m of g.members)
          if (m.sys.vendor) counts.set(m.sys.vendor, (counts.get(m.sys.vendor) ?? 0) + 1)
        for (const [v, n] of counts)
          if (n > vendorCap(v))
            parts.push(`同時移行グループに ${v} のシステムが${n}件あり同月移行上限${vendorCap(v)}件を超える`)
      }
      if (blockedBy === 'staffCapacity' && g.members.length > a.staffCapacity) {
        parts.push(`同時移行グループの${g.members.length}件が職員の同時作業上限${a.staffCapacity}件を超える`)
      }
      const over = finalMonth === null ? null : finalMonth - p.deadline
      const label = stages.find(([b]) => b === blockedBy)?.[2] ?? '依存関係'
      infeasible.push({
        systemId: p.sys.id,
        blockedBy,
        overMonths: over,
        reason:
          `期限 ${warekiMonth(p.deadline)}（${p.deadlineSource}）に間に合わない: ` +
          (finalMonth === null
            ? '本番移行月が見つからない'
            : `本番移行は最短で${warekiMonth(finalMonth)}（${over}か月超過）`) +
          `。主因は${label}。内訳: ${parts.join('、')}`,
      })
    }
  }

  const sortKey = new Map<Group, number[]>(
    groups.map((g) => [
      g,
      [
        g.members.some((p) => p.workOngoing) ? 0 : 1,
        Math.min(...g.members.map((p) => p.deadline)),
        Math.min(
          ...g.members.map((p) => (p.sys.contractEnd ? monthOf(p.sys.contractEnd) : Number.MAX_SAFE_INTEGER)),
        ),
        Math.min(...g.members.map((p) => p.index)),
      ],
    ]),
  )
  const order = [...groups].sort((x, y) => {
    const kx = sortKey.get(x)!
    const ky = sortKey.get(y)!
    for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return kx[i]! - ky[i]!
    return 0
  })
  let pending = order
  while (pending.length > 0) {
    const next: Group[] = []
    for (const g of pending) {
      if ([...g.preds].every((id) => groups[id]!.placed || groups[id]!.failed)) place(g)
      else next.push(g)
    }
    if (next.length === pending.length) {
      for (const g of next) {
        g.failed = true
        for (const p of g.members) {
          infeasible.push({
            systemId: p.sys.id,
            blockedBy: 'dependencyCycle',
            overMonths: null,
            reason: `依存関係が循環しているため計画できません（${[...g.preds].map((id) => groups[id]!.members.map((m) => m.sys.name).join('・')).join('、')}）。計画前提ブックの依存関係を見直してください`,
          })
        }
      }
      break
    }
    pending = next
  }

  // Items, in inventory order, each date with its reasons.
  const items: RoadmapItem[] = plans.map((p) => buildItem(p))
  function buildItem(p: Plan): RoadmapItem {
    const base = {
      systemId: p.sys.id,
      system: p.sys.name,
      businesses: [...p.sys.businesses],
      vendor: p.sys.vendor,
      status: p.status,
      contractEnd: p.sys.contractEnd,
      deadline: p.deadlineIso,
      deadlineSource: p.deadlineSource,
      done: p.done,
    }
    if (p.done) {
      const pm = plannedMonth(p.sys.planned)
      return {
        ...base,
        phases: [],
        cutover: pm === null ? null : monthText(pm),
        slackMonths: pm === null ? null : p.deadline - pm,
        onTime: true,
        reasons: [
          pm === null ? '移行済' : `移行済（本番移行 ${warekiMonth(pm)}、システム台帳の移行予定による）`,
        ],
        risks: [],
        currentPhase: null,
        group: [],
      }
    }
    const g = groups[p.group]!
    const reasons: string[] = [p.startSource]
    const phases: PhaseSpan[] = []
    for (const s of p.pre) {
      phases.push({name: s.name, start: monthText(s.start), end: monthText(s.end)})
      const idx = PHASE_INDEX.get(s.name)!
      reasons.push(
        `${s.name} ${rangeLabel(s.start, s.end)}（${s.end - s.start + 1}か月${p.notes[idx]}）: ${s.why}`,
      )
    }
    const risks: string[] = []
    const c = p.cutover
    if (c !== null && p.workStart !== null) {
      // Work phases as late as possible, ending at the cutover; an ongoing first phase runs from today.
      let end = c
      const laid: {name: PhaseName; start: Month; end: Month}[] = []
      for (let i = p.work.length - 1; i >= 0; i--) {
        const w = p.work[i]!
        const start = i === 0 ? p.workStart : end - w.months + 1
        laid.unshift({name: w.name, start, end})
        end = start - 1
      }
      const lastPre = p.pre.at(-1)?.end
      const wait = lastPre === undefined ? 0 : p.workStart - lastPre - 1
      laid.forEach((w, i) => {
        phases.push({name: w.name, start: monthText(w.start), end: monthText(w.end)})
        if (w.name === CUTOVER_PHASE) return
        const idx = PHASE_INDEX.get(w.name)!
        const why =
          i === 0
            ? p.workOngoing
              ? '移行作業中（今月から継続）'
              : `本番移行から逆算して移行作業を連続で実施${wait > 0 ? `（調達・契約の後 ${wait}か月待機）` : ''}`
            : '前段階の終了後'
        reasons.push(
          `${w.name} ${rangeLabel(w.start, w.end)}（${w.end - w.start + 1}か月${p.notes[idx]}）: ${why}`,
        )
      })
      reasons.push(`本番移行 ${warekiMonth(c)}: ${cutoverParts(p, g, c).join('、')}`)
      const retire = p.durations[IDX_RETIRE]!
      if (retire > 0) {
        phases.push({name: PHASES[IDX_RETIRE]!, start: monthText(c + 1), end: monthText(c + retire)})
        reasons.push(
          `${PHASES[IDX_RETIRE]} ${rangeLabel(c + 1, c + retire)}（${retire}か月）: 本番移行の翌月から`,
        )
      }
      const slack = p.deadline - c
      if (slack < 0) risks.push(`期限 ${warekiMonth(p.deadline)}に間に合わない（${-slack}か月超過）`)
      else if (slack < a.tightSlackMonths)
        risks.push(
          `期限 ${warekiMonth(p.deadline)}まで余裕が${slack}か月しかない（${a.tightSlackMonths}か月未満）`,
        )
      if (p.sys.contractEnd) {
        const ce = monthOf(p.sys.contractEnd)
        if (ce < today)
          risks.push(
            `現行契約は${warekiDate(p.sys.contractEnd)}に満了済み: 本番移行まで${c - ce}か月分の延長契約・暫定契約を確認`,
          )
        else if (ce < c)
          risks.push(
            `契約満了 ${warekiDate(p.sys.contractEnd)}から本番移行まで${c - ce}か月の空白: 現行契約の延長が必要`,
          )
      }
      const pm = plannedMonth(p.sys.planned)
      if (pm !== null && pm < c) risks.push(`システム台帳の移行予定 ${warekiMonth(pm)}より${c - pm}か月遅い`)
      if (p.sys.vendor) {
        const same = vendorCutovers.get(`${p.sys.vendor}\u0000${c}`) ?? []
        if (same.length >= vendorCap(p.sys.vendor))
          risks.push(
            `${p.sys.vendor}の${warekiMonth(c)}の本番移行が上限${vendorCap(p.sys.vendor)}件に達している（${same.map((s) => s.sys.name).join('、')}）: ベンダーの体制を確認`,
          )
      }
      for (const link of p.sys.links) {
        const other = byName.get(link) ?? byId.get(link)
        if (other && !other.done && other.cutover !== null && other.cutover > c)
          risks.push(
            `連携先 ${other.sys.name}（本番移行 ${warekiMonth(other.cutover)}）より先に切り替わる: 旧システムとの暫定連携が必要`,
          )
      }
    } else {
      risks.push('本番移行月が決まらない（infeasible を参照）')
    }
    return {
      ...base,
      phases,
      cutover: c === null ? null : monthText(c),
      slackMonths: c === null ? null : p.deadline - c,
      onTime: c !== null && c <= p.deadline,
      reasons,
      risks,
      currentPhase: PHASES[p.currentIdx] ?? null,
      group: g.members.length > 1 ? g.members.map((m) => m.sys.id) : [],
    }
  }

  function cutoverParts(p: Plan, g: Group, c: Month): string[] {
    const parts: string[] = []
    if (p.sys.contractEnd) {
      const ce = monthOf(p.sys.contractEnd)
      parts.push(
        c <= ce
          ? `契約満了 ${warekiDate(p.sys.contractEnd)}の前`
          : `契約満了 ${warekiDate(p.sys.contractEnd)}より${c - ce}か月後（延長契約が必要）`,
      )
    }
    const busyTexts = new Map<string, string[]>()
    for (const b of p.sys.businesses) {
      const months = a.busySeasons[b] ?? []
      if (months.length === 0) continue
      const label = monthsLabel(months)
      busyTexts.set(label, [...(busyTexts.get(label) ?? []), b])
    }
    if (busyTexts.size > 0)
      parts.push(
        `${[...busyTexts].map(([label, bs]) => `${bs.join('・')}の繁忙期（${label}）`).join('、')}を避け`,
      )
    if (p.sys.vendor) {
      const n = vendorCutovers.get(`${p.sys.vendor}\u0000${c}`)?.length ?? 0
      parts.push(`${p.sys.vendor}の同月移行上限（${vendorCap(p.sys.vendor)}件）の枠内（同月${n}件）`)
    }
    const preds = (predsOf.get(p) ?? []).filter(([b]) => b.cutover !== null)
    if (preds.length > 0)
      parts.push(`${preds.map(([b]) => `${b.sys.name}（${warekiMonth(b.cutover!)}）`).join('、')}の後`)
    if (g.members.length > 1)
      parts.push(
        `${g.members
          .filter((m) => m !== p)
          .map((m) => m.sys.name)
          .join('、')}と同時移行（${g.why.join('、')}）`,
      )
    parts.push(`職員の同時作業上限（${a.staffCapacity}件）の枠内`)
    const shifted = lateWhy.get(p)
    if (shifted) parts.push(shifted)
    else if (a.preferredCutoverMonths.includes(monthOfYear(c))) parts.push('連休のある月')
    const slack = p.deadline - c
    parts.push(
      slack >= 0
        ? `期限 ${warekiMonth(p.deadline)}まで余裕${slack}か月`
        : `期限 ${warekiMonth(p.deadline)}を${-slack}か月超過`,
    )
    return parts
  }

  const bundles = groups.filter((g) => g.members.length > 1).map((g) => g.members.map((m) => m.sys.id))
  return {
    today: input.today,
    deadline: a.deadline,
    items,
    infeasible: infeasible.sort((x, y) => byId.get(x.systemId)!.index - byId.get(y.systemId)!.index),
    constraints: {
      busySeasons: Object.fromEntries(Object.entries(a.busySeasons).map(([b, m]) => [b, [...m]])),
      vendorCapacity: a.vendorCapacity,
      staffCapacity: a.staffCapacity,
      dependencies: deps.map(([b, x]) => [b.sys.id, x.sys.id] as [string, string]),
      vendorCapacityByVendor: {...a.vendorCapacityByVendor},
      bundles,
      workPhases: [...WORK_PHASES],
      budget: {
        requestMonths: [...a.budgetRequestMonths],
        supplementaryBudget: a.supplementaryBudget,
        requestPhase: BUDGET_PHASE,
        spendingPhase: PROCURE_PHASE,
      },
    },
    warnings,
  }
}

function rangeLabel(start: Month, end: Month): string {
  return start === end ? warekiMonth(start) : `${warekiMonth(start)}〜${warekiMonth(end)}`
}
