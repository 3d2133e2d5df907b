import type {FitgapLine} from '../fitgap/fitgap.schema.js'
import {effectiveClass} from '../fitgap/matcher.js'
import {CLASS_LABEL, type SpecDocument} from '../standard/spec.schema.js'
import {ANNUAL_ITEMS, CONDITIONS_ITEM, FX_ITEM, ONE_TIME_CATEGORIES, USD_ITEM} from './cost-categories.js'
import {HEADERS, NEED_LABEL, type ItemKind, type Need, type RfiQuestion} from './rfi-model.js'

/** Questions of one 業務's RFI: every requirement and form of the spec, and each customization outside it. */
export interface RfiQuestionSet {
  readonly businessId: string
  readonly business: string
  readonly specVersion: string
  readonly functions: readonly RfiQuestion[]
  readonly forms: readonly RfiQuestion[]
  readonly outside: readonly RfiQuestion[]
}

/**
 * Build the questions from the spec (実装区分 for the 団体区分) and the Fit&Gap lines of the 業務
 * (final verdicts: a review decision wins). An optional requirement is 要 when a customization maps to it.
 */
export function buildQuestions(input: {
  readonly spec: SpecDocument
  readonly municipalityKind: string
  readonly fitgap: readonly FitgapLine[]
}): RfiQuestionSet {
  const {spec, municipalityKind, fitgap} = input
  const neededOptions = new Set(
    fitgap.filter((l) => l.verdict === 'option' && l.requirementId).map((l) => l.requirementId),
  )
  const needOf = (cls: RfiQuestion['class'], id: string): Need =>
    cls === 'mandatory'
      ? 'required'
      : cls === 'prohibited'
        ? 'none'
        : neededOptions.has(id)
          ? 'required'
          : 'optional'
  const functions = spec.requirements.map((r): RfiQuestion => {
    const cls = effectiveClass(r, municipalityKind)
    return {
      kind: 'function',
      id: r.id,
      group: r.path[0] ?? '',
      subgroup: r.path.slice(1).join(' › '),
      name: r.name,
      text: r.text,
      class: cls,
      need: needOf(cls, r.id),
    }
  })
  const forms = spec.forms.map((f): RfiQuestion => ({
    kind: 'form',
    id: f.id,
    group: f.type,
    subgroup: f.note ?? '',
    name: f.name,
    text: '',
    class: f.class,
    need: f.class === 'mandatory' ? 'required' : f.class === 'prohibited' ? 'none' : 'optional',
  }))
  const outside = fitgap
    .filter((l) => l.verdict === 'outside')
    .map((l): RfiQuestion => ({
      kind: 'outside',
      id: `${l.systemId}/${l.customizationId}`,
      group: l.system,
      subgroup: '',
      name: l.name,
      text: l.description,
      class: null,
      need: 'required',
    }))
  return {
    businessId: spec.businessId,
    business: spec.business,
    specVersion: spec.version,
    functions,
    forms,
    outside,
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** A cell text as it reads back from the workbook (control characters dropped, trimmed). */
export function cellForm(text: string): string {
  return text.replace(CONTROL, '').replace(/\r\n?/g, '\n').trim()
}

/** 「…」を現行システムで独自に行っています… : the question put for a customization outside the standard. */
export function outsideQuestion(name: string): string {
  return `現行システムでは「${name}」を独自に行っています。標準準拠システムの利用を前提に、どのように実現できるか（独自施策システム・標準オプション・業務見直しの提案）と費用をご回答ください。`
}

/** Question columns of each sheet, in order (the answer columns follow them). */
export const QUESTION_HEADERS: Readonly<Record<ItemKind, readonly string[]>> = {
  function: [
    HEADERS.functionId,
    HEADERS.major,
    HEADERS.middle,
    HEADERS.name,
    HEADERS.text,
    HEADERS.class,
    HEADERS.need,
  ],
  form: [HEADERS.formId, HEADERS.formType, HEADERS.formName, HEADERS.formNote, HEADERS.class, HEADERS.need],
  outside: [HEADERS.outsideId, HEADERS.system, HEADERS.customization, HEADERS.description, HEADERS.question],
}

/** The question cells of a row, in QUESTION_HEADERS order, as they read back. */
export function questionCells(q: RfiQuestion): readonly string[] {
  const cls = q.class ? CLASS_LABEL[q.class] : ''
  const cells =
    q.kind === 'function'
      ? [q.id, q.group, q.subgroup, q.name, q.text, cls, NEED_LABEL[q.need]]
      : q.kind === 'form'
        ? [q.id, q.group, q.name, q.subgroup, cls, NEED_LABEL[q.need]]
        : [q.id, q.group, q.name, q.text, outsideQuestion(q.name)]
  return cells.map(cellForm)
}

/**
 * Check value of a row's question cells: two 32-bit FNV-1a hashes (different offsets) in hex.
 * It detects edits, not forgery: the sheet protection has no password on purpose.
 */
export function checkValue(cells: readonly string[]): string {
  const text = cells.join('\u001f')
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193) >>> 0
    b = Math.imul(b ^ c, 0x01000193) >>> 0
    b = (b ^ (b >>> 15)) >>> 0
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')
}

export function questionCheck(q: RfiQuestion): string {
  return checkValue(questionCells(q))
}

/** A row of the 費用 sheet. */
export interface CostRowSpec {
  readonly group: '導入費用' | '運用費用' | '前提・条件'
  readonly item: string
  readonly help: string
  /** Where amounts go: one-time (導入時), annual (1〜5年目), a number in 導入時 (rate) or text in 備考. */
  readonly entry: 'one-time' | 'annual' | 'rate' | 'text'
  /** The unit cell is a dropdown (千円 / 千ドル). */
  readonly unitChoice: boolean
}

export const COST_ROWS: readonly CostRowSpec[] = [
  ...ONE_TIME_CATEGORIES.map((c): CostRowSpec => ({
    group: '導入費用',
    item: c,
    help: '',
    entry: 'one-time',
    unitChoice: false,
  })),
  ...ANNUAL_ITEMS.map((c): CostRowSpec => ({
    group: '運用費用',
    item: c,
    help: c === USD_ITEM ? 'ドル建ての場合は単位に千ドルを選択し、為替レートを記入' : '',
    entry: 'annual',
    unitChoice: c === USD_ITEM,
  })),
  {
    group: '前提・条件',
    item: FX_ITEM,
    help: 'ドル建ての金額を円に換算する前提のレート（導入時の欄に記入）',
    entry: 'rate',
    unitChoice: false,
  },
  {
    group: '前提・条件',
    item: CONDITIONS_ITEM,
    help: '見積の前提（対象範囲、ライセンス数、契約形態等）を備考の欄に記入',
    entry: 'text',
    unitChoice: false,
  },
]

/** Check value of a 費用 row (区分, 費目, 説明). */
export function costRowCheck(r: CostRowSpec): string {
  return checkValue([r.group, r.item, r.help].map(cellForm))
}
