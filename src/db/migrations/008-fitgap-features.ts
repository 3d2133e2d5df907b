import type {Migration} from '../migration.js'

/** Reserved for the fitgapFeatures work (filled in by that change before it lands; empty SQL is a no-op version bump). */
export const fitgapFeatures: Migration = {
  name: 'fitgap-features',
  sql: ``,
}
