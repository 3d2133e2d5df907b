import {describe, expect, it} from 'vitest'
import type {Requirement, SpecDocument} from './spec.schema.js'
import {diffSpecs, wordDiff} from './spec-diff.js'

function req(
  id: string,
  text: string,
  cls: Requirement['class'] = 'mandatory',
  name = `機能${id}`,
): Requirement {
  return {id, path: ['大項目'], name, text, class: cls, variants: [], note: null}
}
function spec(version: string, requirements: Requirement[]): SpecDocument {
  return {
    businessId: 'juki',
    business: '住民基本台帳',
    version,
    published: '2024-03-29',
    effective: null,
    title: '住民記録システム標準仕様書',
    requirements,
    forms: [],
  }
}

describe('wordDiff', () => {
  it('diffs Japanese by words, not single characters', () => {
    const parts = wordDiff(
      '住民票の記載事項を登録し、管理できること。',
      '住民票の記載事項を登録し、履歴を含めて管理できること。',
    )
    expect(parts).toEqual([
      {kind: 'equal', text: '住民票の記載事項を登録し、'},
      {kind: 'added', text: '履歴を含めて'},
      {kind: 'equal', text: '管理できること。'},
    ])
  })

  it('marks a replaced word as removed then added', () => {
    const parts = wordDiff('世帯主の氏名を表示できること。', '世帯主の住所を表示できること。')
    expect(parts.filter((p) => p.kind !== 'equal').map((p) => [p.kind, p.text])).toEqual([
      ['removed', '氏名'],
      ['added', '住所'],
    ])
  })

  it('rebuilds both texts from the parts', () => {
    const a = '転出証明書を発行できること。\n特例転出にも対応すること。'
    const b = '転出証明書情報を送信できること。\n特例転出にも対応すること。'
    const parts = wordDiff(a, b)
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(a)
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(b)
  })
})

describe('diffSpecs', () => {
  const from = spec('5.0', [
    req('0010001', '住民票を作成できること。'),
    req('0010002', '世帯を管理できること。', 'optional'),
    req('0010003', '旧機能であること。', 'optional'),
    req('0010004', '変わらない要件。'),
  ])
  const to = spec('6.0', [
    req('0010001', '住民票を電子的に作成できること。'),
    req('0010002', '世帯を管理できること。', 'mandatory'),
    req('0010004', '変わらない要件。'),
    req('0010005', '新機能であること。', 'prohibited'),
  ])
  const d = diffSpecs(from, to)

  it.each([
    ['added', ['0010005']],
    ['removed', ['0010003']],
    ['changed', ['0010001']],
    ['reclassified', ['0010002']],
  ] as const)('%s = %j', (key, ids) => {
    expect(d[key].map((x) => x.id)).toEqual(ids)
  })

  it('reports the class change and the counts', () => {
    expect(d.reclassified[0]).toMatchObject({fromClass: 'optional', toClass: 'mandatory'})
    expect(d.summary).toEqual({added: 1, removed: 1, changed: 1, reclassified: 1, unchanged: 1})
    expect(d.changed[0]).toMatchObject({
      before: '住民票を作成できること。',
      after: '住民票を電子的に作成できること。',
      nameBefore: null,
    })
  })

  it('counts a rename as a change with the old name', () => {
    const r = diffSpecs(
      spec('1.0', [req('0010001', 'x', 'mandatory', '旧名')]),
      spec('2.0', [req('0010001', 'x', 'mandatory', '新名')]),
    )
    expect(r.changed).toEqual([
      expect.objectContaining({
        id: '0010001',
        name: '新名',
        nameBefore: '旧名',
        wordDiff: [{kind: 'equal', text: 'x'}],
      }),
    ])
  })

  it('finds nothing between identical versions', () => {
    const r = diffSpecs(from, {...from, version: '5.1'})
    expect([r.added, r.removed, r.changed, r.reclassified].every((a) => a.length === 0)).toBe(true)
  })
})
