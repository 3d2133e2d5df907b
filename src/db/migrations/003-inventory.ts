import type {Migration} from '../migration.js'

// Reserved slot: filled by the inventory module before its first release.
export const inventory: Migration = {
  name: 'inventory',
  sql: '',
}
