import {describe, expect, it} from 'vitest'
import {writePrettyJson} from './json-out.js'

function written(value: unknown): {text: string; chunks: number} {
  const parts: string[] = []
  writePrettyJson(value, (t) => parts.push(t))
  return {text: parts.join(''), chunks: parts.length}
}

describe('writePrettyJson', () => {
  const cases: Record<string, unknown> = {
    'a flat object': {a: 1, b: 'x', c: null, d: true},
    'nested results like fitgap --json': {
      businesses: [
        {
          business: '住民基本台帳',
          lines: [
            {id: 'C1', candidates: [{id: '0010001', score: 0.5}], reasons: []},
            {id: 'C2', candidates: [], meta: {}, note: '改行\nと "引用" と \\ と \u2028'},
          ],
        },
      ],
      warnings: [],
      empty: {},
    },
    'undefined, functions and symbols as JSON.stringify treats them': {
      a: undefined,
      b: () => 1,
      c: Symbol('s'),
      list: [undefined, () => 1, Symbol('t'), 1],
      deep: {x: {y: {z: {w: undefined, v: [undefined]}}}},
    },
    'dates and toJSON at every level': {
      at: new Date(Date.UTC(2026, 11, 2)),
      list: [new Date(Date.UTC(2027, 0, 1)), {toJSON: (k: string) => `key:${k}`}],
      hidden: {toJSON: () => undefined},
    },
    'a top-level array': [1, [2, [3, [4, [5]]]], {a: [[]]}],
    'a scalar': 'テキスト',
    'a number edge': {nan: Number.NaN, inf: Number.POSITIVE_INFINITY, neg: -0},
  }
  for (const [name, value] of Object.entries(cases)) {
    it(`writes exactly what JSON.stringify(value, null, 2) gives: ${name}`, () => {
      expect(written(value).text).toBe(`${JSON.stringify(value, null, 2)}\n`)
    })
  }

  it('hands a large document over in many chunks, never as one string', () => {
    const lines = Array.from({length: 60_000}, (_, i) => ({id: `C${i}`, verdict: '適合', score: i / 60_000}))
    const {text, chunks} = written({lines})
    expect(text).toBe(`${JSON.stringify({lines}, null, 2)}\n`)
    expect(chunks).toBeGreaterThan(3)
  })
})
