import {findBusiness} from '../catalog/catalog.js'
import type {Db} from '../db/database.js'
import type {RequirementClass} from '../standard/spec.schema.js'
import type {ItemKind, Mark, Need, RfiCostLine, VendorResponse} from './rfi-model.js'

/** Replace one vendor's answer for one 業務 (call inside inTransaction). Returns true when one was replaced. */
export function replaceResponse(db: Db, r: VendorResponse): boolean {
  const key = {businessId: r.businessId, vendor: r.vendor}
  const replaced =
    db.prepare('DELETE FROM rfi_response WHERE business_id = :businessId AND vendor = :vendor').run(key)
      .changes > 0
  db.prepare(
    `INSERT INTO rfi_response (business_id, vendor, spec_version, fx_rate, conditions, source_file, imported_at)
     VALUES (:businessId, :vendor, :specVersion, :fxRate, :conditions, :sourceFile, :importedAt)`,
  ).run({
    ...key,
    specVersion: r.specVersion,
    fxRate: r.fxRate,
    conditions: r.conditions,
    sourceFile: r.sourceFile,
    importedAt: r.importedAt,
  })
  const ans = db.prepare(
    `INSERT INTO rfi_answer (business_id, vendor, kind, item_id, seq, name, class, need, mark, method,
       available_from, cost_yen, note)
     VALUES (:businessId, :vendor, :kind, :id, :seq, :name, :class, :need, :mark, :method,
       :availableFrom, :costYen, :note)`,
  )
  r.answers.forEach((a, seq) => ans.run({...key, ...a, seq}))
  const cost = db.prepare(
    `INSERT INTO rfi_cost (business_id, vendor, phase, item, seq, currency, amounts_json, note)
     VALUES (:businessId, :vendor, :phase, :item, :seq, :currency, :amounts, :note)`,
  )
  r.costs.forEach((c, seq) =>
    cost.run({
      ...key,
      phase: c.phase,
      item: c.item,
      seq,
      currency: c.currency,
      amounts: JSON.stringify(c.amounts),
      note: c.note,
    }),
  )
  return replaced
}

interface ResponseRow {
  business_id: string
  vendor: string
  spec_version: string
  fx_rate: number | null
  conditions: string | null
  source_file: string
  imported_at: string
}

interface AnswerRow {
  kind: ItemKind
  item_id: string
  name: string
  class: RequirementClass | null
  need: Need
  mark: Mark | null
  method: string | null
  available_from: string | null
  cost_yen: number | null
  note: string | null
}

interface CostRow {
  phase: RfiCostLine['phase']
  item: string
  currency: RfiCostLine['currency']
  amounts_json: string
  note: string | null
}

/** Stored responses, by 業務 then vendor name; one 業務 when given. */
export function loadResponses(db: Db, businessId?: string): VendorResponse[] {
  const responses = db
    .prepare(
      `SELECT business_id, vendor, spec_version, fx_rate, conditions, source_file, imported_at
         FROM rfi_response WHERE (:businessId IS NULL OR business_id = :businessId)
        ORDER BY business_id, vendor`,
    )
    .all({businessId: businessId ?? null}) as ResponseRow[]
  const answers = db.prepare(
    `SELECT kind, item_id, name, class, need, mark, method, available_from, cost_yen, note
       FROM rfi_answer WHERE business_id = :businessId AND vendor = :vendor ORDER BY seq`,
  )
  const costs = db.prepare(
    `SELECT phase, item, currency, amounts_json, note
       FROM rfi_cost WHERE business_id = :businessId AND vendor = :vendor ORDER BY seq`,
  )
  return responses.map((r) => {
    const key = {businessId: r.business_id, vendor: r.vendor}
    return {
      vendor: r.vendor,
      businessId: r.business_id,
      business: findBusiness(r.business_id)?.name ?? r.business_id,
      specVersion: r.spec_version,
      fxRate: r.fx_rate,
      conditions: r.conditions,
      sourceFile: r.source_file,
      importedAt: r.imported_at,
      answers: (answers.all(key) as AnswerRow[]).map((a) => ({
        kind: a.kind,
        id: a.item_id,
        name: a.name,
        class: a.class,
        need: a.need,
        mark: a.mark,
        method: a.method,
        availableFrom: a.available_from,
        costYen: a.cost_yen,
        note: a.note,
      })),
      costs: (costs.all(key) as CostRow[]).map((c) => ({
        phase: c.phase,
        item: c.item,
        currency: c.currency,
        amounts: JSON.parse(c.amounts_json) as (number | null)[],
        note: c.note,
      })),
    }
  })
}
