import type {Migration} from '../migration.js'

// Reserved slot: filled by the fitgap module before its first release.
export const fitgap: Migration = {
  name: 'fitgap',
  sql: '',
}
