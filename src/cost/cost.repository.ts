import type {Db} from '../db/database.js'
import {
  ONE_TIME_CATEGORIES,
  PARAMETERS,
  defaultAssumptions,
  type Assumptions,
  type CategoryKey,
  type ParameterKey,
  type ScenarioDef,
} from './assumptions.js'
import type {CostEstimate} from './cost.schema.js'
import type {Verdict} from './estimate.js'

/** The stored assumptions, or the defaults when none were imported. */
export function loadAssumptions(db: Db): Assumptions {
  const d = defaultAssumptions()
  const meta = db.prepare('SELECT file FROM cost_assumption_import WHERE id = 1').get() as
    {file: string} | undefined
  if (!meta) return d
  const params = db
    .prepare('SELECT scenario, key, value, source FROM cost_parameter ORDER BY scenario, key')
    .all() as {
    scenario: string
    key: string
    value: number
    source: string
  }[]
  const parameters = {...d.parameters} as Record<ParameterKey, {value: number | null; source: string}>
  const known = new Set<string>(PARAMETERS.map((p) => p.key))
  const scenarioOverrides = new Map<string, Partial<Record<ParameterKey, number>>>()
  // A parameter without a base row was imported blank (population): null.
  for (const p of PARAMETERS)
    if (p.default === null) parameters[p.key] = {value: null, source: parameters[p.key].source}
  for (const r of params) {
    if (!known.has(r.key)) continue
    const key = r.key as ParameterKey
    if (r.scenario === '') parameters[key] = {value: r.value, source: r.source}
    else {
      const o = scenarioOverrides.get(r.scenario) ?? {}
      o[key] = r.value
      scenarioOverrides.set(r.scenario, o)
    }
  }
  const scenarios: ScenarioDef[] = [...scenarioOverrides].map(([name, overrides]) => ({
    name,
    description: `独自シナリオ: ${Object.entries(overrides)
      .map(([k, v]) => `${PARAMETERS.find((p) => p.key === k)!.label} ${v}`)
      .join('、')}`,
    overrides,
  }))
  const rateRows = (table: 'cost_business_rate' | 'cost_system_rate', key: string) =>
    db
      .prepare(
        `SELECT ${key} AS ref, standard_fee_yen, cloud_fee_yen, line_fee_yen, operation_fee_yen, one_time_yen, source
           FROM ${table} ORDER BY rowid`,
      )
      .all() as {
      ref: string
      standard_fee_yen: number
      cloud_fee_yen: number
      line_fee_yen: number
      operation_fee_yen: number
      one_time_yen: number | null
      source: string
    }[]
  const fees = (r: ReturnType<typeof rateRows>[number]) => ({
    standardFeeYen: r.standard_fee_yen,
    cloudFeeYen: r.cloud_fee_yen,
    lineFeeYen: r.line_fee_yen,
    operationFeeYen: r.operation_fee_yen,
  })
  const businessRates = rateRows('cost_business_rate', 'business_id').map((r) => ({
    businessId: r.ref,
    ...fees(r),
    oneTimeYen: r.one_time_yen ?? 0,
    source: r.source,
  }))
  const systemRates = rateRows('cost_system_rate', 'system').map((r) => ({
    system: r.ref,
    ...fees(r),
    oneTimeYen: r.one_time_yen,
    source: r.source,
  }))
  const bands = (
    db
      .prepare(
        `SELECT min_population, max_population, running_factor, one_time_factor, subsidy_cap_yen, source
           FROM cost_population_band ORDER BY seq`,
      )
      .all() as {
      min_population: number
      max_population: number | null
      running_factor: number
      one_time_factor: number
      subsidy_cap_yen: number
      source: string
    }[]
  ).map((b) => ({
    min: b.min_population,
    max: b.max_population,
    runningFactor: b.running_factor,
    oneTimeFactor: b.one_time_factor,
    subsidyCapYen: b.subsidy_cap_yen,
    source: b.source,
  }))
  const categories = (
    db.prepare('SELECT key, share, eligible, source FROM cost_one_time_category ORDER BY seq').all() as {
      key: string
      share: number
      eligible: number
      source: string
    }[]
  )
    .filter((c) => ONE_TIME_CATEGORIES.some((x) => x.key === c.key))
    .map((c) => ({key: c.key as CategoryKey, share: c.share, eligible: c.eligible === 1, source: c.source}))
  return {
    origin: 'imported',
    file: meta.file,
    parameters,
    scenarios,
    businessRates: businessRates.length > 0 ? businessRates : d.businessRates,
    systemRates,
    bands: bands.length > 0 ? bands : d.bands,
    categories: categories.length === ONE_TIME_CATEGORIES.length ? categories : d.categories,
  }
}

/** Replace the stored assumptions (call inside inTransaction). */
export function saveAssumptions(db: Db, a: Assumptions, importedAt: string): void {
  for (const t of [
    'cost_parameter',
    'cost_business_rate',
    'cost_system_rate',
    'cost_population_band',
    'cost_one_time_category',
    'cost_assumption_import',
  ])
    db.prepare(`DELETE FROM ${t}`).run()
  db.prepare('INSERT INTO cost_assumption_import (id, file, imported_at) VALUES (1, :file, :importedAt)').run(
    {
      file: a.file ?? '',
      importedAt,
    },
  )
  const param = db.prepare(
    'INSERT INTO cost_parameter (scenario, key, value, source) VALUES (:scenario, :key, :value, :source)',
  )
  for (const p of PARAMETERS) {
    const v = a.parameters[p.key]
    if (v.value !== null) param.run({scenario: '', key: p.key, value: v.value, source: v.source})
  }
  for (const s of a.scenarios)
    for (const [key, value] of Object.entries(s.overrides))
      param.run({scenario: s.name, key, value, source: `シナリオ「${s.name}」`})
  const rate = (table: string, key: string) =>
    db.prepare(
      `INSERT INTO ${table} (${key}, standard_fee_yen, cloud_fee_yen, line_fee_yen, operation_fee_yen, one_time_yen, source)
       VALUES (:ref, :standardFeeYen, :cloudFeeYen, :lineFeeYen, :operationFeeYen, :oneTimeYen, :source)`,
    )
  const br = rate('cost_business_rate', 'business_id')
  for (const r of a.businessRates)
    br.run({
      ref: r.businessId,
      standardFeeYen: r.standardFeeYen,
      cloudFeeYen: r.cloudFeeYen,
      lineFeeYen: r.lineFeeYen,
      operationFeeYen: r.operationFeeYen,
      oneTimeYen: r.oneTimeYen,
      source: r.source,
    })
  const sr = rate('cost_system_rate', 'system')
  for (const r of a.systemRates)
    sr.run({
      ref: r.system,
      standardFeeYen: r.standardFeeYen,
      cloudFeeYen: r.cloudFeeYen,
      lineFeeYen: r.lineFeeYen,
      operationFeeYen: r.operationFeeYen,
      oneTimeYen: r.oneTimeYen,
      source: r.source,
    })
  const band = db.prepare(
    `INSERT INTO cost_population_band (seq, min_population, max_population, running_factor, one_time_factor, subsidy_cap_yen, source)
     VALUES (:seq, :min, :max, :runningFactor, :oneTimeFactor, :subsidyCapYen, :source)`,
  )
  a.bands.forEach((b, i) =>
    band.run({
      seq: i + 1,
      min: b.min,
      max: b.max,
      runningFactor: b.runningFactor,
      oneTimeFactor: b.oneTimeFactor,
      subsidyCapYen: b.subsidyCapYen,
      source: b.source,
    }),
  )
  const cat = db.prepare(
    'INSERT INTO cost_one_time_category (key, seq, share, eligible, source) VALUES (:key, :seq, :share, :eligible, :source)',
  )
  a.categories.forEach((c, i) =>
    cat.run({key: c.key, seq: i + 1, share: c.share, eligible: c.eligible ? 1 : 0, source: c.source}),
  )
}

/**
 * Fit&Gap verdicts per (system, customization) from the stored results (reviews are
 * already applied there). Read-only access to the fitgap module's table.
 */
export function loadVerdicts(db: Db): {systemId: string; customizationId: string; verdict: Verdict}[] {
  return (
    db.prepare('SELECT system_id, customization_id, verdict FROM fitgap_result').all() as {
      system_id: string
      customization_id: string
      verdict: Verdict
    }[]
  ).map((r) => ({systemId: r.system_id, customizationId: r.customization_id, verdict: r.verdict}))
}

/** `file › sheet 12行目` per system id (the inventory row each figure comes from). */
export function loadSystemSources(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT id, source FROM inventory_system').all() as {id: string; source: string}[]
  return new Map(rows.map((r) => [r.id, r.source]))
}

export interface StoredCostEstimate {
  readonly id: number
  readonly scenario: string
  /** The estimate's today (YYYY-MM-DD). */
  readonly asOf: string
  /** ISO timestamp of the run. */
  readonly createdAt: string
  readonly assumptions: 'default' | 'imported'
  readonly result: CostEstimate
}

/** Store one estimate run; returns its id. */
export function saveCostEstimate(
  db: Db,
  e: {scenario: string; asOf: string; createdAt: string; result: CostEstimate},
): number {
  const info = db
    .prepare(
      `INSERT INTO cost_estimate (scenario, as_of, created_at, assumptions, result_json)
       VALUES (:scenario, :asOf, :createdAt, :assumptions, :json)`,
    )
    .run({
      scenario: e.scenario,
      asOf: e.asOf,
      createdAt: e.createdAt,
      assumptions: e.result.assumptionsOrigin,
      json: JSON.stringify(e.result),
    })
  return Number(info.lastInsertRowid)
}

/**
 * The latest stored estimate ("経費試算 scenario Y of date X"), optionally of one scenario;
 * undefined when none was run. For the CIO summary and other reports.
 */
export function latestCostEstimate(db: Db, scenario?: string): StoredCostEstimate | undefined {
  const row = db
    .prepare(
      `SELECT seq, scenario, as_of, created_at, assumptions, result_json FROM cost_estimate
        WHERE (:scenario IS NULL OR scenario = :scenario) ORDER BY seq DESC LIMIT 1`,
    )
    .get({scenario: scenario ?? null}) as
    | {
        seq: number
        scenario: string
        as_of: string
        created_at: string
        assumptions: 'default' | 'imported'
        result_json: string
      }
    | undefined
  if (!row) return undefined
  return {
    id: row.seq,
    scenario: row.scenario,
    asOf: row.as_of,
    createdAt: row.created_at,
    assumptions: row.assumptions,
    result: JSON.parse(row.result_json) as CostEstimate,
  }
}
