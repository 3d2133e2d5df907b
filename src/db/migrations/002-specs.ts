import type {Migration} from '../migration.js'

/**
 * Standard specs: one row per 業務 × 版, its requirements (機能要件) and forms
 * (帳票要件). 機能ID is TEXT (leading zeros). version_major/minor order
 * versions numerically ('10.0' after '9.1').
 */
export const specs: Migration = {
  name: 'specs',
  sql: `
    CREATE TABLE spec_version (
      id INTEGER PRIMARY KEY,
      business_id TEXT NOT NULL,
      business_code TEXT NOT NULL CHECK (length(business_code) = 3),
      version TEXT NOT NULL,
      version_major INTEGER NOT NULL,
      version_minor INTEGER NOT NULL,
      published TEXT NOT NULL,
      effective TEXT,
      title TEXT NOT NULL,
      source_file TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      UNIQUE (business_id, version)
    );
    CREATE TABLE spec_requirement (
      spec_version_id INTEGER NOT NULL REFERENCES spec_version(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      requirement_id TEXT NOT NULL CHECK (length(requirement_id) = 7),
      major TEXT,
      middle TEXT,
      minor TEXT,
      name TEXT NOT NULL,
      text TEXT NOT NULL,
      class TEXT NOT NULL CHECK (class IN ('mandatory', 'optional', 'prohibited')),
      variants_json TEXT NOT NULL DEFAULT '[]',
      note TEXT,
      PRIMARY KEY (spec_version_id, requirement_id)
    ) WITHOUT ROWID;
    CREATE TABLE spec_form (
      spec_version_id INTEGER NOT NULL REFERENCES spec_version(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      form_id TEXT NOT NULL,
      name TEXT NOT NULL,
      type TEXT NOT NULL,
      class TEXT NOT NULL CHECK (class IN ('mandatory', 'optional', 'prohibited')),
      note TEXT,
      PRIMARY KEY (spec_version_id, form_id)
    ) WITHOUT ROWID;
  `,
}
