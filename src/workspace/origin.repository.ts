import type {Db} from '../db/database.js'

/** Provenance marks (migration 009): the bundled sample city and the bundled (fictional) specs. */

export function markSampleInventory(db: Db, now: string): void {
  db.prepare('INSERT OR REPLACE INTO inventory_sample (id, marked_at) VALUES (1, ?)').run(now)
}

/** True when the inventory held is the bundled sample city (cleared by any real import). */
export function isSampleInventory(db: Db): boolean {
  return db.prepare('SELECT 1 FROM inventory_sample WHERE id = 1').get() !== undefined
}

export function markBundledSpec(db: Db, businessId: string, version: string): void {
  db.prepare(
    `INSERT OR IGNORE INTO spec_bundled (spec_version_id)
     SELECT id FROM spec_version WHERE business_id = ? AND version = ?`,
  ).run(businessId, version)
}

/** `businessId@version` of every spec version imported from the bundled specs/. */
export function bundledSpecKeys(db: Db): Set<string> {
  const rows = db
    .prepare(
      `SELECT v.business_id || '@' || v.version AS k FROM spec_bundled b JOIN spec_version v ON v.id = b.spec_version_id`,
    )
    .pluck()
    .all() as string[]
  return new Set(rows)
}

/** What the database holds, for deciding whether `hyojun run` may load the sample. */
export function heldInventory(db: Db): {readonly systems: number; readonly customizations: number} {
  return {
    systems: db.prepare('SELECT count(*) FROM inventory_system').pluck().get() as number,
    customizations: db.prepare('SELECT count(*) FROM customization').pluck().get() as number,
  }
}
