import {formatYen, renderTable} from '../text/format.js'
import type {
  CustomizationImportResult,
  CustomizationRecord,
  FieldChange,
  InventoryImportResult,
  SystemRecord,
} from './inventory.schema.js'

/** Human text for the import and list commands (stdout; --json prints the result instead). */

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空欄）'
  if (Array.isArray(v)) return v.length === 0 ? '（なし）' : v.join('、')
  if (typeof v === 'number') return v.toLocaleString('ja-JP')
  return String(v)
}

function fieldLines(fields: readonly FieldChange[]): string[] {
  return fields.map((f) => `    ${f.label}: ${value(f.before)} → ${value(f.after)}`)
}

const LIMIT = 30

function changeLines(
  added: readonly string[],
  removed: readonly string[],
  changed: readonly {title: string; fields: readonly FieldChange[]}[],
): string[] {
  const lines: string[] = []
  for (const a of added.slice(0, LIMIT)) lines.push(`  + 追加: ${a}`)
  for (const r of removed.slice(0, LIMIT)) lines.push(`  - 削除: ${r}`)
  for (const c of changed.slice(0, LIMIT)) lines.push(`  * 変更: ${c.title}`, ...fieldLines(c.fields))
  const hidden =
    Math.max(0, added.length - LIMIT) +
    Math.max(0, removed.length - LIMIT) +
    Math.max(0, changed.length - LIMIT)
  if (hidden > 0) lines.push(`  …ほか ${hidden} 件（すべて見るには --json）`)
  return lines
}

export function presentInventoryImport(r: InventoryImportResult): string {
  const c = r.changes
  return [
    `${r.dryRun ? '【確認のみ・書き込みなし】' : ''}${r.file}${r.format === 'csv' ? '' : ` › ${r.sheet}`}: システム ${r.systems} 件を${r.dryRun ? '取り込めます' : '取り込みました'}`,
    `  追加 ${c.added.length} / 削除 ${c.removed.length} / 変更 ${c.changed.length} / 変更なし ${r.unchanged}${r.skippedRows > 0 ? ` / 読み飛ばし ${r.skippedRows} 行` : ''}`,
    ...changeLines(
      c.added.map((s) => `${s.name}（${s.id}）`),
      c.removed.map(
        (s) =>
          `${s.name}（${s.id}）${s.customizationsRemoved > 0 ? ` カスタマイズ ${s.customizationsRemoved} 件も削除` : ''}`,
      ),
      c.changed.map((s) => ({title: `${s.name}（${s.id}）`, fields: s.fields})),
    ),
  ].join('\n')
}

export function presentCustomizationImport(r: CustomizationImportResult): string {
  const c = r.changes
  return [
    `${r.dryRun ? '【確認のみ・書き込みなし】' : ''}${r.file}${r.format === 'csv' ? '' : ` › ${r.sheet}`}: カスタマイズ ${r.customizations} 件を${r.dryRun ? '取り込めます' : '取り込みました'}（${r.systems.map((s) => `${s.name} ${s.customizations} 件`).join('、')}）`,
    `  追加 ${c.added.length} / 削除 ${c.removed.length} / 変更 ${c.changed.length} / 変更なし ${r.unchanged}${r.skippedRows > 0 ? ` / 読み飛ばし ${r.skippedRows} 行` : ''}`,
    ...changeLines(
      c.added.map((x) => `${x.system} ${x.id} ${x.name}`),
      c.removed.map((x) => `${x.system} ${x.id} ${x.name}`),
      c.changed.map((x) => ({title: `${x.system} ${x.id} ${x.name}`, fields: x.fields})),
    ),
  ].join('\n')
}

export function presentSystems(systems: readonly SystemRecord[]): string {
  if (systems.length === 0) return 'システム台帳は空です（hyojun inventory import で取り込んでください）'
  return renderTable(
    ['ID', 'システム名称', '対象業務', '事業者', '稼働環境', '契約満了', '年間運用経費（円）', '移行状況'],
    systems.map((s) => [
      s.id,
      s.name,
      s.businesses.join('、') || '－',
      s.vendor,
      s.hosting,
      s.contractEnd,
      formatYen(s.annualCostYen),
      s.status,
    ]),
  )
}

export function presentSystem(system: SystemRecord, customizations: readonly CustomizationRecord[]): string {
  const rows: [string, string][] = [
    ['ID', system.id],
    ['システム名称', system.name],
    ['対象業務', system.businesses.join('、') || '－（標準化対象外）'],
    ['事業者', system.vendor ?? ''],
    ['製品・パッケージ名', system.product ?? ''],
    ['稼働環境', system.hosting ?? ''],
    ['クラウド事業者', system.hostingProvider ?? ''],
    [
      '契約期間',
      system.contractStart || system.contractEnd
        ? `${system.contractStart ?? ''} ～ ${system.contractEnd ?? ''}`
        : '',
    ],
    ['年間運用経費（円）', formatYen(system.annualCostYen)],
    ['初期導入費（円）', formatYen(system.initialCostYen)],
    [
      '平成30年度運用経費（円）',
      system.baselineAnnualCostYen === null ? '（未入力）' : formatYen(system.baselineAnnualCostYen),
    ],
    ['利用者数', system.users === null ? '' : system.users.toLocaleString('ja-JP')],
    ['データ件数', system.records === null ? '' : system.records.toLocaleString('ja-JP')],
    ['連携先', system.links.join('、')],
    ['移行状況', system.status ?? ''],
    ['移行予定日', system.plannedMigration ?? ''],
    ['所管課', system.department ?? ''],
    ['備考', system.note ?? ''],
  ]
  const out = [renderTable(['項目', '内容'], rows)]
  out.push(
    customizations.length === 0
      ? 'カスタマイズ: なし（未取込）'
      : `カスタマイズ: ${customizations.length} 件`,
  )
  if (customizations.length > 0) out.push(presentCustomizations(customizations))
  return out.join('\n')
}

export function presentCustomizations(list: readonly CustomizationRecord[]): string {
  if (list.length === 0) return 'カスタマイズはありません'
  return renderTable(
    ['システム', '管理番号', '業務', '名称', '関連機能ID', '年間保守費（円）', '開発費（円）'],
    list.map((c) => [
      c.system,
      c.id,
      c.business,
      c.name,
      c.requirementId,
      formatYen(c.annualCostYen),
      formatYen(c.developmentCostYen),
    ]),
  )
}
