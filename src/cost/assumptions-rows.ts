import {findBusiness, suggestBusiness} from '../catalog/catalog.js'
import type {DataIssue} from '../errors.js'
import {
  cellRef,
  cellText,
  isBlank,
  type CellValue,
  type SheetGrid,
  type WorkbookGrid,
} from '../sources/grid.js'
import {
  findHeader,
  headerKey,
  readRows,
  tableAt,
  type ColumnDef,
  type Table,
  type TableRow,
} from '../sources/table-reader.js'
import {parsePlannedDate} from '../sources/wareki.js'
import {normalizeKey} from '../text/normalize.js'
import {
  BAND_HEADERS,
  CATEGORY_HEADERS,
  PARAMETER_HEADERS,
  RATE_HEADERS,
  SCENARIO_PREFIX,
  ASSUMPTION_SHEETS,
} from './cost-assumptions.report.js'
import {
  CATEGORY_LABEL,
  FEE_KEYS,
  ONE_TIME_CATEGORIES,
  PARAMETERS,
  defaultAssumptions,
  type Assumptions,
  type BusinessRate,
  type CategoryKey,
  type CategoryRate,
  type FeeKey,
  type ParameterDef,
  type ParameterKey,
  type PopulationBand,
  type ScenarioDef,
  type SystemRate,
} from './assumptions.js'
import {BASE_SCENARIO} from './estimate.js'

/**
 * Read an assumptions workbook (経費前提.xlsx) into Assumptions: every problem is an
 * issue with its cell; sheets that are missing keep the defaults (with a warning).
 */

export interface AssumptionsRead {
  readonly assumptions: Assumptions
  readonly issues: readonly DataIssue[]
  readonly warnings: readonly string[]
}

const BUILTIN_SCENARIOS = [BASE_SCENARIO, '基本', '円安', 'クラウド利用料増', '移行1年遅延']

function sheetOf(grid: WorkbookGrid, name: string): SheetGrid | undefined {
  return (
    grid.sheets.find((s) => s.name === name) ??
    grid.sheets.find((s) => normalizeKey(s.name) === normalizeKey(name))
  )
}

type NumberRead = {ok: true; value: number} | {ok: false; blank: boolean; reason: string}

/** A plain number cell: 0.3, "0.3", "30%" (→ 0.3 when percent is allowed), "1,200". */
export function readNumber(value: CellValue | undefined, options: {percent?: boolean} = {}): NumberRead {
  if (value === null || value === undefined) return {ok: false, blank: true, reason: ''}
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? {ok: true, value}
      : {ok: false, blank: false, reason: '数値として読み取れません'}
  }
  if (typeof value !== 'string') return {ok: false, blank: false, reason: '数値として読み取れません'}
  let t = value.normalize('NFKC').replace(/[\s,]/g, '')
  if (t === '') return {ok: false, blank: true, reason: ''}
  let scale = 1
  if (t.endsWith('%')) {
    if (!options.percent) return {ok: false, blank: false, reason: '% は使えません'}
    t = t.slice(0, -1)
    scale = 0.01
  }
  t = t.replace(/^[−–ー]/, '-')
  if (!/^-?\d+(\.\d+)?$/.test(t)) return {ok: false, blank: false, reason: '数値として読み取れません'}
  return {ok: true, value: Math.round(Number(t) * scale * 1e9) / 1e9}
}

function shown(v: CellValue | undefined): string {
  return cellText(v)
}

/** Validate one parameter value (base or scenario column). */
function checkParameter(
  p: ParameterDef,
  raw: CellValue | undefined,
): {ok: true; value: number | null} | {ok: false; blank: boolean; message: string} {
  if (p.kind === 'month') {
    if (typeof raw === 'number' && raw > 190000 && raw < 300000) return {ok: true, value: raw}
    const r = parsePlannedDate(raw ?? null)
    if (!r.ok)
      return r.blank
        ? {ok: false, blank: true, message: ''}
        : {
            ok: false,
            blank: false,
            message: `${p.label}「${shown(raw)}」は${r.reason}（例: 2029-01 または 令和11年1月）`,
          }
    const ym = r.value.slice(0, 7)
    return {ok: true, value: Number(ym.slice(0, 4)) * 100 + Number(ym.slice(5, 7))}
  }
  const r = readNumber(raw, {percent: p.kind === 'ratio'})
  if (!r.ok)
    return r.blank
      ? {ok: false, blank: true, message: ''}
      : {ok: false, blank: false, message: `${p.label}「${shown(raw)}」は${r.reason}`}
  const v = r.value
  if (v < 0) return {ok: false, blank: false, message: `${p.label}に負の値（${v}）は入力できません`}
  if (p.positive && v === 0) return {ok: false, blank: false, message: `${p.label}に 0 は入力できません`}
  if (p.max !== undefined && v > p.max) {
    const over = p.kind === 'ratio' && p.max === 1 ? '100% を超えています' : `${p.max} を超えています`
    return {ok: false, blank: false, message: `${p.label}（${shown(raw)}）が${over}`}
  }
  if (v < p.min) return {ok: false, blank: false, message: `${p.label}（${v}）は ${p.min} 以上にしてください`}
  if (p.kind === 'integer' && !Number.isInteger(v))
    return {ok: false, blank: false, message: `${p.label}（${v}）は整数で入力してください`}
  return {ok: true, value: v}
}

/** The table of a sheet through the shared reader; undefined when no header row matches. */
function table<K extends string>(
  grid: WorkbookGrid,
  sheet: SheetGrid,
  defs: readonly ColumnDef<K>[],
  moneyKeys: readonly K[] = [],
): Table<K> | undefined {
  const header = findHeader(sheet, defs)
  return header ? tableAt(grid, sheet, header, moneyKeys) : undefined
}

/** Every row of a table through one rule; issues and warnings collected into the caller's lists. */
function eachRow<K extends string>(
  t: Table<K>,
  defs: readonly ColumnDef<K>[],
  issues: DataIssue[],
  warnings: string[],
  rule: (row: TableRow<K>) => void,
): void {
  const r = readRows(t, {
    label: (k) => defs.find((d) => d.key === k)?.names[0] ?? k,
    warnSkipped: false,
    rule: (row) => {
      rule(row)
      return undefined
    },
  })
  issues.push(...r.issues)
  warnings.push(...r.warnings)
}

function readParameters(
  grid: WorkbookGrid,
  sheet: SheetGrid,
  issues: DataIssue[],
  warnings: string[],
  base: Assumptions,
): {parameters: Assumptions['parameters']; scenarios: ScenarioDef[]} | undefined {
  type K = 'key' | 'label' | 'value' | 'source'
  const defs: ColumnDef<K>[] = [
    {key: 'key', names: [PARAMETER_HEADERS.key]},
    {key: 'label', names: [PARAMETER_HEADERS.label]},
    {key: 'value', names: [PARAMETER_HEADERS.value], required: true},
    {key: 'source', names: [PARAMETER_HEADERS.source]},
  ]
  const t = table(grid, sheet, defs)
  if (!t || t.header.missing.length > 0) {
    issues.push({
      where: `${grid.file} › ${sheet.name}`,
      code: 'NO_HEADER',
      message: `見出し「${PARAMETER_HEADERS.value}」「${PARAMETER_HEADERS.key}」の行が見つかりません`,
    })
    return undefined
  }
  // Scenario columns: headers starting with シナリオ.
  const scenarioCols: {name: string; col: number}[] = []
  ;(sheet.rows[t.header.lastRow - 1] ?? []).forEach((v, i) => {
    const m = /^シナリオ\s*[:：]?\s*(.+)$/.exec(cellText(v).normalize('NFKC'))
    if (!m) return
    const name = m[1]!.trim()
    const where = cellRef(grid, sheet, t.header.lastRow, i + 1)
    if (BUILTIN_SCENARIOS.includes(name))
      issues.push({
        where,
        code: 'SCENARIO_NAME',
        message: `シナリオ名「${name}」は組込みのシナリオと同じです。別の名前にしてください`,
      })
    else if (scenarioCols.some((x) => x.name === name))
      issues.push({where, code: 'SCENARIO_NAME', message: `シナリオ名「${name}」が重複しています`})
    else scenarioCols.push({name, col: i + 1})
  })

  const parameters = {...base.parameters} as Record<ParameterKey, {value: number | null; source: string}>
  const overrides = new Map<string, Partial<Record<ParameterKey, number>>>(
    scenarioCols.map((x) => [x.name, {}]),
  )
  const seen = new Map<ParameterKey, number>()
  eachRow(t, defs, issues, warnings, (row) => {
    const keyText = row.text('key') ?? ''
    const labelText = row.text('label') ?? ''
    const p =
      PARAMETERS.find((x) => keyText !== '' && x.key.toLowerCase() === keyText.toLowerCase()) ??
      PARAMETERS.find((x) => labelText !== '' && headerKey(x.label) === headerKey(labelText))
    if (!p) {
      if (keyText === '' && labelText === '') return
      row.issue(
        keyText !== '' ? 'key' : 'label',
        'UNKNOWN_PARAMETER',
        `前提条件「${keyText || labelText}」は hyojun の項目にありません（hyojun cost template で様式を出力し直してください）`,
      )
      return
    }
    const dup = seen.get(p.key)
    if (dup !== undefined) {
      row.issue('key', 'DUPLICATE_PARAMETER', `${p.label}が重複しています（${dup}行目と同じ）`)
      return
    }
    seen.set(p.key, row.row)
    const r = checkParameter(p, row.values.value)
    if (!r.ok) {
      if (r.blank && p.default !== null)
        row.issue('value', 'REQUIRED', `${p.label}の値が空欄です（既定値は ${p.default}）`)
      else if (!r.blank) row.issue('value', 'INVALID_VALUE', r.message)
      else parameters[p.key] = {value: null, source: parameters[p.key].source}
      return
    }
    parameters[p.key] = {value: r.value, source: row.text('source') ?? row.source}
    for (const sc of scenarioCols) {
      const raw = (sheet.rows[row.row - 1] ?? [])[sc.col - 1]
      if (isBlank(raw)) continue
      const v = checkParameter(p, raw)
      if (!v.ok)
        issues.push({
          where: cellRef(grid, sheet, row.row, sc.col),
          field: `${SCENARIO_PREFIX}${sc.name}`,
          code: 'INVALID_VALUE',
          message: v.message,
        })
      else if (v.value !== null) overrides.get(sc.name)![p.key] = v.value
    }
  })
  const scenarios: ScenarioDef[] = []
  for (const sc of scenarioCols) {
    const o = overrides.get(sc.name)!
    const keys = Object.keys(o) as ParameterKey[]
    if (keys.length === 0) continue
    scenarios.push({
      name: sc.name,
      description: `独自シナリオ: ${keys.map((k) => `${PARAMETERS.find((p) => p.key === k)!.label} ${o[k]}`).join('、')}`,
      overrides: o,
    })
  }
  return {parameters, scenarios}
}

type FeeField = FeeKey | 'oneTimeYen'

/** A money cell that must be filled (0 is written as 0): blank is an issue, never 0. */
function requiredMoney<K extends string>(row: TableRow<K>, k: K, label: string): number | null {
  const v = row.money(k)
  if (v === null && isBlank(row.values[k]))
    row.issue(k, 'REQUIRED', `${label}が空欄です（0 の場合は 0 と入力してください）`)
  return v
}

function readRates(
  grid: WorkbookGrid,
  sheet: SheetGrid,
  kind: 'business' | 'system',
  issues: DataIssue[],
  warnings: string[],
): {business: BusinessRate[]; system: SystemRate[]} | undefined {
  type K = 'ref' | FeeField | 'source'
  const refLabel = kind === 'business' ? RATE_HEADERS.business : RATE_HEADERS.system
  const defs: ColumnDef<K>[] = [
    {key: 'ref', names: [refLabel, '業務名', 'システム名', 'システムID'], required: true},
    ...FEE_KEYS.map((k) => ({key: k, names: [RATE_HEADERS[k]], required: true})),
    {key: 'oneTimeYen', names: [RATE_HEADERS.oneTimeYen], required: kind === 'business'},
    {key: 'source', names: [RATE_HEADERS.source, '備考']},
  ]
  const t = table(grid, sheet, defs, [...FEE_KEYS, 'oneTimeYen'])
  const where = `${grid.file} › ${sheet.name}`
  if (!t) {
    issues.push({
      where,
      code: 'NO_HEADER',
      message: `見出し（${RATE_HEADERS.standardFeeYen} など）の行が見つかりません`,
    })
    return undefined
  }
  if (t.header.missing.length > 0) {
    const names = t.header.missing.map((m) => defs.find((d) => d.key === m)!.names[0])
    issues.push({where, code: 'MISSING_COLUMN', message: `列「${names.join('」「')}」がありません`})
    return undefined
  }
  const business: BusinessRate[] = []
  const system: SystemRate[] = []
  const seen = new Map<string, number>()
  eachRow(t, defs, issues, warnings, (row) => {
    const refText = row.text('ref')
    if (refText === null) {
      row.issue('ref', 'REQUIRED', `${refLabel}が空欄です`)
      return
    }
    let key = normalizeKey(refText)
    let businessId = ''
    if (kind === 'business') {
      const b = findBusiness(refText)
      if (!b) {
        const close = suggestBusiness(refText)
        row.issue(
          'ref',
          'UNKNOWN_BUSINESS',
          `業務「${refText}」は標準化対象業務ではありません${close.length > 0 ? `（もしかして: ${close.join('、')}）` : ''}`,
        )
        return
      }
      businessId = b.id
      key = b.id
    }
    const dup = seen.get(key)
    if (dup !== undefined) {
      row.issue('ref', 'DUPLICATE', `「${refText}」が重複しています（${dup}行目と同じ）`)
      return
    }
    seen.set(key, row.row)
    const label = (k: FeeField): string => t.header.columns.get(k)?.header ?? RATE_HEADERS[k]
    const fees = FEE_KEYS.map((k) => requiredMoney(row, k, label(k)))
    const oneTime =
      kind === 'business' ? requiredMoney(row, 'oneTimeYen', label('oneTimeYen')) : row.money('oneTimeYen')
    if (fees.some((f) => f === null) || (kind === 'business' && oneTime === null)) return
    const source = row.text('source') ?? row.source
    const [standardFeeYen, cloudFeeYen, lineFeeYen, operationFeeYen] = fees as number[]
    const f = {
      standardFeeYen: standardFeeYen!,
      cloudFeeYen: cloudFeeYen!,
      lineFeeYen: lineFeeYen!,
      operationFeeYen: operationFeeYen!,
    }
    if (kind === 'business') business.push({businessId, ...f, oneTimeYen: oneTime!, source})
    else system.push({system: refText, ...f, oneTimeYen: oneTime, source})
  })
  return {business, system}
}

function readBands(
  grid: WorkbookGrid,
  sheet: SheetGrid,
  issues: DataIssue[],
  warnings: string[],
): PopulationBand[] | undefined {
  type K = keyof typeof BAND_HEADERS
  const defs: ColumnDef<K>[] = (Object.keys(BAND_HEADERS) as K[]).map((k) => ({
    key: k,
    names: [BAND_HEADERS[k]],
    required: k !== 'source',
  }))
  const t = table(grid, sheet, defs, ['subsidyCapYen'])
  const where = `${grid.file} › ${sheet.name}`
  if (!t || t.header.missing.length > 0) {
    issues.push({
      where,
      code: 'NO_HEADER',
      message: `見出し「${BAND_HEADERS.min}」「${BAND_HEADERS.subsidyCapYen}」などの行が見つかりません`,
    })
    return undefined
  }
  const bands: (PopulationBand & {row: number})[] = []
  const before = issues.length
  eachRow(t, defs, issues, warnings, (row) => {
    const n = (k: K, opts: {optional?: boolean; integer?: boolean}): number | null => {
      const r = readNumber(row.values[k])
      if (!r.ok) {
        if (r.blank && opts.optional) return null
        row.issue(
          k,
          r.blank ? 'REQUIRED' : 'INVALID_VALUE',
          r.blank
            ? `${BAND_HEADERS[k]}が空欄です`
            : `${BAND_HEADERS[k]}「${shown(row.values[k])}」は${r.reason}`,
        )
        return null
      }
      if (r.value < 0) {
        row.issue(k, 'NEGATIVE', `${BAND_HEADERS[k]}に負の値（${r.value}）は入力できません`)
        return null
      }
      if (opts.integer && !Number.isInteger(r.value)) {
        row.issue(k, 'INVALID_VALUE', `${BAND_HEADERS[k]}（${r.value}）は整数で入力してください`)
        return null
      }
      return r.value
    }
    const min = n('min', {integer: true})
    const max = n('max', {optional: true, integer: true})
    const runningFactor = n('runningFactor', {})
    const oneTimeFactor = n('oneTimeFactor', {})
    const cap = requiredMoney(
      row,
      'subsidyCapYen',
      t.header.columns.get('subsidyCapYen')?.header ?? BAND_HEADERS.subsidyCapYen,
    )
    if (min === null || runningFactor === null || oneTimeFactor === null || cap === null) return
    bands.push({
      min,
      max,
      runningFactor,
      oneTimeFactor,
      subsidyCapYen: cap,
      source: row.text('source') ?? row.source,
      row: row.row,
    })
  })
  if (issues.length > before) return undefined
  const sorted = [...bands].sort((a, b) => a.min - b.min)
  const minRef = (row: number): string => cellRef(grid, sheet, row, t.header.columns.get('min')!.col)
  const maxRef = (row: number): string => cellRef(grid, sheet, row, t.header.columns.get('max')!.col)
  if (sorted.length === 0) {
    issues.push({where, code: 'NO_ROWS', message: '人口区分が1行もありません'})
    return undefined
  }
  if (sorted[0]!.min !== 0)
    issues.push({
      where: minRef(sorted[0]!.row),
      field: BAND_HEADERS.min,
      code: 'BAND_GAP',
      message: '最初の人口区分は 0 人から始めてください',
    })
  sorted.forEach((b, i) => {
    const next = sorted[i + 1]
    if (next === undefined) {
      if (b.max !== null)
        issues.push({
          where: maxRef(b.row),
          field: BAND_HEADERS.max,
          code: 'BAND_GAP',
          message: `最後の人口区分の「${BAND_HEADERS.max}」は空欄にしてください（${b.max.toLocaleString('ja-JP')}人以上の団体が区分に入りません）`,
        })
    } else if (b.max === null || b.max !== next.min) {
      issues.push({
        where: maxRef(b.row),
        field: BAND_HEADERS.max,
        code: 'BAND_GAP',
        message: `人口区分に切れ目か重なりがあります（この区分の「${BAND_HEADERS.max}」を次の区分の「${BAND_HEADERS.min}」${next.min.toLocaleString('ja-JP')} と同じにしてください）`,
      })
    }
  })
  return sorted.map(({row: _row, ...b}) => b)
}

const YES = ['○', '〇', '◯', '対象', 'はい', 'yes', '1', 'true']
const NO = ['×', '✕', 'x', '対象外', 'いいえ', 'no', '0', 'false', '－', '-']

function readCategories(
  grid: WorkbookGrid,
  sheet: SheetGrid,
  issues: DataIssue[],
  warnings: string[],
): CategoryRate[] | undefined {
  type K = keyof typeof CATEGORY_HEADERS
  const defs: ColumnDef<K>[] = (Object.keys(CATEGORY_HEADERS) as K[]).map((k) => ({
    key: k,
    names: [CATEGORY_HEADERS[k]],
    required: k === 'category' || k === 'eligible',
  }))
  const t = table(grid, sheet, defs)
  const where = `${grid.file} › ${sheet.name}`
  if (!t || t.header.missing.length > 0) {
    issues.push({
      where,
      code: 'NO_HEADER',
      message: `見出し「${CATEGORY_HEADERS.category}」「${CATEGORY_HEADERS.eligible}」の行が見つかりません`,
    })
    return undefined
  }
  const out = new Map<CategoryKey, CategoryRate>()
  const before = issues.length
  let shareRef = where
  eachRow(t, defs, issues, warnings, (row) => {
    const text = row.text('category') ?? ''
    const c = ONE_TIME_CATEGORIES.find((x) => headerKey(x.label) === headerKey(text))
    if (!c) {
      row.issue(
        'category',
        'UNKNOWN_CATEGORY',
        `区分「${text}」は一時経費の区分にありません（${ONE_TIME_CATEGORIES.map((x) => x.label).join(' / ')}）`,
      )
      return
    }
    let share = 0
    if (c.key !== 'contract') {
      const r = readNumber(row.values.share, {percent: true})
      shareRef = row.ref('share')
      if (!r.ok || r.value < 0 || r.value > 1) {
        row.issue(
          'share',
          'INVALID_VALUE',
          `${c.label}の構成比「${shown(row.values.share)}」は 0～1（または 0%～100%）で入力してください`,
        )
        return
      }
      share = r.value
    }
    const e = normalizeKey(row.text('eligible') ?? '')
    const eligible = YES.includes(e)
    if (!eligible && !NO.includes(e)) {
      row.issue(
        'eligible',
        'INVALID_VALUE',
        `補助対象「${shown(row.values.eligible)}」は ○ または × で入力してください`,
      )
      return
    }
    out.set(c.key, {key: c.key, share, eligible, source: row.text('source') ?? row.source})
  })
  if (issues.length > before) return undefined
  const missing = ONE_TIME_CATEGORIES.filter((c) => !out.has(c.key))
  if (missing.length > 0) {
    issues.push({
      where,
      code: 'MISSING_CATEGORY',
      message: `区分「${missing.map((m) => CATEGORY_LABEL[m.key]).join('」「')}」の行がありません`,
    })
    return undefined
  }
  const total = [...out.values()].filter((c) => c.key !== 'contract').reduce((n, c) => n + c.share, 0)
  if (Math.abs(total - 1) > 0.0005) {
    issues.push({
      where: shareRef,
      field: CATEGORY_HEADERS.share,
      code: 'SHARE_SUM',
      message: `構成比の合計が ${Math.round(total * 1000) / 1000} です。合計 1（100%）にしてください`,
    })
    return undefined
  }
  return ONE_TIME_CATEGORIES.map((c) => out.get(c.key)!)
}

/** Parse the whole workbook; missing sheets keep the defaults with a warning. */
export function readAssumptions(grid: WorkbookGrid): AssumptionsRead {
  const issues: DataIssue[] = []
  const warnings: string[] = []
  const d = defaultAssumptions()
  const get = (name: string): SheetGrid | undefined => {
    const s = sheetOf(grid, name)
    if (!s) warnings.push(`${grid.file}: シート「${name}」がないため、既定値を使います`)
    return s
  }
  const found = Object.values(ASSUMPTION_SHEETS).filter((n) => sheetOf(grid, n) !== undefined)
  if (found.length === 0) {
    issues.push({
      where: grid.file,
      code: 'NOT_ASSUMPTIONS',
      message: `経費試算の前提条件ファイルではありません（シート「${Object.values(ASSUMPTION_SHEETS).join('」「')}」がありません）。hyojun cost template で様式を出力してください`,
    })
    return {assumptions: d, issues, warnings: []}
  }
  const ps = get(ASSUMPTION_SHEETS.parameters)
  const params = ps ? readParameters(grid, ps, issues, warnings, d) : undefined
  const bs = get(ASSUMPTION_SHEETS.businessRates)
  const business = bs ? readRates(grid, bs, 'business', issues, warnings) : undefined
  const ss = sheetOf(grid, ASSUMPTION_SHEETS.systemRates)
  const system = ss ? readRates(grid, ss, 'system', issues, warnings) : undefined
  const bandSheet = get(ASSUMPTION_SHEETS.bands)
  const bands = bandSheet ? readBands(grid, bandSheet, issues, warnings) : undefined
  const cs = get(ASSUMPTION_SHEETS.categories)
  const categories = cs ? readCategories(grid, cs, issues, warnings) : undefined
  if (business && business.business.length < 20 && business.business.length > 0) {
    warnings.push(
      `${grid.file} › ${ASSUMPTION_SHEETS.businessRates}: ${20 - business.business.length} 業務の単価がないため、その業務は hyojun の既定単価を使います`,
    )
  }
  return {
    assumptions: {
      origin: 'imported',
      file: grid.file,
      parameters: params?.parameters ?? d.parameters,
      scenarios: params?.scenarios ?? [],
      businessRates: business && business.business.length > 0 ? business.business : d.businessRates,
      systemRates: system?.system ?? [],
      bands: bands ?? d.bands,
      categories: categories ?? d.categories,
    },
    issues,
    warnings,
  }
}
