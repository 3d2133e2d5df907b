import type {RequirementClass} from '../standard/spec.schema.js'

/** Words of the RFI workbooks (sheet names, headers, answer lists): written on export, read back on import. */

export const SHEETS = {
  cover: '表紙',
  guide: '記入要領',
  functions: '機能要件',
  forms: '帳票要件',
  outside: '独自要件',
  costs: '費用',
  /** veryHidden: format, 業務, 版 and every question's key and check value. */
  control: '管理情報',
} as const

/** Answer marks of municipal RFI practice. */
export const MARKS = ['○', '△', '×'] as const
export type Mark = (typeof MARKS)[number]
export const MARK_MEANING: Readonly<Record<Mark, string>> = {
  '○': '標準機能（標準オプション機能を含む）で対応できる',
  '△': 'カスタマイズ又は代替案で対応できる（費用・備考を記入）',
  '×': '対応できない',
}

/** 対応方法 on 機能要件 / 帳票要件. */
export const FUNCTION_METHODS = ['標準', '標準オプション', 'カスタマイズ', '代替案', '対応不可'] as const
/** 対応方法 on 独自要件 (what the standard does not cover). */
export const OUTSIDE_METHODS = ['独自施策システム', '標準オプション', '業務見直し提案', '対応不可'] as const

/** Kinds of question rows. */
export const ITEM_KINDS = ['function', 'form', 'outside'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]
export const KIND_LABEL: Readonly<Record<ItemKind, string>> = {
  function: '機能要件',
  form: '帳票要件',
  outside: '独自要件',
}

/**
 * 本市の要否: 要 for every mandatory requirement and for an optional one the Fit&Gap mapped a
 * customization to; 任意 for other optional ones; － for prohibited ones (asked to confirm they are absent).
 */
export const NEEDS = ['required', 'optional', 'none'] as const
export type Need = (typeof NEEDS)[number]
export const NEED_LABEL: Readonly<Record<Need, string>> = {required: '要', optional: '任意', none: '－'}

export const HEADERS = {
  functionId: '機能ID',
  major: '大項目',
  middle: '中項目',
  name: '機能名称',
  text: '要件',
  class: '実装区分',
  need: '本市の要否',
  mark: '対応',
  method: '対応方法',
  availableFrom: '提供開始時期',
  cost: '費用（千円）',
  note: '備考・代替案',
  check: 'チェック',
  formId: '帳票ID',
  formType: '種類',
  formName: '帳票名称',
  formNote: '帳票の備考',
  outsideId: '番号',
  system: '現行システム',
  customization: 'カスタマイズ名称',
  description: '現在の内容',
  question: '質問',
  outsideNote: '備考',
  costGroup: '区分',
  costItem: '費目',
  costHelp: '説明',
  unit: '単位',
  initial: '導入時',
  year: (n: number) => `${n}年目`,
  costNote: '備考',
  controlSheet: 'シート',
  controlKey: 'キー',
  controlValue: '値',
} as const

/** Format marker in the 管理情報 sheet: a newer layout gets a new marker. */
export const FORMAT = 'hyojun-rfi/1'

/** A question sent to vendors (one row of 機能要件 / 帳票要件 / 独自要件). */
export interface RfiQuestion {
  readonly kind: ItemKind
  /** 機能ID, 帳票ID, or `システムID/管理番号` for 独自要件. */
  readonly id: string
  /** 大項目 / 種類 / 現行システム. */
  readonly group: string
  /** 中項目 (function), 帳票の備考 (form), '' otherwise. */
  readonly subgroup: string
  /** 機能名称 / 帳票名称 / カスタマイズ名称. */
  readonly name: string
  /** 要件 / '' / 現在の内容. */
  readonly text: string
  /** 実装区分 for the municipality's 団体区分 (null for 独自要件). */
  readonly class: RequirementClass | null
  readonly need: Need
}

/** One stored answer. */
export interface RfiAnswer {
  readonly kind: ItemKind
  readonly id: string
  readonly name: string
  readonly class: RequirementClass | null
  readonly need: Need
  /** ○/△/× (null on 独自要件 rows and when blank). */
  readonly mark: Mark | null
  readonly method: string | null
  readonly availableFrom: string | null
  readonly costYen: number | null
  readonly note: string | null
}

/** One cost line as answered; amounts in 円, or in dollars when currency is USD. */
export interface RfiCostLine {
  readonly phase: 'one-time' | 'annual'
  readonly item: string
  readonly currency: 'JPY' | 'USD'
  /** one-time: [amount]; annual: one per year (RUNNING_YEARS); null = blank. */
  readonly amounts: readonly (number | null)[]
  readonly note: string | null
}

/** A vendor's whole answer for one 業務. */
export interface VendorResponse {
  readonly vendor: string
  readonly businessId: string
  readonly business: string
  readonly specVersion: string
  readonly answers: readonly RfiAnswer[]
  readonly costs: readonly RfiCostLine[]
  /** 円 per dollar as the vendor stated it (for cloud fees in dollars). */
  readonly fxRate: number | null
  readonly conditions: string | null
  readonly sourceFile: string
  readonly importedAt: string
}
