import {BUSINESSES} from '../catalog/businesses.js'
import {normalizeForMatch} from './text-features.js'

/**
 * Mentions of 標準化対象業務 in a text (pure): the catalog's names and aliases, minus the
 * short ones that occur inside ordinary words, plus a few tax and premium words.
 * The matcher uses them to flag a customization about ANOTHER 業務 than the spec it is
 * matched against (「国保税の試算」 in a 個人住民税 list).
 */

/**
 * Catalog names and aliases too short or too common to mean the 業務 itself:
 * 保護 (支援措置・保護, 準要保護), 生保 (生命保険料控除), 健康・保健・健診 (特定健診 is 国保's),
 * 年金 (公的年金 in tax specs), 障害 (障害者控除), 介護 (国保の介護分), 後期 (後期支援金分),
 * 固定, 保育 and 子育て (保育料算定用の税額提供 is a 住民税 function; 子育て世帯),
 * 就学 (未就学児), 住民情報 (a system name as much as a 業務), 法人税 (national tax; 法人税割),
 * 印鑑 (seal in general).
 */
export const EXCLUDED_MENTION_TERMS: ReadonlySet<string> = new Set([
  '保護',
  '生保',
  '健康',
  '保健',
  '健診',
  '年金',
  '障害',
  '介護',
  '後期',
  '固定',
  '保育',
  '子育て',
  '就学',
  '住民情報',
  '法人税',
  '印鑑',
])

/** Words staff write for a 業務's tax or premium, beyond the catalog aliases. */
export const EXTRA_MENTION_TERMS: Readonly<Record<string, readonly string[]>> = {
  'kotei-shisan': ['都市計画税'],
  'kojin-juminzei': ['市町村民税'],
  'hojin-juminzei': ['法人市民税', '法人住民税'],
  keijidosha: ['軽四', '軽自動車税'],
  kokuho: ['国保税', '国民健康保険税', '国民健康保険料'],
  'koki-korei': ['後期高齢者医療保険料'],
  kaigo: ['介護保険料'],
}

/**
 * Phrases containing a mention term that name something else; matched first (longest wins)
 * and ignored: 国保連 is the 国民健康保険団体連合会, which 介護 and 障害者福祉 send data to.
 */
export const NEUTRAL_MENTION_TERMS: readonly string[] = ['国保連', '国民健康保険団体連合会']

export interface BusinessMention {
  /** Catalog id (kokuho). */
  readonly businessId: string
  /** Official name (国民健康保険). */
  readonly business: string
  /** The term as found (国保税). */
  readonly term: string
}

interface MentionTable {
  readonly pattern: RegExp
  /** normalized term → business id, or null for a neutral phrase */
  readonly owner: ReadonlyMap<string, string | null>
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

function buildTable(): MentionTable {
  const owner = new Map<string, string | null>()
  for (const t of NEUTRAL_MENTION_TERMS) owner.set(normalizeForMatch(t), null)
  for (const b of BUSINESSES) {
    for (const t of [b.name, ...b.aliases, ...(EXTRA_MENTION_TERMS[b.id] ?? [])]) {
      const key = normalizeForMatch(t)
      if (key === '' || EXCLUDED_MENTION_TERMS.has(t) || owner.has(key)) continue
      owner.set(key, b.id)
    }
  }
  // Longest first: at one position 法人市民税 wins over 市民税, 国保連 over 国保.
  const keys = [...owner.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
  return {pattern: new RegExp(keys.map(escapeRegExp).join('|'), 'g'), owner}
}

const TABLE = buildTable()
const NAME = new Map(BUSINESSES.map((b) => [b.id, b.name]))

/**
 * 業務 a text mentions, one entry per 業務 in order of first mention. Occurrences are
 * read left to right, longest term first, so the 業務 of 「法人市民税」 is 法人住民税 only and
 * 「戸籍の附票」 is 戸籍の附票 only; `exclude` (the 業務 being matched) is left out.
 */
export function findBusinessMentions(text: string, exclude?: string | null): BusinessMention[] {
  const found = new Map<string, BusinessMention>()
  for (const m of normalizeForMatch(text).matchAll(TABLE.pattern)) {
    const id = TABLE.owner.get(m[0])
    if (!id || id === exclude || found.has(id)) continue
    found.set(id, {businessId: id, business: NAME.get(id) ?? id, term: m[0]})
  }
  return [...found.values()]
}

/** Catalog id of a 業務 by its national 業務ID, the 機能ID prefix (001 → juki, 018 → shugaku), or null. */
export function businessIdForCode(code: string): string | null {
  return (
    BUSINESSES.find((b) => b.code === code)?.id ??
    BUSINESSES.find((b) => b.businessIds.includes(code))?.id ??
    null
  )
}
