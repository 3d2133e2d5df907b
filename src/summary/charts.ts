/**
 * Charts of the CIO summary as SVG text (pure: no I/O). Rendered to PNG by reports/chart-render.ts
 * with a bundled Japanese font. Every series has its own fill pattern and a text label, so a chart
 * printed in black and white still reads (colour is a bonus, never the only cue).
 */

export const CHART_WIDTH = 960
export const CHART_HEIGHT = 540

const FONT = "'Noto Sans JP'"
const INK = '#1a1a1a'
const GRID = '#c8c8c8'

/** Fill patterns: light-to-dark greys with distinct textures. */
export const PATTERNS = {
  solidDark: {id: 'p-solid-dark', label: '濃色'},
  hatch: {id: 'p-hatch', label: '斜線'},
  dots: {id: 'p-dots', label: '点'},
  cross: {id: 'p-cross', label: '格子'},
  light: {id: 'p-light', label: '淡色'},
  solidMid: {id: 'p-solid-mid', label: '中間色'},
} as const
export type PatternKey = keyof typeof PATTERNS

const PATTERN_DEFS = `
<defs>
  <pattern id="p-solid-dark" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#2f4b6e"/></pattern>
  <pattern id="p-solid-mid" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#7f96b2"/></pattern>
  <pattern id="p-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#f4d9a8"/><line x1="0" y1="0" x2="0" y2="8" stroke="#5a4010" stroke-width="3"/></pattern>
  <pattern id="p-dots" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#d6ecd2"/><circle cx="4" cy="4" r="1.8" fill="#1f5a1a"/></pattern>
  <pattern id="p-cross" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#f6c6c6"/><path d="M0 0L8 8M8 0L0 8" stroke="#7a1010" stroke-width="1.4"/></pattern>
  <pattern id="p-light" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#ffffff"/></pattern>
</defs>`

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
}

/** Approximate rendered width in px: CJK and full-width count one em, others about 0.58 em. */
export function textWidth(text: string, size: number): number {
  let w = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    w += cp >= 0x2e80 ? size : size * 0.58
  }
  return w
}

function text(
  x: number,
  y: number,
  content: string,
  opts: {size?: number; anchor?: 'start' | 'middle' | 'end'; bold?: boolean; fill?: string} = {},
): string {
  const size = opts.size ?? 14
  return `<text x="${r(x)}" y="${r(y)}" font-family="${FONT}" font-size="${size}" text-anchor="${opts.anchor ?? 'start'}"${
    opts.bold ? ' font-weight="bold"' : ''
  } fill="${opts.fill ?? INK}">${escapeXml(content)}</text>`
}

function rect(x: number, y: number, w: number, h: number, pattern: PatternKey): string {
  return `<rect x="${r(x)}" y="${r(y)}" width="${r(Math.max(0, w))}" height="${r(Math.max(0, h))}" fill="url(#${PATTERNS[pattern].id})" stroke="${INK}" stroke-width="1"/>`
}

function r(n: number): string {
  return (Math.round(n * 10) / 10).toString()
}

function frame(title: string, body: string, note?: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">`,
    PATTERN_DEFS,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
    text(24, 36, title, {size: 22, bold: true}),
    body,
    note ? text(24, CHART_HEIGHT - 14, note, {size: 12, fill: '#444444'}) : '',
    '</svg>',
  ].join('\n')
}

/** Legend on its own line under the title; returns the SVG and where it ends (x). */
function legendLine(items: readonly {label: string; pattern: PatternKey}[]): {svg: string; end: number} {
  let cx = 24
  const y = LEGEND_Y
  const out: string[] = []
  for (const item of items) {
    out.push(rect(cx, y - 13, 22, 16, item.pattern))
    out.push(text(cx + 28, y, item.label, {size: 14}))
    cx += 28 + textWidth(item.label, 14) + 22
  }
  return {svg: out.join('\n'), end: cx}
}

function legend(items: readonly {label: string; pattern: PatternKey}[]): string {
  return legendLine(items).svg
}

const LEGEND_Y = 68

/** Yen in the unit a 課長 reads: 億円 above 1億, else 万円 (rounded). */
export function yenShort(yen: number): string {
  const sign = yen < 0 ? '−' : ''
  const a = Math.abs(yen)
  if (a >= 100_000_000) return `${sign}${(a / 100_000_000).toFixed(a >= 1_000_000_000 ? 1 : 2)}億円`
  if (a >= 10_000) return `${sign}${Math.round(a / 10_000).toLocaleString('ja-JP')}万円`
  return `${sign}${Math.round(a).toLocaleString('ja-JP')}円`
}

/** A 'nice' axis maximum and step for values up to `max`. */
export function niceScale(max: number, ticks = 5): {max: number; step: number} {
  if (!(max > 0)) return {max: 1, step: 1}
  const raw = max / ticks
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag
  return {max: Math.ceil(max / step) * step, step}
}

// ---------------------------------------------------------------------------------------------

export interface RunningCostChartInput {
  /** 平成30年度 running cost of the systems that have one; null when no system has a baseline. */
  readonly baselineYen: number | null
  /** null: not comparable with the baseline (left out, named in the note). */
  readonly currentYen: number | null
  /** One bar per scenario: 移行後 annual running cost. */
  readonly scenarios: readonly {readonly name: string; readonly afterYen: number}[]
  /** 0.3 = 3割削減. */
  readonly targetRate: number
  readonly note?: string
}

/** 運用経費の比較: 平成30年度 / 現在 / 移行後 per scenario, with the target line. */
export function runningCostChart(input: RunningCostChartInput): string {
  const bars: {label: string; value: number; pattern: PatternKey}[] = []
  if (input.baselineYen !== null)
    bars.push({label: '平成30年度', value: input.baselineYen, pattern: 'solidMid'})
  if (input.currentYen !== null) bars.push({label: '現在', value: input.currentYen, pattern: 'dots'})
  for (const s of input.scenarios)
    bars.push({label: `移行後（${s.name}）`, value: s.afterYen, pattern: 'hatch'})
  const target = input.baselineYen === null ? null : Math.round(input.baselineYen * (1 - input.targetRate))
  const {max, step} = niceScale(Math.max(...bars.map((b) => b.value), target ?? 0, 1))
  const left = 110
  const right = CHART_WIDTH - 30
  const top = 100
  const bottom = CHART_HEIGHT - 95
  const y = (v: number): number => bottom - ((bottom - top) * v) / max
  const out: string[] = []
  for (let v = 0; v <= max + step / 2; v += step) {
    out.push(
      `<line x1="${left}" y1="${r(y(v))}" x2="${right}" y2="${r(y(v))}" stroke="${GRID}" stroke-width="1"/>`,
    )
    out.push(text(left - 8, y(v) + 5, yenShort(v), {size: 12, anchor: 'end'}))
  }
  const slot = (right - left) / Math.max(bars.length, 1)
  const barW = Math.min(90, slot * 0.6)
  bars.forEach((b, i) => {
    const cx = left + slot * (i + 0.5)
    out.push(rect(cx - barW / 2, y(b.value), barW, bottom - y(b.value), b.pattern))
    out.push(text(cx, y(b.value) - 8, yenShort(b.value), {size: 14, anchor: 'middle', bold: true}))
    const words =
      b.label.length > 7
        ? [b.label.slice(0, b.label.indexOf('（')), b.label.slice(b.label.indexOf('（'))]
        : [b.label]
    words.forEach((w, k) => out.push(text(cx, bottom + 22 + k * 18, w, {size: 13, anchor: 'middle'})))
  })
  out.push(
    `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="${INK}" stroke-width="1.5"/>`,
  )
  if (target !== null) {
    out.push(
      `<line x1="${left}" y1="${r(y(target))}" x2="${right}" y2="${r(y(target))}" stroke="#b00000" stroke-width="2.5" stroke-dasharray="10 6"/>`,
    )
    const label = `目標（平成30年度の${Math.round((1 - input.targetRate) * 100)}%）${yenShort(target)}`
    out.push(
      `<rect x="${r(right - textWidth(label, 13) - 12)}" y="${r(y(target) - 22)}" width="${r(textWidth(label, 13) + 8)}" height="18" fill="#ffffff"/>`,
    )
    out.push(text(right - 8, y(target) - 8, label, {size: 13, anchor: 'end', bold: true, fill: '#b00000'}))
  }
  out.push(
    legend([
      ...(input.baselineYen !== null ? [{label: '平成30年度', pattern: 'solidMid' as const}] : []),
      ...(input.currentYen !== null ? [{label: '現在', pattern: 'dots' as const}] : []),
      {label: '移行後', pattern: 'hatch'},
    ]),
  )
  const note =
    input.note ??
    (input.baselineYen === null ? '平成30年度の基準値がないため目標線は表示していません' : undefined)
  return frame('運用経費の比較（年額）', out.join('\n'), note)
}

// ---------------------------------------------------------------------------------------------

export interface VerdictBreakdownRow {
  readonly business: string
  readonly fit: number
  readonly option: number
  readonly prohibited: number
  readonly outside: number
}

const VERDICT_SERIES = [
  {key: 'fit', label: '標準で対応', pattern: 'solidMid'},
  {key: 'option', label: 'オプション', pattern: 'dots'},
  {key: 'prohibited', label: '実装不可', pattern: 'cross'},
  {key: 'outside', label: '標準外', pattern: 'hatch'},
] as const

/** 業務別の判定内訳: one horizontal stacked bar per 業務, counts written in the segments. */
export function verdictBreakdownChart(rows: readonly VerdictBreakdownRow[], note?: string): string {
  const shown = rows.filter((row) => row.fit + row.option + row.prohibited + row.outside > 0)
  const left = 160
  const right = CHART_WIDTH - 60
  const top = 88
  const bottom = CHART_HEIGHT - 40
  const rowH = Math.min(30, (bottom - top) / Math.max(shown.length, 1))
  const maxTotal = Math.max(1, ...shown.map((row) => row.fit + row.option + row.prohibited + row.outside))
  const {max} = niceScale(maxTotal)
  const scale = (right - left) / max
  const out: string[] = []
  const fontSize = Math.min(15, Math.max(12, rowH * 0.58))
  shown.forEach((row, i) => {
    const y0 = top + i * rowH + rowH * 0.15
    const h = rowH * 0.7
    out.push(text(left - 8, y0 + h / 2 + fontSize * 0.35, row.business, {size: fontSize, anchor: 'end'}))
    let x = left
    for (const s of VERDICT_SERIES) {
      const n = row[s.key]
      if (n === 0) continue
      const w = n * scale
      out.push(rect(x, y0, w, h, s.pattern))
      if (w >= textWidth(String(n), fontSize) + 6) {
        out.push(
          `<rect x="${r(x + w / 2 - textWidth(String(n), fontSize) / 2 - 2)}" y="${r(y0 + h / 2 - fontSize * 0.55)}" width="${r(textWidth(String(n), fontSize) + 4)}" height="${r(fontSize * 1.1)}" fill="#ffffff" opacity="0.85"/>`,
        )
        out.push(text(x + w / 2, y0 + h / 2 + fontSize * 0.35, String(n), {size: fontSize, anchor: 'middle'}))
      }
      x += w
    }
    const total = row.fit + row.option + row.prohibited + row.outside
    out.push(text(x + 6, y0 + h / 2 + fontSize * 0.35, `計${total}`, {size: fontSize - 1}))
  })
  if (shown.length === 0)
    out.push(
      text(CHART_WIDTH / 2, CHART_HEIGHT / 2, 'Fit&Gap の結果がありません', {size: 18, anchor: 'middle'}),
    )
  out.push(legend(VERDICT_SERIES))
  return frame('業務別の判定内訳（カスタマイズ件数）', out.join('\n'), note)
}

// ---------------------------------------------------------------------------------------------

export interface CashFlowYear {
  /** 令和9年度 */
  readonly label: string
  readonly oneTimeYen: number
  readonly runningYen: number
  readonly subsidyYen: number
  readonly netYen: number
}

/** 年度別キャッシュフロー: 運用 + 一時経費 stacked above the axis, 補助 below it, 実質負担 written on top. */
export function cashFlowChart(years: readonly CashFlowYear[], note?: string): string {
  const left = 110
  const right = CHART_WIDTH - 30
  const top = 100
  const bottom = CHART_HEIGHT - 70
  const up = Math.max(1, ...years.map((y) => y.runningYen + y.oneTimeYen))
  const down = Math.max(0, ...years.map((y) => y.subsidyYen))
  const {max, step} = niceScale(up + down)
  const zero =
    top +
    ((bottom - top) * Math.ceil(up / step) * step) /
      (Math.ceil(up / step) * step + Math.ceil(down / step) * step || 1)
  const unit = (zero - top) / (Math.ceil(up / step) * step || max)
  const y = (v: number): number => zero - v * unit
  const out: string[] = []
  for (let v = -Math.ceil(down / step) * step; v <= Math.ceil(up / step) * step + step / 2; v += step) {
    out.push(
      `<line x1="${left}" y1="${r(y(v))}" x2="${right}" y2="${r(y(v))}" stroke="${GRID}" stroke-width="1"/>`,
    )
    out.push(text(left - 8, y(v) + 5, yenShort(v), {size: 12, anchor: 'end'}))
  }
  const slot = (right - left) / Math.max(years.length, 1)
  const barW = Math.min(64, slot * 0.6)
  years.forEach((yr, i) => {
    const cx = left + slot * (i + 0.5)
    const x0 = cx - barW / 2
    out.push(rect(x0, y(yr.runningYen), barW, yr.runningYen * unit, 'solidMid'))
    out.push(rect(x0, y(yr.runningYen + yr.oneTimeYen), barW, yr.oneTimeYen * unit, 'hatch'))
    if (yr.subsidyYen > 0) out.push(rect(x0, zero, barW, yr.subsidyYen * unit, 'dots'))
    out.push(
      text(cx, y(yr.runningYen + yr.oneTimeYen) - 8, yenShort(yr.netYen), {
        size: 12,
        anchor: 'middle',
        bold: true,
      }),
    )
    out.push(text(cx, bottom + 22, yr.label, {size: 12, anchor: 'middle'}))
  })
  out.push(
    `<line x1="${left}" y1="${r(zero)}" x2="${right}" y2="${r(zero)}" stroke="${INK}" stroke-width="1.5"/>`,
  )
  out.push(
    legend([
      {label: '運用経費', pattern: 'solidMid'},
      {label: '一時経費（移行）', pattern: 'hatch'},
      {label: '補助金（控除）', pattern: 'dots'},
    ]),
  )
  return frame('年度別キャッシュフロー（棒上の数字は補助控除後の実質負担）', out.join('\n'), note)
}

// ---------------------------------------------------------------------------------------------

export interface TimelineRow {
  readonly business: string
  /** YYYY-MM of the first phase; null when nothing is planned (done or not scheduled). */
  readonly start: string | null
  /** YYYY-MM of the (last) cutover; null when none. */
  readonly cutover: string | null
  /** 移行済 / 作業中 / 特定移行支援 / 未着手 / 未登録, written at the row's end. */
  readonly status: string
  readonly late: boolean
}

function monthIndex(ym: string): number {
  const [y, m] = ym.split('-').map(Number)
  return (y ?? 0) * 12 + ((m ?? 1) - 1)
}

/** Fiscal year (April start) of a YYYY-MM. */
export function fiscalYearOf(ym: string): number {
  const [y, m] = ym.split('-').map(Number)
  return (m ?? 1) >= 4 ? (y ?? 0) : (y ?? 0) - 1
}

/** 令和N年度 (R1 = FY2019). */
export function reiwaFiscalLabel(fy: number, short = false): string {
  const n = fy - 2018
  if (n < 1) return `平成${fy - 1988}年度`
  return short ? `R${n}` : `令和${n === 1 ? '元' : n}年度`
}

/** One row per 業務: a bar from the first phase to the cutover, ◆ at the cutover, the deadline and today. */
export function timelineChart(
  rows: readonly TimelineRow[],
  today: string,
  deadline: string,
  note?: string,
): string {
  const todayYm = today.slice(0, 7)
  const lastYm = [deadline.slice(0, 7), ...rows.flatMap((row) => (row.cutover ? [row.cutover] : []))]
    .sort()
    .at(-1)!
  const firstFy = fiscalYearOf(todayYm) - 1
  const lastFy = Math.max(fiscalYearOf(lastYm), firstFy + 3)
  const start = firstFy * 12 + 3 // April of the first fiscal year
  const end = (lastFy + 1) * 12 + 3
  const left = 160
  const right = CHART_WIDTH - 120
  const top = 118
  const bottom = CHART_HEIGHT - 64
  const x = (mi: number): number => left + ((right - left) * (mi - start)) / (end - start)
  const rowH = Math.min(24, (bottom - top) / Math.max(rows.length, 1))
  const fontSize = Math.min(13, Math.max(9, rowH * 0.55))
  const out: string[] = []
  for (let fy = firstFy; fy <= lastFy; fy++) {
    const x0 = x(fy * 12 + 3)
    const x1 = x((fy + 1) * 12 + 3)
    if ((fy - firstFy) % 2 === 0)
      out.push(
        `<rect x="${r(x0)}" y="${top - 22}" width="${r(x1 - x0)}" height="${r(bottom - top + 22)}" fill="#f2f2f2"/>`,
      )
    out.push(text((x0 + x1) / 2, top - 8, reiwaFiscalLabel(fy, x1 - x0 < 70), {size: 12, anchor: 'middle'}))
  }
  rows.forEach((row, i) => {
    const yc = top + i * rowH + rowH / 2
    out.push(text(left - 8, yc + fontSize * 0.35, row.business, {size: fontSize, anchor: 'end'}))
    if (row.start && row.cutover) {
      const s = Math.max(monthIndex(row.start), start)
      out.push(
        rect(
          x(s),
          yc - rowH * 0.3,
          x(monthIndex(row.cutover) + 1) - x(s),
          rowH * 0.6,
          row.late ? 'cross' : 'hatch',
        ),
      )
    }
    if (row.cutover) {
      const cx = x(monthIndex(row.cutover) + 0.5)
      const d = rowH * 0.38
      out.push(
        `<path d="M${r(cx)} ${r(yc - d)}L${r(cx + d)} ${r(yc)}L${r(cx)} ${r(yc + d)}L${r(cx - d)} ${r(yc)}Z" fill="${INK}"/>`,
      )
    }
    out.push(
      text(right + 8, yc + fontSize * 0.35, row.late ? `${row.status}・遅延` : row.status, {
        size: fontSize - 1,
      }),
    )
  })
  const dx = x(monthIndex(deadline.slice(0, 7)) + 1)
  out.push(
    `<line x1="${r(dx)}" y1="${top - 4}" x2="${r(dx)}" y2="${bottom}" stroke="#b00000" stroke-width="2.5" stroke-dasharray="8 5"/>`,
  )
  out.push(
    text(dx, bottom + 16, `期限 ${deadline}`, {size: 12, anchor: 'middle', bold: true, fill: '#b00000'}),
  )
  const tx = x(monthIndex(todayYm))
  out.push(
    `<line x1="${r(tx)}" y1="${top - 4}" x2="${r(tx)}" y2="${bottom}" stroke="${INK}" stroke-width="1.5"/>`,
  )
  out.push(text(tx, bottom + 16, `今日 ${today}`, {size: 12, anchor: 'middle'}))
  const timelineLegend = legendLine([
    {label: '移行作業', pattern: 'hatch'},
    {label: '期限超過の見込み', pattern: 'cross'},
  ])
  out.push(timelineLegend.svg)
  const lx = timelineLegend.end
  out.push(
    `<path d="M${r(lx + 8)} ${LEGEND_Y - 13}L${r(lx + 16)} ${LEGEND_Y - 5}L${r(lx + 8)} ${LEGEND_Y + 3}L${r(lx)} ${LEGEND_Y - 5}Z" fill="${INK}"/>`,
  )
  out.push(text(lx + 24, LEGEND_Y, '本番移行', {size: 14}))
  return frame('業務別の移行スケジュール', out.join('\n'), note)
}
