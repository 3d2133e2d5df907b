import {BUSINESSES, type Business} from '../catalog/catalog.js'
import {normalizeKey} from '../text/normalize.js'
import type {RequirementClass} from './spec.schema.js'

/**
 * Reading the words people write in spec annexes: 実装区分 labels of both
 * generations, 版 (第5.0版 / 5.0), dates in title cells (西暦 and 和暦), and
 * the 業務 named in a title cell or file name. Pure functions.
 */

const CLASS_WORDS: readonly (readonly [string, RequirementClass])[] = [
  ['mandatory', 'mandatory'],
  ['optional', 'optional'],
  ['prohibited', 'prohibited'],
  // Current specs: 【類型1：実装必須機能】【類型2：実装不可機能】【類型3：標準オプション機能】
  ['実装必須機能', 'mandatory'],
  ['実装必須', 'mandatory'],
  ['必須', 'mandatory'],
  ['必須機能', 'mandatory'],
  ['類型1', 'mandatory'],
  ['標準オプション機能', 'optional'],
  ['標準オプション', 'optional'],
  ['オプション', 'optional'],
  ['オプション機能', 'optional'],
  ['類型3', 'optional'],
  ['実装不可機能', 'prohibited'],
  ['実装不可', 'prohibited'],
  ['不可', 'prohibited'],
  ['類型2', 'prohibited'],
  // First-generation specs (2020–21).
  ['実装すべき機能', 'mandatory'],
  ['実装してもしなくても良い機能', 'optional'],
  ['実装してもしなくてもよい機能', 'optional'],
  ['実装しない機能', 'prohibited'],
]
const CLASS_INDEX = new Map(CLASS_WORDS.map(([w, c]) => [classKey(w), c]))

/** Comparison key: NFKC, no spaces, footnote marks (※1, ＊) and brackets removed. */
function classKey(label: string): string {
  return normalizeKey(label)
    .replace(/[※*]\d*/g, '')
    .replace(/[【】[\]「」『』()（）〔〕]/g, '')
}

/**
 * 実装区分 from any spelling in use (実装必須機能, 【類型1：実装必須機能】, 必須,
 * 実装すべき機能 …); undefined when the label is unknown or contradicts itself.
 */
export function parseClassLabel(label: string): RequirementClass | undefined {
  const key = classKey(label)
  if (key === '') return undefined
  const direct = CLASS_INDEX.get(key)
  if (direct) return direct
  // 「（類型1）実装必須機能」「類型1 実装必須機能」: the 類型 and the label must agree.
  const typed = /^類型([123])(.+)$/.exec(key)
  if (typed) {
    const cls = CLASS_INDEX.get(`類型${typed[1]!}`)
    if (CLASS_INDEX.get(typed[2]!.replace(/^[:：・/／]+/, '')) === cls) return cls
  }
  // 「類型1：実装必須機能」: every part must be known and agree.
  const parts = key.split(/[:：・/／]/).filter((p) => p !== '')
  if (parts.length < 2) return undefined
  const classes = new Set(parts.map((p) => CLASS_INDEX.get(p)))
  if (classes.size !== 1) return undefined
  return [...classes][0]
}

const CATEGORY_WORDS: Readonly<Record<string, string | null>> = {
  指定都市: '指定都市',
  政令市: '指定都市',
  政令指定都市: '指定都市',
  中核市: '中核市',
  一般市: '一般市',
  特別区: '特別区',
  町村: '町村',
  // The rest of the 団体: the base class.
  その他: null,
  それ以外: null,
  上記以外: null,
  その他の団体: null,
  一般市区町村: null,
  全団体: null,
}

function categoryOf(text: string): string | null | undefined {
  const k = normalizeKey(text).replace(/[【】[\]「」()（）]/g, '')
  return k in CATEGORY_WORDS ? CATEGORY_WORDS[k] : undefined
}

export interface ClassCell {
  readonly class: RequirementClass
  readonly variants: readonly {readonly category: string; readonly class: RequirementClass}[]
}

/**
 * A 実装区分 cell that may differ by 団体区分, one part per line or 、:
 * 「指定都市：実装必須機能\nその他：標準オプション機能」 or
 * 「実装必須機能（指定都市）、標準オプション機能（上記以外）」. The part
 * without a 団体区分 (or その他 / 上記以外) is the base class. undefined
 * when any part is unreadable or no base class is given.
 */
export function parseClassCell(text: string): ClassCell | undefined {
  const direct = parseClassLabel(text)
  if (direct) return {class: direct, variants: []}
  const parts = text
    .normalize('NFKC')
    .split(/[\n、,;；]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
  // Each part is a label with its 団体区分 (null: the base class).
  const entries: {label: string; category: string | null}[] = []
  for (const part of parts) {
    const paren = /^(.+?)[(（]([^()（）]+)[)）]$/.exec(part)
    const prefix = /^([^:：は]+?)(?:[:：]|は)(.+)$/.exec(part)
    const inner = paren ? /^([^:：は]+?)(?:[:：]|は)(.+)$/.exec(paren[2]!) : null
    if (paren && categoryOf(paren[2]!) !== undefined) {
      entries.push({label: paren[1]!, category: categoryOf(paren[2]!)!})
    } else if (paren && inner && typeof categoryOf(inner[1]!) === 'string') {
      // 「標準オプション機能（指定都市は実装必須機能）」: base class, variant in brackets.
      entries.push({label: paren[1]!, category: null}, {label: inner[2]!, category: categoryOf(inner[1]!)!})
    } else if (prefix && categoryOf(prefix[1]!) !== undefined) {
      entries.push({label: prefix[2]!, category: categoryOf(prefix[1]!)!})
    } else entries.push({label: part, category: null})
  }
  if (entries.length < 2) return undefined
  let base: RequirementClass | undefined
  const variants: {category: string; class: RequirementClass}[] = []
  for (const {label, category} of entries) {
    const cls = parseClassLabel(label)
    if (cls === undefined) return undefined
    if (category === null) {
      if (base !== undefined && base !== cls) return undefined
      base = cls
    } else variants.push({category, class: cls})
  }
  return base === undefined ? undefined : {class: base, variants}
}

/** 第5.0版 / 5.0 / ５．０ / 第6版 / v6.0 → '5.0' / '6.0'; undefined if not a version. */
export function normalizeVersion(input: string): string | undefined {
  const s = input.normalize('NFKC').replace(/[\s]/g, '')
  const m = /^(?:第|v|ver\.?|version)?(\d{1,3})(?:\.(\d{1,3}))?版?$/i.exec(s)
  if (!m) return undefined
  return `${Number(m[1])}.${Number(m[2] ?? '0')}`
}

/** A 版 written inside a longer text (title cell, file name): 【第6.0版】, _第4.0版, 第2版. */
export function findVersionIn(text: string): string | undefined {
  const s = text.normalize('NFKC')
  const m = /第\s*(\d{1,3}(?:\.\d{1,3})?)\s*版/.exec(s)
  return m ? normalizeVersion(m[1]!) : undefined
}

/** Numeric X.Y comparison ('10.0' after '9.1'). */
export function compareVersions(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number)
  const [b1 = 0, b2 = 0] = b.split('.').map(Number)
  return a1 - b1 || a2 - b2
}

const ERAS: readonly {name: string; start: string; end: string | null; offset: number}[] = [
  {name: '令和', start: '2019-05-01', end: null, offset: 2018},
  {name: '平成', start: '1989-01-08', end: '2019-04-30', offset: 1988},
]

function isoDate(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d))
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined
  return t.toISOString().slice(0, 10)
}

/** The first valid date in a text: 2024年3月29日, 2024-03-29, 2024/3/29, 令和6年3月29日, 令和元年…. */
export function findDateIn(text: string): string | undefined {
  const s = text.normalize('NFKC')
  const western = /(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*日?/.exec(s)
  if (western) {
    const iso = isoDate(Number(western[1]), Number(western[2]), Number(western[3]))
    if (iso) return iso
  }
  const wareki = /(令和|平成)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(s)
  if (wareki) {
    const era = ERAS.find((e) => e.name === wareki[1])!
    const year = era.offset + (wareki[2] === '元' ? 1 : Number(wareki[2]))
    const iso = isoDate(year, Number(wareki[3]), Number(wareki[4]))
    if (iso && iso >= era.start && (era.end === null || iso <= era.end)) return iso
  }
  return undefined
}

/** ISO date check for XML attributes. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === text
}

const specCounts = new Map<string, number>()
for (const b of BUSINESSES) specCounts.set(b.spec, (specCounts.get(b.spec) ?? 0) + 1)
const BUSINESS_WORDS: readonly {key: string; business: Business}[] = BUSINESSES.flatMap((b) =>
  [b.name, ...b.aliases, b.id, ...(specCounts.get(b.spec) === 1 ? [b.spec] : [])].map((w) => ({
    key: normalizeKey(w),
    business: b,
  })),
)

/**
 * The 業務 a title cell or file name names (住民記録システム標準仕様書【第6.0版】,
 * 介護保険_機能要件_第4.0版.xlsx): the longest name or alias found wins;
 * undefined when none is found or two 業務 tie (税務システム標準仕様書 covers four).
 */
export function findBusinessIn(text: string): Business | undefined {
  const key = normalizeKey(text)
  let best: {len: number; business: Business; tie: boolean} | undefined
  for (const w of BUSINESS_WORDS) {
    if (w.key.length < 2 || !key.includes(w.key)) continue
    if (best === undefined || w.key.length > best.len)
      best = {len: w.key.length, business: w.business, tie: false}
    else if (w.key.length === best.len && w.business.id !== best.business.id) best.tie = true
  }
  return best && !best.tie ? best.business : undefined
}
