import {IssueCollector, type DataIssue} from '../errors.js'
import {parseYen, type YenUnit} from '../sources/amount.js'
import {cellText, type CellValue} from '../sources/grid.js'
import {clip} from '../text/display.js'
import type {MappedColumn, TableRecord} from '../sources/table.js'

/** What the pure row parsers need from a located table. */
export interface TableInput<K extends string> {
  readonly records: readonly TableRecord<K>[]
  readonly columns: ReadonlyMap<K, MappedColumn>
  /** Unit per money column (from its header or a 単位 title row); stated=false means assumed 円. */
  readonly units: Partial<Record<K, {readonly unit: YenUnit; readonly stated: boolean}>>
  /** `file › sheet` (CSV: `file`), for row-level warnings: `${place} 12行目`. */
  readonly place: string
}

export function rowRef(place: string, row: number): string {
  return `${place} ${row}行目`
}

export type RowKind = 'data' | 'blank' | 'total' | 'note' | 'example'

const TOTAL = /^(合計|小計|総計|計|総合計)([(（].*)?$/
const NOTE = /^([※＊*]|[(（]?注[)）\d:：]|注記|凡例)/
const EXAMPLE = /^[(（【[]?(記入例|入力例|例)[)）】\]]?/

/**
 * Classify a row before validating it: totals (合計 / 小計), notes (※…), 記入例 rows and
 * rows blank in every mapped column except `ignore` (pre-numbered empty template rows).
 */
export function classifyRow<K extends string>(
  rec: TableRecord<K>,
  nameKey: K,
  ignore: readonly K[] = [],
): RowKind {
  const name = cellText(rec.values[nameKey]).replace(/[\s\u3000]/g, '')
  const texts = rec.texts.map((t) => t.replace(/[\s\u3000]/g, '')).filter((t) => t !== '')
  if (
    texts.some((t) => TOTAL.test(t.normalize('NFKC'))) &&
    (name === '' || TOTAL.test(name.normalize('NFKC')))
  ) {
    return 'total'
  }
  const first = texts[0] ?? ''
  if (NOTE.test(first) && (name === '' || name === first)) return 'note'
  const mapped = Object.entries(rec.values) as [K, CellValue][]
  if (mapped.every(([k, v]) => ignore.includes(k) || cellText(v).replace(/[\s\u3000]/g, '') === ''))
    return 'blank'
  if (EXAMPLE.test(name)) return 'example'
  return 'data'
}

/** At most this many warnings are kept per import; the rest are summarized in one line. */
export const MAX_WARNINGS = 1000

/** Collects issues and warnings while parsing rows, each bounded (see MAX_ISSUES). */
export class Findings {
  private readonly collector = new IssueCollector()
  private readonly kept: string[] = []
  private omittedWarnings = 0

  issue(where: string, field: string, code: string, message: string): void {
    this.collector.push({where, field, code, message: clip(message, 400)})
  }

  /** Issues found (capped, with a closing 以下省略 line when more were found). */
  get issues(): DataIssue[] {
    return this.collector.list()
  }

  warn(message: string): void {
    if (this.kept.length < MAX_WARNINGS) this.kept.push(clip(message, 400))
    else this.omittedWarnings++
  }

  get warnings(): string[] {
    return this.omittedWarnings === 0
      ? [...this.kept]
      : [...this.kept, `以下省略（他 ${this.omittedWarnings.toLocaleString('en-US')} 件の警告）`]
  }
}

/** A text cell: trimmed, line breaks kept, blank → null. Numbers as written (1 → "1"). */
export function textOf(value: CellValue | undefined): string | null {
  const t = cellText(value).replace(/\r\n?/g, '\n')
  return t.replace(/[\s\u3000]/g, '') === '' ? null : t
}

/** Raw cell as shown in messages: long values are cut with 「…」. */
export function shown(value: CellValue | undefined): string {
  return clip(cellText(value))
}

/** Skipped-row warnings; blank rows are summarized, trailing blank rows ignored. */
export function skipWarnings(
  skipped: readonly {row: number; kind: RowKind}[],
  lastDataRow: number,
  place: string,
): {warnings: string[]; count: number} {
  const warnings: string[] = []
  const blanks: number[] = []
  let count = 0
  for (const s of skipped) {
    if (s.kind === 'blank') {
      if (s.row < lastDataRow) blanks.push(s.row)
      continue
    }
    count++
    const why = s.kind === 'total' ? '合計行' : s.kind === 'note' ? '注記行' : '記入例'
    warnings.push(`${rowRef(place, s.row)}: ${why}のため取り込みませんでした`)
  }
  if (blanks.length > 0) {
    count += blanks.length
    const listed = blanks.slice(0, 20).join('、')
    const more = blanks.length > 20 ? ` ほか ${(blanks.length - 20).toLocaleString('en-US')} 行` : ''
    warnings.push(`${place}: 空白行を読み飛ばしました（${listed}行目${more}）`)
  }
  return {warnings, count}
}

/**
 * Compare a single 合計 row with the sum of the imported amounts: a difference usually
 * means a row was left out or mistyped. Only warns; 小計 rows and several totals are not checked.
 */
export function totalWarnings<K extends string>(
  input: TableInput<K>,
  totals: readonly TableRecord<K>[],
  sums: ReadonlyMap<K, number>,
  label: (k: K) => string,
): string[] {
  const grand = totals.filter((t) =>
    t.texts.some((x) => /^(合計|総計|総合計)/.test(x.replace(/[\s\u3000]/g, ''))),
  )
  if (grand.length !== 1) return []
  const total = grand[0]!
  const out: string[] = []
  for (const [k, sum] of sums) {
    const r = parseYen(total.values[k], input.units[k]?.unit ?? 1)
    if (r.ok && r.value !== sum) {
      out.push(
        `${total.ref(k)}: 合計行の${label(k)}（${r.value.toLocaleString('ja-JP')}円）が取り込んだ行の合計（${sum.toLocaleString('ja-JP')}円）と一致しません。行の漏れや入力誤りがないか確認してください`,
      )
    }
  }
  return out
}

/** Running totals of one import's money columns: sums for the 合計 check, columns read as plain 円. */
export interface MoneyTally<K extends string> {
  readonly sums: Map<K, number>
  readonly assumedYen: Set<K>
}

/**
 * A money cell → integer yen (unit from the header or the cell), or null when blank.
 * Approximations (約…) become warnings, unreadable amounts issues at the cell.
 */
export function readMoney<K extends string>(
  input: TableInput<K>,
  rec: TableRecord<K>,
  k: K,
  label: (k: K) => string,
  f: Findings,
  tally: MoneyTally<K>,
): number | null {
  const v = rec.values[k]
  const unit = input.units[k] ?? {unit: 1, stated: false}
  const r = parseYen(v, unit.unit)
  if (r.ok) {
    if (!unit.stated && typeof v === 'number') tally.assumedYen.add(k)
    if (r.approximate === true) {
      f.warn(
        `${rec.ref(k)}: ${label(k)}「${shown(v)}」を概算 ${r.value.toLocaleString('ja-JP')}円として取り込みました`,
      )
    }
    tally.sums.set(k, (tally.sums.get(k) ?? 0) + r.value)
    return r.value
  }
  if (!r.blank) f.issue(rec.ref(k), label(k), 'INVALID_AMOUNT', `${label(k)}「${shown(v)}」は${r.reason}`)
  return null
}
