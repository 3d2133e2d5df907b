import {existsSync} from 'node:fs'
import {resolveBusiness} from '../catalog/catalog.js'
import {openDatabase, type Db} from '../db/database.js'
import {UserError} from '../errors.js'
import {normalizeKey, suggestClosest} from '../text/normalize.js'
import {listCustomizations, listSystems} from './inventory.repository.js'
import type {CustomizationListResult, InventoryListResult, InventoryShowResult} from './inventory.schema.js'

function withReadDb<T>(dbPath: string, empty: T, fn: (db: Db) => T): T {
  if (!existsSync(dbPath)) return empty
  const db = openDatabase(dbPath)
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

export function listInventory(options: {dbPath: string}): InventoryListResult {
  return withReadDb(options.dbPath, {systems: []}, (db) => ({systems: listSystems(db)}))
}

/** One system by name or id (did-you-mean when unknown), with its customizations. */
export function showSystem(options: {dbPath: string; name: string}): InventoryShowResult {
  const systems = listInventory(options).systems
  if (systems.length === 0) {
    throw new UserError('システム台帳が取り込まれていません', {
      code: 'INVENTORY_NOT_IMPORTED',
      suggestions: ['先に `hyojun inventory import システム台帳.xlsx` を実行してください'],
    })
  }
  const key = normalizeKey(options.name)
  const system = systems.find((s) => normalizeKey(s.name) === key || normalizeKey(s.id) === key)
  if (!system) {
    const close = suggestClosest(
      options.name,
      systems.map((s) => s.name),
    )
    throw new UserError(
      `システム「${options.name}」はシステム台帳にありません${close.length > 0 ? `。もしかして: ${close.join('、')}` : ''}`,
      {
        code: 'UNKNOWN_SYSTEM',
        suggestions:
          close.length > 0 ? close.map((c) => `hyojun inventory show ${c}`) : ['hyojun inventory list'],
      },
    )
  }
  const customizations = withReadDb(options.dbPath, [], (db) => listCustomizations(db, {system: system.id}))
  return {system, customizations}
}

export function listCustomizationsOf(options: {
  dbPath: string
  business?: string
  system?: string
}): CustomizationListResult {
  const businessId = options.business === undefined ? undefined : resolveBusiness(options.business).id
  let system = options.system
  if (system !== undefined) {
    const systems = listInventory(options).systems
    const key = normalizeKey(system)
    const found = systems.find((s) => normalizeKey(s.name) === key || normalizeKey(s.id) === key)
    if (!found) {
      const close = suggestClosest(
        system,
        systems.map((s) => s.name),
      )
      throw new UserError(
        `システム「${system}」はシステム台帳にありません${close.length > 0 ? `。もしかして: ${close.join('、')}` : ''}`,
        {
          code: 'UNKNOWN_SYSTEM',
          suggestions: close.map((c) => `--system ${c}`),
        },
      )
    }
    system = found.id
  }
  return withReadDb(options.dbPath, {customizations: []}, (db) => ({
    customizations: listCustomizations(db, {businessId, system}),
  }))
}
