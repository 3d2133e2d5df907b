import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadEvalItems, loadEvalSpec} from '../scripts/fitgap-eval.js'
import {withDatabase} from '../src/db/database.js'
import {prepareAnalyzer} from '../src/fitgap/fitgap.service.js'
import {buildRequirementIndex, matchCustomization, rankRequirements} from '../src/fitgap/matcher.js'
import {KUROMOJI_ANALYZER_ID, loadMorphAnalyzer} from '../src/fitgap/morph-analyzer.js'
import type {TokenAnalyzer} from '../src/fitgap/morph-tokens.js'
import {importCustomizations, importInventory} from '../src/inventory/inventory-import.service.js'
import {importSpecs} from '../src/standard/spec-import.service.js'
import {makeTempDir, ROOT} from './helpers.js'

// The third scorer: BM25 over morphological content words (kuromoji + IPADIC from its npm package).
describe('morphological-token scorer', () => {
  let analyzer: TokenAnalyzer
  beforeAll(async () => {
    analyzer = await loadMorphAnalyzer()
  })

  it('analyzes text into content-word base forms, without particles or request boilerplate', () => {
    expect(analyzer.id).toBe(KUROMOJI_ANALYZER_ID)
    const words = analyzer.analyze('世帯主の氏名を並べ替えて表示できるようにしてほしい')
    expect(words.map((w) => w.base)).toEqual(['世帯', '主', '氏名', '並べる', '替える', '表示'])
    expect(analyzer.analyze('')).toEqual([])
  })

  const spec = loadEvalSpec('juki')
  const item = (id: string) => loadEvalItems('juki').find((i) => i.id === id)!

  it('ranks a requirement the character scorers miss first (住基 eval item E094)', () => {
    const e094 = item('E094')
    const expected = e094.expected as readonly string[]
    const withTokens = buildRequirementIndex(spec.requirements, {analyzer})
    const without = buildRequirementIndex(spec.requirements)
    expect(withTokens.token).not.toBeNull()
    expect(without.token).toBeNull()
    expect(rankRequirements(withTokens, e094).tokenFirst).not.toBeUndefined()
    expect(expected).toContain(matchCustomization(withTokens, e094).requirementId)
    expect(expected).not.toContain(matchCustomization(without, e094).requirementId)
  })

  it('flags scorers that disagree on the requirement only when their choices differ in 実装区分 (E001)', () => {
    const e001 = item('E001')
    const byClass = matchCustomization(buildRequirementIndex(spec.requirements, {analyzer}), e001)
    const byRow = matchCustomization(
      buildRequirementIndex(spec.requirements, {analyzer, config: {agreement: 'pair'}}),
      e001,
    )
    expect(byClass.verdict).toBe(byRow.verdict)
    expect(byRow.reviewReasons).toContain('disagreement')
    expect(byClass.reviewReasons).not.toContain('disagreement')
  })
})

describe('fitgap and the analyzer', () => {
  const tmp = makeTempDir()
  afterAll(tmp.cleanup)
  const dbPath = join(tmp.dir, 'h.db')

  it('is not loaded for specs imported with their token features, and is for specs without them', async () => {
    await importSpecs({dbPath, path: join(ROOT, 'specs')})
    await importInventory({dbPath, file: join(ROOT, 'inventory', 'systems.xlsx')})
    await importCustomizations({dbPath, file: join(ROOT, 'inventory', 'customizations.xlsx')})
    const ready = await withDatabase(dbPath, {write: false}, (db) => prepareAnalyzer(db, {}))
    expect(ready).toBeNull()
    // A version imported before migration 010: no token features, an older fingerprint.
    await withDatabase(dbPath, {write: true}, (db) => {
      db.prepare(
        `UPDATE spec_features SET token_start = NULL, analyzer_id = NULL, fingerprint = 'v1-old'`,
      ).run()
    })
    const loaded = await withDatabase(dbPath, {write: false}, (db) => prepareAnalyzer(db, {}))
    expect(loaded?.id).toBe(KUROMOJI_ANALYZER_ID)
    // …and none at all when the token scorer is switched off.
    const off = await withDatabase(dbPath, {write: false}, (db) =>
      prepareAnalyzer(db, {
        config: {fusion: {method: 'score', k: 60, depth: 30, vocab: 1, plain: 1, token: 0}},
      }),
    )
    expect(off).toBeNull()
  })
})
