/**
 * Amounts → integer yen, and counts → integers. Lists write money in 円, 千円 or 万円,
 * as numbers or as text with commas, full-width digits and units ("12,480千円", "１２，４８０").
 * Blank means missing (null), never 0: zod's coerce would read '' as 0.
 */

/** Yen per unit. */
export type YenUnit = 1 | 1_000 | 10_000 | 1_000_000 | 100_000_000

const UNIT_WORDS: readonly (readonly [string, YenUnit])[] = [
  ['百万円', 1_000_000],
  ['億円', 100_000_000],
  ['千円', 1_000],
  ['万円', 10_000],
  ['円', 1],
]

export type NumberParse =
  /** approximate: written as an estimate (約500万円), for a warning. */
  | {readonly ok: true; readonly value: number; readonly approximate?: boolean}
  | {readonly ok: false; readonly blank: true}
  | {readonly ok: false; readonly blank: false; readonly reason: string}

/**
 * The unit a header or title states: 「年間運用経費（千円）」「単位：千円」「金額(万円)」.
 * undefined when it states none.
 */
export function unitFromText(text: string): YenUnit | undefined {
  const t = text.normalize('NFKC').replace(/\s+/g, '')
  // The unit may follow other notes in the same bracket: 保守費（税込・千円）.
  const m =
    /[([【［〔][^)\]】］〕]*?(百万円|億円|千円|万円|円)[^)\]】］〕]*[)\]】］〕]/.exec(t) ??
    /単位:?(百万円|億円|千円|万円|円)/.exec(t)
  if (!m) return undefined
  return UNIT_WORDS.find(([w]) => w === m[1])?.[1]
}

const DASH = /^[-‐−–—―ーｰ]$/
/** Words that mean "no amount given": missing, never 0. */
const MISSING = /^(なし|無し|未定|未確定|不明|検討中|調整中|該当なし|n\/?a|tbd)$/i
const ESTIMATE_BEFORE = /^(約|概ね|おおむね|およそ)/
const ESTIMATE_AFTER = /(程度|程|前後|見込み?|見込|概算)$/

/** Decimal text → exact integer after scaling, or undefined when a fraction of a yen remains. */
function scaleDecimal(digits: string, unit: number): number | undefined {
  const [int = '0', frac = ''] = digits.split('.')
  const zeros = Math.round(Math.log10(unit))
  if (frac.length > zeros) {
    if (/[1-9]/.test(frac.slice(zeros))) return undefined
  }
  const fracPadded = frac.slice(0, zeros).padEnd(zeros, '0')
  const n = Number(`${int}${fracPadded}`)
  return Number.isSafeInteger(n) ? n : undefined
}

/**
 * Parse a money cell to integer yen. `unit` is what the header (or a title row) states;
 * a unit written in the cell wins. Negative amounts (−, △, ▲) are refused: costs are not negative.
 */
export function parseYen(
  value: string | number | boolean | Date | null | undefined,
  unit: YenUnit = 1,
): NumberParse {
  if (value === null || value === undefined) return {ok: false, blank: true}
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return {ok: false, blank: false, reason: '金額として読み取れません'}
    if (value < 0) return {ok: false, blank: false, reason: '金額が負の値です'}
    const yen = value * unit
    const rounded = Math.round(yen)
    if (Math.abs(yen - rounded) > 1e-6 * Math.max(1, unit)) {
      return {ok: false, blank: false, reason: '1円未満の端数があります'}
    }
    return Number.isSafeInteger(rounded)
      ? {ok: true, value: rounded}
      : {ok: false, blank: false, reason: '金額が大きすぎます'}
  }
  if (typeof value !== 'string') return {ok: false, blank: false, reason: '金額として読み取れません'}
  let t = value.normalize('NFKC').replace(/\s+/g, '')
  if (t === '' || DASH.test(t) || MISSING.test(t)) return {ok: false, blank: true}
  if (/^[△▲-]/.test(t)) return {ok: false, blank: false, reason: '金額が負の値です'}
  const approximate = ESTIMATE_BEFORE.test(t) || ESTIMATE_AFTER.test(t)
  t = t
    .replace(ESTIMATE_BEFORE, '')
    .replace(ESTIMATE_AFTER, '')
    .replace(/(税込|税抜|\(税込\)|\(税抜\))$/, '')
    .replace(/^[¥\\￥]/, '')
    // ¥1,234,000- (the dash closes a written amount, as on a receipt).
    .replace(/^(\d[\d,.]*)[-‐−]$/, '$1')
  let cellUnit: number = unit
  for (const [word, u] of UNIT_WORDS) {
    if (t.endsWith(word)) {
      t = t.slice(0, -word.length)
      cellUnit = u
      break
    }
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t)) {
    return {ok: false, blank: false, reason: '金額として読み取れません（例: 12,480 または 12,480千円）'}
  }
  const yen = scaleDecimal(t.replace(/,/g, ''), cellUnit)
  if (yen === undefined) return {ok: false, blank: false, reason: '1円未満の端数があります'}
  return approximate ? {ok: true, value: yen, approximate} : {ok: true, value: yen}
}

export type CountParse =
  | {readonly ok: true; readonly value: number; readonly approximate: boolean}
  | {readonly ok: false; readonly blank: true}
  | {readonly ok: false; readonly blank: false; readonly reason: string}

/**
 * A count of people or records: "1,200", "１２００人", "350件", and estimates such as
 * "約31万件" (approximate: true, so the caller can warn).
 */
export function parseCount(value: string | number | boolean | Date | null | undefined): CountParse {
  if (value === null || value === undefined) return {ok: false, blank: true}
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0
      ? {ok: true, value, approximate: false}
      : {ok: false, blank: false, reason: '整数として読み取れません（0以上の整数で入力してください）'}
  }
  if (typeof value !== 'string') return {ok: false, blank: false, reason: '整数として読み取れません'}
  let t = value
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(人|件|名|台|ライセンス|ID)$/, '')
  if (t === '' || DASH.test(t)) return {ok: false, blank: true}
  const approximate = /^(約|概ね|おおむね|およそ)/.test(t) || /(程度|程|前後|超|弱|強)$/.test(t)
  t = t
    .replace(/^(約|概ね|おおむね|およそ)/, '')
    .replace(/(程度|程|前後|超|弱|強)$/, '')
    .replace(/(人|件|名|台)$/, '')
  let scale = 1
  if (t.endsWith('万')) {
    scale = 10_000
    t = t.slice(0, -1)
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t) || (scale === 1 && t.includes('.'))) {
    return {ok: false, blank: false, reason: '整数として読み取れません（0以上の整数で入力してください）'}
  }
  const n = scaleDecimal(t.replace(/,/g, ''), scale)
  if (n === undefined)
    return {ok: false, blank: false, reason: '整数として読み取れません（0以上の整数で入力してください）'}
  return {ok: true, value: n, approximate}
}
