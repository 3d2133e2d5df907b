import {CLASS_LABEL, versionLabel, type RequirementClass} from './spec.schema.js'
import type {SpecDiff, WordDiffPart} from './spec-diff.js'
import {
  writeWorkbook,
  type CellOut,
  type ColumnSpec,
  type RichRun,
  type SheetSpec,
  type WriteResult,
} from '../reports/workbook-writer.js'

/**
 * 新旧対照表: one row per changed 機能ID, old and new text side by side,
 * deletions red strikethrough, insertions blue bold underline, rows whose
 * 実装区分 changed filled yellow. A4 landscape (writer default).
 */

export const DELETED_FONT = {color: {argb: 'FFC00000'}, strike: true} as const
export const INSERTED_FONT = {color: {argb: 'FF0070C0'}, underline: true, bold: true} as const
export const RECLASSIFIED_FILL = 'FFFFF2CC'
export const SHEET_NAME = '新旧対照表'

export interface SpecDiffRow {
  readonly kind: string
  readonly id: string
  readonly path: readonly string[]
  readonly name: string
  readonly before: CellOut
  readonly after: CellOut
  readonly fromClass: RequirementClass | null
  readonly toClass: RequirementClass | null
  readonly reclassified: boolean
  readonly remark: string
}

function runs(parts: readonly WordDiffPart[], side: 'before' | 'after'): {richText: RichRun[]} {
  const out: RichRun[] = []
  for (const p of parts) {
    if (p.kind === 'equal') out.push({text: p.text})
    else if (p.kind === 'removed' && side === 'before') out.push({text: p.text, font: {...DELETED_FONT}})
    else if (p.kind === 'added' && side === 'after') out.push({text: p.text, font: {...INSERTED_FONT}})
  }
  return {richText: out}
}

/** Rows in the order of the new version, removed requirements at the end. */
export function specDiffRows(diff: SpecDiff): SpecDiffRow[] {
  const rows = new Map<string, SpecDiffRow>()
  for (const r of diff.added) {
    rows.set(r.id, {
      kind: '追加',
      id: r.id,
      path: r.path,
      name: r.name,
      before: null,
      after: {richText: [{text: r.text, font: {...INSERTED_FONT}}]},
      fromClass: null,
      toClass: r.class,
      reclassified: false,
      remark: '',
    })
  }
  for (const c of diff.changed) {
    rows.set(c.id, {
      kind: '文言変更',
      id: c.id,
      path: c.path,
      name: c.name,
      before: runs(c.wordDiff, 'before'),
      after: runs(c.wordDiff, 'after'),
      fromClass: null,
      toClass: null,
      reclassified: false,
      remark: c.nameBefore === null ? '' : `機能名称の変更（旧: ${c.nameBefore}）`,
    })
  }
  for (const c of diff.reclassified) {
    const prev = rows.get(c.id)
    rows.set(c.id, {
      kind: prev ? `${prev.kind}・区分変更` : '区分変更',
      id: c.id,
      path: c.path,
      name: c.name,
      before: prev?.before ?? null,
      after: prev?.after ?? null,
      fromClass: c.fromClass,
      toClass: c.toClass,
      reclassified: true,
      remark: [prev?.remark ?? '', `${CLASS_LABEL[c.fromClass]} → ${CLASS_LABEL[c.toClass]}`]
        .filter((s) => s !== '')
        .join('。'),
    })
  }
  const sorted = [...rows.values()].sort((a, b) => a.id.localeCompare(b.id))
  const removed = diff.removed.map((r): SpecDiffRow => ({
    kind: '削除',
    id: r.id,
    path: r.path,
    name: r.name,
    before: {richText: [{text: r.text, font: {...DELETED_FONT}}]},
    after: null,
    fromClass: r.class,
    toClass: null,
    reclassified: false,
    remark: '',
  }))
  return [...sorted, ...removed]
}

export function specDiffSheet(diff: SpecDiff, title: string): SheetSpec<SpecDiffRow> {
  const from = versionLabel(diff.from)
  const to = versionLabel(diff.to)
  const s = diff.summary
  const columns: ColumnSpec<SpecDiffRow>[] = [
    {header: '区分', width: 12, value: (r) => r.kind},
    {header: '機能ID', width: 11, value: (r) => r.id},
    {header: '大項目', width: 14, value: (r) => r.path[0] ?? ''},
    {header: '中項目・小項目', width: 16, value: (r) => r.path.slice(1).join(' / ')},
    {header: '機能名称', width: 22, kind: 'longtext', value: (r) => r.name},
    {header: `旧（${from}）要件`, width: 42, kind: 'longtext', value: (r) => r.before},
    {header: `新（${to}）要件`, width: 42, kind: 'longtext', value: (r) => r.after},
    {header: `旧 実装区分`, width: 16, value: (r) => (r.fromClass ? CLASS_LABEL[r.fromClass] : '')},
    {header: `新 実装区分`, width: 16, value: (r) => (r.toClass ? CLASS_LABEL[r.toClass] : '')},
    {header: '備考', width: 24, kind: 'longtext', value: (r) => r.remark},
  ]
  return {
    name: SHEET_NAME,
    title: [
      `${title} 新旧対照表（${from} → ${to}）`,
      `${diff.business}　追加 ${s.added} 件・削除 ${s.removed} 件・文言変更 ${s.changed} 件・実装区分の変更 ${s.reclassified} 件`,
      '凡例: 赤字の取消線 = 削除された文言、青字の太字下線 = 追加された文言、黄色の行 = 実装区分の変更',
    ],
    columns,
    rows: specDiffRows(diff),
    rowFill: (r) => (r.reclassified ? RECLASSIFIED_FILL : undefined),
    // About 215 character units wide: A3 keeps it at 8 pt or more (A4 would print at about 5 pt).
    paper: 'A3',
  }
}

export interface FormDiffRow {
  readonly kind: string
  readonly id: string
  readonly name: string
  readonly fromClass: RequirementClass | null
  readonly toClass: RequirementClass | null
}

export function formDiffRows(diff: SpecDiff): FormDiffRow[] {
  return [
    ...diff.forms.added.map((f) => ({
      kind: '追加',
      id: f.id,
      name: f.name,
      fromClass: null,
      toClass: f.class,
    })),
    ...diff.forms.reclassified.map((f) => ({
      kind: '区分変更',
      id: f.id,
      name: f.name,
      fromClass: f.fromClass,
      toClass: f.toClass,
    })),
    ...diff.forms.removed.map((f) => ({
      kind: '削除',
      id: f.id,
      name: f.name,
      fromClass: f.class,
      toClass: null,
    })),
  ]
}

/** 帳票要件の変更 (only when forms changed). */
export function formDiffSheet(diff: SpecDiff): SheetSpec<FormDiffRow> {
  return {
    name: '帳票要件の変更',
    title: [`帳票要件の変更（${versionLabel(diff.from)} → ${versionLabel(diff.to)}）`],
    columns: [
      {header: '区分', width: 12, value: (r) => r.kind},
      {header: '帳票ID', width: 12, value: (r) => r.id},
      {header: '帳票名称', width: 36, value: (r) => r.name},
      {header: '旧 実装区分', width: 16, value: (r) => (r.fromClass ? CLASS_LABEL[r.fromClass] : '')},
      {header: '新 実装区分', width: 16, value: (r) => (r.toClass ? CLASS_LABEL[r.toClass] : '')},
    ],
    rows: formDiffRows(diff),
    rowFill: (r) => (r.kind === '区分変更' ? RECLASSIFIED_FILL : undefined),
  }
}

export function writeSpecDiffReport(path: string, diff: SpecDiff, title: string): Promise<WriteResult> {
  const forms = formDiffRows(diff)
  return writeWorkbook(
    path,
    forms.length > 0 ? [specDiffSheet(diff, title), formDiffSheet(diff)] : [specDiffSheet(diff, title)],
  )
}
