import {describe, expect, it} from 'vitest'
import {DEFAULT_MATCHER_CONFIG} from '../src/fitgap/matcher.js'
import {
  extractRequirementFeatures,
  plainFeatures,
  synonymTable,
  vocabFeatures,
} from '../src/fitgap/requirement-features.js'
import type {Requirement} from '../src/standard/spec.schema.js'

// The CSR term lists grow in place (typed arrays doubled on demand): past their first capacity
// (1,024 documents, 16,384 postings) every document must still carry exactly its own features.
describe('requirement feature lists', () => {
  const kanji = (n: number): string =>
    [...String(n).padStart(5, '0')].map((d) => String.fromCharCode(0x4e00 + Number(d) * 7 + n)).join('')
  // 12 pseudo-random kanji per requirement: ~25,000 distinct bigrams, past the id table's first capacity.
  const noise = (i: number): string =>
    Array.from({length: 12}, (_, k) => String.fromCharCode(0x4e00 + ((i * 7919 + k * 104_729) % 5000))).join(
      '',
    )
  const requirements: Requirement[] = Array.from({length: 2500}, (_, i) => ({
    id: `001${String(i + 1).padStart(4, '0')}`,
    path: ['住民記録', `異動${i % 17}`, `区分${kanji(i)}`],
    name: `${kanji(i * 3)}の登録`,
    text: `${kanji(i)}を${kanji(i + 1)}と${noise(i)}を照合し、住民票の写しを交付できること。CSV${i % 5}で出力できること。`,
    class: 'mandatory',
    variants: [],
    note: i % 3 === 0 ? `備考${kanji(i * 5)}` : null,
  }))

  it('hold every document’s own vocabulary and plain terms, with shared ids in first-seen order', () => {
    const f = extractRequirementFeatures(requirements, DEFAULT_MATCHER_CONFIG)
    expect(f.docs).toBe(requirements.length)
    expect(f.vocab.start.length).toBe(requirements.length + 1)
    expect(f.vocab.term.length).toBeGreaterThan(16_384)
    expect(new Set(f.terms).size).toBe(f.terms.length)
    expect(f.terms.filter((t) => t.startsWith('p:')).length).toBeGreaterThan(20_000)
    const table = synonymTable(DEFAULT_MATCHER_CONFIG.synonyms)
    const listed = (lists: typeof f.vocab, d: number): [string, number][] => {
      const out: [string, number][] = []
      for (let k = lists.start[d]!; k < lists.start[d + 1]!; k++)
        out.push([f.terms[lists.term[k]!]!, lists.tf[k]!])
      return out
    }
    const f32 = (x: number): number => Math.fround(x)
    for (const d of [0, 1, 1023, 1024, 1500, 2499]) {
      const req = requirements[d]!
      expect(listed(f.vocab, d)).toEqual(
        [...vocabFeatures(req, DEFAULT_MATCHER_CONFIG, table)].map(([t, n]) => [t, f32(n)]),
      )
      expect(listed(f.plain, d)).toEqual([...plainFeatures(req)].map(([t, n]) => [`p:${t}`, f32(n)]))
    }
    // First-seen order: the first document's terms take the first ids, vocabulary before plain.
    expect(f.vocab.term[0]).toBe(0)
    expect(f.plain.term[0]).toBe(f.vocab.start[1])
  })
})
