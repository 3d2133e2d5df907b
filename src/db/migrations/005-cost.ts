import type {Migration} from '../migration.js'

/**
 * Cost estimate (経費試算).
 * - inventory_system gains the FY2018 running cost (the 3割削減 baseline; NULL = not given, never 0)
 *   and the cloud provider written in a 稼働環境 cell such as 「ガバメントクラウド（AWS）」.
 * - cost_* tables hold the imported assumptions workbook (one set; a re-import replaces it).
 *   Without rows the built-in defaults apply.
 * - cost_estimate keeps every estimate run (scenario, as-of date, result JSON) for later reports.
 */
export const cost: Migration = {
  name: 'cost',
  sql: `
    ALTER TABLE inventory_system ADD COLUMN baseline_annual_cost_yen INTEGER
      CHECK (baseline_annual_cost_yen IS NULL OR baseline_annual_cost_yen >= 0);
    ALTER TABLE inventory_system ADD COLUMN hosting_provider TEXT;

    CREATE TABLE cost_assumption_import (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      file TEXT NOT NULL,
      imported_at TEXT NOT NULL
    );
    -- Scalar parameters; scenario '' is the base value, other names are user scenario columns.
    CREATE TABLE cost_parameter (
      scenario TEXT NOT NULL,
      key TEXT NOT NULL,
      value REAL NOT NULL,
      source TEXT NOT NULL,
      PRIMARY KEY (scenario, key)
    );
    CREATE TABLE cost_business_rate (
      business_id TEXT PRIMARY KEY,
      standard_fee_yen INTEGER NOT NULL CHECK (standard_fee_yen >= 0),
      cloud_fee_yen INTEGER NOT NULL CHECK (cloud_fee_yen >= 0),
      line_fee_yen INTEGER NOT NULL CHECK (line_fee_yen >= 0),
      operation_fee_yen INTEGER NOT NULL CHECK (operation_fee_yen >= 0),
      one_time_yen INTEGER NOT NULL CHECK (one_time_yen >= 0),
      source TEXT NOT NULL
    );
    CREATE TABLE cost_system_rate (
      system TEXT PRIMARY KEY,
      standard_fee_yen INTEGER NOT NULL CHECK (standard_fee_yen >= 0),
      cloud_fee_yen INTEGER NOT NULL CHECK (cloud_fee_yen >= 0),
      line_fee_yen INTEGER NOT NULL CHECK (line_fee_yen >= 0),
      operation_fee_yen INTEGER NOT NULL CHECK (operation_fee_yen >= 0),
      one_time_yen INTEGER CHECK (one_time_yen IS NULL OR one_time_yen >= 0),
      source TEXT NOT NULL
    );
    CREATE TABLE cost_population_band (
      seq INTEGER PRIMARY KEY,
      min_population INTEGER NOT NULL CHECK (min_population >= 0),
      max_population INTEGER,
      running_factor REAL NOT NULL CHECK (running_factor >= 0),
      one_time_factor REAL NOT NULL CHECK (one_time_factor >= 0),
      subsidy_cap_yen INTEGER NOT NULL CHECK (subsidy_cap_yen >= 0),
      source TEXT NOT NULL
    );
    CREATE TABLE cost_one_time_category (
      key TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      share REAL NOT NULL CHECK (share >= 0 AND share <= 1),
      eligible INTEGER NOT NULL CHECK (eligible IN (0, 1)),
      source TEXT NOT NULL
    );
    CREATE TABLE cost_estimate (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      scenario TEXT NOT NULL,
      as_of TEXT NOT NULL,
      created_at TEXT NOT NULL,
      assumptions TEXT NOT NULL CHECK (assumptions IN ('default', 'imported')),
      result_json TEXT NOT NULL
    );
  `,
}
