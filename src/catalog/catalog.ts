import {UserError, ExitCode} from '../errors.js'
import {normalizeKey, suggestClosest} from '../text/normalize.js'
import {BUSINESSES, NATIONAL_BUSINESS_IDS, type Business, type NationalBusinessId} from './businesses.js'

export type {Business, NationalBusinessId} from './businesses.js'
export {BUSINESSES, NATIONAL_BUSINESS_IDS} from './businesses.js'

const index = new Map<string, Business>()
for (const b of BUSINESSES) {
  for (const key of [b.id, b.code, b.name, ...b.aliases]) index.set(normalizeKey(key), b)
}

/** Resolve a 業務 written as its name, an alias, its id or its 3-digit code; undefined if unknown. */
export function findBusiness(input: string): Business | undefined {
  return index.get(normalizeKey(input))
}

/** All names a user may write, for suggestions. */
export function businessNames(): string[] {
  return BUSINESSES.flatMap((b) => [b.name, ...b.aliases])
}

/** Suggestions ("did you mean") for an unknown 業務 name. */
export function suggestBusiness(input: string): string[] {
  const names = suggestClosest(input, businessNames(), 5)
  const official = names.map((n) => findBusiness(n)?.name ?? n)
  return [...new Set(official)].slice(0, 3)
}

/**
 * Resolve or throw a UserError with a did-you-mean suggestion (exit 2: a usage mistake). `usage` writes the
 * suggestion the way the command takes a 業務: `--business 住民基本台帳` by default, the positional form
 * (`hyojun specs diff 住民基本台帳`) for commands whose 業務 is an argument.
 */
export function resolveBusiness(
  input: string,
  usage: (name: string) => string = (name) => `--business ${name}`,
): Business {
  const found = findBusiness(input)
  if (found) return found
  const close = suggestBusiness(input)
  const hint =
    close.length > 0 ? `もしかして: ${close.join('、')}` : '`hyojun catalog` で業務の一覧を確認してください'
  throw new UserError(`業務「${input}」は標準化対象業務ではありません。${hint}`, {
    code: 'UNKNOWN_BUSINESS',
    suggestions: close.length > 0 ? close.map(usage) : ['hyojun catalog'],
    exitCode: ExitCode.usage,
  })
}

/**
 * The 業務 a national 業務ID belongs to: the one whose primary ID it is, else the first
 * (catalog order) that spans it (014 収納管理 is shared by the 4 税 業務). Undefined
 * for 共通機能 IDs and unknown ones.
 */
export function businessByCode(code: string): Business | undefined {
  return BUSINESSES.find((b) => b.code === code) ?? BUSINESSES.find((b) => b.businessIds.includes(code))
}

/** Every 業務 whose spec may hold 機能IDs with this national 業務ID. */
export function businessesByNationalId(code: string): Business[] {
  return BUSINESSES.filter((b) => b.businessIds.includes(code))
}

/** The national 業務ID entry (001–037), or undefined if unknown. */
export function nationalBusinessId(code: string): NationalBusinessId | undefined {
  return NATIONAL_BUSINESS_IDS.find((n) => n.id === code)
}
