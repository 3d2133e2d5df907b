import type {Migration} from '../migration.js'

/**
 * Where data came from, so every report built from it can say so: the bundled sample city (inventory) and the
 * bundled specs (our own fictional summaries, not the official text). Any real import of a システム台帳 or
 * カスタマイズ一覧 clears the sample mark (trigger), and replacing a spec version drops its mark (cascade).
 */
export const trust: Migration = {
  name: 'trust',
  sql: `
    CREATE TABLE inventory_sample (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      marked_at TEXT NOT NULL
    );
    CREATE TRIGGER inventory_import_is_not_sample AFTER INSERT ON inventory_import
    BEGIN
      DELETE FROM inventory_sample;
    END;
    CREATE TABLE spec_bundled (
      spec_version_id INTEGER PRIMARY KEY REFERENCES spec_version (id) ON DELETE CASCADE
    );
  `,
}
