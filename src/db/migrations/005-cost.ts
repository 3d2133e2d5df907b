import type {Migration} from '../migration.js'

/** Reserved for the cost work (filled in by that change before it lands; empty SQL is a no-op version bump). */
export const cost: Migration = {
  name: 'cost',
  sql: ``,
}
