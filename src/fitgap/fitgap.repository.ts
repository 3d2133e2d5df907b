import type {Db} from '../db/database.js'
import type {RequirementClass} from '../standard/spec.schema.js'
import {reviewKey, type StoredReview} from './analyze.js'
import type {FitgapLine} from './fitgap.schema.js'
import type {Verdict} from './matcher.js'

const RESULT_COLUMNS = `system_id, customization_id, business_id, spec_version, requirement_id,
       requirement_class, score, method, verdict, needs_review, stale, candidates_json, analyzed_at`
const RESULT_UPSERT = `ON CONFLICT (system_id, customization_id) DO UPDATE SET business_id = excluded.business_id,
       spec_version = excluded.spec_version, requirement_id = excluded.requirement_id,
       requirement_class = excluded.requirement_class, score = excluded.score, method = excluded.method,
       verdict = excluded.verdict, needs_review = excluded.needs_review, stale = excluded.stale,
       candidates_json = excluded.candidates_json, analyzed_at = excluded.analyzed_at`
/** Rows per INSERT statement (13 parameters each, well under SQLite's 32,766). */
const BATCH = 200

function resultValues(l: FitgapLine, now: string, out: unknown[]): void {
  out.push(
    l.systemId,
    l.customizationId,
    l.businessId,
    l.specVersion,
    l.requirementId,
    l.requirementClass,
    l.score,
    l.method,
    l.verdict,
    l.needsReview ? 1 : 0,
    l.stale ? 1 : 0,
    JSON.stringify(l.candidates.map((c) => ({requirementId: c.requirementId, score: c.score}))),
    now,
  )
}

/**
 * Replace the stored results of the analysed 業務 with `lines` (call inside inTransaction).
 * Rows go in BATCH at a time through one prepared multi-row statement (350,000 single-row
 * statements took most of the store time). `onProgress(done, total)` after each batch.
 */
export function replaceResults(
  db: Db,
  businessIds: readonly string[],
  lines: readonly FitgapLine[],
  now: string,
  onProgress?: (done: number, total: number) => void,
): void {
  const del = db.prepare('DELETE FROM fitgap_result WHERE business_id = :businessId')
  for (const businessId of businessIds) del.run({businessId})
  const placeholders = (rows: number): string =>
    Array.from({length: rows}, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')
  const statement = (rows: number): ReturnType<Db['prepare']> =>
    db.prepare(`INSERT INTO fitgap_result (${RESULT_COLUMNS}) VALUES ${placeholders(rows)} ${RESULT_UPSERT}`)
  const full = statement(BATCH)
  const values: unknown[] = []
  for (let at = 0; at < lines.length; at += BATCH) {
    const end = Math.min(lines.length, at + BATCH)
    values.length = 0
    for (let i = at; i < end; i++) resultValues(lines[i]!, now, values)
    ;(end - at === BATCH ? full : statement(end - at)).run(values)
    onProgress?.(end, lines.length)
  }
}

interface ReviewRow {
  system_id: string
  customization_id: string
  verdict: Verdict
  requirement_id: string | null
  policy: string | null
  reviewer: string | null
  spec_version: string
  requirement_text: string | null
  requirement_class: RequirementClass | null
}

/** Human decisions, keyed by reviewKey(systemId, customizationId). */
export function loadReviews(db: Db, businessId?: string): Map<string, StoredReview> {
  const rows = db
    .prepare(
      `SELECT system_id, customization_id, verdict, requirement_id, policy, reviewer, spec_version,
              requirement_text, requirement_class
         FROM fitgap_review WHERE (:businessId IS NULL OR business_id = :businessId)`,
    )
    .all({businessId: businessId ?? null}) as ReviewRow[]
  return new Map(
    rows.map((r) => [
      reviewKey(r.system_id, r.customization_id),
      {
        systemId: r.system_id,
        customizationId: r.customization_id,
        verdict: r.verdict,
        requirementId: r.requirement_id,
        policy: r.policy,
        reviewer: r.reviewer,
        specVersion: r.spec_version,
        requirementText: r.requirement_text,
        requirementClass: r.requirement_class,
      },
    ]),
  )
}

export interface ReviewWrite extends StoredReview {
  readonly businessId: string
}

/** Store decisions (insert or replace per customization; call inside inTransaction). */
export function saveReviews(db: Db, reviews: readonly ReviewWrite[], sourceFile: string, now: string): void {
  const ins = db.prepare(
    `INSERT INTO fitgap_review (system_id, customization_id, business_id, verdict, requirement_id, policy,
       reviewer, spec_version, requirement_text, requirement_class, source_file, reviewed_at)
     VALUES (:systemId, :customizationId, :businessId, :verdict, :requirementId, :policy,
       :reviewer, :specVersion, :requirementText, :requirementClass, :sourceFile, :now)
     ON CONFLICT (system_id, customization_id) DO UPDATE SET business_id = excluded.business_id,
       verdict = excluded.verdict, requirement_id = excluded.requirement_id, policy = excluded.policy,
       reviewer = excluded.reviewer, spec_version = excluded.spec_version,
       requirement_text = excluded.requirement_text, requirement_class = excluded.requirement_class,
       source_file = excluded.source_file, reviewed_at = excluded.reviewed_at`,
  )
  for (const r of reviews) {
    ins.run({
      systemId: r.systemId,
      customizationId: r.customizationId,
      businessId: r.businessId,
      verdict: r.verdict,
      requirementId: r.requirementId,
      policy: r.policy,
      reviewer: r.reviewer,
      specVersion: r.specVersion,
      requirementText: r.requirementText,
      requirementClass: r.requirementClass,
      sourceFile,
      now,
    })
  }
}
