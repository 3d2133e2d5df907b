import {z} from 'zod'
import {businessesByNationalId, findBusiness, nationalBusinessId, type Business} from '../catalog/catalog.js'
import type {DataIssue} from '../errors.js'
import {FORM_TYPES, type Requirement, type SpecDocument, type SpecForm} from './spec.schema.js'
import {isIsoDate, normalizeVersion, parseClassLabel} from './spec-text.js'

/**
 * A spec as read from a file, before meaning is checked: every value is the
 * text as written (実装区分 may be any label spelling). Readers (XML, Excel)
 * produce a draft plus where each part came from; `validateDraft` turns it
 * into a SpecDocument or a list of issues with places.
 */
export interface RequirementDraft {
  readonly id: string
  readonly major: string
  readonly middle: string
  readonly minor: string
  readonly name: string
  readonly text: string
  readonly class: string
  readonly variants: readonly {readonly category: string; readonly class: string}[]
  readonly note: string
}

export interface FormDraft {
  readonly id: string
  readonly name: string
  readonly type: string
  readonly class: string
  readonly note: string
}

export interface SpecDraft {
  readonly business: string
  readonly version: string
  readonly published: string
  readonly effective: string
  readonly title: string
  /** XML requires 公表日; an Excel annex often does not state it. */
  readonly publishedRequired: boolean
  readonly requirements: readonly RequirementDraft[]
  readonly forms: readonly FormDraft[]
}

/** Where a record came from: the record itself, and per field when known (Excel cells). */
export interface RecordPlace {
  readonly where: string
  readonly fields?: Readonly<Partial<Record<string, string>>>
}

export interface DraftPlaces {
  /** Where the 業務 / 版 / 公表日 / 適用日 / title were read (or the file). */
  readonly header: Readonly<
    Partial<Record<'business' | 'version' | 'published' | 'effective' | 'title', string>>
  >
  readonly file: string
  readonly requirements: readonly RecordPlace[]
  readonly forms: readonly RecordPlace[]
}

const FIELD_LABEL: Readonly<Record<string, string>> = {
  id: '機能ID',
  major: '大項目',
  name: '機能名称',
  text: '要件',
  class: '実装区分',
  variants: '団体区分',
  note: '備考',
  type: '種別',
  business: '業務',
  version: '版',
  published: '公表日',
  effective: '適用日',
  title: '仕様書名',
}

const classField = z.string().transform((label, ctx) => {
  const c = parseClassLabel(label)
  if (c === undefined) {
    ctx.addIssue({
      code: 'custom',
      message:
        label.trim() === ''
          ? '実装区分が空です'
          : `実装区分「${label}」を判別できません（実装必須機能 / 標準オプション機能 / 実装不可機能 のいずれか）`,
      params: {code: label.trim() === '' ? 'MISSING_CLASS' : 'UNKNOWN_CLASS'},
    })
    return z.NEVER
  }
  return c
})

// Issue codes of built-in checks are derived from the field (MISSING_NAME, INVALID_ID) in zodIssues.
const required = (label: string): z.ZodString =>
  z
    .string()
    .trim()
    .min(1, {error: `${label}が空です`})

export const RequirementDraftSchema = z.object({
  id: z.string().regex(/^\d{7}$/, {
    error: (iss) =>
      iss.input === '' ? '機能IDが空です' : `機能ID「${String(iss.input)}」は 7 桁の数字ではありません`,
  }),
  major: z.string(),
  middle: z.string(),
  minor: z.string(),
  name: required('機能名称'),
  text: required('要件'),
  class: classField,
  variants: z.array(z.object({category: required('団体区分'), class: classField})),
  note: z.string(),
})

export const FormDraftSchema = z.object({
  id: required('帳票ID'),
  name: required('帳票名称'),
  type: z.string().refine((t) => (FORM_TYPES as readonly string[]).includes(t), {
    error: (iss) => `帳票の種別「${String(iss.input)}」は ${FORM_TYPES.join(' / ')} のいずれかにしてください`,
    params: {code: 'UNKNOWN_FORM_TYPE'},
  }),
  class: classField,
  note: z.string(),
})

function zodIssues(error: z.ZodError, place: RecordPlace): DataIssue[] {
  return error.issues.map((iss) => {
    const field = typeof iss.path[0] === 'string' ? iss.path[0] : undefined
    const where = (field && place.fields?.[field]) ?? place.where
    const code =
      (iss as {params?: {code?: string}}).params?.code ??
      (iss.code === 'too_small' && field
        ? `MISSING_${field.toUpperCase()}`
        : iss.code === 'invalid_format' && field
          ? `INVALID_${field.toUpperCase()}`
          : 'INVALID_VALUE')
    return {where, ...(field ? {field: FIELD_LABEL[field] ?? field} : {}), code, message: iss.message}
  })
}

/** Rule: 機能ID is unique within one spec version. */
function duplicateIds(
  ids: readonly string[],
  places: readonly RecordPlace[],
  label: string,
  code: string,
): DataIssue[] {
  const first = new Map<string, number>()
  const issues: DataIssue[] = []
  ids.forEach((id, i) => {
    if (id === '') return
    const prev = first.get(id)
    if (prev === undefined) {
      first.set(id, i)
      return
    }
    const place = places[i]!
    issues.push({
      where: place.fields?.['id'] ?? place.where,
      field: label,
      code,
      message: `${label}「${id}」が重複しています（最初の出現: ${places[prev]!.fields?.['id'] ?? places[prev]!.where}）`,
    })
  })
  return issues
}

/**
 * Check: a 機能ID starts with one of its 業務's national 業務IDs (介護保険: 0230001…).
 * Our 業務ID table is inferred, not confirmed, so any other prefix is only a warning,
 * never a reason to refuse a real annex: one line per prefix, naming the first place.
 * 共通機能 IDs (029 申請管理 …) appear in 業務 annexes that reference the 共通機能仕様.
 */
export function idPrefixWarnings(
  reqs: readonly {readonly id: string}[],
  places: readonly RecordPlace[],
  b: Business,
): string[] {
  const byPrefix = new Map<string, {first: string; where: string; count: number}>()
  reqs.forEach((r, i) => {
    if (!/^\d{7}$/.test(r.id)) return
    const prefix = r.id.slice(0, 3)
    if (b.businessIds.includes(prefix)) return
    const seen = byPrefix.get(prefix)
    if (seen) seen.count++
    else {
      const place = places[i]
      byPrefix.set(prefix, {first: r.id, where: place?.fields?.['id'] ?? place?.where ?? '', count: 1})
    }
  })
  const own = `${b.name}の業務ID: ${b.businessIds.join('・')}`
  return [...byPrefix].map(([prefix, {first, where, count}]) => {
    const ids = count > 1 ? `機能ID「${first}」ほか ${count - 1} 件` : `機能ID「${first}」`
    const national = nationalBusinessId(prefix)
    if (national?.scope === 'common') {
      return `${where}: ${ids}は共通機能「${national.label}」（業務ID ${prefix}、共通機能標準仕様書）の機能IDです。${b.name}の版の要件として取り込みます（${own}）`
    }
    const owners = businessesByNationalId(prefix).map((o) => o.name)
    const what = national
      ? `${owners.length > 0 ? owners.join('・') : national.label}の業務ID ${prefix} で始まっています（${own}）`
      : `業務ID ${prefix} で始まっています（既知の業務IDではありません。${own}）`
    return `${where}: ${ids}は${what}。${b.name}の要件として取り込みます。業務の指定と機能IDが正しいか確認してください`
  })
}

export interface DraftResult {
  readonly doc?: SpecDocument
  readonly issues: readonly DataIssue[]
  /** Accepted, but worth a look (e.g. a 機能ID outside the 業務's 業務IDs). */
  readonly warnings: readonly string[]
}

/** Check a draft's meaning; every issue is collected with its place. */
export function validateDraft(draft: SpecDraft, places: DraftPlaces): DraftResult {
  const issues: DataIssue[] = []
  const at = (k: keyof DraftPlaces['header']): string => places.header[k] ?? places.file
  const business = findBusiness(draft.business)
  if (draft.business.trim() === '') {
    issues.push({
      where: at('business'),
      field: '業務',
      code: 'MISSING_BUSINESS',
      message: '業務が指定されていません',
    })
  } else if (!business) {
    issues.push({
      where: at('business'),
      field: '業務',
      code: 'UNKNOWN_BUSINESS',
      message: `業務「${draft.business}」は標準化対象業務ではありません`,
    })
  }
  const version = normalizeVersion(draft.version)
  if (!version) {
    issues.push({
      where: at('version'),
      field: '版',
      code: draft.version.trim() === '' ? 'MISSING_VERSION' : 'INVALID_VERSION',
      message:
        draft.version.trim() === ''
          ? '版が指定されていません'
          : `版「${draft.version}」を読み取れません（例: 5.0 または 第5.0版）`,
    })
  }
  if (draft.published === '' ? draft.publishedRequired : !isIsoDate(draft.published)) {
    issues.push({
      where: at('published'),
      field: '公表日',
      code: 'INVALID_DATE',
      message:
        draft.published === ''
          ? '公表日が指定されていません'
          : `公表日「${draft.published}」は YYYY-MM-DD 形式の日付ではありません`,
    })
  }
  if (draft.effective !== '' && !isIsoDate(draft.effective)) {
    issues.push({
      where: at('effective'),
      field: '適用日',
      code: 'INVALID_DATE',
      message: `適用日「${draft.effective}」は YYYY-MM-DD 形式の日付ではありません`,
    })
  }
  if (draft.requirements.length === 0) {
    issues.push({where: places.file, code: 'NO_REQUIREMENTS', message: '機能要件が 1 件もありません'})
  }

  const requirements: Requirement[] = []
  draft.requirements.forEach((r, i) => {
    const place = places.requirements[i] ?? {where: places.file}
    const parsed = RequirementDraftSchema.safeParse(r)
    if (!parsed.success) {
      issues.push(...zodIssues(parsed.error, place))
      return
    }
    const v = parsed.data
    requirements.push({
      id: v.id,
      path: [v.major, v.middle, v.minor].map((p) => p.trim()).filter((p) => p !== ''),
      name: v.name,
      text: v.text,
      class: v.class,
      variants: v.variants,
      note: v.note.trim() === '' ? null : v.note,
    })
  })
  const forms: SpecForm[] = []
  draft.forms.forEach((f, i) => {
    const place = places.forms[i] ?? {where: places.file}
    const parsed = FormDraftSchema.safeParse(f)
    if (!parsed.success) {
      issues.push(...zodIssues(parsed.error, place))
      return
    }
    const v = parsed.data
    forms.push({...v, note: v.note.trim() === '' ? null : v.note})
  })
  issues.push(
    ...duplicateIds(
      draft.requirements.map((r) => r.id),
      places.requirements,
      '機能ID',
      'DUPLICATE_ID',
    ),
    ...duplicateIds(
      draft.forms.map((f) => f.id.trim()),
      places.forms,
      '帳票ID',
      'DUPLICATE_FORM_ID',
    ),
  )
  const warnings = business ? idPrefixWarnings(draft.requirements, places.requirements, business) : []

  if (issues.length > 0 || !business || !version) return {issues, warnings}
  return {
    issues,
    warnings,
    doc: {
      businessId: business.id,
      business: business.name,
      version,
      published: draft.published,
      effective: draft.effective === '' ? null : draft.effective,
      title: draft.title.trim() === '' ? business.spec : draft.title.trim(),
      requirements,
      forms,
    },
  }
}
