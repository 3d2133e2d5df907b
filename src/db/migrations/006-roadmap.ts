import type {Migration} from '../migration.js'

/** Reserved for the roadmap work (filled in by that change before it lands; empty SQL is a no-op version bump). */
export const roadmap: Migration = {
  name: 'roadmap',
  sql: ``,
}
