import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {CellValue} from '../sources/grid.js'
import {readSpecXml} from '../standard/spec-xml.js'
import {
  COST_ROWS,
  QUESTION_HEADERS,
  buildQuestions,
  costRowCheck,
  questionCells,
  questionCheck,
} from './questions.js'
import {HEADERS, KIND_LABEL, type ItemKind, type RfiQuestion} from './rfi-model.js'
import {parseMark, validateAnswers, type AnswerRow, type ValidateInput} from './validate.js'

// The bundled spec: 機能IDs are read from it, never written here.
const spec = readSpecXml(
  readFileSync(resolve(import.meta.dirname, '../../specs/juki-6.0.xml'), 'utf8'),
  'juki-6.0.xml',
).doc!
const optional = spec.requirements.find((r) => r.class === 'optional')!
const set = buildQuestions({
  spec,
  municipalityKind: '一般市',
  fitgap: [
    // One customization mapped to an optional requirement (so it is 要) and one outside the standard.
    {verdict: 'option', requirementId: optional.id} as never,
    {
      verdict: 'outside',
      systemId: 'SYS-001',
      customizationId: 'C-1',
      system: '住民情報',
      name: '独自帳票',
      description: '独自の一覧を出力',
    } as never,
  ],
})

type Cells = Record<string, CellValue>

/** Rows as an exported workbook holds them: question cells, check value, and the answers given. */
function rowsOf(
  kind: ItemKind,
  questions: readonly RfiQuestion[],
  answer: (q: RfiQuestion) => Cells,
): Cells[] {
  return questions.map((q) => {
    const cells: Cells = {}
    QUESTION_HEADERS[kind].forEach((h, i) => (cells[h] = questionCells(q)[i]!))
    cells[HEADERS.check] = questionCheck(q)
    return {...cells, ...answer(q)}
  })
}

function sheet(name: string, rows: readonly Cells[]): {where: string; rows: AnswerRow[]} {
  return {
    where: `t.xlsx › ${name}`,
    rows: rows.map((values, i) => ({
      row: i + 5,
      values,
      ref: (h: string) => `t.xlsx › ${name}!${h}${i + 5}`,
    })),
  }
}

const good = (q: RfiQuestion): Cells =>
  q.kind === 'outside'
    ? {[HEADERS.method]: '独自施策システム', [HEADERS.cost]: 1200}
    : {[HEADERS.mark]: q.class === 'prohibited' ? '×' : '○', [HEADERS.method]: '標準'}

function costRows(edit: (item: string) => Cells = () => ({})): Cells[] {
  return COST_ROWS.map((r) => ({
    [HEADERS.costGroup]: r.group,
    [HEADERS.costItem]: r.item,
    [HEADERS.costHelp]: r.help,
    [HEADERS.check]: costRowCheck(r),
    ...(r.entry === 'one-time' ? {[HEADERS.initial]: 1000} : {}),
    ...(r.entry === 'annual' ? Object.fromEntries([1, 2, 3, 4, 5].map((y) => [HEADERS.year(y), 500])) : {}),
    ...edit(r.item),
  }))
}

function input(
  over: Partial<Record<ItemKind | 'costs', Cells[]>> = {},
  answer: (q: RfiQuestion) => Cells = good,
): ValidateInput {
  const control = (qs: readonly RfiQuestion[]) => qs.map((q) => ({key: q.id, check: questionCheck(q)}))
  return {
    business: spec.business,
    specVersion: spec.version,
    spec: {
      functions: new Map(set.functions.map((q) => [q.id, q])),
      forms: new Map(set.forms.map((q) => [q.id, q])),
    },
    businessOfId: (id) => (id.startsWith('999') ? '介護保険' : undefined),
    control: {
      function: control(set.functions),
      form: control(set.forms),
      outside: control(set.outside),
      costs: COST_ROWS.map((r) => ({key: r.item, check: costRowCheck(r)})),
    },
    sheets: {
      function: sheet(KIND_LABEL.function, over.function ?? rowsOf('function', set.functions, answer)),
      form: sheet(KIND_LABEL.form, over.form ?? rowsOf('form', set.forms, answer)),
      outside: sheet(KIND_LABEL.outside, over.outside ?? rowsOf('outside', set.outside, answer)),
      costs: sheet('費用', over.costs ?? costRows()),
    },
  }
}

const functionRows = (edit: (cells: Cells, i: number) => Cells | null): Cells[] =>
  rowsOf('function', set.functions, good)
    .map((c, i) => edit(c, i))
    .filter((c): c is Cells => c !== null)

describe('validateAnswers', () => {
  it('accepts a clean answer: no issue, no finding, every question answered', () => {
    const out = validateAnswers(input())
    expect(out.issues).toEqual([])
    expect(out.findings).toEqual([])
    expect(out.answers).toHaveLength(set.functions.length + set.forms.length + set.outside.length)
    expect(out.blank).toEqual({function: 0, form: 0, outside: 0, costs: 0})
    expect(out.costs.find((c) => c.item === 'データ移行')!.amounts).toEqual([1_000_000])
  })

  it('rejects an answer not in the list, and reads the usual look-alikes', () => {
    expect(['〇', '◯', 'ｘ', '✕', '△'].map(parseMark)).toEqual(['○', '○', '×', '×', '△'])
    const out = validateAnswers(
      input({function: functionRows((c, i) => (i === 2 ? {...c, [HEADERS.mark]: '◎'} : c))}),
    )
    expect(out.issues).toEqual([
      expect.objectContaining({code: 'INVALID_ANSWER', where: `t.xlsx › 機能要件!${HEADERS.mark}7`}),
    ])
  })

  it('rejects a 対応方法 not in the list', () => {
    const out = validateAnswers(
      input({function: functionRows((c, i) => (i === 0 ? {...c, [HEADERS.method]: '相談'} : c))}),
    )
    expect(out.issues.map((i) => i.code)).toEqual(['INVALID_METHOD'])
  })

  it('rejects a cost that is not a number (row and cost sheet); a blank cost is no error', () => {
    const out = validateAnswers(
      input({
        function: functionRows((c, i) =>
          i === 1 ? {...c, [HEADERS.cost]: '別途見積'} : i === 2 ? {...c, [HEADERS.cost]: null} : c,
        ),
        costs: costRows((item): Cells => (item === '研修' ? {[HEADERS.initial]: '応相談'} : {})),
      }),
    )
    expect(out.issues.map((i) => [i.code, i.where])).toEqual([
      ['INVALID_COST', `t.xlsx › 機能要件!${HEADERS.cost}6`],
      ['INVALID_COST', expect.stringContaining(`費用!${HEADERS.initial}`)],
    ])
  })

  it('names the altered question cell (要件 edited)', () => {
    const out = validateAnswers(
      input({
        function: functionRows((c, i) =>
          i === 3 ? {...c, [HEADERS.text]: `${String(c[HEADERS.text])}（改）`} : c,
        ),
      }),
    )
    expect(out.issues).toEqual([
      expect.objectContaining({
        code: 'QUESTION_ALTERED',
        where: `t.xlsx › 機能要件!${HEADERS.text}8`,
        field: HEADERS.text,
      }),
    ])
  })

  it('catches 本市の要否 changed by the vendor (part of the question)', () => {
    const out = validateAnswers(
      input({function: functionRows((c, i) => (i === 0 ? {...c, [HEADERS.need]: '任意'} : c))}),
    )
    expect(out.issues.map((i) => i.code)).toEqual(['QUESTION_ALTERED'])
  })

  it('catches an altered 機能ID, naming another 業務 when the ID is one of its', () => {
    const out = validateAnswers(
      input({
        function: functionRows((c, i) =>
          i === 0
            ? {...c, [HEADERS.functionId]: '9990001'}
            : i === 1
              ? {...c, [HEADERS.functionId]: `${String(c[HEADERS.functionId])}0`}
              : c,
        ),
      }),
    )
    expect(out.issues.map((i) => i.code)).toEqual(['ID_ALTERED', 'ID_ALTERED', 'ROWS_DELETED'])
    expect(out.issues[0]!.message).toContain('介護保険')
  })

  it('catches deleted and added rows', () => {
    const deleted = validateAnswers(input({function: functionRows((c, i) => (i === 5 ? null : c))}))
    expect(deleted.issues).toEqual([
      expect.objectContaining({
        code: 'ROWS_DELETED',
        where: 't.xlsx › 機能要件',
        message: expect.stringContaining(set.functions[5]!.id),
      }),
    ])
    const rows = functionRows((c) => c)
    const added = validateAnswers(
      input({function: [...rows, {...rows[0]!}, {[HEADERS.name]: '追加した機能'}]}),
    )
    expect(added.issues.map((i) => i.code)).toEqual(['ROW_ADDED', 'ROW_ADDED'])
    const costs = validateAnswers(input({costs: costRows().filter((r) => r[HEADERS.costItem] !== '研修')}))
    expect(costs.issues.map((i) => i.code)).toEqual(['ROWS_DELETED'])
  })

  it('catches a 独自要件 question edited (no spec to compare: the check value tells)', () => {
    const outside = rowsOf('outside', set.outside, good).map((c) => ({
      ...c,
      [HEADERS.description]: '書き換え',
    }))
    const out = validateAnswers(input({outside}))
    expect(out.issues.map((i) => i.code)).toEqual(['QUESTION_ALTERED'])
  })

  it('keeps findings as warnings: mandatory △/×, prohibited ○, needed option ×, blanks counted', () => {
    const mandatory = set.functions.find((q) => q.class === 'mandatory')!
    const prohibited = set.functions.find((q) => q.class === 'prohibited')!
    const out = validateAnswers(
      input({}, (q) => {
        if (q.id === mandatory.id) return {[HEADERS.mark]: '△', [HEADERS.method]: 'カスタマイズ'}
        if (q.id === prohibited.id) return {[HEADERS.mark]: '○'}
        if (q.id === optional.id) return {[HEADERS.mark]: '×'}
        if (q.kind === 'form') return {}
        return good(q)
      }),
    )
    expect(out.issues).toEqual([])
    expect(out.findings.map((f) => f.code).sort()).toEqual([
      'MANDATORY_NOT_MET',
      'NEEDED_OPTION_MISSING',
      'PROHIBITED_OFFERED',
    ])
    expect(out.blank.form).toBe(set.forms.length)
  })

  it('flags dollars without a rate and rejects an unknown unit', () => {
    const usd = validateAnswers(
      input({
        costs: costRows((item): Cells =>
          item === 'ガバメントクラウド利用料' ? {[HEADERS.unit]: '千ドル'} : {},
        ),
      }),
    )
    expect(usd.findings.map((f) => f.code)).toEqual(['FX_MISSING'])
    expect(usd.costs.find((c) => c.item === 'ガバメントクラウド利用料')!.currency).toBe('USD')
    const bad = validateAnswers(
      input({
        costs: costRows((item): Cells =>
          item === 'ガバメントクラウド利用料' ? {[HEADERS.unit]: 'ユーロ'} : {},
        ),
      }),
    )
    expect(bad.issues.map((i) => i.code)).toEqual(['INVALID_UNIT'])
  })
})
