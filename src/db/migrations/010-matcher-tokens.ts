import type {Migration} from '../migration.js'

/**
 * The matcher's word-token features (issue 10), stored with the other features of a spec version
 * (spec_features, migration 008): per requirement the words of the third scorer (Intl.Segmenter
 * words, CSR typed arrays like the others, term ids into the same dictionary). NULL for versions
 * imported before this migration: fitgap then recomputes all their features in memory (their
 * fingerprint is older anyway).
 */
export const matcherTokens: Migration = {
  name: 'matcher-tokens',
  sql: `
    ALTER TABLE spec_features ADD COLUMN token_start BLOB;
    ALTER TABLE spec_features ADD COLUMN token_term BLOB;
    ALTER TABLE spec_features ADD COLUMN token_tf BLOB;
  `,
}
