import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {z} from 'zod'
import {KAIGO_CHAPTERS} from '../scripts/eval/kaigo-official.data.js'
import {renderKaigoSpec} from '../scripts/eval/render-spec.js'
import {findBusiness} from '../src/catalog/catalog.js'
import {readSpecXml} from '../src/standard/spec-xml.js'
import {ROOT} from './helpers.js'

/**
 * The independent evaluation set (test/fixtures/eval/README.md) is data other
 * work relies on: the spec must import cleanly in the official style's shape
 * and every label must name a row that exists. The matcher is not run here.
 */
const DIR = join(ROOT, 'test', 'fixtures', 'eval')
const ItemsSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string().min(1),
    description: z.string().min(1),
    expected: z.array(z.string()),
  }),
)

describe('independent eval set: 介護保険 official style', () => {
  const xml = readFileSync(join(DIR, 'kaigo-official.xml'), 'utf8')
  const spec = readSpecXml(xml, 'kaigo-official.xml')
  const items = ItemsSchema.parse(JSON.parse(readFileSync(join(DIR, 'kaigo-official.json'), 'utf8')))

  it('is the file the generator writes', () => {
    expect(renderKaigoSpec(KAIGO_CHAPTERS).xml).toBe(xml)
  })

  it('imports without issues or warnings, ≥ 400 rows in the official shape, numbered by the national 業務ID', () => {
    expect(spec.issues).toEqual([])
    expect(spec.warnings).toEqual([])
    const reqs = spec.doc!.requirements
    expect(reqs.length).toBeGreaterThanOrEqual(400)
    expect(reqs.every((r) => r.id.startsWith(findBusiness('介護保険')!.code))).toBe(true)
    expect(reqs.filter((r) => !r.text.endsWith('こと。'))).toEqual([])
    expect(reqs.filter((r) => r.path.length < 2)).toEqual([])
    const share = (c: string): number => reqs.filter((r) => r.class === c).length / reqs.length
    expect(share('optional')).toBeGreaterThanOrEqual(0.15)
    expect(share('optional')).toBeLessThanOrEqual(0.2)
    expect(share('prohibited')).toBeGreaterThanOrEqual(0.05)
    expect(share('prohibited')).toBeLessThanOrEqual(0.08)
  })

  it('labels ≥ 150 customizations, unique ids, every expected 機能ID exists, ~20 % outside, ~10 % at prohibited rows', () => {
    const classOf = new Map(spec.doc!.requirements.map((r) => [r.id, r.class]))
    expect(items.length).toBeGreaterThanOrEqual(150)
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length)
    expect(items.flatMap((i) => i.expected.filter((id) => !classOf.has(id)))).toEqual([])
    // One 実装区分 per item, so the expected verdict is never ambiguous.
    expect(items.filter((i) => new Set(i.expected.map((id) => classOf.get(id))).size > 1)).toEqual([])
    const outside = items.filter((i) => i.expected.length === 0).length / items.length
    const prohibited =
      items.filter((i) => classOf.get(i.expected[0] ?? '') === 'prohibited').length / items.length
    expect(outside).toBeGreaterThanOrEqual(0.15)
    expect(outside).toBeLessThanOrEqual(0.25)
    expect(prohibited).toBeGreaterThanOrEqual(0.08)
    expect(prohibited).toBeLessThanOrEqual(0.12)
  })
})
