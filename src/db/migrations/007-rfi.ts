import type {Migration} from '../migration.js'

/**
 * RFI answers: one response per (業務, vendor), replaced whole on re-import, with its answer rows and
 * cost lines. No foreign keys to spec tables: an answer is what the vendor said about the questions
 * as exported (spec version kept on the response), and must survive a spec re-import.
 */
export const rfi: Migration = {
  name: 'rfi',
  sql: `
    CREATE TABLE rfi_response (
      business_id TEXT NOT NULL,
      vendor TEXT NOT NULL,
      spec_version TEXT NOT NULL,
      fx_rate REAL CHECK (fx_rate IS NULL OR fx_rate > 0),
      conditions TEXT,
      source_file TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      PRIMARY KEY (business_id, vendor)
    );

    CREATE TABLE rfi_answer (
      business_id TEXT NOT NULL,
      vendor TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('function', 'form', 'outside')),
      item_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      name TEXT NOT NULL,
      class TEXT CHECK (class IS NULL OR class IN ('mandatory', 'optional', 'prohibited')),
      need TEXT NOT NULL CHECK (need IN ('required', 'optional', 'none')),
      mark TEXT CHECK (mark IS NULL OR mark IN ('○', '△', '×')),
      method TEXT,
      available_from TEXT,
      cost_yen INTEGER CHECK (cost_yen IS NULL OR cost_yen >= 0),
      note TEXT,
      PRIMARY KEY (business_id, vendor, kind, item_id),
      FOREIGN KEY (business_id, vendor) REFERENCES rfi_response (business_id, vendor) ON DELETE CASCADE
    );

    CREATE TABLE rfi_cost (
      business_id TEXT NOT NULL,
      vendor TEXT NOT NULL,
      phase TEXT NOT NULL CHECK (phase IN ('one-time', 'annual')),
      item TEXT NOT NULL,
      seq INTEGER NOT NULL,
      currency TEXT NOT NULL CHECK (currency IN ('JPY', 'USD')),
      -- JSON array: one amount for one-time lines, one per year for annual lines (円 or dollars; null = blank).
      amounts_json TEXT NOT NULL,
      note TEXT,
      PRIMARY KEY (business_id, vendor, item),
      FOREIGN KEY (business_id, vendor) REFERENCES rfi_response (business_id, vendor) ON DELETE CASCADE
    );
  `,
}
