import type {Db} from '../db/database.js'
import type {Municipality, MunicipalityKind} from './municipality.schema.js'

interface Row {
  name: string
  code: string
  prefecture: string
  population: number | null
  kind: string
}

export function getMunicipality(db: Db): Municipality | undefined {
  const row = db
    .prepare('SELECT name, code, prefecture, population, kind FROM municipality WHERE id = 1')
    .get() as Row | undefined
  return row ? {...row, kind: row.kind as MunicipalityKind} : undefined
}

export function saveMunicipality(db: Db, m: Municipality, now: string): void {
  db.prepare(
    `INSERT INTO municipality (id, name, code, prefecture, population, kind, updated_at)
     VALUES (1, @name, @code, @prefecture, @population, @kind, @now)
     ON CONFLICT (id) DO UPDATE SET name = @name, code = @code, prefecture = @prefecture,
       population = @population, kind = @kind, updated_at = @now`,
  ).run({...m, now})
}

/** What a database holds for its municipality (what changing the 団体コード would relabel). */
export interface HeldData {
  readonly systems: number
  readonly customizations: number
  readonly reviews: number
}

export function countHeldData(db: Db): HeldData {
  const count = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
  return {
    systems: count('inventory_system'),
    customizations: count('customization'),
    reviews: count('fitgap_review'),
  }
}
