/**
 * Renders the official-style spec rows of an independent evaluation set as
 * hyojun spec XML: 機能ID = national 業務ID + a 4-digit serial in row order,
 * 帳票ID F + 業務ID + 3 digits.
 */
import type {Group, Klass} from './kaigo-official.data.js'

const CLASS: Record<Klass, string> = {M: 'mandatory', O: 'optional', P: 'prohibited'}

export type Form = readonly [name: string, type: string, klass: Klass]

export interface SpecMeta {
  readonly business: string
  /** National 業務ID (3 digits), the prefix of every 機能ID. */
  readonly code: string
  readonly version: string
  readonly published: string
  readonly effective: string
  readonly title: string
  readonly forms: readonly Form[]
}

const KAIGO_META: SpecMeta = {
  business: '介護保険',
  code: '023',
  version: '1.1',
  published: '2022-08-31',
  effective: '2023-04-01',
  title: '介護保険システム標準仕様書',
  forms: [
    ['介護保険被保険者証', '証明書', 'M'],
    ['介護保険資格者証', '証明書', 'M'],
    ['介護保険負担割合証', '証明書', 'M'],
    ['介護保険負担限度額認定証', '証明書', 'M'],
    ['受給資格証明書', '証明書', 'M'],
    ['介護保険料額決定通知書', '通知書', 'M'],
    ['介護保険料額決定変更通知書', '通知書', 'M'],
    ['介護保険料納入通知書兼納付書', '通知書', 'M'],
    ['督促状', '通知書', 'M'],
    ['要介護認定等結果通知書', '通知書', 'M'],
    ['認定調査依頼書', '通知書', 'M'],
    ['主治医意見書作成依頼書', '通知書', 'M'],
    ['介護認定審査会資料', '一覧・台帳', 'M'],
    ['高額介護サービス費支給決定通知書', '通知書', 'M'],
    ['介護給付費通知', '通知書', 'O'],
    ['被保険者台帳', '一覧・台帳', 'M'],
    ['所得段階別被保険者数一覧', '一覧・台帳', 'O'],
  ],
}

function esc(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
}

export function renderSpec(chapters: readonly Group[], meta: SpecMeta): {xml: string; rows: number} {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<standardSpec business="${esc(meta.business)}" version="${meta.version}" published="${meta.published}" effective="${meta.effective}">`,
    `  <title>${esc(meta.title)}</title>`,
    '  <requirements>',
  ]
  let serial = 0
  for (const g of chapters) {
    let name = ''
    for (const [klass, rowName, text, note, variant] of g.rows) {
      serial++
      name = rowName === '' ? name : rowName
      if (name === '') throw new Error(`${g.major} › ${g.middle}: the first row needs a 機能名称`)
      const id = `${meta.code}${String(serial).padStart(4, '0')}`
      const minor = g.minor ? ` minor="${esc(g.minor)}"` : ''
      out.push(
        `    <requirement id="${id}" class="${CLASS[klass]}" major="${esc(g.major)}" middle="${esc(g.middle)}"${minor}>`,
        `      <name>${esc(name)}</name>`,
        `      <text>${esc(text)}</text>`,
      )
      if (variant) {
        const [category, k] = variant.split(':') as [string, Klass]
        out.push(`      <variant category="${esc(category)}" class="${CLASS[k]}"/>`)
      }
      if (note) out.push(`      <note>${esc(note)}</note>`)
      out.push('    </requirement>')
    }
  }
  out.push('  </requirements>', '  <forms>')
  meta.forms.forEach(([name, type, klass], i) => {
    out.push(
      `    <form id="F${meta.code}${String(i + 1).padStart(3, '0')}" type="${type}" class="${CLASS[klass]}"><name>${esc(name)}</name></form>`,
    )
  })
  out.push('  </forms>', '</standardSpec>', '')
  return {xml: out.join('\n'), rows: serial}
}

export function renderKaigoSpec(chapters: readonly Group[]): {xml: string; rows: number} {
  return renderSpec(chapters, KAIGO_META)
}
