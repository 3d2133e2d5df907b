import {parseCount} from '../sources/amount.js'
import {parseDateCell, parsePlannedDate} from '../sources/wareki.js'
import {normalizeKey, suggestClosest} from '../text/normalize.js'
import {parseBusinessCell} from './business-cell.js'
import {labelOf, SYSTEM_COLUMNS, type SystemField} from './inventory-columns.js'
import {HOSTINGS, MIGRATION_STATUSES, type SystemRecord} from './inventory.schema.js'
import type {TableRecord} from '../sources/table.js'
import {
  classifyRow,
  Findings,
  readMoney,
  rowRef,
  shown,
  skipWarnings,
  textOf,
  totalWarnings,
  type RowKind,
  type TableInput,
} from './rows.js'

/** A validated row; `id` is null when the list has no システムID (assigned by the service). */
export interface ParsedSystem {
  readonly record: Omit<SystemRecord, 'id'> & {readonly id: string | null}
  readonly nameKey: string
  readonly row: number
  /** `file › sheet 12行目`. */
  readonly source: string
}

export interface SystemRowsResult {
  readonly systems: readonly ParsedSystem[]
  readonly issues: Findings['issues']
  readonly warnings: readonly string[]
  readonly skippedRows: number
}

const HOSTING_VARIANTS: Readonly<Record<string, (typeof HOSTINGS)[number]>> = {
  オンプレミス: 'オンプレミス',
  オンプレ: 'オンプレミス',
  庁内: 'オンプレミス',
  庁内設置: 'オンプレミス',
  庁舎内: 'オンプレミス',
  自庁: 'オンプレミス',
  自庁設置: 'オンプレミス',
  庁内サーバ: 'オンプレミス',
  データセンター: 'データセンター',
  データセンタ: 'データセンター',
  dc: 'データセンター',
  idc: 'データセンター',
  外部データセンター: 'データセンター',
  自治体クラウド: '自治体クラウド',
  共同利用: '自治体クラウド',
  ガバメントクラウド: 'ガバメントクラウド',
  ガバクラ: 'ガバメントクラウド',
  gc: 'ガバメントクラウド',
  'gov-cloud': 'ガバメントクラウド',
  govcloud: 'ガバメントクラウド',
  saas: 'SaaS',
  asp: 'SaaS',
  'lgwan-asp': 'SaaS',
  クラウドサービス: 'SaaS',
}

const STATUS_VARIANTS: Readonly<Record<string, (typeof MIGRATION_STATUSES)[number]>> = {
  未着手: '未着手',
  未: '未着手',
  未実施: '未着手',
  着手前: '未着手',
  移行作業中: '移行作業中',
  作業中: '移行作業中',
  移行中: '移行作業中',
  対応中: '移行作業中',
  実施中: '移行作業中',
  移行済: '移行済',
  移行済み: '移行済',
  移行完了: '移行済',
  完了: '移行済',
  済: '移行済',
  特定移行支援: '特定移行支援',
  特定移行支援システム: '特定移行支援',
  特定移行: '特定移行支援',
}

const HOSTING_INDEX = new Map(Object.entries(HOSTING_VARIANTS).map(([k, v]) => [normalizeKey(k), v]))
const STATUS_INDEX = new Map(Object.entries(STATUS_VARIANTS).map(([k, v]) => [normalizeKey(k), v]))

/** 連携先: several system names split on 、 , ／ / ; and line breaks (not ・: names contain it). */
export function splitLinks(text: string | null): string[] {
  if (text === null) return []
  const out: string[] = []
  for (const part of text.split(/[、，,／/;；\n]+/)) {
    const t = part.trim()
    if (t !== '' && !/^[-－―ー]$/.test(t) && !out.includes(t)) out.push(t)
  }
  return out
}

const label = (k: SystemField): string => labelOf(SYSTEM_COLUMNS, k)

/**
 * 契約期間 written in one cell: 令和7年4月1日～令和12年3月31日, 2025/4/1~2030/3/31,
 * R7.4.1から R12.3.31まで; either end may be blank (～R12.3.31).
 */
export function parsePeriod(
  text: string,
): {ok: true; start: string | null; end: string | null} | {ok: false; reason: string} {
  const parts = text
    .normalize('NFKC')
    .replace(/まで$/, '')
    .split(/\s*(?:[~〜∼]|から|\s-\s|\s[ー―－]\s)\s*/)
  if (parts.length !== 2)
    return {ok: false, reason: '契約期間として読み取れません（例: 令和7年4月1日～令和12年3月31日）'}
  const [a, b] = parts.map((p) => parseDateCell(p))
  if (!a!.ok && !a!.blank) return {ok: false, reason: `開始日が${a!.reason}`}
  if (!b!.ok && !b!.blank) return {ok: false, reason: `終了日が${b!.reason}`}
  const start = a!.ok ? a!.iso : null
  const end = b!.ok ? b!.iso : null
  if (start === null && end === null)
    return {ok: false, reason: '契約期間として読み取れません（例: 令和7年4月1日～令和12年3月31日）'}
  return {ok: true, start, end}
}

/** Validate the rows of a システム台帳: every problem with its cell, nothing thrown. */
export function parseSystemRows(input: TableInput<SystemField>): SystemRowsResult {
  const f = new Findings()
  const systems: ParsedSystem[] = []
  const skipped: {row: number; kind: RowKind}[] = []
  const byName = new Map<string, number>()
  const byId = new Map<string, number>()
  const assumedYen = new Set<SystemField>()
  const totals: TableRecord<SystemField>[] = []
  const sums = new Map<SystemField, number>()
  let lastDataRow = 0

  for (const rec of input.records) {
    const kind = classifyRow(rec, 'name', ['id'])
    if (kind !== 'data') {
      skipped.push({row: rec.row, kind})
      if (kind === 'total') totals.push(rec)
      continue
    }
    lastDataRow = rec.row
    const v = rec.values
    const issue = (k: SystemField, code: string, message: string): void =>
      f.issue(rec.ref(k), label(k), code, message)

    const name = textOf(v.name)
    if (name === null) issue('name', 'REQUIRED', `${label('name')}が入力されていません`)
    const nameKey = name === null ? '' : normalizeKey(name)
    if (name !== null) {
      const first = byName.get(nameKey)
      if (first !== undefined)
        issue('name', 'DUPLICATE_SYSTEM', `${label('name')}「${name}」が重複しています（${first}行目と同じ）`)
      else byName.set(nameKey, rec.row)
    }
    const id = textOf(v.id)?.normalize('NFKC').trim() ?? null
    if (id !== null) {
      const first = byId.get(id)
      if (first !== undefined)
        issue('id', 'DUPLICATE_ID', `${label('id')}「${id}」が重複しています（${first}行目と同じ）`)
      else byId.set(id, rec.row)
    }

    const bizText = textOf(v.businesses)
    const biz = parseBusinessCell(bizText ?? '')
    for (const u of biz.unknown) {
      const hint =
        u.suggestions.length > 0
          ? `もしかして: ${u.suggestions.join('、')}`
          : '`hyojun catalog` で業務名を確認してください（標準化対象外のシステムは「－」）'
      issue(
        'businesses',
        'UNKNOWN_BUSINESS',
        `${label('businesses')}「${u.text}」は標準化対象業務ではありません。${hint}`,
      )
    }

    const date = (k: 'contractStart' | 'contractEnd'): string | null => {
      const r = parseDateCell(v[k])
      if (r.ok) {
        if (r.note !== undefined) f.warn(`${rec.ref(k)}: ${label(k)}の${r.note}`)
        return r.iso
      }
      if (!r.blank) issue(k, 'INVALID_DATE', `${label(k)}「${shown(v[k])}」は${r.reason}`)
      return null
    }
    let contractStart = date('contractStart')
    let contractEnd = date('contractEnd')
    const period = textOf(v.contractPeriod)
    if (period !== null) {
      const r = parsePeriod(period)
      if (r.ok) {
        contractStart = r.start
        contractEnd = r.end
      } else issue('contractPeriod', 'INVALID_DATE', `${label('contractPeriod')}「${period}」は${r.reason}`)
    }
    if (contractStart !== null && contractEnd !== null && contractEnd < contractStart) {
      issue(
        'contractEnd',
        'CONTRACT_END_BEFORE_START',
        `${label('contractEnd')}（${contractEnd}）が${label('contractStart')}（${contractStart}）より前です`,
      )
    }
    const planned = parsePlannedDate(v.plannedMigration)
    if (!planned.ok && !planned.blank) {
      issue(
        'plannedMigration',
        'INVALID_DATE',
        `${label('plannedMigration')}「${shown(v.plannedMigration)}」は${planned.reason}`,
      )
    }

    const money = (k: 'annualCostYen' | 'initialCostYen'): number | null =>
      readMoney(input, rec, k, label, f, {sums, assumedYen})
    const count = (k: 'users' | 'records'): number | null => {
      const r = parseCount(v[k])
      if (r.ok) {
        if (r.approximate)
          f.warn(
            `${rec.ref(k)}: ${label(k)}「${shown(v[k])}」を概数 ${r.value.toLocaleString('ja-JP')} として取り込みました`,
          )
        return r.value
      }
      if (!r.blank) issue(k, 'INVALID_NUMBER', `${label(k)}「${shown(v[k])}」は${r.reason}`)
      return null
    }
    const annualCostYen = money('annualCostYen')
    const initialCostYen = money('initialCostYen')
    const users = count('users')
    const records = count('records')

    let hosting = textOf(v.hosting)
    if (hosting !== null) {
      // ガバメントクラウド（AWS）: the bracket names the provider; the 稼働環境 is the part before it.
      const known =
        HOSTING_INDEX.get(normalizeKey(hosting)) ??
        HOSTING_INDEX.get(normalizeKey(hosting.replace(/[（(【［[][^）)】］\]]*[）)】］\]]/g, '')))
      if (known) hosting = known
      else
        f.warn(
          `${rec.ref('hosting')}: ${label('hosting')}「${hosting}」は選択肢（${HOSTINGS.join(' / ')}）にないため、そのまま取り込みました`,
        )
    }
    let status = textOf(v.status)
    if (status !== null) {
      const known = STATUS_INDEX.get(normalizeKey(status))
      if (known) status = known
      else {
        const close = suggestClosest(status, [...MIGRATION_STATUSES])
        issue(
          'status',
          'INVALID_STATUS',
          `${label('status')}「${status}」は ${MIGRATION_STATUSES.join(' / ')} のいずれかで入力してください${close.length > 0 ? `（もしかして: ${close.join('、')}）` : ''}`,
        )
      }
    }

    if (name === null) continue
    systems.push({
      record: {
        id,
        name,
        businesses: biz.businesses.map((b) => b.name),
        businessIds: biz.businesses.map((b) => b.id),
        vendor: textOf(v.vendor),
        product: textOf(v.product),
        hosting,
        contractStart,
        contractEnd,
        annualCostYen,
        initialCostYen,
        users,
        records,
        links: splitLinks(textOf(v.links)),
        status,
        plannedMigration: planned.ok ? planned.value : null,
        department: textOf(v.department),
        note: textOf(v.note),
      },
      nameKey,
      row: rec.row,
      source: rowRef(input.place, rec.row),
    })
  }
  const skip = skipWarnings(skipped, lastDataRow, input.place)
  const unitWarnings = [...assumedYen].map(
    (k) =>
      `${input.place}: 列「${input.columns.get(k)?.header ?? label(k)}」に単位の記載がないため円として取り込みました（千円の場合は見出しを「${label(k)}（千円）」にしてください）`,
  )
  if (systems.length === 0 && f.issues.length === 0) {
    f.issue(input.place, '', 'NO_ROWS', 'システムの行が1件もありません')
  }
  return {
    systems,
    issues: f.issues,
    warnings: [
      ...unitWarnings,
      ...skip.warnings,
      ...totalWarnings(input, totals, sums, label),
      ...f.warnings,
    ],
    skippedRows: skip.count,
  }
}
