import {describe, expect, it} from 'vitest'
import type {CellValue} from '../sources/grid.js'
import {customizationId, parseRequirementId} from './customization-rows.js'
import {diffRecords} from './diff.js'
import {splitLinks} from './system-rows.js'

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
