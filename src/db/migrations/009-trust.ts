import type {Migration} from '../migration.js'

/** Reserved for the trust work (filled in by that change before it lands; empty SQL is a no-op version bump). */
export const trust: Migration = {
  name: 'trust',
  sql: ``,
}
