import type {Migration} from '../migration.js'

/**
 * The matcher's morphological-token features (issue 10), stored with the other features of a spec
 * version (spec_features, migration 008) so that `fitgap` never loads the morphological analyzer
 * for a spec imported with them: per requirement the content-word base forms (CSR typed arrays
 * like the others, term ids into the same dictionary), and the lexicon of their surface forms
 * (JSON [surface, term id] pairs) by which customizations are split, and the analyzer's id (also
 * part of the fingerprint). NULL for versions imported
 * before this migration: fitgap then computes them in memory (their fingerprint differs anyway).
 */
export const matcherTokens: Migration = {
  name: 'matcher-tokens',
  sql: `
    ALTER TABLE spec_features ADD COLUMN token_start BLOB;
    ALTER TABLE spec_features ADD COLUMN token_term BLOB;
    ALTER TABLE spec_features ADD COLUMN token_tf BLOB;
    ALTER TABLE spec_features ADD COLUMN lexicon_json TEXT;
    ALTER TABLE spec_features ADD COLUMN analyzer_id TEXT;
  `,
}
