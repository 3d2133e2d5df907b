import {parseCount} from '../sources/amount.js'
import {parseDateCell, parsePlannedDate} from '../sources/wareki.js'
import {normalizeKey, suggestClosest} from '../text/normalize.js'
import {parseBusinessCell} from './business-cell.js'
import {labelOf, SYSTEM_COLUMNS, type SystemField} from './inventory-columns.js'
import {HOSTINGS, MIGRATION_STATUSES, type SystemRecord} from './inventory.schema.js'
import type {DataIssue} from '../errors.js'
import {readRows, shown, textOf, type TableInput} from '../sources/table-reader.js'

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
  readonly issues: readonly DataIssue[]
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

const PROVIDER_VARIANTS: Readonly<Record<string, string>> = {
  aws: 'AWS',
  amazonwebservices: 'AWS',
  gcp: 'Google Cloud',
  googlecloud: 'Google Cloud',
  googlecloudplatform: 'Google Cloud',
  azure: 'Microsoft Azure',
  microsoftazure: 'Microsoft Azure',
  oci: 'Oracle Cloud Infrastructure',
  oraclecloud: 'Oracle Cloud Infrastructure',
  oraclecloudinfrastructure: 'Oracle Cloud Infrastructure',
  さくら: 'さくらのクラウド',
  さくらのクラウド: 'さくらのクラウド',
}
const PROVIDER_INDEX = new Map(
  Object.entries(PROVIDER_VARIANTS).map(([k, v]) => [normalizeKey(k).replace(/[\s・]/g, ''), v]),
)

/** 「ガバメントクラウド（AWS）」 → AWS: the bracket of a 稼働環境 cell names the provider (kept as written when unknown). */
export function providerOf(hosting: string): string | null {
  const m = /[（(【［[]([^）)】］\]]+)[）)】］\]]/.exec(hosting)
  const inner = m?.[1]?.trim()
  if (inner === undefined || inner === '') return null
  return PROVIDER_INDEX.get(normalizeKey(inner).replace(/[\s・]/g, '')) ?? inner
}

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
  const byName = new Map<string, number>()
  const byId = new Map<string, number>()
  const r = readRows(input, {
    label,
    nameKey: 'name',
    ignore: ['id'],
    noRows: 'システムの行が1件もありません',
    rule: (row): ParsedSystem | undefined => {
      const v = row.values
      const issue = row.issue
      const name = textOf(v.name)
      if (name === null) issue('name', 'REQUIRED', `${label('name')}が入力されていません`)
      const nameKey = name === null ? '' : normalizeKey(name)
      if (name !== null) {
        const first = byName.get(nameKey)
        if (first !== undefined)
          issue(
            'name',
            'DUPLICATE_SYSTEM',
            `${label('name')}「${name}」が重複しています（${first}行目と同じ）`,
          )
        else byName.set(nameKey, row.row)
      }
      const id = textOf(v.id)?.normalize('NFKC').trim() ?? null
      if (id !== null) {
        const first = byId.get(id)
        if (first !== undefined)
          issue('id', 'DUPLICATE_ID', `${label('id')}「${id}」が重複しています（${first}行目と同じ）`)
        else byId.set(id, row.row)
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
          if (r.note !== undefined) row.warn(`${row.ref(k)}: ${label(k)}の${r.note}`)
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

      const count = (k: 'users' | 'records'): number | null => {
        const r = parseCount(v[k])
        if (r.ok) {
          if (r.approximate)
            row.warn(
              `${row.ref(k)}: ${label(k)}「${shown(v[k])}」を概数 ${r.value.toLocaleString('ja-JP')} として取り込みました`,
            )
          return r.value
        }
        if (!r.blank) issue(k, 'INVALID_NUMBER', `${label(k)}「${shown(v[k])}」は${r.reason}`)
        return null
      }
      const annualCostYen = row.money('annualCostYen')
      const initialCostYen = row.money('initialCostYen')
      const baselineAnnualCostYen = row.money('baselineAnnualCostYen')
      const users = count('users')
      const records = count('records')

      let hosting = textOf(v.hosting)
      const hostingProvider = hosting === null ? null : providerOf(hosting)
      if (hosting !== null) {
        // ガバメントクラウド（AWS）: the bracket names the provider; the 稼働環境 is the part before it.
        const known =
          HOSTING_INDEX.get(normalizeKey(hosting)) ??
          HOSTING_INDEX.get(normalizeKey(hosting.replace(/[（(【［[][^）)】］\]]*[）)】］\]]/g, '')))
        if (known) hosting = known
        else
          row.warn(
            `${row.ref('hosting')}: ${label('hosting')}「${hosting}」は選択肢（${HOSTINGS.join(' / ')}）にないため、そのまま取り込みました`,
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

      if (name === null) return undefined
      return {
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
          baselineAnnualCostYen,
          hostingProvider,
        },
        nameKey,
        row: row.row,
        source: row.source,
      }
    },
  })
  return {systems: r.rows, issues: r.issues, warnings: r.warnings, skippedRows: r.skippedRows}
}
