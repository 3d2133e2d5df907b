import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BUSINESSES} from '../src/catalog/catalog.js'
import {openDatabase} from '../src/db/database.js'
import {listSpecVersions, loadSpec} from '../src/standard/spec.repository.js'
import {importSpecs} from '../src/standard/spec-import.service.js'
import {readSpecXml} from '../src/standard/spec-xml.js'
import {ROOT, makeTempDir} from './helpers.js'

const SPECS = join(ROOT, 'specs')
const files = readdirSync(SPECS).filter((f) => f.endsWith('.xml'))

describe('bundled specs/*.xml', () => {
  it.each(files)('%s is valid and named <業務ID>-<版>.xml', (file) => {
    const r = readSpecXml(readFileSync(join(SPECS, file), 'utf8'), file)
    expect(r.issues).toEqual([])
    expect(file).toBe(`${r.doc!.businessId}-${r.doc!.version}.xml`)
  })

  it.each(files)('%s has ≥60 requirements, 15–25%% optional, 5–10%% prohibited, ≥8 forms', (file) => {
    const doc = readSpecXml(readFileSync(join(SPECS, file), 'utf8'), file).doc!
    const n = doc.requirements.length
    const share = (c: string) => doc.requirements.filter((r) => r.class === c).length / n
    expect(n).toBeGreaterThanOrEqual(60)
    expect(share('optional')).toBeGreaterThanOrEqual(0.15)
    expect(share('optional')).toBeLessThanOrEqual(0.25)
    expect(share('prohibited')).toBeGreaterThanOrEqual(0.05)
    expect(share('prohibited')).toBeLessThanOrEqual(0.1)
    expect(doc.forms.length).toBeGreaterThanOrEqual(8)
  })

  describe('imported together', () => {
    const tmp = makeTempDir()
    const db = join(tmp.dir, 'hyojun.db')
    beforeAll(async () => {
      await importSpecs({dbPath: db, path: SPECS, now: '2026-01-01T00:00:00.000Z'})
    })
    afterAll(() => tmp.cleanup())

    it('covers all 20 業務', () => {
      const d = openDatabase(db)
      const present = new Set(listSpecVersions(d).map((v) => v.businessId))
      d.close()
      expect(BUSINESSES.filter((b) => !present.has(b.id)).map((b) => b.name)).toEqual([])
    })

    it('ships two versions of 住民基本台帳 (5.0, 6.0) and 介護保険 (3.0, 4.0), each revision a real change', () => {
      const d = openDatabase(db)
      const versions = (id: string) => listSpecVersions(d, id).map((v) => v.version)
      expect(versions('juki')).toEqual(['5.0', '6.0'])
      expect(versions('kaigo')).toEqual(['3.0', '4.0'])
      for (const [id, a, b] of [
        ['juki', '5.0', '6.0'],
        ['kaigo', '3.0', '4.0'],
      ] as const) {
        const older = loadSpec(d, id, a)!
        const newer = loadSpec(d, id, b)!
        expect(newer.published > older.published).toBe(true)
        const oldIds = new Set(older.requirements.map((r) => r.id))
        expect(newer.requirements.filter((r) => !oldIds.has(r.id)).length).toBeGreaterThan(0)
      }
      d.close()
    })
  })
})
