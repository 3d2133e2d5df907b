import {existsSync} from 'node:fs'
import {extname} from 'node:path'
import {inTransaction, withDatabase, type Db} from '../db/database.js'
import {ExitCode, throwIfIssues, UserError} from '../errors.js'
import {listCustomizations, listSystems} from '../inventory/inventory.repository.js'
import {getMunicipality} from '../municipality/municipality.repository.js'
import {cutoverMonths} from '../roadmap/roadmap.repository.js'
import {costAssumptionSheets} from './cost-assumptions.report.js'
import {writeCostWorkbook} from './cost.report.js'
import {writeWorkbook} from '../reports/workbook-writer.js'
import {readXlsx} from '../sources/xlsx.js'
import {PARAMETERS, defaultAssumptions} from './assumptions.js'
import {readAssumptions} from './assumptions-rows.js'
import {
  loadAssumptions,
  loadSystemSources,
  loadVerdicts,
  saveAssumptions,
  saveCostEstimate,
} from './cost.repository.js'
import type {CostEstimate, CostEstimateResult, CostImportResult, CostTemplateResult} from './cost.schema.js'
import {
  BASE_SCENARIO,
  estimateCost,
  scenarioNames,
  verdictKey,
  type CutoverPlan,
  type Verdict,
} from './estimate.js'
import {dataNotice} from '../reports/data-notice.js'
import {storedDataOrigin} from '../workspace/origin.repository.js'

export const DEFAULT_ASSUMPTIONS_FILE = '経費前提.xlsx'

function requireXlsx(path: string, what: string): void {
  if (extname(path).toLowerCase() !== '.xlsx') {
    throw new UserError(`${what} ${path} の拡張子は .xlsx にしてください`, {
      code: 'OUTPUT_NOT_XLSX',
      exitCode: ExitCode.usage,
    })
  }
}

/** `hyojun cost template`: the assumptions workbook with defaults; never overwrites a filled-in one without force. */
export async function writeCostTemplate(options: {
  output?: string
  force?: boolean
}): Promise<CostTemplateResult> {
  const path = options.output ?? DEFAULT_ASSUMPTIONS_FILE
  requireXlsx(path, '出力ファイル')
  if (existsSync(path) && !options.force) {
    throw new UserError(
      `${path} は既に存在します。記入済みの前提条件を上書きしないよう、様式は出力しませんでした`,
      {
        code: 'OUTPUT_EXISTS',
        exitCode: ExitCode.usage,
        suggestions: ['--output で別のファイル名を指定する', '上書きしてよい場合は --force を付ける'],
      },
    )
  }
  const written = await writeWorkbook(path, costAssumptionSheets(defaultAssumptions()))
  return {path: written.path, sheets: [...written.sheets]}
}

/** `hyojun cost import`: validate every cell; store all or nothing (nothing on --dry-run). */
export async function importCostAssumptions(options: {
  dbPath: string
  file: string
  dryRun?: boolean
  now?: Date
}): Promise<CostImportResult> {
  requireXlsx(options.file, '前提条件ファイル')
  const grid = await readXlsx(options.file)
  const read = readAssumptions(grid)
  throwIfIssues(read.issues, grid.file)
  const a = read.assumptions
  const dryRun = options.dryRun ?? false
  if (!dryRun) {
    const at = (options.now ?? new Date()).toISOString()
    withDatabase(options.dbPath, {write: true}, (db) => inTransaction(db, () => saveAssumptions(db, a, at)))
  }
  return {
    file: grid.file,
    dryRun,
    written: !dryRun,
    parameters: PARAMETERS.filter((p) => a.parameters[p.key].value !== null).length,
    businessRates: a.businessRates.length,
    systemRates: a.systemRates.length,
    populationBands: a.bands.length,
    categories: a.categories.length,
    scenarios: a.scenarios.map((s) => s.name),
    changedFromDefault: PARAMETERS.filter((p) => a.parameters[p.key].value !== p.default).map((p) => ({
      key: p.key,
      label: p.label,
      value: a.parameters[p.key].value,
    })),
    warnings: [...read.warnings],
  }
}

/** Cutover months from the latest stored roadmap (`hyojun roadmap`); none before a roadmap was made. */
export function roadmapCutovers(db: Db): CutoverPlan[] {
  return cutoverMonths(db).map(({systemId, cutover}) => ({systemId, cutover}))
}

/** Compute (pure core) and store one estimate run on an open database. */
export function computeAndStoreEstimate(
  db: Db,
  options: {scenario?: string; today: string; now?: Date},
): {estimate: CostEstimate; id: number; municipality: string} {
  const systems = listSystems(db)
  if (systems.length === 0) {
    throw new UserError('システム台帳が取り込まれていません。経費試算にはシステム台帳が必要です。', {
      code: 'INVENTORY_NOT_IMPORTED',
      suggestions: ['hyojun inventory import システム台帳.xlsx を実行してください'],
    })
  }
  const assumptions = loadAssumptions(db)
  const scenario = options.scenario ?? BASE_SCENARIO
  const names = scenarioNames(assumptions)
  const wanted = scenario === '基本' ? BASE_SCENARIO : scenario
  if (!names.includes(wanted)) {
    throw new UserError(`シナリオ「${scenario}」はありません（${names.join(' / ')}）`, {
      code: 'UNKNOWN_SCENARIO',
      exitCode: ExitCode.usage,
      suggestions: names.map((n) => `--scenario ${n}`),
    })
  }
  const verdicts = new Map<string, Verdict>(
    loadVerdicts(db).map((v) => [verdictKey(v.systemId, v.customizationId), v.verdict]),
  )
  const municipality = getMunicipality(db)
  const estimate = estimateCost({
    systems,
    customizations: listCustomizations(db),
    verdicts,
    assumptions,
    today: options.today,
    population: municipality?.population ?? null,
    cutovers: roadmapCutovers(db),
    systemSources: loadSystemSources(db),
    scenario: wanted,
  })
  const createdAt = (options.now ?? new Date()).toISOString()
  const id = inTransaction(db, () =>
    saveCostEstimate(db, {scenario: estimate.scenario, asOf: options.today, createdAt, result: estimate}),
  )
  return {estimate, id, municipality: municipality?.name ?? ''}
}

export interface CostEstimateOptions {
  readonly dbPath: string
  readonly scenario?: string
  /** 経費試算.xlsx path; no workbook when omitted. */
  readonly output?: string
  /** YYYY-MM-DD (the command passes the clock). */
  readonly today: string
  readonly now?: Date
}

/** `hyojun cost estimate`: estimate, store the run, optionally write the workbook. */
export async function runCostEstimate(options: CostEstimateOptions): Promise<CostEstimateResult> {
  if (options.output !== undefined) requireXlsx(options.output, '出力ファイル')
  const {estimate, id, municipality, notice} = withDatabase(options.dbPath, {write: true}, (db) => ({
    ...computeAndStoreEstimate(db, options),
    notice: dataNotice(storedDataOrigin(db)),
  }))
  let output: string | null = null
  if (options.output !== undefined)
    output = (await writeCostWorkbook(options.output, estimate, municipality, notice)).path
  return {...estimate, output, estimateId: id}
}

/**
 * For `hyojun run`: estimate the base scenario, store it and write 経費試算.xlsx to `output`.
 * Returns the written path and the estimate (its warnings belong in the run's warnings).
 */
export async function writeCostReport(options: {
  dbPath: string
  output: string
  today: string
  now?: Date
}): Promise<{path: string; estimate: CostEstimateResult}> {
  const estimate = await runCostEstimate({...options, scenario: BASE_SCENARIO})
  return {path: estimate.output!, estimate}
}
