import type {Migration} from '../migration.js'

/** Reserved for the prefecture-scale Fit&Gap store (issue 10). */
export const fitgapScale: Migration = {
  name: 'fitgap-scale',
  sql: `SELECT 1;`,
}
