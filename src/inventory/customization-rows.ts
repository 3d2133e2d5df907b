import {BUSINESSES} from '../catalog/catalog.js'
import type {CellValue} from '../sources/grid.js'
import {normalizeKey, suggestClosest} from '../text/normalize.js'
import {parseBusinessCell} from './business-cell.js'
import {CUSTOMIZATION_COLUMNS, labelOf, type CustomizationField} from './inventory-columns.js'
import type {CustomizationRecord, SystemRecord} from './inventory.schema.js'
import type {DataIssue} from '../errors.js'
import {readRows, shown, textOf, type TableInput} from '../sources/table-reader.js'

export interface ParsedCustomization {
  readonly record: CustomizationRecord
  readonly row: number
  readonly source: string
}

export interface CustomizationRowsResult {
  readonly customizations: readonly ParsedCustomization[]
  readonly issues: readonly DataIssue[]
  readonly warnings: readonly string[]
  readonly skippedRows: number
}

const BUSINESS_NAME = new Map(BUSINESSES.map((b) => [b.id, b.name]))
const label = (k: CustomizationField): string => labelOf(CUSTOMIZATION_COLUMNS, k)

/**
 * 関連機能ID: 7 digits. Excel drops leading zeros when the cell is a number
 * (0010001 → 10001), so numbers and short digit strings are padded to 7.
 * A cell listing several IDs (0010101、0010102) gives the first as `id` and the rest as
 * `others` (the matcher takes one ID; the caller warns).
 */
export function parseRequirementId(
  value: CellValue | undefined,
): {ok: true; id: string | null; others?: readonly string[]} | {ok: false; reason: string} {
  if (value === null || value === undefined) return {ok: true, id: null}
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > 9_999_999)
      return {ok: false, reason: '7桁の数字ではありません'}
    return {ok: true, id: String(value).padStart(7, '0')}
  }
  const text = String(value).normalize('NFKC').trim()
  const pieces = text.split(/[、,;\n/・]+|\s{1,}(?=\d)/).map((p) => p.replace(/[\s-]/g, ''))
  const ids: string[] = []
  for (const t of pieces) {
    if (t === '' || /^[ー－―]$/.test(t)) continue
    if (!/^\d{1,7}$/.test(t)) return {ok: false, reason: '7桁の数字ではありません（例: 0010001）'}
    const id = t.padStart(7, '0')
    if (!ids.includes(id)) ids.push(id)
  }
  if (ids.length === 0) return {ok: true, id: null}
  return ids.length === 1 ? {ok: true, id: ids[0]!} : {ok: true, id: ids[0]!, others: ids.slice(1)}
}

/** 管理番号 as written: 1, 「No.1」「No 1」「#1」「№1」 are all 1 (numbers typed with and without the prefix). */
export function customizationId(value: CellValue | undefined): string | null {
  const t = textOf(value)?.normalize('NFKC').trim() ?? null
  if (t === null) return null
  const bare = t.replace(/^(?:no\.?|#|№)\s*(?=\d)/i, '')
  return bare === '' ? t : bare
}

/**
 * Validate the rows of a カスタマイズ一覧 against the inventory. `defaultSystem` is used
 * for files without a システム名 column (one list per system, `--system`).
 */
export function parseCustomizationRows(
  input: TableInput<CustomizationField>,
  systems: readonly SystemRecord[],
  defaultSystem?: SystemRecord,
): CustomizationRowsResult {
  const byKey = new Map<string, SystemRecord>()
  for (const s of systems) {
    byKey.set(normalizeKey(s.name), s)
    byKey.set(normalizeKey(s.id), s)
  }
  const names = systems.map((s) => s.name)
  const seen = new Map<string, number>()
  const r = readRows(input, {
    label,
    nameKey: 'name',
    ignore: ['id'],
    noRows: 'カスタマイズの行が1件もありません',
    rule: (row): ParsedCustomization | undefined => {
      const v = row.values
      const issue = row.issue

      let system: SystemRecord | undefined
      const systemText = textOf(v.system)
      if (systemText !== null) {
        system = byKey.get(normalizeKey(systemText))
        if (!system) {
          const close = suggestClosest(systemText, names)
          issue(
            'system',
            'UNKNOWN_SYSTEM',
            `システム「${systemText}」はシステム台帳にありません。${close.length > 0 ? `もしかして: ${close.join('、')}` : '`hyojun inventory list` で登録済みのシステム名を確認してください'}`,
          )
        }
      } else if (defaultSystem) {
        system = defaultSystem
      } else {
        issue(
          'system',
          'REQUIRED',
          input.columns.has('system')
            ? 'システム名が入力されていません'
            : 'システム名の列がありません（--system でシステムを指定してください）',
        )
      }

      const id = customizationId(v.id)
      if (id === null) issue('id', 'REQUIRED', `${label('id')}が入力されていません`)
      if (id !== null && system) {
        const key = `${system.id}\u0000${id}`
        const first = seen.get(key)
        if (first !== undefined)
          issue(
            'id',
            'DUPLICATE_ID',
            `${label('id')}「${id}」がシステム「${system.name}」内で重複しています（${first}行目と同じ）`,
          )
        else seen.set(key, row.row)
      }

      const name = textOf(v.name)
      if (name === null) issue('name', 'REQUIRED', `${label('name')}が入力されていません`)

      let businessId: string | undefined
      const bizText = textOf(v.business)
      const biz = parseBusinessCell(bizText ?? '')
      for (const u of biz.unknown) {
        issue(
          'business',
          'UNKNOWN_BUSINESS',
          `${label('business')}「${u.text}」は標準化対象業務ではありません。${u.suggestions.length > 0 ? `もしかして: ${u.suggestions.join('、')}` : '`hyojun catalog` で業務名を確認してください'}`,
        )
      }
      if (biz.unknown.length === 0) {
        if (biz.businesses.length > 1) {
          issue(
            'business',
            'SEVERAL_BUSINESSES',
            `${label('business')}「${bizText ?? ''}」に複数の業務があります。カスタマイズ1件につき業務は1つにしてください`,
          )
        } else if (biz.businesses.length === 1) {
          businessId = biz.businesses[0]!.id
          if (system && system.businessIds.length > 0 && !system.businessIds.includes(businessId)) {
            row.warn(
              `${row.ref('business')}: 業務「${biz.businesses[0]!.name}」はシステム「${system.name}」の対象業務（${system.businesses.join('、')}）にありません`,
            )
          }
        } else if (system) {
          if (system.businessIds.length === 1) businessId = system.businessIds[0]
          else if (system.businessIds.length === 0) {
            issue(
              'business',
              'BUSINESS_UNKNOWN',
              `業務を特定できません。システム「${system.name}」は台帳で標準化対象業務が登録されていないため、${label('business')}列に業務を入力してください`,
            )
          } else {
            issue(
              'business',
              'BUSINESS_AMBIGUOUS',
              `業務を特定できません。システム「${system.name}」は複数の業務（${system.businesses.join('、')}）を扱うため、${label('business')}列にいずれか1つを入力してください`,
            )
          }
        }
      }

      const requirement = parseRequirementId(v.requirementId)
      if (!requirement.ok)
        issue(
          'requirementId',
          'INVALID_REQUIREMENT_ID',
          `${label('requirementId')}「${shown(v.requirementId)}」は${requirement.reason}`,
        )
      else if (requirement.others !== undefined) {
        row.warn(
          `${row.ref('requirementId')}: ${label('requirementId')}に複数の機能ID があるため、最初の ${requirement.id} を取り込みました（${requirement.others.join('、')} は取り込んでいません。1件に1つの機能IDにするか、行を分けてください）`,
        )
      }

      const annualCostYen = row.money('annualCostYen')
      const developmentCostYen = row.money('developmentCostYen')

      if (!system || id === null || name === null || businessId === undefined || !requirement.ok)
        return undefined
      return {
        record: {
          id,
          systemId: system.id,
          system: system.name,
          businessId,
          business: BUSINESS_NAME.get(businessId) ?? businessId,
          name,
          description: textOf(v.description) ?? '',
          requirementId: requirement.id,
          annualCostYen,
          developmentCostYen,
          frequency: textOf(v.frequency),
          department: textOf(v.department),
          note: textOf(v.note),
        },
        row: row.row,
        source: row.source,
      }
    },
  })
  return {customizations: r.rows, issues: r.issues, warnings: r.warnings, skippedRows: r.skippedRows}
}
