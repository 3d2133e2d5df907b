import type {Migration} from '../migration.js'
import {workspace} from './001-workspace.js'
import {specs} from './002-specs.js'
import {inventory} from './003-inventory.js'
import {fitgap} from './004-fitgap.js'

/** Ordered, append-only. PRAGMA user_version = number of migrations applied. */
export const MIGRATIONS: readonly Migration[] = [workspace, specs, inventory, fitgap]
