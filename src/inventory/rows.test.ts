import {describe, expect, it} from 'vitest'
import type {CellValue} from '../sources/grid.js'
import type {TableRecord} from '../sources/table.js'
import {customizationId, parseRequirementId} from './customization-rows.js'
import {diffRecords} from './diff.js'
import {classifyRow, skipWarnings} from './rows.js'
import {splitLinks} from './system-rows.js'

function rec(values: Record<string, CellValue>, extra: CellValue[] = []): TableRecord<string> {
  const texts = [...Object.values(values), ...extra].map((v) => (v === null ? '' : String(v)))
  return {row: 5, values, ref: () => 'x', blank: false, texts}
}

describe('classifyRow', () => {
  it.each<[Record<string, CellValue>, CellValue[], string]>([
    [{id: 'SYS-1', name: '住民情報システム', cost: 100}, [], 'data'],
    [{id: null, name: '合計', cost: 318150}, [], 'total'],
    [{id: '合計', name: null, cost: 318150}, [], 'total'],
    [{id: null, name: '小計（税務）', cost: 1}, [], 'total'],
    [{id: null, name: null, cost: 1}, ['合 計'], 'total'],
    [{id: '※金額は税込', name: null, cost: null}, [], 'note'],
    [{id: null, name: '※ 令和8年4月1日現在', cost: null}, [], 'note'],
    [{id: '（注）', name: null, cost: null}, ['（注）契約は単年度'], 'note'],
    [{id: '12', name: null, cost: null}, [], 'blank'],
    [{id: null, name: '　', cost: ''}, [], 'blank'],
    [{id: null, name: '（記入例）住民情報システム', cost: 1}, [], 'example'],
    [{id: null, name: '住民情報システム', cost: 1}, ['※備考あり'], 'data'],
  ])('%j → %s', (values, extra, kind) => {
    expect(classifyRow(rec(values, extra), 'name', ['id'])).toBe(kind)
  })
})

describe('skipWarnings', () => {
  it('summarizes blank rows inside the table and ignores trailing ones', () => {
    const r = skipWarnings(
      [
        {row: 7, kind: 'blank'},
        {row: 9, kind: 'blank'},
        {row: 20, kind: 'total'},
        {row: 21, kind: 'blank'},
      ],
      15,
      'a.xlsx › 台帳',
    )
    expect(r.warnings).toEqual([
      'a.xlsx › 台帳 20行目: 合計行のため取り込みませんでした',
      'a.xlsx › 台帳: 空白行を読み飛ばしました（7、9行目）',
    ])
    expect(r.count).toBe(3)
  })
})

describe('parseRequirementId', () => {
  it.each<[CellValue, string | null]>([
    ['0010001', '0010001'],
    [10001, '0010001'],
    ['10001', '0010001'],
    ['００１０００１', '0010001'],
    [null, null],
    ['', null],
  ])('%j → %j', (value, id) => {
    expect(parseRequirementId(value)).toEqual({ok: true, id})
  })
  it.each<[CellValue]>([['00100011'], ['001-0001x'], [1.5], ['機能1'], ['0010101、機能2']])(
    '%j is refused',
    (value) => {
      expect(parseRequirementId(value).ok).toBe(false)
    },
  )
  it.each<[CellValue, string, string[]]>([
    ['0010101、0010102', '0010101', ['0010102']],
    ['0010101,0010102\n0010103', '0010101', ['0010102', '0010103']],
    ['0010101 0010102', '0010101', ['0010102']],
    ['0010101・0010101', '0010101', []],
  ])('several IDs %j → first %s, others %j', (value, id, others) => {
    const r = parseRequirementId(value)
    expect(r).toMatchObject({ok: true, id})
    expect((r.ok && r.others) || []).toEqual(others)
  })
})

describe('customizationId', () => {
  it.each<[CellValue, string | null]>([
    [1, '1'],
    ['No.1', '1'],
    ['NO.12', '12'],
    ['Ｎｏ．３', '3'],
    ['No 4', '4'],
    ['#5', '5'],
    ['№6', '6'],
    ['A-01', 'A-01'],
    ['Note1', 'Note1'],
    ['No.', 'No.'],
    [null, null],
  ])('%j → %j', (value, id) => {
    expect(customizationId(value)).toBe(id)
  })
})

describe('splitLinks', () => {
  it('splits on 、 and line breaks but keeps ・ inside names', () => {
    expect(splitLinks('児童手当・児童扶養手当システム、住基ネットCS\n統合型GIS、住基ネットCS')).toEqual([
      '児童手当・児童扶養手当システム',
      '住基ネットCS',
      '統合型GIS',
    ])
    expect(splitLinks(null)).toEqual([])
  })
})

describe('diffRecords', () => {
  it('reports added, removed and changed records with the changed fields', () => {
    const before = [
      {id: 'a', cost: 1, tags: ['x']},
      {id: 'b', cost: 2, tags: []},
      {id: 'c', cost: 3, tags: []},
    ]
    const after = [
      {id: 'a', cost: 1, tags: ['x', 'y']},
      {id: 'c', cost: 3, tags: []},
      {id: 'd', cost: 4, tags: []},
    ]
    const d = diffRecords(before, after, (r) => r.id, [
      {field: 'cost', label: '金額'},
      {field: 'tags', label: 'タグ'},
    ])
    expect(d.added.map((r) => r.id)).toEqual(['d'])
    expect(d.removed.map((r) => r.id)).toEqual(['b'])
    expect(d.changed).toEqual([
      {
        before: before[0],
        after: after[0],
        fields: [{field: 'tags', label: 'タグ', before: ['x'], after: ['x', 'y']}],
      },
    ])
    expect(d.unchanged).toBe(1)
  })
})
