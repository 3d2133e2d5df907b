import type {Migration} from '../migration.js'

/**
 * Matcher features of each spec version, computed once at `specs import` so that `fitgap` does not
 * re-tokenize every requirement on every run (src/fitgap/requirement-features.ts). Term lists are
 * typed arrays stored as little-endian BLOBs in CSR layout (start offsets per requirement, term ids,
 * counts); `terms` is the JSON term dictionary. `fingerprint` names the feature code and matcher
 * configuration: on a mismatch (an upgrade changed the synonyms) fitgap recomputes them in memory.
 * Spec versions imported before this migration have no row and are recomputed the same way.
 */
export const fitgapFeatures: Migration = {
  name: 'fitgap-features',
  sql: `
    CREATE TABLE spec_features (
      spec_version_id INTEGER PRIMARY KEY REFERENCES spec_version(id) ON DELETE CASCADE,
      fingerprint TEXT NOT NULL,
      docs INTEGER NOT NULL CHECK (docs >= 0),
      terms_json TEXT NOT NULL,
      vocab_start BLOB NOT NULL,
      vocab_term BLOB NOT NULL,
      vocab_tf BLOB NOT NULL,
      plain_start BLOB NOT NULL,
      plain_term BLOB NOT NULL,
      plain_tf BLOB NOT NULL,
      mentions_json TEXT NOT NULL
    );
  `,
}
