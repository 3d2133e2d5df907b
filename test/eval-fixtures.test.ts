import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {z} from 'zod'
import {KAIGO_CHAPTERS} from '../scripts/eval/kaigo-official.data.js'
import {KOKUHO_CHAPTERS, KOKUHO_META} from '../scripts/eval/kokuho-official.data.js'
import {renderKaigoSpec, renderSpec} from '../scripts/eval/render-spec.js'
import {findBusiness} from '../src/catalog/catalog.js'
import {importSpecs} from '../src/standard/spec-import.service.js'
import {readSpecXml} from '../src/standard/spec-xml.js'
import {makeTempDir, ROOT} from './helpers.js'

/**
 * The independent evaluation sets (test/fixtures/eval/README.md) are data other
 * work relies on: each spec must import cleanly in the official style's shape
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

type Range = readonly [min: number, max: number]
interface EvalSetShape {
  readonly title: string
  readonly base: string
  readonly business: string
  readonly render: () => string
  readonly minRows: number
  readonly optionalRows: Range
  readonly prohibitedRows: Range
  readonly minItems: number
  readonly outsideItems: Range
  readonly prohibitedItems: Range
  /** At least this many 機能名称 groups hold rows of more than one 実装区分 (the sibling traps). */
  readonly minMixedGroups: number
}

const SETS: readonly EvalSetShape[] = [
  {
    title: '介護保険 official style',
    base: 'kaigo-official',
    business: '介護保険',
    render: () => renderKaigoSpec(KAIGO_CHAPTERS).xml,
    minRows: 400,
    optionalRows: [0.15, 0.2],
    prohibitedRows: [0.05, 0.08],
    minItems: 150,
    outsideItems: [0.15, 0.25],
    prohibitedItems: [0.08, 0.12],
    minMixedGroups: 60,
  },
  {
    title: '国民健康保険 official style (fresh)',
    base: 'kokuho-official',
    business: '国民健康保険',
    render: () => renderSpec(KOKUHO_CHAPTERS, KOKUHO_META).xml,
    minRows: 420,
    optionalRows: [0.18, 0.24],
    prohibitedRows: [0.06, 0.09],
    minItems: 230,
    outsideItems: [0.1, 0.15],
    prohibitedItems: [0.08, 0.12],
    minMixedGroups: 60,
  },
]

function within(x: number, [min, max]: Range): void {
  expect(x).toBeGreaterThanOrEqual(min)
  expect(x).toBeLessThanOrEqual(max)
}

describe.each(SETS)('independent eval set: $title', (set) => {
  const xmlFile = `${set.base}.xml`
  const xml = readFileSync(join(DIR, xmlFile), 'utf8')
  const spec = readSpecXml(xml, xmlFile)
  const items = ItemsSchema.parse(JSON.parse(readFileSync(join(DIR, `${set.base}.json`), 'utf8')))

  it('is the file the generator writes', () => {
    expect(set.render()).toBe(xml)
  })

  it(`imports without issues or warnings, ≥ ${set.minRows} rows in the official shape, numbered by the national 業務ID`, () => {
    expect(spec.issues).toEqual([])
    expect(spec.warnings).toEqual([])
    const reqs = spec.doc!.requirements
    expect(reqs.length).toBeGreaterThanOrEqual(set.minRows)
    expect(reqs.every((r) => r.id.startsWith(findBusiness(set.business)!.code))).toBe(true)
    expect(reqs.filter((r) => !r.text.endsWith('こと。'))).toEqual([])
    expect(reqs.filter((r) => r.path.length < 2)).toEqual([])
    const share = (c: string): number => reqs.filter((r) => r.class === c).length / reqs.length
    within(share('optional'), set.optionalRows)
    within(share('prohibited'), set.prohibitedRows)
    const classesByGroup = new Map<string, Set<string>>()
    for (const r of reqs) {
      const key = `${r.path.join('/')}|${r.name}`
      classesByGroup.set(key, (classesByGroup.get(key) ?? new Set()).add(r.class))
    }
    expect([...classesByGroup.values()].filter((s) => s.size > 1).length).toBeGreaterThanOrEqual(
      set.minMixedGroups,
    )
  })

  it('goes through the real spec import (dry run) as the named 業務 with no warnings', async () => {
    const {dir, cleanup} = makeTempDir()
    try {
      const r = await importSpecs({dbPath: join(dir, 'eval.db'), path: join(DIR, xmlFile), dryRun: true})
      expect(r.warnings).toEqual([])
      expect(r.imported).toHaveLength(1)
      expect(r.imported[0]).toMatchObject({
        business: set.business,
        businessId: findBusiness(set.business)!.id,
        requirements: spec.doc!.requirements.length,
      })
    } finally {
      cleanup()
    }
  })

  it(`labels ≥ ${set.minItems} customizations, unique ids, every expected 機能ID exists, outside and prohibited shares as documented`, () => {
    const classOf = new Map(spec.doc!.requirements.map((r) => [r.id, r.class]))
    expect(items.length).toBeGreaterThanOrEqual(set.minItems)
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length)
    expect(items.flatMap((i) => i.expected.filter((id) => !classOf.has(id)))).toEqual([])
    expect(items.filter((i) => new Set(i.expected).size !== i.expected.length)).toEqual([])
    // One 実装区分 per item, so the expected verdict is never ambiguous.
    expect(items.filter((i) => new Set(i.expected.map((id) => classOf.get(id))).size > 1)).toEqual([])
    const outside = items.filter((i) => i.expected.length === 0).length / items.length
    const prohibited =
      items.filter((i) => classOf.get(i.expected[0] ?? '') === 'prohibited').length / items.length
    within(outside, set.outsideItems)
    within(prohibited, set.prohibitedItems)
  })
})
