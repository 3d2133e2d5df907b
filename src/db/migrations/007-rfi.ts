import type {Migration} from '../migration.js'

/** Reserved for the rfi work (filled in by that change before it lands; empty SQL is a no-op version bump). */
export const rfi: Migration = {
  name: 'rfi',
  sql: ``,
}
