import type {DataIssue} from '../errors.js'
import {parseYen} from '../sources/amount.js'
import {cellText, isBlank, type CellValue} from '../sources/grid.js'
import {CLASS_LABEL} from '../standard/spec.schema.js'
import {normalizeKey} from '../text/normalize.js'
import {COST_UNITS, RUNNING_YEARS, UNIT_USD} from './cost-categories.js'
import {
  COST_ROWS,
  QUESTION_HEADERS,
  checkValue,
  costRowCheck,
  questionCells,
  type CostRowSpec,
} from './questions.js'
import {
  FUNCTION_METHODS,
  HEADERS,
  KIND_LABEL,
  MARKS,
  NEED_LABEL,
  NEEDS,
  OUTSIDE_METHODS,
  type ItemKind,
  type Mark,
  type Need,
  type RfiAnswer,
  type RfiCostLine,
  type RfiQuestion,
} from './rfi-model.js'

/**
 * Validation of an answered RFI workbook, over rows already read (no I/O).
 * Errors (issues) reject the whole file; findings are warnings kept with the answers.
 */

/** A data row of an answer sheet, cells by header. */
export interface AnswerRow {
  /** 1-based Excel row. */
  readonly row: number
  readonly values: Readonly<Partial<Record<string, CellValue>>>
  /** Cell address of a header's cell in this row, e.g. `RFI.xlsx › 機能要件!H12`. */
  ref(header: string): string
}

export interface AnswerSheet {
  /** `file › sheet`, for sheet-level messages. */
  readonly where: string
  readonly rows: readonly AnswerRow[]
}

/** A question as the 管理情報 sheet recorded it at export. */
export interface ControlEntry {
  readonly key: string
  readonly check: string
}

export interface ValidateInput {
  /** 業務 name for messages. */
  readonly business: string
  readonly specVersion: string
  /** The spec's requirements and forms as the database has them (need is read from the row). */
  readonly spec: {
    readonly functions: ReadonlyMap<string, RfiQuestion>
    readonly forms: ReadonlyMap<string, RfiQuestion>
  }
  /** Other 業務 a 機能ID belongs to (for a sheet copied from another 業務's workbook). */
  readonly businessOfId?: (id: string) => string | undefined
  readonly control: Readonly<Record<ItemKind | 'costs', readonly ControlEntry[]>>
  readonly sheets: Readonly<Record<ItemKind | 'costs', AnswerSheet>>
}

export interface ValidateOutput {
  readonly issues: DataIssue[]
  readonly findings: DataIssue[]
  readonly answers: RfiAnswer[]
  readonly costs: RfiCostLine[]
  readonly fxRate: number | null
  readonly conditions: string | null
  /** Question rows left blank, per kind, and cost cells left blank. */
  readonly blank: Readonly<Record<ItemKind | 'costs', number>>
}

const MARK_VARIANTS: ReadonlyMap<string, Mark> = new Map([
  ...['○', '〇', '◯', 'o', '丸', 'まる'].map((v) => [v, '○'] as const),
  ...['△', '三角', 'さんかく'].map((v) => [v, '△'] as const),
  ...['×', '✕', '✖', 'x', 'ばつ', 'バツ'].map((v) => [normalizeKey(v), '×'] as const),
])

/** ○/△/× with the usual look-alikes (〇 U+3007, ◯, ✕, x); undefined when not one of them. */
export function parseMark(text: string): Mark | undefined {
  return MARK_VARIANTS.get(normalizeKey(text))
}

function pickFrom(list: readonly string[], text: string): string | undefined {
  const key = normalizeKey(text)
  return list.find((m) => normalizeKey(m) === key)
}

function optional(text: string): string | null {
  return text === '' ? null : text
}

function listIds(ids: readonly string[]): string {
  return ids.length <= 5 ? ids.join('、') : `${ids.slice(0, 5).join('、')} ほか ${ids.length - 5} 件`
}

/** Validate every sheet; collect all issues and findings. */
export function validateAnswers(input: ValidateInput): ValidateOutput {
  const issues: DataIssue[] = []
  const findings: DataIssue[] = []
  const answers: RfiAnswer[] = []
  const blank = {function: 0, form: 0, outside: 0, costs: 0}
  for (const kind of ['function', 'form', 'outside'] as const) {
    validateQuestionSheet(input, kind, issues, findings, answers, blank)
  }
  const cost = validateCosts(input, issues, findings)
  blank.costs = cost.blank
  return {
    issues,
    findings,
    answers,
    costs: cost.lines,
    fxRate: cost.fxRate,
    conditions: cost.conditions,
    blank,
  }
}

function idHeader(kind: ItemKind): string {
  return QUESTION_HEADERS[kind][0]!
}

function validateQuestionSheet(
  input: ValidateInput,
  kind: ItemKind,
  issues: DataIssue[],
  findings: DataIssue[],
  answers: RfiAnswer[],
  blank: Record<ItemKind | 'costs', number>,
): void {
  const sheet = input.sheets[kind]
  const control = new Map(input.control[kind].map((c) => [c.key, c.check]))
  const specItems =
    kind === 'function' ? input.spec.functions : kind === 'form' ? input.spec.forms : undefined
  const idH = idHeader(kind)
  const sheetName = KIND_LABEL[kind]
  const seen = new Map<string, string>()
  const issue = (where: string, field: string | undefined, code: string, message: string): void => {
    issues.push({where, ...(field ? {field} : {}), code, message})
  }
  for (const r of sheet.rows) {
    const text = (h: string): string => cellText(r.values[h])
    const id = text(idH)
    const questionEmpty = QUESTION_HEADERS[kind].every((h) => text(h) === '')
    const answerHeaders =
      kind === 'outside'
        ? [HEADERS.method, HEADERS.cost, HEADERS.outsideNote]
        : [HEADERS.mark, HEADERS.method, HEADERS.availableFrom, HEADERS.cost, HEADERS.note]
    const answerEmpty = answerHeaders.every((h) => isBlank(r.values[h]))
    if (questionEmpty && answerEmpty && text(HEADERS.check) === '') continue
    if (id === '' || !control.has(id)) {
      const other = id !== '' && kind === 'function' ? input.businessOfId?.(id) : undefined
      issue(
        r.ref(idH),
        idH,
        id === '' ? 'ROW_ADDED' : 'ID_ALTERED',
        id === ''
          ? `${sheetName}に行が追加されています（${idH}が空欄）。質問の行は追加・削除できません`
          : other && other !== input.business
            ? `${idH} ${id} は ${other} の機能IDです。別の業務のブックの内容が貼り付けられています`
            : `${idH} ${id} はこのブックの質問にありません（${idH}の変更又は行の追加）`,
      )
      continue
    }
    const dup = seen.get(id)
    if (dup) {
      issue(
        r.ref(idH),
        idH,
        'ROW_ADDED',
        `${idH} ${id} の行が重複しています（${dup} と同じ）。行をコピーしないでください`,
      )
      continue
    }
    seen.set(id, r.ref(idH))
    const cells = QUESTION_HEADERS[kind].map((h) => cellTextRaw(r.values[h]))
    if (checkValue(cells) !== control.get(id) || text(HEADERS.check) !== control.get(id)) {
      // Name the first altered column when the spec tells what the row should say.
      const needText = text(HEADERS.need)
      const need = NEEDS.find((n) => NEED_LABEL[n] === needText)
      const expected = specItems?.get(id)
      const expectedCells = expected && need ? questionCells({...expected, need}) : undefined
      const col = expectedCells
        ? QUESTION_HEADERS[kind].findIndex((_, i) => expectedCells[i] !== cells[i])
        : -1
      const h = col >= 0 ? QUESTION_HEADERS[kind][col]! : idH
      issue(
        r.ref(h),
        h,
        'QUESTION_ALTERED',
        col >= 0
          ? `${idH} ${id} の「${h}」が出力時から変更されています。質問の欄は変更できません`
          : `${idH} ${id} の質問の欄（${QUESTION_HEADERS[kind].join('・')}）が出力時から変更されています`,
      )
      continue
    }
    const expected = specItems?.get(id)
    if (specItems && !expected) {
      issue(
        r.ref(idH),
        idH,
        'SPEC_MISMATCH',
        `${idH} ${id} は ${input.business} 標準仕様書 第${input.specVersion}版にありません`,
      )
      continue
    }
    const needText = text(HEADERS.need)
    const need: Need =
      kind === 'outside' ? 'required' : (NEEDS.find((n) => NEED_LABEL[n] === needText) ?? 'optional')
    const q: RfiQuestion = expected
      ? {...expected, need}
      : {
          kind,
          id,
          group: text(HEADERS.system),
          subgroup: '',
          name: text(HEADERS.customization),
          text: text(HEADERS.description),
          class: null,
          need,
        }
    if (expected && checkValue(questionCells(q)) !== control.get(id)) {
      issue(
        r.ref(idH),
        idH,
        'SPEC_MISMATCH',
        `${idH} ${id} の内容が取込済みの標準仕様書 第${input.specVersion}版と異なります（仕様書の差替え後に出力し直してください）`,
      )
      continue
    }
    answers.push(readAnswer(r, q, issues, findings, blank))
  }
  const missing = input.control[kind].map((c) => c.key).filter((k) => !seen.has(k))
  if (missing.length > 0) {
    issues.push({
      where: sheet.where,
      code: 'ROWS_DELETED',
      message: `${sheetName}の ${missing.length} 行が削除されています（${idH} ${listIds(missing)}）。質問の行は削除できません`,
    })
  }
}

/** The text a writer's cell reads back as (same normalisation as questionCells). */
function cellTextRaw(v: CellValue | undefined): string {
  return cellText(v).replace(/\r\n?/g, '\n')
}

function readAnswer(
  r: AnswerRow,
  q: RfiQuestion,
  issues: DataIssue[],
  findings: DataIssue[],
  blank: Record<ItemKind | 'costs', number>,
): RfiAnswer {
  const raw = (h: string): string => cellText(r.values[h])
  const issue = (h: string, code: string, message: string): void => {
    issues.push({where: r.ref(h), field: h, code, message})
  }
  let mark: Mark | null = null
  if (q.kind !== 'outside' && raw(HEADERS.mark) !== '') {
    const m = parseMark(raw(HEADERS.mark))
    if (m) mark = m
    else
      issue(
        HEADERS.mark,
        'INVALID_ANSWER',
        `対応「${raw(HEADERS.mark)}」は選択肢にありません（${MARKS.join(' / ')}）`,
      )
  }
  const methods = q.kind === 'outside' ? OUTSIDE_METHODS : FUNCTION_METHODS
  let method: string | null = null
  if (raw(HEADERS.method) !== '') {
    const m = pickFrom(methods, raw(HEADERS.method))
    if (m) method = m
    else
      issue(
        HEADERS.method,
        'INVALID_METHOD',
        `対応方法「${raw(HEADERS.method)}」は選択肢にありません（${methods.join(' / ')}）`,
      )
  }
  let costYen: number | null = null
  const costCell = r.values[HEADERS.cost]
  const parsed = parseYen(costCell ?? null, 1000)
  if (parsed.ok) {
    costYen = parsed.value
    if (parsed.approximate)
      findings.push({
        where: r.ref(HEADERS.cost),
        field: HEADERS.cost,
        code: 'APPROXIMATE_COST',
        message: `費用「${raw(HEADERS.cost)}」は概算として扱います`,
      })
  } else if (!parsed.blank) {
    issue(
      HEADERS.cost,
      'INVALID_COST',
      `費用「${raw(HEADERS.cost)}」は数値ではありません（千円単位の数値で記入。見積できない場合は空欄にして備考に記入）: ${parsed.reason}`,
    )
  }
  const availableFrom = q.kind === 'outside' ? null : optional(raw(HEADERS.availableFrom))
  const note = optional(raw(q.kind === 'outside' ? HEADERS.outsideNote : HEADERS.note))
  const answered = q.kind === 'outside' ? method !== null : mark !== null
  const markWhere = r.ref(q.kind === 'outside' ? HEADERS.method : HEADERS.mark)
  const finding = (code: string, message: string): void => {
    findings.push({where: markWhere, code, message})
  }
  if (
    !answered &&
    !(q.kind !== 'outside' && raw(HEADERS.mark) !== '') &&
    !(raw(HEADERS.method) !== '' && !method)
  ) {
    blank[q.kind]++
  }
  if (q.class === 'mandatory' && (mark === '△' || mark === '×')) {
    finding('MANDATORY_NOT_MET', `標準不適合の疑い: ${CLASS_LABEL.mandatory} ${q.id}「${q.name}」が ${mark}`)
  }
  if (q.class === 'prohibited' && (mark === '○' || mark === '△')) {
    finding('PROHIBITED_OFFERED', `実装不可機能の提供: ${q.id}「${q.name}」が ${mark}`)
  }
  if (q.class === 'optional' && q.need === 'required' && mark === '×') {
    finding('NEEDED_OPTION_MISSING', `本市で必要な標準オプション機能 ${q.id}「${q.name}」が ×`)
  }
  return {
    kind: q.kind,
    id: q.id,
    name: q.name,
    class: q.class,
    need: q.need,
    mark,
    method,
    availableFrom,
    costYen,
    note,
  }
}

function validateCosts(
  input: ValidateInput,
  issues: DataIssue[],
  findings: DataIssue[],
): {lines: RfiCostLine[]; fxRate: number | null; conditions: string | null; blank: number} {
  const sheet = input.sheets.costs
  const control = new Map(input.control.costs.map((c) => [c.key, c.check]))
  const specs = new Map<string, CostRowSpec>(COST_ROWS.map((c) => [c.item, c]))
  const seen = new Set<string>()
  const lines: RfiCostLine[] = []
  let fxRate: number | null = null
  let conditions: string | null = null
  let blank = 0
  let usd = false
  const yearHeaders = Array.from({length: RUNNING_YEARS}, (_, i) => HEADERS.year(i + 1))
  for (const r of sheet.rows) {
    const text = (h: string): string => cellText(r.values[h])
    const item = text(HEADERS.costItem)
    if (
      [HEADERS.costGroup, HEADERS.costItem, HEADERS.initial, ...yearHeaders, HEADERS.costNote].every(
        (h) => text(h) === '',
      )
    )
      continue
    const spec = specs.get(item)
    if (!spec || !control.has(item) || seen.has(item)) {
      issues.push({
        where: r.ref(HEADERS.costItem),
        field: HEADERS.costItem,
        code: spec && seen.has(item) ? 'ROW_ADDED' : 'ID_ALTERED',
        message: `費目「${item}」はこのブックの費用の行にありません（費目の変更又は行の追加）`,
      })
      continue
    }
    seen.add(item)
    const check = checkValue([text(HEADERS.costGroup), item, text(HEADERS.costHelp)])
    if (check !== control.get(item) || costRowCheck(spec) !== check) {
      issues.push({
        where: r.ref(HEADERS.costGroup),
        field: HEADERS.costGroup,
        code: 'QUESTION_ALTERED',
        message: `費目「${item}」の区分・説明が出力時から変更されています`,
      })
      continue
    }
    const amount = (h: string): number | null => {
      const p = parseYen(r.values[h] ?? null, 1000)
      if (p.ok) return p.value
      if (!p.blank) {
        issues.push({
          where: r.ref(h),
          field: h,
          code: 'INVALID_COST',
          message: `${item}の${h}「${text(h)}」は数値ではありません（千円単位の数値で記入）: ${p.reason}`,
        })
      } else blank++
      return null
    }
    const note = optional(text(HEADERS.costNote))
    if (spec.entry === 'one-time') {
      lines.push({phase: 'one-time', item, currency: 'JPY', amounts: [amount(HEADERS.initial)], note})
    } else if (spec.entry === 'annual') {
      let currency: 'JPY' | 'USD' = 'JPY'
      if (spec.unitChoice) {
        const unit = text(HEADERS.unit)
        const picked = pickFrom(COST_UNITS, unit)
        if (unit !== '' && !picked) {
          issues.push({
            where: r.ref(HEADERS.unit),
            field: HEADERS.unit,
            code: 'INVALID_UNIT',
            message: `単位「${unit}」は選択肢にありません（${COST_UNITS.join(' / ')}）`,
          })
        }
        if (picked === UNIT_USD) currency = 'USD'
      }
      if (currency === 'USD') usd = true
      lines.push({phase: 'annual', item, currency, amounts: yearHeaders.map(amount), note})
    } else if (spec.entry === 'rate') {
      const v = r.values[HEADERS.initial]
      const n = typeof v === 'number' ? v : Number(cellText(v).normalize('NFKC').replace(/,/g, ''))
      if (isBlank(v)) fxRate = null
      else if (!Number.isFinite(n) || n <= 0) {
        issues.push({
          where: r.ref(HEADERS.initial),
          field: HEADERS.initial,
          code: 'INVALID_COST',
          message: `為替レート「${cellText(v)}」は正の数値ではありません（1ドルあたりの円で記入）`,
        })
      } else fxRate = n
    } else {
      conditions = note
    }
  }
  const missing = input.control.costs.map((c) => c.key).filter((k) => !seen.has(k))
  if (missing.length > 0) {
    issues.push({
      where: sheet.where,
      code: 'ROWS_DELETED',
      message: `費用の ${missing.length} 行が削除されています（${listIds(missing)}）。費目の行は削除できません`,
    })
  }
  if (usd && fxRate === null) {
    findings.push({
      where: sheet.where,
      code: 'FX_MISSING',
      message: 'ガバメントクラウド利用料がドル建てですが、為替レートが記入されていません',
    })
  }
  return {lines, fxRate, conditions, blank}
}
