import {findBusiness, suggestBusiness, type Business} from '../catalog/catalog.js'

/**
 * A 業務 cell as staff write it: several 業務 separated by 、 , ／ / ・ or line breaks,
 * names and aliases that themselves contain separators (子ども・子育て支援,
 * 固定資産税・都市計画税), notes in brackets (学齢簿編製（就学援助含む）), or a dash
 * for a system outside the 20.
 */
export interface BusinessCellResult {
  /** Resolved 業務 in written order, without duplicates. */
  readonly businesses: readonly Business[]
  /** Pieces that are no 業務 and no alias, with did-you-mean suggestions. */
  readonly unknown: readonly {readonly text: string; readonly suggestions: readonly string[]}[]
}

const SEPARATOR = /([、，,／/・･;；\n\r]+|[\s\u3000]+)/
const NONE = new Set([
  '-',
  '‐',
  '−',
  '–',
  '—',
  '―',
  'ー',
  'ｰ',
  '－',
  'なし',
  '無し',
  '対象外',
  '標準化対象外',
  '該当なし',
  '非該当',
])
const BRACKETED = /[（(【［[][^）)】］\]]*[）)】］\]]/g

/** True when a cell says "no 業務" (blank or a dash). */
export function isNoBusiness(text: string): boolean {
  const t = text.normalize('NFKC').replace(/[\s]+/g, '')
  return t === '' || NONE.has(t) || NONE.has(text.trim())
}

function resolvePiece(text: string): Business | undefined {
  return (
    findBusiness(text) ??
    (text.replace(BRACKETED, '').trim() === '' ? undefined : findBusiness(text.replace(BRACKETED, '')))
  )
}

/** Stands in for a separator inside brackets while splitting (restored in messages). */
const HIDDEN_SEP = '\u2063'
const GROUP = /([^、，,／/・･;；\n\r\s\u3000（(【［[]*)([（(【［[])([^）)】］\]]*)([）)】］\]])/g

/**
 * Brackets before splitting: 税務（個人住民税・固定資産税） lists its 業務 inside (the label
 * before it is a group name, kept only if it is a 業務 itself); a note such as
 * （就学援助・特別支援含む） must not be split on its ・.
 */
function unfoldBrackets(text: string): string {
  return text.replace(GROUP, (whole, prefix: string, open: string, inner: string, close: string) => {
    const listed = inner.trim() === '' ? undefined : parseBusinessCell(inner)
    if (listed && listed.unknown.length === 0 && listed.businesses.length > 0) {
      return prefix !== '' && resolvePiece(prefix) ? `${prefix}、${inner}` : inner
    }
    return `${prefix}${open}${inner.replace(new RegExp(SEPARATOR.source, 'g'), (m) => m.replace(/./gu, HIDDEN_SEP))}${close}`
  })
}

export function parseBusinessCell(text: string): BusinessCellResult {
  if (isNoBusiness(text)) return {businesses: [], unknown: []}
  const parts = unfoldBrackets(text.trim()).split(SEPARATOR)
  // parts alternates piece, separator, piece, …
  const pieces: string[] = []
  const seps: string[] = []
  parts.forEach((p, i) => (i % 2 === 0 ? pieces.push(p) : seps.push(p)))
  const found: Business[] = []
  const unknown: {text: string; suggestions: string[]}[] = []
  let i = 0
  while (i < pieces.length) {
    if (pieces[i]!.trim() === '') {
      i++
      continue
    }
    // Longest run of pieces that names a 業務, so 子ども・子育て支援 stays whole.
    let taken = 0
    for (let j = pieces.length - 1; j >= i && taken === 0; j--) {
      let candidate = pieces[i]!
      for (let k = i + 1; k <= j; k++) candidate += seps[k - 1]! + pieces[k]!
      const b = resolvePiece(candidate)
      if (b) {
        if (!found.includes(b)) found.push(b)
        taken = j - i + 1
      }
    }
    if (taken === 0) {
      const piece = pieces[i]!.trim()
      // A bracketed note on its own line belongs to the previous 業務: 学齢簿編製\n（就学援助含む）.
      if (piece.replace(BRACKETED, '').trim() !== '' && !isNoBusiness(piece)) {
        unknown.push({
          text: piece.replaceAll(HIDDEN_SEP, '・'),
          suggestions: suggestBusiness(piece.replace(BRACKETED, '')),
        })
      }
      taken = 1
    }
    i += taken
  }
  return {businesses: found, unknown}
}
