import type {Db} from '../db/database.js'
import {
  AssumptionsSchema,
  RoadmapResultSchema,
  type Assumptions,
  type RoadmapResult,
} from './roadmap.schema.js'

export interface StoredAssumptions {
  readonly assumptions: Assumptions
  readonly sourceFile: string
  readonly importedAt: string
}

/** The imported 計画前提, or undefined when none was imported (the defaults apply). */
export function loadAssumptions(db: Db): StoredAssumptions | undefined {
  const row = db
    .prepare('SELECT assumptions_json, source_file, imported_at FROM roadmap_assumptions WHERE id = 1')
    .get() as {assumptions_json: string; source_file: string; imported_at: string} | undefined
  if (!row) return undefined
  return {
    assumptions: AssumptionsSchema.parse(JSON.parse(row.assumptions_json)),
    sourceFile: row.source_file,
    importedAt: row.imported_at,
  }
}

/** Replace the stored 計画前提 (call inside inTransaction). */
export function saveAssumptions(db: Db, assumptions: Assumptions, sourceFile: string, now: string): void {
  db.prepare(
    `INSERT INTO roadmap_assumptions (id, assumptions_json, source_file, imported_at)
     VALUES (1, :json, :sourceFile, :now)
     ON CONFLICT (id) DO UPDATE SET assumptions_json = excluded.assumptions_json,
       source_file = excluded.source_file, imported_at = excluded.imported_at`,
  ).run({json: JSON.stringify(assumptions), sourceFile, now})
}

/** Store one roadmap run (call inside inTransaction); returns its sequence number. */
export function savePlan(db: Db, result: RoadmapResult, now: string): number {
  const info = db
    .prepare('INSERT INTO roadmap_plan (today, created_at, result_json) VALUES (:today, :now, :json)')
    .run({today: result.today, now, json: JSON.stringify(result)})
  const seq = Number(info.lastInsertRowid)
  const ins = db.prepare(
    'INSERT INTO roadmap_cutover (plan_seq, system_id, cutover, on_time) VALUES (:seq, :systemId, :cutover, :onTime)',
  )
  for (const item of result.items) {
    ins.run({seq, systemId: item.systemId, cutover: item.cutover, onTime: item.onTime ? 1 : 0})
  }
  return seq
}

export interface StoredRoadmap {
  readonly seq: number
  /** The plan's as-of date. */
  readonly today: string
  readonly createdAt: string
  readonly result: RoadmapResult
}

/** The most recent roadmap run (for the CIO summary), or undefined when `hyojun roadmap` never ran. */
export function latestRoadmap(db: Db): StoredRoadmap | undefined {
  const row = db
    .prepare('SELECT seq, today, created_at, result_json FROM roadmap_plan ORDER BY seq DESC LIMIT 1')
    .get() as {seq: number; today: string; created_at: string; result_json: string} | undefined
  if (!row) return undefined
  return {
    seq: row.seq,
    today: row.today,
    createdAt: row.created_at,
    result: RoadmapResultSchema.parse(JSON.parse(row.result_json)),
  }
}

/**
 * Cutover month per system from the latest roadmap (for the cost estimate). Systems without a month
 * (no slot found, or 移行済 without a 移行予定) are left out; `onTime` is false for a cutover past its deadline.
 */
export function cutoverMonths(db: Db): {systemId: string; cutover: string; onTime: boolean}[] {
  return db
    .prepare(
      `SELECT system_id AS systemId, cutover, on_time AS onTime FROM roadmap_cutover
        WHERE plan_seq = (SELECT max(seq) FROM roadmap_plan) AND cutover IS NOT NULL
        ORDER BY system_id`,
    )
    .all()
    .map((r) => {
      const row = r as {systemId: string; cutover: string; onTime: number}
      return {systemId: row.systemId, cutover: row.cutover, onTime: row.onTime === 1}
    })
}

/** Outside / prohibited Fit&Gap counts per system (a review decision wins over the matcher's verdict). */
export function gapCounts(db: Db): Map<string, {outside: number; prohibited: number}> {
  const rows = db
    .prepare(
      `SELECT r.system_id AS systemId, coalesce(v.verdict, r.verdict) AS verdict, count(*) AS n
         FROM fitgap_result r
         LEFT JOIN fitgap_review v ON v.system_id = r.system_id AND v.customization_id = r.customization_id
        GROUP BY r.system_id, coalesce(v.verdict, r.verdict)`,
    )
    .all() as {systemId: string; verdict: string; n: number}[]
  const out = new Map<string, {outside: number; prohibited: number}>()
  for (const r of rows) {
    const cur = out.get(r.systemId) ?? {outside: 0, prohibited: 0}
    if (r.verdict === 'outside') cur.outside += r.n
    if (r.verdict === 'prohibited') cur.prohibited += r.n
    out.set(r.systemId, cur)
  }
  return out
}
