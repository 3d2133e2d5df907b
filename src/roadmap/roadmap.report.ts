import {DEFAULT_ASSUMPTIONS, DEFAULT_BUSY_SEASONS, PHASE_NOTES} from './defaults.js'
import {
  fiscalYearLabel,
  fiscalYearOf,
  fiscalYearStart,
  monthOf,
  monthOfYear,
  monthsLabel,
  warekiDate,
  warekiMonth,
  type Month,
} from './months.js'
import {
  CUTOVER_PHASE,
  PHASES,
  type Assumptions,
  type RoadmapItem,
  type RoadmapResult,
} from './roadmap.schema.js'
import {
  writeWorkbook,
  type AnySheetSpec,
  type CellStyle,
  type ColumnSpec,
  type WriteResult,
} from '../reports/workbook-writer.js'

/** Bar colour per phase (ARGB), in PHASES order. */
export const PHASE_FILLS: Readonly<Record<string, string>> = {
  [PHASES[0]]: 'FFBDD7EE',
  [PHASES[1]]: 'FF9DC3E6',
  [PHASES[2]]: 'FFFFE699',
  [PHASES[3]]: 'FFF4B183',
  [PHASES[4]]: 'FFA9D18E',
  [PHASES[5]]: 'FF70AD47',
  [PHASES[6]]: 'FF8FAADC',
  [PHASES[7]]: 'FFC00000',
  [PHASES[8]]: 'FFBFBFBF',
}
const BUSY_FILL = 'FFF8CBAD'
const BUSY_HATCH = 'FF843C0C'
const DONE_FILL = 'FFE2EFDA'
const GROUP_FILL = 'FFD9E1F2'
const DEADLINE_BORDER = 'FFFF0000'

const SHORT: Readonly<Record<string, string>> = {
  [PHASES[0]]: '計画立案',
  [PHASES[4]]: '移行設計・データ移行',
}

type GanttRow =
  | {readonly kind: 'group'; readonly label: string}
  | {readonly kind: 'item'; readonly no: number; readonly item: RoadmapItem; readonly late: boolean}

interface Cells {
  readonly phase: Map<Month, string>
  readonly cutover: Month | null
  readonly contractEnd: Month | null
  readonly deadline: Month
  readonly busy: Set<number>
}

/** Gantt layout: months from the April of today's fiscal year to the March after the last date shown. */
export function ganttMonths(result: RoadmapResult): Month[] {
  const first = fiscalYearStart(fiscalYearOf(monthOf(result.today)))
  let last = monthOf(result.deadline)
  for (const item of result.items) {
    for (const p of item.phases) last = Math.max(last, monthOf(p.end))
    if (item.cutover) last = Math.max(last, monthOf(item.cutover))
  }
  const end = fiscalYearStart(fiscalYearOf(last) + 1) - 1
  return Array.from({length: end - first + 1}, (_, i) => first + i)
}

function ganttRows(result: RoadmapResult): GanttRow[] {
  const groups = new Map<string, RoadmapItem[]>()
  for (const item of result.items) {
    const key = item.businesses[0] ?? '共通機能・その他'
    groups.set(key, [...(groups.get(key) ?? []), item])
  }
  const late = new Set(result.infeasible.map((i) => i.systemId))
  const rows: GanttRow[] = []
  let no = 0
  const keys = [...groups.keys()].sort((x, y) =>
    x === '共通機能・その他' ? 1 : y === '共通機能・その他' ? -1 : 0,
  )
  for (const key of keys) {
    rows.push({kind: 'group', label: `■ ${key}`})
    for (const item of groups.get(key)!)
      rows.push({kind: 'item', no: ++no, item, late: late.has(item.systemId)})
  }
  return rows
}

function cellsOf(item: RoadmapItem, busySeasons: Record<string, number[]>): Cells {
  const phase = new Map<Month, string>()
  for (const p of item.phases) for (let m = monthOf(p.start); m <= monthOf(p.end); m++) phase.set(m, p.name)
  return {
    phase,
    cutover: item.cutover ? monthOf(item.cutover) : null,
    contractEnd: item.contractEnd ? monthOf(item.contractEnd) : null,
    deadline: monthOf(item.deadline),
    busy: new Set(item.businesses.flatMap((b) => busySeasons[b] ?? [])),
  }
}

function ganttSheet(result: RoadmapResult): AnySheetSpec {
  const months = ganttMonths(result)
  const cache = new Map<RoadmapItem, Cells>()
  const cells = (item: RoadmapItem): Cells => {
    let c = cache.get(item)
    if (!c) {
      c = cellsOf(item, result.constraints.busySeasons)
      cache.set(item, c)
    }
    return c
  }
  const fixed: ColumnSpec<GanttRow>[] = [
    {header: 'No', width: 5, kind: 'integer', value: (r) => (r.kind === 'item' ? r.no : null)},
    {header: 'システム', width: 30, value: (r) => (r.kind === 'item' ? r.item.system : r.label)},
    {
      header: '業務',
      width: 24,
      value: (r) => (r.kind === 'item' ? r.item.businesses.join('、') || '－' : null),
    },
    {header: 'ベンダー', width: 30, value: (r) => (r.kind === 'item' ? (r.item.vendor ?? '－') : null)},
    {header: '状況', width: 13, value: (r) => (r.kind === 'item' ? r.item.status : null)},
    {
      header: '本番移行',
      width: 12,
      value: (r) =>
        r.kind === 'item' ? (r.item.cutover ? warekiMonth(monthOf(r.item.cutover)) : '未定') : null,
    },
    {
      header: '余裕（月）',
      width: 10,
      kind: 'integer',
      value: (r) => (r.kind === 'item' && !r.item.done ? r.item.slackMonths : null),
    },
  ]
  const monthCols: ColumnSpec<GanttRow>[] = months.map((m) => ({
    header: `${monthOfYear(m)}月`,
    width: 4.6,
    value: (r) => {
      if (r.kind !== 'item') return null
      const c = cells(r.item)
      if (c.cutover === m) return '◆'
      if (c.contractEnd === m) return '▼'
      return null
    },
  }))
  const columns = [...fixed, ...monthCols]
  const fy0 = fiscalYearOf(months[0]!)
  const fyCount = months.length / 12
  const headerBand = Array.from({length: fyCount}, (_, i) => ({
    label: fiscalYearLabel(fy0 + i),
    from: fixed.length + 1 + i * 12,
    to: fixed.length + (i + 1) * 12,
  }))
  const cellStyle = (r: GanttRow, col: number): CellStyle | undefined => {
    if (r.kind === 'group') return {fill: GROUP_FILL, bold: true}
    if (col < fixed.length) {
      if (col === 5 && r.late) return {color: 'FFC00000', bold: true}
      return r.item.done ? {fill: DONE_FILL} : undefined
    }
    const m = months[col - fixed.length]!
    const c = cells(r.item)
    const name = c.phase.get(m)
    const busy = c.busy.has(monthOfYear(m))
    const border = m === c.deadline ? DEADLINE_BORDER : undefined
    const style: {-readonly [K in keyof CellStyle]: CellStyle[K]} = {center: true, borderRight: border}
    if (c.cutover === m) {
      style.fill = r.late ? 'FF7030A0' : PHASE_FILLS[CUTOVER_PHASE]
      style.color = 'FFFFFFFF'
      style.bold = true
    } else if (name) {
      style.fill = PHASE_FILLS[name]
      if (busy) style.hatch = BUSY_HATCH
    } else if (r.item.done && c.cutover !== null && m > c.cutover) {
      style.fill = DONE_FILL
    } else if (busy && !r.item.done) {
      style.fill = BUSY_FILL
    }
    if (c.contractEnd === m && c.cutover !== m) style.color = 'FFC00000'
    return style
  }
  const legend = [
    ...PHASES.map((p) => ({label: SHORT[p] ?? p, fill: PHASE_FILLS[p]!})),
    {label: '◆ 本番移行（紫: 期限超過）', fill: 'FFFFFFFF'},
    {label: '▼ 契約満了', fill: 'FFFFFFFF'},
    {label: '赤線: 期限の月', fill: 'FFFFFFFF'},
    {label: '繁忙期（移行不可）', fill: BUSY_FILL},
    {label: '移行済', fill: DONE_FILL},
  ]
  const late = result.infeasible.length
  return {
    name: 'ガントチャート',
    title: [
      'ガバメントクラウド移行ロードマップ',
      `基準日 ${warekiDate(result.today)}／全体の期限 ${warekiDate(result.deadline)}／対象 ${result.items.length}システム（移行済 ${result.items.filter((i) => i.done).length}、期限に間に合わない ${late}）／前提: ${result.assumptionsSource}`,
    ],
    columns,
    rows: ganttRows(result),
    cellStyle,
    legend,
    legendColumn: fixed.length + 1,
    legendSpan: 6,
    headerBand,
    freezeColumns: fixed.length,
    paper: 'A3',
    autoFilter: false,
  }
}

interface ReasonRow {
  readonly item: RoadmapItem
  readonly n: number
  readonly text: string
}

function reasonsSheet(result: RoadmapResult): AnySheetSpec {
  const rows: ReasonRow[] = result.items.flatMap((item) =>
    item.reasons.map((text, i) => ({item, n: i + 1, text})),
  )
  return {
    name: '根拠',
    title: ['日付の根拠（各段階の開始・本番移行月を決めた制約）'],
    columns: [
      {header: 'システムID', width: 10, value: (r: ReasonRow) => r.item.systemId},
      {header: 'システム', width: 28, value: (r: ReasonRow) => r.item.system},
      {
        header: '本番移行',
        width: 12,
        value: (r: ReasonRow) => (r.item.cutover ? warekiMonth(monthOf(r.item.cutover)) : '未定'),
      },
      {header: '順', width: 5, kind: 'integer', value: (r: ReasonRow) => r.n},
      {header: '根拠', width: 110, kind: 'longtext', value: (r: ReasonRow) => r.text},
    ],
    rows,
  }
}

interface RiskRow {
  readonly item: RoadmapItem
  readonly kind: string
  readonly text: string
}

function riskKind(text: string): string {
  if (text.includes('間に合わない') || text.includes('決まらない')) return '期限超過'
  if (text.includes('余裕が')) return '余裕不足'
  if (text.includes('契約')) return '契約の空白'
  if (text.includes('上限')) return 'ベンダー集中'
  if (text.includes('移行予定')) return '予定からの遅れ'
  if (text.includes('連携先')) return '連携'
  return 'その他'
}

function risksSheet(result: RoadmapResult): AnySheetSpec {
  const byId = new Map(result.items.map((i) => [i.systemId, i]))
  const rows: RiskRow[] = [
    ...result.infeasible.map((x) => ({
      item: byId.get(x.systemId)!,
      kind: '期限超過（理由）',
      text: x.reason,
    })),
    ...result.items.flatMap((item) => item.risks.map((text) => ({item, kind: riskKind(text), text}))),
  ]
  return {
    name: 'リスク',
    title: ['リスク（期限超過、余裕不足、契約の空白、ベンダー集中、移行予定からの遅れ、連携）'],
    columns: [
      {header: 'システムID', width: 10, value: (r: RiskRow) => r.item.systemId},
      {header: 'システム', width: 28, value: (r: RiskRow) => r.item.system},
      {header: '区分', width: 16, value: (r: RiskRow) => r.kind},
      {
        header: '本番移行',
        width: 12,
        value: (r: RiskRow) => (r.item.cutover ? warekiMonth(monthOf(r.item.cutover)) : '未定'),
      },
      {header: '期限', width: 16, value: (r: RiskRow) => warekiDate(r.item.deadline)},
      {header: '内容', width: 100, kind: 'longtext', value: (r: RiskRow) => r.text},
    ],
    rows,
    conditionalFills: [{header: '区分', equals: '期限超過（理由）', color: 'FFF8CBAD'}],
  }
}

export interface AssumptionRow {
  readonly section: string
  readonly item: string
  readonly value: string
  readonly note: string
}

const yesNo = (b: boolean): string => (b ? 'はい' : 'いいえ')

/** Every parameter as 区分 / 項目 / 値 / 説明 (the 前提条件 sheet). */
export function assumptionRows(a: Assumptions, source: string): AssumptionRow[] {
  const d = DEFAULT_ASSUMPTIONS
  const rows: AssumptionRow[] = [
    {
      section: '出典',
      item: '計画前提',
      value: source,
      note: '既定値、または hyojun roadmap import で取り込んだファイル',
    },
    {
      section: '全体',
      item: '期限',
      value: warekiDate(a.deadline),
      note: `特定移行支援システムの移行期限（既定 ${warekiDate(d.deadline)}）`,
    },
    {
      section: '全体',
      item: '特定移行支援の移行予定を期限とする',
      value: yesNo(a.plannedIsDeadlineForSpecial),
      note: '登録した移行完了予定（システム台帳の移行予定）が全体の期限より早ければ、それを期限とする',
    },
    {
      section: '容量',
      item: 'ベンダーの同月移行上限（件）',
      value: String(a.vendorCapacity),
      note: '1ベンダーが同じ月に本番移行できるシステム数（ベンダー別の上限は下に）',
    },
    {
      section: '容量',
      item: '職員の同時作業上限（件）',
      value: String(a.staffCapacity),
      note: '移行設計から本番移行までを同時に進められるシステム数',
    },
    {
      section: '予算',
      item: '予算要求の開始月',
      value: monthsLabel(a.budgetRequestMonths),
      note: '予算要求はこの月に始め、執行（調達・契約）は翌年度4月から',
    },
    {
      section: '予算',
      item: '補正予算',
      value: yesNo(a.supplementaryBudget),
      note: 'はい: 予算要求の翌月から執行できる',
    },
    {
      section: '本番移行月',
      item: '連休のある月（優先）',
      value: monthsLabel(a.preferredCutoverMonths),
      note: `年末年始・大型連休。最短の月より最大${a.preferredMaxWait}か月まで待って合わせる`,
    },
    {
      section: '期間の延長',
      item: 'Fit&Gap 差異（件/1か月）',
      value: String(a.gapItemsPerMonth),
      note: `標準外・実装不可の件数に応じて計画立案と調達・契約を延長（上限 ${a.gapMaxMonths}か月）`,
    },
    {
      section: '期間の延長',
      item: 'データ件数（件/1か月）',
      value: a.recordsPerMonth.toLocaleString('ja-JP'),
      note: `移行設計・データ移行を延長（上限 ${a.sizeMaxMonths}か月）`,
    },
    {
      section: 'リスク',
      item: '余裕不足とみなす月数',
      value: String(a.tightSlackMonths),
      note: '期限までの余裕がこれ未満ならリスクに挙げる',
    },
    {
      section: '依存関係',
      item: '共通機能を先に移行',
      value: yesNo(a.commonFirst),
      note: `名称に「${a.commonKeywords.join('」「')}」を含むシステムを、業務システムより前の月に移行`,
    },
    {
      section: '同時移行',
      item: '同一パッケージは同時移行',
      value: yesNo(a.samePackageTogether),
      note: 'ベンダーと製品名が同じシステムは同じ月に本番移行',
    },
  ]
  for (const p of PHASES)
    rows.push({
      section: '段階（標準期間）',
      item: p,
      value: `${a.phaseMonths[p] ?? 0}か月`,
      note: PHASE_NOTES[p],
    })
  for (const [b, months] of Object.entries(a.busySeasons))
    rows.push({
      section: '繁忙期（移行しない月）',
      item: b,
      value: monthsLabel(months),
      note: DEFAULT_BUSY_SEASONS[b]?.reason ?? '',
    })
  for (const g of a.bundles)
    rows.push({
      section: '同時移行',
      item: g.name,
      value: g.businesses.join('・'),
      note: '該当する業務のシステムは同じ月に本番移行',
    })
  for (const dep of a.dependencies)
    rows.push({
      section: '依存関係',
      item: `${dep.before} → ${dep.after}`,
      value: '先に移行',
      note: dep.reason ?? '',
    })
  for (const [v, n] of Object.entries(a.vendorCapacityByVendor))
    rows.push({section: 'ベンダー別の上限', item: v, value: `${n}件/月`, note: ''})
  for (const s of a.systems)
    rows.push({
      section: 'システム別',
      item: s.systemId,
      value: [
        s.status,
        s.currentPhase,
        s.remainingMonths ? `残り${s.remainingMonths}か月` : null,
        s.deadline ? `期限 ${warekiDate(s.deadline)}` : null,
      ]
        .filter((x) => x)
        .join('／'),
      note: '計画前提ブックの指定',
    })
  return rows
}

function assumptionsSheet(a: Assumptions, source: string): AnySheetSpec {
  return {
    name: '前提条件',
    title: ['前提条件（このロードマップが従ったすべてのパラメータ）'],
    columns: [
      {header: '区分', width: 18, value: (r: AssumptionRow) => r.section},
      {header: '項目', width: 36, value: (r: AssumptionRow) => r.item},
      {header: '値', width: 26, value: (r: AssumptionRow) => r.value},
      {header: '説明', width: 70, kind: 'longtext', value: (r: AssumptionRow) => r.note},
    ],
    rows: assumptionRows(a, source),
    portrait: true,
  }
}

export function roadmapSheets(result: RoadmapResult, assumptions: Assumptions): AnySheetSpec[] {
  return [
    ganttSheet(result),
    reasonsSheet(result),
    risksSheet(result),
    assumptionsSheet(assumptions, result.assumptionsSource),
  ]
}

export async function writeRoadmapWorkbook(
  path: string,
  result: RoadmapResult,
  assumptions: Assumptions,
  /** 【サンプル…】 on every sheet when built from the bundled sample or specs (dataNotice). */
  notice?: string,
): Promise<WriteResult> {
  return writeWorkbook(path, roadmapSheets(result, assumptions), undefined, {notice})
}
