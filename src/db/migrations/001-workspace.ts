import type {Migration} from '../migration.js'

export const workspace: Migration = {
  name: 'workspace',
  sql: `
    CREATE TABLE municipality (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      name TEXT NOT NULL,
      code TEXT NOT NULL CHECK (length(code) = 6),
      prefecture TEXT NOT NULL,
      population INTEGER CHECK (population IS NULL OR population >= 0),
      kind TEXT NOT NULL CHECK (kind IN ('指定都市', '中核市', '一般市', '特別区', '町村')),
      updated_at TEXT NOT NULL
    );
  `,
}
