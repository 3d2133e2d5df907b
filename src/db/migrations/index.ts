import type {Migration} from '../migration.js'
import {workspace} from './001-workspace.js'
import {specs} from './002-specs.js'
import {inventory} from './003-inventory.js'
import {fitgap} from './004-fitgap.js'
import {cost} from './005-cost.js'
import {roadmap} from './006-roadmap.js'
import {rfi} from './007-rfi.js'
import {fitgapFeatures} from './008-fitgap-features.js'
import {trust} from './009-trust.js'
import {matcherTokens} from './010-matcher-tokens.js'
import {fitgapScale} from './011-fitgap-scale.js'

/** Ordered, append-only. PRAGMA user_version = number of migrations applied. */
export const MIGRATIONS: readonly Migration[] = [
  workspace,
  specs,
  inventory,
  fitgap,
  cost,
  roadmap,
  rfi,
  fitgapFeatures,
  trust,
  matcherTokens,
  fitgapScale,
]
