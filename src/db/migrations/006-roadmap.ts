import type {Migration} from '../migration.js'

/**
 * Migration roadmap: the imported planning assumptions (計画前提, one current set stored as JSON because
 * the scheduler reads it whole) and every roadmap run (today, when, the full --json result), with the
 * cutover month per system broken out for other modules (cost estimate, CIO summary).
 */
export const roadmap: Migration = {
  name: 'roadmap',
  sql: `
    CREATE TABLE roadmap_assumptions (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      assumptions_json TEXT NOT NULL,
      source_file TEXT NOT NULL,
      imported_at TEXT NOT NULL
    );
    CREATE TABLE roadmap_plan (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      today TEXT NOT NULL,
      created_at TEXT NOT NULL,
      result_json TEXT NOT NULL
    );
    CREATE TABLE roadmap_cutover (
      plan_seq INTEGER NOT NULL REFERENCES roadmap_plan (seq) ON DELETE CASCADE,
      system_id TEXT NOT NULL,
      cutover TEXT CHECK (cutover IS NULL OR length(cutover) = 7),
      on_time INTEGER NOT NULL CHECK (on_time IN (0, 1)),
      PRIMARY KEY (plan_seq, system_id)
    );
  `,
}
