import type {Db} from '../db/database.js'
import {BUSINESSES} from '../catalog/catalog.js'
import type {CustomizationRecord, SystemRecord} from './inventory.schema.js'

const BUSINESS_NAME = new Map(BUSINESSES.map((b) => [b.id, b.name]))

interface SystemRow {
  id: string
  name: string
  vendor: string | null
  product: string | null
  hosting: string | null
  contract_start: string | null
  contract_end: string | null
  annual_cost_yen: number | null
  initial_cost_yen: number | null
  users: number | null
  records: number | null
  links: string
  status: string | null
  planned_migration: string | null
  department: string | null
  note: string | null
  baseline_annual_cost_yen: number | null
  hosting_provider: string | null
}

/** Systems in list order, with their 業務 in the order the list wrote them. */
export function listSystems(db: Db): SystemRecord[] {
  const rows = db.prepare('SELECT * FROM inventory_system ORDER BY seq').all() as SystemRow[]
  const links = db
    .prepare('SELECT system_id, business_id FROM inventory_system_business ORDER BY system_id, seq')
    .all() as {system_id: string; business_id: string}[]
  const bySystem = new Map<string, string[]>()
  for (const l of links) {
    const list = bySystem.get(l.system_id) ?? []
    list.push(l.business_id)
    bySystem.set(l.system_id, list)
  }
  return rows.map((r) => {
    const businessIds = bySystem.get(r.id) ?? []
    return {
      id: r.id,
      name: r.name,
      businesses: businessIds.map((id) => BUSINESS_NAME.get(id) ?? id),
      businessIds,
      vendor: r.vendor,
      product: r.product,
      hosting: r.hosting,
      contractStart: r.contract_start,
      contractEnd: r.contract_end,
      annualCostYen: r.annual_cost_yen,
      initialCostYen: r.initial_cost_yen,
      users: r.users,
      records: r.records,
      links: JSON.parse(r.links) as string[],
      status: r.status,
      plannedMigration: r.planned_migration,
      department: r.department,
      note: r.note,
      baselineAnnualCostYen: r.baseline_annual_cost_yen,
      hostingProvider: r.hosting_provider,
    }
  })
}

interface CustomizationRow {
  system_id: string
  id: string
  system: string
  business_id: string
  name: string
  description: string
  requirement_id: string | null
  annual_cost_yen: number | null
  development_cost_yen: number | null
  frequency: string | null
  department: string | null
  note: string | null
}

/**
 * Customizations in list order (system order, then row order). `businessId` filters by
 * catalog id; `system` by system id or exact system name.
 */
export function listCustomizations(
  db: Db,
  filter: {businessId?: string; system?: string} = {},
): CustomizationRecord[] {
  const rows = db
    .prepare(
      `SELECT c.system_id, c.id, s.name AS system, c.business_id, c.name, c.description, c.requirement_id,
              c.annual_cost_yen, c.development_cost_yen, c.frequency, c.department, c.note
         FROM customization c JOIN inventory_system s ON s.id = c.system_id
        WHERE (@businessId IS NULL OR c.business_id = @businessId)
          AND (@system IS NULL OR c.system_id = @system OR s.name = @system)
        ORDER BY s.seq, c.seq`,
    )
    .all({businessId: filter.businessId ?? null, system: filter.system ?? null}) as CustomizationRow[]
  return rows.map((r) => ({
    id: r.id,
    systemId: r.system_id,
    system: r.system,
    businessId: r.business_id,
    business: BUSINESS_NAME.get(r.business_id) ?? r.business_id,
    name: r.name,
    description: r.description,
    requirementId: r.requirement_id,
    annualCostYen: r.annual_cost_yen,
    developmentCostYen: r.development_cost_yen,
    frequency: r.frequency,
    department: r.department,
    note: r.note,
  }))
}

export function countCustomizationsBySystem(db: Db): Map<string, number> {
  const rows = db.prepare('SELECT system_id, count(*) AS n FROM customization GROUP BY system_id').all() as {
    system_id: string
    n: number
  }[]
  return new Map(rows.map((r) => [r.system_id, r.n]))
}

export interface StoredSystem {
  readonly record: SystemRecord
  readonly nameKey: string
  /** `file › sheet!row` the row came from. */
  readonly source: string
}

/** Replace the whole inventory. Customizations of systems no longer listed are deleted. */
export function replaceSystems(db: Db, systems: readonly StoredSystem[]): void {
  const keep = new Set(systems.map((s) => s.record.id))
  const existing = db.prepare('SELECT id FROM inventory_system').pluck().all() as string[]
  const deleteCustomizations = db.prepare('DELETE FROM customization WHERE system_id = ?')
  for (const id of existing) if (!keep.has(id)) deleteCustomizations.run(id)
  db.prepare('DELETE FROM inventory_system_business').run()
  db.prepare('DELETE FROM inventory_system').run()
  const insert = db.prepare(
    `INSERT INTO inventory_system (id, seq, name, name_key, vendor, product, hosting, contract_start, contract_end,
       annual_cost_yen, initial_cost_yen, users, records, links, status, planned_migration, department, note, source,
       baseline_annual_cost_yen, hosting_provider)
     VALUES (@id, @seq, @name, @nameKey, @vendor, @product, @hosting, @contractStart, @contractEnd,
       @annualCostYen, @initialCostYen, @users, @records, @links, @status, @plannedMigration, @department, @note, @source,
       @baselineAnnualCostYen, @hostingProvider)`,
  )
  const insertBusiness = db.prepare(
    'INSERT INTO inventory_system_business (system_id, business_id, seq) VALUES (?, ?, ?)',
  )
  systems.forEach((s, i) => {
    const r = s.record
    insert.run({
      id: r.id,
      seq: i + 1,
      name: r.name,
      nameKey: s.nameKey,
      vendor: r.vendor,
      product: r.product,
      hosting: r.hosting,
      contractStart: r.contractStart,
      contractEnd: r.contractEnd,
      annualCostYen: r.annualCostYen,
      initialCostYen: r.initialCostYen,
      users: r.users,
      records: r.records,
      links: JSON.stringify(r.links),
      status: r.status,
      plannedMigration: r.plannedMigration,
      department: r.department,
      note: r.note,
      source: s.source,
      baselineAnnualCostYen: r.baselineAnnualCostYen,
      hostingProvider: r.hostingProvider,
    })
    r.businessIds.forEach((b, j) => insertBusiness.run(r.id, b, j + 1))
  })
}

/** Replace the customizations of exactly `systemIds` with `rows`. */
export function replaceCustomizations(
  db: Db,
  systemIds: readonly string[],
  rows: readonly {record: CustomizationRecord; source: string}[],
): void {
  const del = db.prepare('DELETE FROM customization WHERE system_id = ?')
  for (const id of systemIds) del.run(id)
  const insert = db.prepare(
    `INSERT INTO customization (system_id, id, seq, business_id, name, description, requirement_id,
       annual_cost_yen, development_cost_yen, frequency, department, note, source)
     VALUES (@systemId, @id, @seq, @businessId, @name, @description, @requirementId,
       @annualCostYen, @developmentCostYen, @frequency, @department, @note, @source)`,
  )
  rows.forEach(({record: c, source}, i) =>
    insert.run({
      systemId: c.systemId,
      id: c.id,
      seq: i + 1,
      businessId: c.businessId,
      name: c.name,
      description: c.description,
      requirementId: c.requirementId,
      annualCostYen: c.annualCostYen,
      developmentCostYen: c.developmentCostYen,
      frequency: c.frequency,
      department: c.department,
      note: c.note,
      source,
    }),
  )
}

export function recordImport(
  db: Db,
  entry: {
    kind: 'systems' | 'customizations'
    file: string
    sheet: string
    rows: number
    added: number
    removed: number
    changed: number
    importedAt: string
  },
): void {
  db.prepare(
    `INSERT INTO inventory_import (kind, file, sheet, rows, added, removed, changed, imported_at)
     VALUES (@kind, @file, @sheet, @rows, @added, @removed, @changed, @importedAt)`,
  ).run(entry)
}
