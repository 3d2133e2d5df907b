import {describe, expect, it} from 'vitest'
import {z} from 'zod'
import {contractFields, renderFieldTable, undocumentedFields} from './json-contract-doc.js'

const Sample = z.object({
  results: z.array(
    z.object({
      verdict: z.enum(['fit', 'outside']).describe('判定'),
      requirementId: z.string().nullable(),
      reasons: z.array(z.string()).optional(),
      candidates: z.array(z.object({id: z.string(), score: z.number()})),
    }),
  ),
  months: z.record(z.string(), z.array(z.number().int())),
  pairs: z.array(z.tuple([z.string(), z.string()])),
  cutover: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .nullable(),
  code: z.string().regex(/^\d{6}$/),
  output: z.string().nullable(),
  spec: z.object({name: z.string()}).nullable().optional(),
})

describe('contractFields', () => {
  it('lists nested fields by dotted path with type, optionality and descriptions', () => {
    const rows = contractFields(Sample, {results: '結果', output: '出力先'})
    expect(rows.map((r) => [r.path, r.type, r.optional, r.description])).toEqual([
      ['results', 'object[]', false, '結果'],
      ['results[].verdict', '"fit" | "outside"', false, '判定'],
      ['results[].requirementId', 'string | null', false, ''],
      ['results[].reasons', 'string[]', true, ''],
      ['results[].candidates', 'object[]', false, ''],
      ['results[].candidates[].id', 'string', false, ''],
      ['results[].candidates[].score', 'number', false, ''],
      ['months', '{[キー]: integer[]}', false, ''],
      ['pairs', '[string, string][]', false, ''],
      ['cutover', 'string（YYYY-MM） | null', false, ''],
      ['code', 'string（数字 6 桁）', false, ''],
      ['output', 'string | null', false, '出力先'],
      ['spec', 'object | null', true, ''],
      ['spec.name', 'string', false, ''],
    ])
  })

  it('falls back to the glossary by field name, after the top-level text and the schema description', () => {
    const schema = z.object({
      business: z.string(),
      rows: z.array(z.object({business: z.string(), verdict: z.string().describe('判定')})),
    })
    const rows = contractFields(
      schema,
      {business: '対象の業務'},
      {business: '業務の正式名称', verdict: '使わない'},
    )
    expect(rows.map((r) => [r.path, r.description])).toEqual([
      ['business', '対象の業務'],
      ['rows', ''],
      ['rows[].business', '業務の正式名称'],
      ['rows[].verdict', '判定'],
    ])
  })

  it('renders a Markdown table with the pipes of union types escaped', () => {
    const table = renderFieldTable(contractFields(z.object({a: z.string().nullable().optional()})))
    expect(table).toEqual([
      '| フィールド | 型 | 省略 | 説明 |',
      '|---|---|---|---|',
      '| `a` | string \\| null | あり |  |',
    ])
  })
})

describe('undocumentedFields', () => {
  const ok = {
    results: [{verdict: 'fit', requirementId: null, candidates: [{id: 'x', score: 1}]}],
    months: {住民基本台帳: [3, 4]},
    pairs: [['a', 'b']],
    cutover: null,
    code: '012345',
    output: null,
  }

  it('accepts a document that has only declared fields (record keys are free)', () => {
    expect(Sample.parse(ok)).toBeTruthy()
    expect(undocumentedFields(Sample, ok)).toEqual([])
  })

  it('names every field the schema does not declare, at any depth (zod parse alone drops them silently)', () => {
    const extra = {
      ...ok,
      extra: 1,
      results: [{...ok.results[0], candidates: [{id: 'x', score: 1, rank: 2}]}],
      spec: {name: 'n', version: '1.0'},
    }
    expect(Sample.parse(extra)).toBeTruthy()
    expect(undocumentedFields(Sample, extra)).toEqual([
      '$.results[0].candidates[0].rank',
      '$.extra',
      '$.spec.version',
    ])
  })
})
