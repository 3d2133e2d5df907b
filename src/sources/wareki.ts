/**
 * Strict date parsing for the spellings municipal lists use: 和暦 (令和7年3月31日,
 * R7.3.31, R07/03/31, 令和元年10月1日, Intl's 令和1/5/1), 西暦 (2026/03/31, ISO,
 * 2026年3月31日, 20260331) and Excel date cells. Impossible dates are refused, never rolled
 * over (令和7年2月30日; 平成31年5月1日, because 平成 ended on 2019-04-30).
 */

export interface Era {
  readonly name: string
  /** Latin initial used in abbreviations (R7.3.31). */
  readonly letter: string
  /** First day (ISO, Gregorian). */
  readonly start: string
  /** Last day (ISO), null for the current era. */
  readonly end: string | null
}

/**
 * Start dates follow ICU (Intl's Japanese calendar): 明治 from 1868-10-23 (the day of the
 * 改元の詔, Gregorian). Japan adopted the Gregorian calendar on 明治6年1月1日, so dates
 * before 1873 are approximate anyway.
 */
export const ERAS: readonly Era[] = [
  {name: '明治', letter: 'M', start: '1868-10-23', end: '1912-07-29'},
  {name: '大正', letter: 'T', start: '1912-07-30', end: '1926-12-24'},
  {name: '昭和', letter: 'S', start: '1926-12-25', end: '1989-01-07'},
  {name: '平成', letter: 'H', start: '1989-01-08', end: '2019-04-30'},
  {name: '令和', letter: 'R', start: '2019-05-01', end: null},
]

export type DateParse =
  /** `note` says how an unusual cell was read (a serial number), for a warning. */
  | {readonly ok: true; readonly iso: string; readonly note?: string}
  | {readonly ok: false; readonly blank: true}
  | {readonly ok: false; readonly blank: false; readonly reason: string}

const ERA_BY_KEY = new Map<string, Era>()
for (const e of ERAS) {
  ERA_BY_KEY.set(e.name, e)
  ERA_BY_KEY.set(e.letter, e)
  ERA_BY_KEY.set(e.name.slice(0, 1), e)
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}

/** ISO date if y-m-d is a real Gregorian date (Date.UTC round-trip), else undefined. */
export function isoDate(y: number, m: number, d: number): string | undefined {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return undefined
  const t = new Date(Date.UTC(y, m - 1, d))
  t.setUTCFullYear(y)
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`
}

const WAREKI =
  /^(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHR])\s*(元|\d{1,2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2}))$/i
const SEIREKI = /^(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2}))$/
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/
// 令和7年3月末 / 2026年3月末日 / R7.3末: the last day of that month.
const ERA_MONTH_END =
  /^(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHR])(元|\d{1,2})(?:年(\d{1,2})月|[./-](\d{1,2}))末日?$/i
const SEIREKI_MONTH_END = /^(\d{4})(?:年(\d{1,2})月|[./-](\d{1,2}))末日?$/
// 26/3/31, 07.3.31: two-digit year without an era, 西暦 or 和暦 cannot be told apart.
const TWO_DIGIT_YEAR = /^(\d{2})(?:年(\d{1,2})月(\d{1,2})日?|[./-](\d{1,2})[./-](\d{1,2}))$/
// exceljs returns a time with dates typed as text but with a time part; accept ISO date-times at midnight.
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T00:00(?::00(?:\.000)?)?Z?$/

const UNDECIDED = /^(未定|未確定|検討中|調整中|TBD|不明|なし|無し|該当なし)$/i
const ERA_MONTH =
  /^(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHR])(元|\d{1,2})(?:年(\d{1,2})月|[./-](\d{1,2}))(?:予定|頃|目途|中旬|上旬|下旬)?$/i
const SEIREKI_MONTH = /^(\d{4})(?:年(\d{1,2})月|[./-](\d{1,2}))(?:予定|頃|目途|中旬|上旬|下旬)?$/
const FISCAL_END = /^(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHR])?(元|\d{1,4})年度末(?:予定|頃|目途)?$/i

function eraYear(eraKey: string, yearText: string): {year: number; era: Era} | undefined {
  const era = ERA_BY_KEY.get(eraKey.toUpperCase())
  if (!era) return undefined
  const y = yearText === '元' ? 1 : Number(yearText)
  return y >= 1 ? {year: Number(era.start.slice(0, 4)) + y - 1, era} : undefined
}

function fail(reason: string): DateParse {
  return {ok: false, blank: false, reason}
}

/** Parse a 和暦 or 西暦 date written as text. */
export function parseDateText(input: string): DateParse {
  const text = input
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .trim()
    .replace(/[（(][月火水木金土日][)）]$/, '')
    .trim()
  if (text === '' || /^[-‐−–—―ー]$/.test(text) || UNDECIDED.test(text)) return {ok: false, blank: true}
  const w = WAREKI.exec(text)
  if (w) {
    const era = ERA_BY_KEY.get(w[1]!.toUpperCase())
    if (!era) return fail('元号が読み取れません')
    const year = w[2] === '元' ? 1 : Number(w[2])
    const month = Number(w[3] ?? w[5])
    const day = Number(w[4] ?? w[6])
    if (year < 1) return fail(`${era.name}0年はありません`)
    const gy = Number(era.start.slice(0, 4)) + year - 1
    const iso = isoDate(gy, month, day)
    if (!iso) return fail('存在しない日付です')
    if (iso < era.start) return fail(`存在しない日付です（${era.name}は${formatEraDate(era.start)}から）`)
    if (era.end !== null && iso > era.end) {
      return fail(`存在しない日付です（${era.name}は${formatEraDate(era.end)}まで）`)
    }
    return {ok: true, iso}
  }
  const s = SEIREKI.exec(text) ?? COMPACT.exec(text) ?? ISO_DATETIME.exec(text)
  if (s) {
    const year = Number(s[1])
    const month = Number(s[2] ?? s[4])
    const day = Number(s[3] ?? s[5])
    const iso = isoDate(year, month, day)
    return iso ? {ok: true, iso} : fail('存在しない日付です')
  }
  const me = ERA_MONTH_END.exec(text)
  const se = me ? undefined : SEIREKI_MONTH_END.exec(text)
  if (me || se) {
    const ey = me ? eraYear(me[1]!, me[2]!) : {year: Number(se![1]), era: undefined}
    const month = Number(me ? (me[3] ?? me[4]) : (se![2] ?? se![3]))
    if (!ey || month < 1 || month > 12) return fail('存在しない年月です')
    const iso = isoDate(ey.year, month, new Date(Date.UTC(ey.year, month, 0)).getUTCDate())!
    if (ey.era && (iso < ey.era.start || (ey.era.end !== null && iso.slice(0, 7) > ey.era.end.slice(0, 7)))) {
      return fail(
        `存在しない年月です（${ey.era.name}は${formatEraDate(ey.era.start)}から${ey.era.end === null ? '' : `${formatEraDate(ey.era.end)}まで`}）`,
      )
    }
    return {ok: true, iso}
  }
  const fy = FISCAL_END.exec(text)
  if (fy) {
    const year = fy[1] === undefined ? Number(fy[2]) : eraYear(fy[1], fy[2]!)?.year
    if (year === undefined || year < 1000) return fail('年度が読み取れません')
    return {ok: true, iso: `${pad(year + 1, 4)}-03-31`}
  }
  if (TWO_DIGIT_YEAR.test(text)) {
    return fail(
      '年が2桁のため西暦か和暦か判別できません（2026/3/31 や R8.3.31 のように元号か4桁の西暦で入力してください）',
    )
  }
  return fail('日付として読み取れません（例: 令和7年3月31日、R7.3.31、2025/03/31）')
}

/** Excel serial day numbers for 1950-01-01 … 2100-12-31 (1900 date system). */
const SERIAL_MIN = 18_264
const SERIAL_MAX = 73_415

/**
 * A date that lost its cell format (pasted as values, or typed into a text column) shows
 * as its Excel serial number: 45747 = 2025-03-31. Only whole numbers in 1950–2100 are read.
 */
function fromSerial(serial: number): DateParse | undefined {
  if (!Number.isInteger(serial) || serial < SERIAL_MIN || serial > SERIAL_MAX) return undefined
  // Excel day 1 is 1900-01-01 and it counts a 1900-02-29 that never was: day 25569 is 1970-01-01.
  const iso = new Date((serial - 25_569) * 86_400_000).toISOString().slice(0, 10)
  return {
    ok: true,
    iso,
    note: `数値 ${serial} を Excel の日付シリアル値とみなし ${iso} として読み取りました（セルの書式を「日付」にしてください）`,
  }
}

/** 2019-04-30 → 平成31年4月30日 (for messages). */
function formatEraDate(iso: string): string {
  const y = Number(iso.slice(0, 4))
  const m = Number(iso.slice(5, 7))
  const d = Number(iso.slice(8, 10))
  const era = [...ERAS].reverse().find((e) => iso >= e.start)
  if (!era) return iso
  const ey = y - Number(era.start.slice(0, 4)) + 1
  return `${era.name}${ey === 1 ? '元' : ey}年${m}月${d}日`
}

/**
 * Parse a cell: text as above; a Date (exceljs returns date cells as UTC midnight);
 * a number is refused unless it reads as yyyymmdd (a serial number means the cell lost its format).
 */
export function parseDateCell(value: string | number | boolean | Date | null | undefined): DateParse {
  if (value === null || value === undefined) return {ok: false, blank: true}
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return fail('日付として読み取れません')
    // Excel stores local dates; exceljs gives them as UTC. Round to the nearest day to absorb
    // the 1900-epoch float error (…T23:59:59.999Z).
    const t = new Date(Math.round(value.getTime() / 86_400_000) * 86_400_000)
    return {ok: true, iso: t.toISOString().slice(0, 10)}
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 10_000_000 && value <= 99_999_999)
      return parseDateText(String(value))
    const serial = fromSerial(value)
    if (serial) return serial
    return fail(
      '数値は日付として読み取れません（セルの書式を「日付」にするか、2025/03/31 のように入力してください）',
    )
  }
  if (typeof value === 'boolean') return fail('日付として読み取れません')
  const digits = value.normalize('NFKC').trim()
  if (/^\d{5}$/.test(digits)) return fromSerial(Number(digits)) ?? parseDateText(value)
  return parseDateText(value)
}

export type MonthParse =
  | {readonly ok: true; readonly value: string}
  | {readonly ok: false; readonly blank: true}
  | {readonly ok: false; readonly blank: false; readonly reason: string}

/**
 * A planned date that may be vague: a full date (→ YYYY-MM-DD), a month (令和8年1月,
 * 2026/01 → YYYY-MM), a fiscal year end (令和7年度末 → 2026-03-31), or 未定 (→ blank).
 */
export function parsePlannedDate(value: string | number | boolean | Date | null | undefined): MonthParse {
  const full = parseDateCell(value)
  if (full.ok) return {ok: true, value: full.iso}
  if (full.blank || typeof value !== 'string')
    return full.blank ? full : {ok: false, blank: false, reason: full.reason}
  const text = value.normalize('NFKC').replace(/\s+/g, '')
  if (UNDECIDED.test(text)) return {ok: false, blank: true}
  const em = ERA_MONTH.exec(text)
  if (em) {
    const ey = eraYear(em[1]!, em[2]!)
    const month = Number(em[3] ?? em[4])
    if (!ey || month < 1 || month > 12) return {ok: false, blank: false, reason: '存在しない年月です'}
    const ym = `${pad(ey.year, 4)}-${pad(month, 2)}`
    if (ym < ey.era.start.slice(0, 7) || (ey.era.end !== null && ym > ey.era.end.slice(0, 7))) {
      return {
        ok: false,
        blank: false,
        reason: `存在しない年月です（${ey.era.name}は${formatEraDate(ey.era.start)}から${ey.era.end === null ? '' : `${formatEraDate(ey.era.end)}まで`}）`,
      }
    }
    return {ok: true, value: ym}
  }
  const sm = SEIREKI_MONTH.exec(text)
  if (sm) {
    const month = Number(sm[2] ?? sm[3])
    if (month < 1 || month > 12) return {ok: false, blank: false, reason: '存在しない年月です'}
    return {ok: true, value: `${sm[1]}-${pad(month, 2)}`}
  }
  const fy = FISCAL_END.exec(text)
  if (fy) {
    const year = fy[1] === undefined ? Number(fy[2]) : eraYear(fy[1], fy[2]!)?.year
    if (year === undefined || year < 1000) return {ok: false, blank: false, reason: '年度が読み取れません'}
    return {ok: true, value: `${pad(year + 1, 4)}-03-31`}
  }
  return {ok: false, blank: false, reason: full.reason}
}
