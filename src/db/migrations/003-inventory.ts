import type {Migration} from '../migration.js'

/**
 * System inventory (システム台帳) and customization lists (カスタマイズ一覧).
 * Customizations are keyed by (system_id, id) and have no foreign key to inventory_system:
 * other modules' tables reference them, and a re-import replaces rows explicitly in the
 * service (no ON DELETE CASCADE into tables this module does not own).
 */
export const inventory: Migration = {
  name: 'inventory',
  sql: `
    CREATE TABLE inventory_system (
      id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL UNIQUE,
      vendor TEXT,
      product TEXT,
      hosting TEXT,
      contract_start TEXT,
      contract_end TEXT,
      annual_cost_yen INTEGER CHECK (annual_cost_yen IS NULL OR annual_cost_yen >= 0),
      initial_cost_yen INTEGER CHECK (initial_cost_yen IS NULL OR initial_cost_yen >= 0),
      users INTEGER CHECK (users IS NULL OR users >= 0),
      records INTEGER CHECK (records IS NULL OR records >= 0),
      links TEXT NOT NULL DEFAULT '[]',
      status TEXT,
      planned_migration TEXT,
      department TEXT,
      note TEXT,
      source TEXT NOT NULL
    );
    CREATE TABLE inventory_system_business (
      system_id TEXT NOT NULL REFERENCES inventory_system (id) ON DELETE CASCADE,
      business_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      PRIMARY KEY (system_id, business_id)
    );
    CREATE INDEX inventory_system_business_by_business ON inventory_system_business (business_id);
    CREATE TABLE customization (
      system_id TEXT NOT NULL,
      id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      business_id TEXT NOT NULL,
      name TEXT NOT NULL,
      description TEXT NOT NULL,
      requirement_id TEXT CHECK (requirement_id IS NULL OR length(requirement_id) = 7),
      annual_cost_yen INTEGER CHECK (annual_cost_yen IS NULL OR annual_cost_yen >= 0),
      development_cost_yen INTEGER CHECK (development_cost_yen IS NULL OR development_cost_yen >= 0),
      frequency TEXT,
      department TEXT,
      note TEXT,
      source TEXT NOT NULL,
      PRIMARY KEY (system_id, id)
    );
    CREATE INDEX customization_by_business ON customization (business_id);
    CREATE TABLE inventory_import (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('systems', 'customizations')),
      file TEXT NOT NULL,
      sheet TEXT NOT NULL,
      rows INTEGER NOT NULL,
      added INTEGER NOT NULL,
      removed INTEGER NOT NULL,
      changed INTEGER NOT NULL,
      imported_at TEXT NOT NULL
    );
  `,
}
