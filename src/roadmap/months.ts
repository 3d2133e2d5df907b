import {ERAS} from '../sources/wareki.js'

/**
 * Calendar months as integers (year × 12 + month − 1) so the scheduler can do arithmetic;
 * text forms are `YYYY-MM` (JSON) and 和暦 (令和9年1月, reports and reasons).
 */
export type Month = number

export function monthOf(text: string): Month {
  const y = Number(text.slice(0, 4))
  const m = Number(text.slice(5, 7))
  return y * 12 + (m - 1)
}

export function monthText(month: Month): string {
  const y = Math.floor(month / 12)
  return `${String(y).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`
}

/** 1–12. */
export function monthOfYear(month: Month): number {
  return (month % 12) + 1
}

/** Japanese fiscal year (April–March) a month belongs to, by its starting calendar year. */
export function fiscalYearOf(month: Month): number {
  const y = Math.floor(month / 12)
  return monthOfYear(month) >= 4 ? y : y - 1
}

/** April of a fiscal year. */
export function fiscalYearStart(fiscalYear: number): Month {
  return fiscalYear * 12 + 3
}

const ERAS_NEWEST_FIRST = [...ERAS].reverse()

function eraYear(year: number, month: number, day: number): {era: string; year: string} {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  const era = ERAS_NEWEST_FIRST.find((e) => e.start <= iso) ?? ERAS[0]!
  const n = year - Number(era.start.slice(0, 4)) + 1
  return {era: era.name, year: n === 1 ? '元' : String(n)}
}

const WAREKI_MONTHS = new Map<Month, string>()

/** 令和9年1月 (the era of the month's first day). Memoized: reasons name the same months over and over. */
export function warekiMonth(month: Month): string {
  let text = WAREKI_MONTHS.get(month)
  if (text === undefined) {
    const y = Math.floor(month / 12)
    const m = monthOfYear(month)
    const e = eraYear(y, m, 1)
    text = `${e.era}${e.year}年${m}月`
    WAREKI_MONTHS.set(month, text)
  }
  return text
}

/** 令和10年3月31日 from an ISO date. */
export function warekiDate(iso: string): string {
  const y = Number(iso.slice(0, 4))
  const m = Number(iso.slice(5, 7))
  const d = Number(iso.slice(8, 10))
  const e = eraYear(y, m, d)
  return `${e.era}${e.year}年${m}月${d}日`
}

/** 令和8年度 (named by the era of its April). */
export function fiscalYearLabel(fiscalYear: number): string {
  const e = eraYear(fiscalYear, 4, 1)
  return `${e.era}${e.year}年度`
}

/** [1,2,3,4,5,6] → 1〜6月; [3,4,6,7] → 3〜4・6〜7月; [] → なし. */
export function monthsLabel(months: readonly number[]): string {
  const sorted = [...new Set(months)].sort((a, b) => a - b)
  if (sorted.length === 0) return 'なし'
  const runs: string[] = []
  let start = sorted[0]!
  let prev = start
  for (const m of [...sorted.slice(1), Number.NaN]) {
    if (m === prev + 1) {
      prev = m
      continue
    }
    runs.push(start === prev ? `${start}` : `${start}〜${prev}`)
    start = m
    prev = m
  }
  return `${runs.join('・')}月`
}

/** Last day of a month as ISO (deadlines given as a month mean its end). */
export function monthEndIso(month: Month): string {
  const y = Math.floor(month / 12)
  const m = monthOfYear(month)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${monthText(month)}-${String(last).padStart(2, '0')}`
}
