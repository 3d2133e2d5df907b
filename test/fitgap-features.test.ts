import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {withDatabase} from '../src/db/database.js'
import {analyzeBusiness} from '../src/fitgap/analyze.js'
import {loadRequirementFeatures} from '../src/fitgap/features.repository.js'
import {DEFAULT_MATCHER_CONFIG} from '../src/fitgap/matcher.js'
import {extractRequirementFeatures, featureFingerprint} from '../src/fitgap/requirement-features.js'
import {importSpecs} from '../src/standard/spec-import.service.js'
import {runFitgap} from '../src/fitgap/fitgap.service.js'
import {setUpWorkspace} from './fitgap-fixtures.js'
import {loadSpec} from '../src/standard/spec.repository.js'
import {makeTempDir, ROOT} from './helpers.js'

// Requirement features are computed at `specs import` and stored (migration 008); fitgap builds its
// index from them instead of re-tokenizing every requirement. They must give the same answers.
describe('stored requirement features', () => {
  const tmp = makeTempDir()
  afterAll(tmp.cleanup)
  const dbPath = join(tmp.dir, 'h.db')
  const items = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/fitgap-eval.json'), 'utf8')) as {
    id: string
    name: string
    description: string
  }[]

  it('are stored by specs import for every imported version, with the current fingerprint', async () => {
    await importSpecs({dbPath, path: join(ROOT, 'specs', 'juki-6.0.xml')})
    withDatabase(dbPath, {write: false}, (db) => {
      const spec = loadSpec(db, 'juki')!
      const stored = loadRequirementFeatures(db, 'juki', spec.version)!
      const fresh = extractRequirementFeatures(spec.requirements, DEFAULT_MATCHER_CONFIG)
      expect(stored.fingerprint).toBe(featureFingerprint(DEFAULT_MATCHER_CONFIG))
      expect(stored.docs).toBe(spec.requirements.length)
      expect(stored.terms).toEqual(fresh.terms)
      expect([...stored.vocab.term]).toEqual([...fresh.vocab.term])
      expect([...stored.plain.tf]).toEqual([...fresh.plain.tf])
      expect(stored.mentions).toEqual(fresh.mentions)
      // The word scorer's terms (migration 010).
      expect([...stored.tokens.term]).toEqual([...fresh.tokens.term])
      expect([...stored.tokens.tf]).toEqual([...fresh.tokens.tf])
      expect(stored.terms).toContain('t:転入')
      expect(loadRequirementFeatures(db, 'juki', '99.9')).toBeNull()
    })
  })

  it('give the same fit/gap lines as features computed on the fly', () => {
    withDatabase(dbPath, {write: false}, (db) => {
      const spec = loadSpec(db, 'juki')!
      const customizations = items.map((i) => ({
        id: i.id,
        systemId: 'S1',
        system: '住記',
        businessId: 'juki',
        business: '住民基本台帳',
        name: i.name,
        description: i.description,
        requirementId: null,
        annualCostYen: null,
      }))
      const run = (features: ReturnType<typeof loadRequirementFeatures>) =>
        analyzeBusiness({spec, customizations, reviews: new Map(), features}).lines
      const stored = run(loadRequirementFeatures(db, 'juki', spec.version))
      expect(stored).toEqual(run(null))
      expect(stored.some((l) => l.verdict === 'fit')).toBe(true)
    })
  })

  it('are ignored when their fingerprint does not match the configuration (synonyms changed)', () => {
    withDatabase(dbPath, {write: false}, (db) => {
      const spec = loadSpec(db, 'juki')!
      const stored = loadRequirementFeatures(db, 'juki', spec.version)!
      // Features of another synonym table, labelled as current: a wrong index if they were used.
      const other = extractRequirementFeatures(spec.requirements, {...DEFAULT_MATCHER_CONFIG, synonyms: []})
      const c = [
        {
          id: 'X1',
          systemId: 'S1',
          system: '住記',
          businessId: 'juki',
          business: '住民基本台帳',
          name: 'DV対象者のアラート',
          description: '証明書を出すときに警告を出す',
          requirementId: null,
          annualCostYen: null,
        },
      ]
      const run = (features: typeof stored | null) =>
        analyzeBusiness({spec, customizations: c, reviews: new Map(), features}).lines[0]
      expect(run(other)).toEqual(run(null))
      expect(run({...other, fingerprint: stored.fingerprint})).not.toEqual(run(null))
    })
  })
})

// A spec imported by an older hyojun carries features of an older fingerprint (or none, before
// migration 008): the first storing `fitgap` rebuilds and saves them, so later runs use them.
describe('stored requirement features from an older hyojun', () => {
  const tmp = makeTempDir()
  afterAll(tmp.cleanup)

  it('are rebuilt once and saved by a storing fitgap run, with the same results', async () => {
    const {db} = await setUpWorkspace(tmp.dir)
    const current = featureFingerprint(DEFAULT_MATCHER_CONFIG)
    const verdicts = (r: Awaited<ReturnType<typeof runFitgap>>) =>
      r.results.map((l) => [l.customizationId, l.verdict, l.candidates[0]?.requirementId ?? null])
    const before = verdicts(await runFitgap({dbPath: db}))
    const fingerprints = () =>
      withDatabase(db, {write: false}, (d) =>
        (d.prepare('SELECT fingerprint FROM spec_features').all() as {fingerprint: string}[]).map(
          (r) => r.fingerprint,
        ),
      )
    for (const tamper of [
      "UPDATE spec_features SET fingerprint = 'older-hyojun'",
      'DELETE FROM spec_features',
    ]) {
      withDatabase(db, {write: true}, (d) => d.exec(tamper))
      expect(fingerprints()).not.toEqual([current])
      expect(verdicts(await runFitgap({dbPath: db}))).toEqual(before)
      expect(fingerprints()).toEqual([current])
    }
  })
})
