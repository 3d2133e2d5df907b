import {BUSINESSES} from '../catalog/catalog.js'
import type {Db} from '../db/database.js'
import type {FitgapAggregateInput} from './summary.js'

const BUSINESS_NAME = new Map(BUSINESSES.map((b) => [b.id, b.name]))

/** When the システム台帳 was last imported (ISO), null when never. */
export function lastInventoryImport(db: Db): string | null {
  const row = db
    .prepare("SELECT max(imported_at) AS at FROM inventory_import WHERE kind = 'systems'")
    .get() as {
    at: string | null
  }
  return row.at
}

/**
 * Stored Fit&Gap results per 業務, counted in SQL (a prefecture-scale result table stays in the
 * database). 廃止できる年間保守費 = fit + option, as in the 比較分析表.
 */
export function fitgapAggregates(db: Db): FitgapAggregateInput[] {
  const rows = db
    .prepare(
      `SELECT r.business_id AS businessId,
              count(*) AS total,
              sum(r.verdict = 'fit') AS fit,
              sum(r.verdict = 'option') AS option,
              sum(r.verdict = 'prohibited') AS prohibited,
              sum(r.verdict = 'outside') AS outside,
              sum(r.needs_review) AS needsReview,
              coalesce(sum(CASE WHEN r.verdict IN ('fit', 'option') THEN c.annual_cost_yen END), 0) AS retirable,
              max(r.analyzed_at) AS analyzedAt
         FROM fitgap_result r
         LEFT JOIN customization c ON c.system_id = r.system_id AND c.id = r.customization_id
        GROUP BY r.business_id`,
    )
    .all() as {
    businessId: string
    total: number
    fit: number
    option: number
    prohibited: number
    outside: number
    needsReview: number
    retirable: number
    analyzedAt: string
  }[]
  const order = new Map(BUSINESSES.map((b, i) => [b.id, i]))
  return rows
    .sort((a, b) => (order.get(a.businessId) ?? 99) - (order.get(b.businessId) ?? 99))
    .map((r) => ({
      business: BUSINESS_NAME.get(r.businessId) ?? r.businessId,
      total: r.total,
      fit: r.fit,
      option: r.option,
      prohibited: r.prohibited,
      outside: r.outside,
      needsReview: r.needsReview,
      retirableAnnualCostYen: r.retirable,
      analyzedAt: r.analyzedAt,
    }))
}
