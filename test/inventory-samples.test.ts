import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {
  CustomizationImportResultSchema,
  CustomizationListResultSchema,
  InventoryImportResultSchema,
} from '../src/inventory/inventory.schema.js'
import {makeTempDir, parseJson, ROOT, runCli} from './helpers.js'

/** The bundled sample municipality (inventory/) must import cleanly: it is what `hyojun run` shows first. */
const DIR = join(ROOT, 'inventory')
const systemsFile = join(DIR, 'systems.xlsx')
const customizationFiles = existsSync(DIR)
  ? readdirSync(DIR).filter((f) => /^customizations.*\.(xlsx|csv)$/.test(f))
  : []

let tmp: {dir: string; cleanup: () => void}
let db: string
beforeEach(() => {
  tmp = makeTempDir('hyojun-samples-')
  db = join(tmp.dir, 'hyojun.db')
})
afterEach(() => tmp.cleanup())

describe('sample inventory', () => {
  it.skipIf(!existsSync(systemsFile))(
    'imports systems.xlsx and every customization list without issues',
    async () => {
      const r = await runCli(['inventory', 'import', systemsFile, '--db', db, '--json'])
      expect(r.exitCode, r.stdout).toBe(0)
      const inv = InventoryImportResultSchema.parse(parseJson(r.stdout))
      expect(inv.systems).toBeGreaterThan(0)
      let total = 0
      for (const f of customizationFiles) {
        const c = await runCli(['customizations', 'import', join(DIR, f), '--db', db, '--json'])
        expect(c.exitCode, `${f}: ${c.stdout}`).toBe(0)
        total += CustomizationImportResultSchema.parse(parseJson(c.stdout)).customizations
      }
      const list = CustomizationListResultSchema.parse(
        parseJson((await runCli(['customizations', 'list', '--db', db, '--json'])).stdout),
      )
      expect(list.customizations).toHaveLength(total)
      // Re-importing the same edition changes nothing.
      const again = InventoryImportResultSchema.parse(
        parseJson((await runCli(['inventory', 'import', systemsFile, '--db', db, '--json'])).stdout),
      )
      expect(again.changes).toEqual({added: [], removed: [], changed: []})
      expect(again.unchanged).toBe(inv.systems)
    },
  )
})
