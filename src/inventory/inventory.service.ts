import {resolveBusiness} from '../catalog/catalog.js'
import {withDatabase, type Db} from '../db/database.js'
import {UserError} from '../errors.js'
import {normalizeKey, suggestClosest} from '../text/normalize.js'
import {listCustomizations, listSystems} from './inventory.repository.js'
import type {
  CustomizationListResult,
  InventoryListResult,
  InventoryShowResult,
  SystemRecord,
} from './inventory.schema.js'

/** Read-only views never create a workspace: a missing one is DB_NOT_FOUND. */
function withReadDb<T>(dbPath: string, fn: (db: Db) => T): T {
  return withDatabase(dbPath, {write: false}, fn)
}

/** A system by name or id, or UNKNOWN_SYSTEM with did-you-mean suggestions built by `suggest`. */
function findSystem(
  systems: readonly SystemRecord[],
  name: string,
  suggest: (close: readonly string[]) => string[],
): SystemRecord {
  const key = normalizeKey(name)
  const found = systems.find((s) => normalizeKey(s.name) === key || normalizeKey(s.id) === key)
  if (found) return found
  const close = suggestClosest(
    name,
    systems.map((s) => s.name),
  )
  throw new UserError(
    `システム「${name}」はシステム台帳にありません${close.length > 0 ? `。もしかして: ${close.join('、')}` : ''}`,
    {code: 'UNKNOWN_SYSTEM', suggestions: suggest(close)},
  )
}

export function listInventoryIn(db: Db): InventoryListResult {
  return {systems: listSystems(db)}
}

export function listInventory(options: {dbPath: string}): InventoryListResult {
  return withReadDb(options.dbPath, listInventoryIn)
}

/** One system by name or id (did-you-mean when unknown), with its customizations. */
export function showSystemIn(db: Db, name: string): InventoryShowResult {
  const systems = listSystems(db)
  if (systems.length === 0) {
    throw new UserError('システム台帳が取り込まれていません', {
      code: 'INVENTORY_NOT_IMPORTED',
      suggestions: ['先に `hyojun inventory import システム台帳.xlsx` を実行してください'],
    })
  }
  const system = findSystem(systems, name, (close) =>
    close.length > 0 ? close.map((c) => `hyojun inventory show ${c}`) : ['hyojun inventory list'],
  )
  return {system, customizations: listCustomizations(db, {system: system.id})}
}

export function showSystem(options: {dbPath: string; name: string}): InventoryShowResult {
  return withReadDb(options.dbPath, (db) => showSystemIn(db, options.name))
}

export function listCustomizationsIn(
  db: Db,
  options: {readonly business?: string; readonly system?: string},
): CustomizationListResult {
  const businessId = options.business === undefined ? undefined : resolveBusiness(options.business).id
  const system =
    options.system === undefined
      ? undefined
      : findSystem(listSystems(db), options.system, (close) => close.map((c) => `--system ${c}`)).id
  return {customizations: listCustomizations(db, {businessId, system})}
}

export function listCustomizationsOf(options: {
  dbPath: string
  business?: string
  system?: string
}): CustomizationListResult {
  return withReadDb(options.dbPath, (db) => listCustomizationsIn(db, options))
}
