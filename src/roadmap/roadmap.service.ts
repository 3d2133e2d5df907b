import {inTransaction, withDatabase, type Db} from '../db/database.js'
import {ExitCode, UserError} from '../errors.js'
import {listSystems} from '../inventory/inventory.repository.js'
import {writeRoadmapWorkbook} from './roadmap.report.js'
import {DEFAULT_ASSUMPTIONS} from './defaults.js'
import {gapCounts, loadAssumptions, savePlan} from './roadmap.repository.js'
import type {Assumptions, RoadmapResult} from './roadmap.schema.js'
import {scheduleRoadmap, type ScheduleSystem} from './schedule.js'
import {dataNotice} from '../reports/data-notice.js'
import {storedDataOrigin} from '../workspace/origin.repository.js'

export const ROADMAP_REPORT = 'ロードマップ.xlsx'

/** The assumptions in force: the imported 計画前提, else the defaults. */
export function currentAssumptions(db: Db): {assumptions: Assumptions; source: string} {
  const stored = loadAssumptions(db)
  return stored
    ? {assumptions: stored.assumptions, source: stored.sourceFile}
    : {assumptions: DEFAULT_ASSUMPTIONS, source: '既定値'}
}

/** Plan from the open database (inventory, Fit&Gap results, 計画前提). Reads only. */
export function computeRoadmap(db: Db, today: string): RoadmapResult {
  const systems = listSystems(db)
  if (systems.length === 0) {
    throw new UserError('システム台帳が取り込まれていません', {
      code: 'INVENTORY_NOT_IMPORTED',
      exitCode: ExitCode.usage,
      suggestions: ['先に `hyojun inventory import システム台帳.xlsx` を実行してください'],
    })
  }
  const gaps = gapCounts(db)
  const {assumptions, source} = currentAssumptions(db)
  const input: ScheduleSystem[] = systems.map((s) => ({
    id: s.id,
    name: s.name,
    businesses: s.businesses,
    vendor: s.vendor,
    product: s.product,
    status: s.status,
    contractEnd: s.contractEnd,
    planned: s.plannedMigration,
    links: s.links,
    records: s.records,
    gaps: gaps.get(s.id) ?? null,
  }))
  const out = scheduleRoadmap({today, systems: input, assumptions})
  const warnings = [...out.warnings]
  if (gaps.size === 0)
    warnings.push(
      'Fit&Gap の結果がないため、差異による計画・調達期間の延長は見込んでいません（hyojun fitgap で分析できます）',
    )
  return {...out, warnings, assumptionsSource: source, output: null}
}

/**
 * Compute, store (one plan per run, all or nothing) and optionally write ロードマップ.xlsx.
 * `hyojun run` calls this with its open database.
 */
export async function writeRoadmapReport(options: {
  readonly db: Db
  readonly today: string
  readonly output?: string
  readonly now?: Date
  /** 【サンプル…】 on every sheet when built from the bundled sample or specs. */
  readonly notice?: string
}): Promise<RoadmapResult> {
  const computed = computeRoadmap(options.db, options.today)
  const {assumptions} = currentAssumptions(options.db)
  const output = options.output
    ? (await writeRoadmapWorkbook(options.output, computed, assumptions, options.notice)).path
    : null
  const result: RoadmapResult = {...computed, output}
  const now = (options.now ?? new Date()).toISOString()
  inTransaction(options.db, () => savePlan(options.db, result, now))
  return result
}

/** `hyojun roadmap`. */
export async function runRoadmap(options: {
  readonly dbPath: string
  readonly today: string
  readonly output?: string
  readonly now?: Date
}): Promise<RoadmapResult> {
  // withDatabase is synchronous; open, compute, write the workbook, then store the plan.
  const computed = withDatabase(options.dbPath, {write: false}, (db) => ({
    result: computeRoadmap(db, options.today),
    assumptions: currentAssumptions(db).assumptions,
    notice: dataNotice(storedDataOrigin(db)),
  }))
  const output = options.output
    ? (await writeRoadmapWorkbook(options.output, computed.result, computed.assumptions, computed.notice))
        .path
    : null
  const result: RoadmapResult = {...computed.result, output}
  const now = (options.now ?? new Date()).toISOString()
  withDatabase(options.dbPath, {write: true}, (db) => inTransaction(db, () => savePlan(db, result, now)))
  return result
}
