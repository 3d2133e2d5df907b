import {findBusiness} from '../catalog/catalog.js'
import type {DataIssue} from '../errors.js'
import {cellText, isBlank, type CellValue, type SheetGrid, type WorkbookGrid} from '../sources/grid.js'
import {findHeader, readRecords, type ColumnDef, type TableRecord} from '../sources/table.js'
import {parseDateCell} from '../sources/wareki.js'
import {parseMonthList, SETTING_ITEMS} from './assumption-items.js'
import {DEFAULT_ASSUMPTIONS} from './defaults.js'
import {
  PHASES,
  ROADMAP_STATUSES,
  type Assumptions,
  type PhaseName,
  type SystemAssumption,
} from './roadmap.schema.js'

/** Sheet names of 計画前提.xlsx. */
export const ASSUMPTION_SHEETS = {
  settings: '全体設定',
  phases: '段階',
  busy: '繁忙期',
  bundles: '同時移行',
  dependencies: '依存関係',
  vendors: 'ベンダー上限',
  systems: 'システム別',
} as const

export interface ParsedAssumptions {
  readonly assumptions: Assumptions
  readonly issues: DataIssue[]
  readonly warnings: string[]
}

function phaseByText(text: string): PhaseName | undefined {
  const t = text.normalize('NFKC').replace(/\s/g, '')
  return (
    PHASES.find((p) => p.normalize('NFKC') === t) ??
    PHASES.find((p) => p.normalize('NFKC').startsWith(t) && t.length >= 2)
  )
}

function parseBool(v: CellValue | undefined): boolean | undefined {
  const t = cellText(v).normalize('NFKC')
  if (['はい', 'する', '○', 'yes', 'true', 'TRUE', '1'].includes(t)) return true
  if (['いいえ', 'しない', '×', 'no', 'false', 'FALSE', '0'].includes(t)) return false
  return undefined
}

function parseInt0(v: CellValue | undefined): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined
  const t = cellText(v)
    .normalize('NFKC')
    .replace(/[,件か月ヶケ]/g, '')
  return /^\d+$/.test(t) ? Number(t) : undefined
}

/**
 * Read a 計画前提 workbook into assumptions (missing sheets keep the defaults, with a warning). Every problem is
 * collected with its cell; nothing is partially applied (the service writes only when `issues` is empty).
 */
export function parseAssumptionsWorkbook(
  grid: WorkbookGrid,
  systemIds: ReadonlySet<string>,
): ParsedAssumptions {
  const issues: DataIssue[] = []
  const warnings: string[] = []
  let a: Assumptions = structuredClone(DEFAULT_ASSUMPTIONS)
  const sheet = (name: string): SheetGrid | undefined => {
    const s = grid.sheets.find((x) => x.name === name)
    if (!s) warnings.push(`${grid.file} にシート「${name}」がないため、その項目は既定値を使います`)
    return s
  }
  const table = <K extends string>(
    s: SheetGrid,
    defs: readonly ColumnDef<K>[],
  ): TableRecord<K>[] | undefined => {
    const header = findHeader(s, defs, {maxScanRows: 10})
    if (!header || header.missing.length > 0) {
      const names = defs.filter((d) => d.required).map((d) => d.names[0])
      issues.push({
        where: `${grid.file} › ${s.name}`,
        code: 'HEADER_NOT_FOUND',
        message: `見出し行（${names.join('、')}）が見つかりません`,
      })
      return undefined
    }
    return readRecords(grid, s, header).filter((r) => !r.blank)
  }

  const settings = sheet(ASSUMPTION_SHEETS.settings)
  if (settings) {
    const rows = table(settings, [
      {key: 'item', names: ['項目'], required: true},
      {key: 'value', names: ['値'], required: true},
    ] as const)
    for (const r of rows ?? []) {
      const label = cellText(r.values.item)
      const s = SETTING_ITEMS.find((x) => x.label === label)
      if (!s) {
        warnings.push(`${r.ref('item')}: 項目「${label}」は使いません（無視しました）`)
        continue
      }
      const v = r.values.value
      const bad = (message: string): void => {
        issues.push({where: r.ref('value'), field: label, code: 'INVALID_SETTING', message})
      }
      if (isBlank(v)) {
        bad(`「${label}」の値が空です`)
        continue
      }
      if (s.kind === 'date') {
        const d = parseDateCell(v as never)
        if (d.ok) a = s.set(a, d.iso as never)
        else bad(`「${label}」は日付で入力してください（例: 令和13年3月31日）`)
      } else if (s.kind === 'int') {
        const n = parseInt0(v)
        if (n === undefined || n < (s.min ?? 0))
          bad(`「${label}」は${s.min ?? 0}以上の整数で入力してください（「${cellText(v)}」）`)
        else a = s.set(a, n as never)
      } else if (s.kind === 'bool') {
        const b = parseBool(v)
        if (b === undefined) bad(`「${label}」は「はい」か「いいえ」で入力してください（「${cellText(v)}」）`)
        else a = s.set(a, b as never)
      } else if (s.kind === 'months') {
        const m = parseMonthList(cellText(v))
        if (m === undefined) bad(`「${label}」は月（1〜12）で入力してください（例: 9〜11月、1・5月）`)
        else if (label === '予算要求の開始月' && m.length === 0)
          bad('予算要求の開始月を1つ以上入力してください')
        else a = s.set(a, m as never)
      } else {
        a = s.set(
          a,
          cellText(v)
            .split(/[、,]/)
            .map((x) => x.trim())
            .filter((x) => x !== '') as never,
        )
      }
    }
  }

  const phases = sheet(ASSUMPTION_SHEETS.phases)
  if (phases) {
    const rows = table(phases, [
      {key: 'phase', names: ['段階'], required: true},
      {key: 'months', names: ['期間', '期間（月）', '標準期間'], required: true},
    ] as const)
    const phaseMonths = {...a.phaseMonths}
    for (const r of rows ?? []) {
      const p = phaseByText(cellText(r.values.phase))
      if (!p) {
        issues.push({
          where: r.ref('phase'),
          field: '段階',
          code: 'UNKNOWN_PHASE',
          message: `段階「${cellText(r.values.phase)}」は未知です（${PHASES.join(' / ')}）`,
        })
        continue
      }
      const n = parseInt0(r.values.months)
      const min = p === PHASES[7] ? 1 : 0
      if (n === undefined || n < min || n > 60)
        issues.push({
          where: r.ref('months'),
          field: '期間（月）',
          code: 'INVALID_MONTHS',
          message: `「${p}」の期間は${min}〜60の整数（月）で入力してください（「${cellText(r.values.months)}」）`,
        })
      else phaseMonths[p] = n
    }
    a = {...a, phaseMonths}
  }

  const busy = sheet(ASSUMPTION_SHEETS.busy)
  if (busy) {
    const defs: ColumnDef[] = [
      {key: 'business', names: ['業務'], required: true},
      ...Array.from({length: 12}, (_, i) => ({key: `m${i + 1}`, names: [`${i + 1}月`]})),
    ]
    const rows = table(busy, defs)
    const seasons: Record<string, number[]> = {...a.busySeasons}
    for (const r of rows ?? []) {
      const name = cellText(r.values['business'])
      const b = findBusiness(name)
      if (!b) {
        issues.push({
          where: r.ref('business'),
          field: '業務',
          code: 'UNKNOWN_BUSINESS',
          message: `業務「${name}」は標準化対象業務にありません`,
        })
        continue
      }
      const months: number[] = []
      for (let m = 1; m <= 12; m++) {
        const v = r.values[`m${m}`]
        if (isBlank(v)) continue
        const t = cellText(v).normalize('NFKC')
        if (!['○', '◯', '〇', '●', 'o', 'O', '×', 'x', '1', '✓'].includes(t)) {
          issues.push({
            where: r.ref(`m${m}`),
            field: `${m}月`,
            code: 'INVALID_MARK',
            message: `繁忙期の月には「○」を入力してください（「${t}」）`,
          })
          continue
        }
        months.push(m)
      }
      seasons[b.name] = months
    }
    a = {...a, busySeasons: seasons}
  }

  const bundles = sheet(ASSUMPTION_SHEETS.bundles)
  if (bundles) {
    const rows = table(bundles, [
      {key: 'name', names: ['グループ名'], required: true},
      {key: 'businesses', names: ['業務'], required: true},
    ] as const)
    if (rows) {
      a = {
        ...a,
        bundles: rows.flatMap((r) => {
          const names = cellText(r.values.businesses)
            .split(/[、,・\n]/)
            .map((x) => x.trim())
            .filter((x) => x !== '')
          const resolved: string[] = []
          for (const n of names) {
            const b = findBusiness(n)
            if (b) resolved.push(b.name)
            else
              issues.push({
                where: r.ref('businesses'),
                field: '業務',
                code: 'UNKNOWN_BUSINESS',
                message: `業務「${n}」は標準化対象業務にありません`,
              })
          }
          return [{name: cellText(r.values.name) || `グループ${r.row}`, businesses: resolved}]
        }),
      }
    }
  }

  const deps = sheet(ASSUMPTION_SHEETS.dependencies)
  if (deps) {
    const rows = table(deps, [
      {key: 'before', names: ['先に移行'], required: true},
      {key: 'after', names: ['後に移行'], required: true},
      {key: 'reason', names: ['理由']},
    ] as const)
    if (rows) {
      a = {
        ...a,
        dependencies: rows.flatMap((r) => {
          const before = cellText(r.values.before)
          const after = cellText(r.values.after)
          if (before === '' || after === '') {
            issues.push({
              where: r.ref(before === '' ? 'before' : 'after'),
              code: 'MISSING_VALUE',
              message: '「先に移行」と「後に移行」の両方を入力してください',
            })
            return []
          }
          const canon = (x: string): string => findBusiness(x)?.name ?? x
          return [{before: canon(before), after: canon(after), reason: cellText(r.values.reason) || null}]
        }),
      }
    }
  }

  const vendors = sheet(ASSUMPTION_SHEETS.vendors)
  if (vendors) {
    const rows = table(vendors, [
      {key: 'vendor', names: ['ベンダー'], required: true},
      {key: 'cap', names: ['同月移行上限', '同月移行上限（件）'], required: true},
    ] as const)
    const caps: Record<string, number> = {}
    for (const r of rows ?? []) {
      const n = parseInt0(r.values.cap)
      if (n === undefined || n < 1)
        issues.push({
          where: r.ref('cap'),
          field: '同月移行上限',
          code: 'INVALID_CAPACITY',
          message: `同月移行上限は1以上の整数で入力してください（「${cellText(r.values.cap)}」）`,
        })
      else caps[cellText(r.values.vendor)] = n
    }
    if (rows) a = {...a, vendorCapacityByVendor: caps}
  }

  const systems = sheet(ASSUMPTION_SHEETS.systems)
  if (systems) {
    const rows = table(systems, [
      {key: 'id', names: ['システムID'], required: true},
      {key: 'status', names: ['状況']},
      {key: 'phase', names: ['現在の段階']},
      {key: 'remaining', names: ['残り月数']},
      {key: 'deadline', names: ['期限']},
    ] as const)
    const out: SystemAssumption[] = []
    for (const r of rows ?? []) {
      if (
        isBlank(r.values.status) &&
        isBlank(r.values.phase) &&
        isBlank(r.values.remaining) &&
        isBlank(r.values.deadline)
      )
        continue
      const id = cellText(r.values.id)
      if (!systemIds.has(id)) {
        issues.push({
          where: r.ref('id'),
          field: 'システムID',
          code: 'UNKNOWN_SYSTEM',
          message: `システムID「${id}」はシステム台帳にありません`,
        })
        continue
      }
      const statusText = cellText(r.values.status)
      const status = statusText === '' ? null : (ROADMAP_STATUSES.find((s) => s === statusText) ?? undefined)
      if (status === undefined)
        issues.push({
          where: r.ref('status'),
          field: '状況',
          code: 'INVALID_STATUS',
          message: `状況「${statusText}」は ${ROADMAP_STATUSES.join(' / ')} のいずれかで入力してください`,
        })
      const phaseText = cellText(r.values.phase)
      const phase = phaseText === '' ? null : (phaseByText(phaseText) ?? undefined)
      if (phase === undefined)
        issues.push({
          where: r.ref('phase'),
          field: '現在の段階',
          code: 'UNKNOWN_PHASE',
          message: `段階「${phaseText}」は未知です`,
        })
      let remaining: number | null = null
      if (!isBlank(r.values.remaining)) {
        const n = parseInt0(r.values.remaining)
        if (n === undefined || n < 1 || n > 120)
          issues.push({
            where: r.ref('remaining'),
            field: '残り月数',
            code: 'INVALID_MONTHS',
            message: `残り月数は1〜120の整数で入力してください（「${cellText(r.values.remaining)}」）`,
          })
        else remaining = n
      }
      let deadline: string | null = null
      if (!isBlank(r.values.deadline)) {
        const d = parseDateCell(r.values.deadline as never)
        if (d.ok) deadline = d.iso
        else
          issues.push({
            where: r.ref('deadline'),
            field: '期限',
            code: 'INVALID_DATE',
            message: `期限「${cellText(r.values.deadline)}」は日付として読めません`,
          })
      }
      if (status !== undefined && phase !== undefined)
        out.push({systemId: id, status, currentPhase: phase, remainingMonths: remaining, deadline})
    }
    a = {...a, systems: out}
  }
  return {assumptions: a, issues, warnings}
}
