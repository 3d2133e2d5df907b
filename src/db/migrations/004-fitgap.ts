import type {Migration} from '../migration.js'

/**
 * Fit&Gap results (machine, replaced on every analysis of a 業務) and review
 * decisions (human, kept across analyses). A customization is identified by
 * (system_id, customization_id): 管理番号 is unique per system only.
 * No foreign keys to inventory/spec tables: results are a snapshot, and a
 * review must survive a re-import of the inventory.
 */
export const fitgap: Migration = {
  name: 'fitgap',
  sql: `
    CREATE TABLE fitgap_result (
      system_id TEXT NOT NULL,
      customization_id TEXT NOT NULL,
      business_id TEXT NOT NULL,
      spec_version TEXT NOT NULL,
      requirement_id TEXT,
      requirement_class TEXT CHECK (requirement_class IS NULL OR requirement_class IN ('mandatory', 'optional', 'prohibited')),
      score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
      method TEXT NOT NULL CHECK (method IN ('explicit', 'auto', 'review')),
      verdict TEXT NOT NULL CHECK (verdict IN ('fit', 'option', 'prohibited', 'outside')),
      needs_review INTEGER NOT NULL CHECK (needs_review IN (0, 1)),
      stale INTEGER NOT NULL CHECK (stale IN (0, 1)),
      candidates_json TEXT NOT NULL,
      analyzed_at TEXT NOT NULL,
      PRIMARY KEY (system_id, customization_id)
    );
    CREATE INDEX fitgap_result_business ON fitgap_result (business_id);

    CREATE TABLE fitgap_review (
      system_id TEXT NOT NULL,
      customization_id TEXT NOT NULL,
      business_id TEXT NOT NULL,
      verdict TEXT NOT NULL CHECK (verdict IN ('fit', 'option', 'prohibited', 'outside')),
      requirement_id TEXT,
      policy TEXT,
      reviewer TEXT,
      -- The requirement as the reviewer saw it: a later spec version that changes it makes the decision stale.
      spec_version TEXT NOT NULL,
      requirement_text TEXT,
      requirement_class TEXT,
      source_file TEXT NOT NULL,
      reviewed_at TEXT NOT NULL,
      PRIMARY KEY (system_id, customization_id)
    );
  `,
}
