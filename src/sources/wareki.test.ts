import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {isoDate, parseDateCell, parseDateText, parsePlannedDate} from './wareki.js'

describe('parseDateText', () => {
  it.each([
    ['令和7年3月31日', '2025-03-31'],
    ['R7.3.31', '2025-03-31'],
    ['r7.3.31', '2025-03-31'],
    ['R07/03/31', '2025-03-31'],
    ['H31.4.30', '2019-04-30'],
    ['令和元年10月1日', '2019-10-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['令和1/5/1', '2019-05-01'],
    ['㋿7年3月31日', '2025-03-31'],
    ['令和７年３月３１日', '2025-03-31'],
    ['Ｒ７．３．３１', '2025-03-31'],
    ['令 和 7 年 3 月 31 日', '2025-03-31'],
    ['令和8年3月31日(火)', '2026-03-31'],
    ['平成元年1月8日', '1989-01-08'],
    ['昭和64年1月7日', '1989-01-07'],
    ['S64.1.7', '1989-01-07'],
    ['大正15年12月24日', '1926-12-24'],
    ['明治45年7月29日', '1912-07-29'],
    ['2026/03/31', '2026-03-31'],
    ['2026/3/31', '2026-03-31'],
    ['2026-03-31', '2026-03-31'],
    ['2026.3.31', '2026-03-31'],
    ['2026年3月31日', '2026-03-31'],
    ['２０２６／０３／３１', '2026-03-31'],
    ['20260331', '2026-03-31'],
    ['2024/2/29', '2024-02-29'],
    ['2026-03-31T00:00:00.000Z', '2026-03-31'],
  ])('%s → %s', (input, iso) => {
    expect(parseDateText(input)).toEqual({ok: true, iso})
  })

  it.each([
    ['令和7年2月30日', '存在しない日付'],
    ['平成31年5月1日', '存在しない日付です（平成は平成31年4月30日まで）'],
    ['H31.5.1', 'まで'],
    ['昭和64年1月8日', '昭和は昭和64年1月7日まで'],
    ['令和元年4月30日', '令和は令和元年5月1日から'],
    ['平成元年1月7日', '平成は平成元年1月8日から'],
    ['令和0年1月1日', '0年'],
    ['2025/02/29', '存在しない日付'],
    ['2026/13/01', '存在しない日付'],
    ['2026/04/31', '存在しない日付'],
    ['R7.3', '日付として読み取れません'],
    ['令和7年度', '日付として読み取れません'],
    ['X7.3.31', '日付として読み取れません'],
  ])('%s is refused (%s)', (input, reason) => {
    const r = parseDateText(input)
    expect(r.ok).toBe(false)
    expect(r.ok === false && !r.blank && r.reason).toContain(reason)
  })

  it.each(['', '  ', '　', '-', '－', '―'])('%j is blank', (input) => {
    expect(parseDateText(input)).toEqual({ok: false, blank: true})
  })
})

describe('parseDateCell', () => {
  it('reads Excel date cells (UTC midnight) and their float-error neighbours', () => {
    expect(parseDateCell(new Date(Date.UTC(2026, 2, 31)))).toEqual({ok: true, iso: '2026-03-31'})
    expect(parseDateCell(new Date(Date.UTC(2026, 2, 31) - 1))).toEqual({ok: true, iso: '2026-03-31'})
  })
  it('reads yyyymmdd numbers, refuses booleans', () => {
    expect(parseDateCell(20260331)).toEqual({ok: true, iso: '2026-03-31'})
    expect(parseDateCell(true).ok).toBe(false)
    expect(parseDateCell(null)).toEqual({ok: false, blank: true})
  })
})

describe('parseDateCell: what real lists contain', () => {
  it.each([
    ['令和 7年 3月31日', '2025-03-31'],
    ['R7．3．31', '2025-03-31'],
    ['令和7年3月末', '2025-03-31'],
    ['R8.2末', '2026-02-28'],
    ['2026年3月末日', '2026-03-31'],
    ['令和7年度末', '2026-03-31'],
    ['2026.3.31', '2026-03-31'],
  ])('%s → %s', (text, iso) => {
    expect(parseDateCell(text)).toMatchObject({ok: true, iso})
  })

  it('reads a date that lost its format (Excel serial, as number or text) and says so', () => {
    for (const v of [45747, '45747', '４５７４７']) {
      const r = parseDateCell(v)
      expect(r).toMatchObject({ok: true, iso: '2025-03-31'})
      expect(r.ok && r.note).toContain('シリアル値')
    }
    expect(parseDateCell(1234).ok).toBe(false)
    expect(parseDateCell(45747.5).ok).toBe(false)
  })

  it('refuses a two-digit year with a clear message', () => {
    const r = parseDateCell('26/3/31')
    expect(r.ok === false && !r.blank && r.reason).toContain('2桁')
  })

  it.each(['未定', '不明', 'なし'])('%s is blank', (text) => {
    expect(parseDateCell(text)).toEqual({ok: false, blank: true})
  })

  it('refuses a month end outside the era', () => {
    expect(parseDateCell('平成31年5月末').ok).toBe(false)
  })
})

describe('isoDate', () => {
  it.each([
    [2024, 2, 29, '2024-02-29'],
    [2100, 2, 29, undefined],
    [2000, 2, 29, '2000-02-29'],
    [99, 1, 1, '0099-01-01'],
    [2026, 0, 1, undefined],
    [2026, 1, 0, undefined],
  ])('%i-%i-%i → %s', (y, m, d, iso) => {
    expect(isoDate(y, m, d)).toBe(iso)
  })
})

describe('parseDateText against Intl (property)', () => {
  const format = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  })
  // Japan used the Gregorian calendar from 明治6年 (1873); before that Intl's dates are not ours.
  const from = Date.UTC(1873, 0, 1) / 86_400_000
  const to = Date.UTC(2100, 11, 31) / 86_400_000
  const eraEdges = [
    '1912-07-29',
    '1912-07-30',
    '1926-12-24',
    '1926-12-25',
    '1989-01-07',
    '1989-01-08',
    '2019-04-30',
    '2019-05-01',
  ]
  // Bias towards era boundaries, month ends and leap days: uniform days rarely hit them.
  const day = fc.oneof(
    fc.integer({min: from, max: to}),
    fc.constantFrom(...eraEdges.map((d) => Date.parse(d) / 86_400_000)),
    fc
      .tuple(fc.integer({min: 1873, max: 2100}), fc.integer({min: 0, max: 11}))
      .map(([y, m]) => Date.UTC(y, m + 1, 0) / 86_400_000),
  )

  it('parses what Intl formats back to the same day, also in the 年月日 spelling', () => {
    fc.assert(
      fc.property(day, (n) => {
        const date = new Date(n * 86_400_000)
        const iso = date.toISOString().slice(0, 10)
        const text = format.format(date)
        expect(parseDateText(text)).toEqual({ok: true, iso})
        const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]))
        const kanji = `${parts['era']}${parts['year'] === '1' ? '元' : parts['year']}年${parts['month']}月${parts['day']}日`
        expect(parseDateText(kanji)).toEqual({ok: true, iso})
      }),
      {numRuns: 2000},
    )
  })

  it('refuses every day past the end of an era written in that era', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('明治45年7月30日', '大正15年12月25日', '昭和64年1月8日', '平成31年5月1日'),
        fc.integer({min: 0, max: 400}),
        (start, extra) => {
          const m = /^(..)(\d+)年(\d+)月(\d+)日$/.exec(start)!
          const base = Date.UTC(
            Number(m[2]) +
              ({明治: 1867, 大正: 1911, 昭和: 1925, 平成: 1988} as Record<string, number>)[m[1]!]!,
            Number(m[3]) - 1,
            Number(m[4]),
          )
          const d = new Date(base + extra * 86_400_000)
          const eraYear =
            d.getUTCFullYear() -
            ({明治: 1867, 大正: 1911, 昭和: 1925, 平成: 1988} as Record<string, number>)[m[1]!]!
          const text = `${m[1]}${eraYear}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
          expect(parseDateText(text).ok).toBe(false)
        },
      ),
    )
  })
})

describe('parsePlannedDate', () => {
  it.each([
    ['令和8年11月24日', '2026-11-24'],
    ['R10.1.4', '2028-01-04'],
    ['令和8年1月', '2026-01'],
    ['令和8年1月予定', '2026-01'],
    ['R8.1', '2026-01'],
    ['2026/01', '2026-01'],
    ['2026年1月', '2026-01'],
    ['令和7年度末', '2026-03-31'],
    ['2025年度末', '2026-03-31'],
  ])('%s → %s', (input, value) => {
    expect(parsePlannedDate(input)).toEqual({ok: true, value})
  })
  it.each(['未定', '検討中', '', null])('%j is blank', (input) => {
    expect(parsePlannedDate(input)).toEqual({ok: false, blank: true})
  })
  it.each(['令和7年2月30日', '平成31年5月', '令和8年13月', 'そのうち'])('%s is refused', (input) => {
    expect(parsePlannedDate(input)).toMatchObject({ok: false, blank: false})
  })
})
