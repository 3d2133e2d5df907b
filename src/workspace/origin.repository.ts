import type {Db} from '../db/database.js'
import type {DataOrigin} from '../reports/data-notice.js'

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

/**
 * Where the data held came from, for reports built from the database as a whole (cost, roadmap, summary):
 * the inventory is the bundled sample city, and the latest version of some 業務's spec is a bundled one.
 */
export function storedDataOrigin(db: Db): DataOrigin {
  const bundledLatest = db
    .prepare(
      `SELECT 1 FROM spec_bundled b JOIN spec_version v ON v.id = b.spec_version_id
        WHERE NOT EXISTS (
          SELECT 1 FROM spec_version n
           WHERE n.business_id = v.business_id
             AND (n.version_major > v.version_major
                  OR (n.version_major = v.version_major AND n.version_minor > v.version_minor)))
        LIMIT 1`,
    )
    .get()
  return {sample: isSampleInventory(db), bundledSpecs: bundledLatest !== undefined}
}
