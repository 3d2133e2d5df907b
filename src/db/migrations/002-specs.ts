import type {Migration} from '../migration.js'

// Reserved slot: filled by the specs module before its first release.
export const specs: Migration = {
  name: 'specs',
  sql: '',
}
