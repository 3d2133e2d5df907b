import type {Migration} from '../migration.js'

/** Reserved for the matcher's stored morphological-token features (issue 10). */
export const matcherTokens: Migration = {
  name: 'matcher-tokens',
  sql: `SELECT 1;`,
}
