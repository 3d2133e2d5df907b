import {existsSync, readdirSync, statSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {z} from 'zod'
import {schemaVersion, withDatabase, type Db} from '../db/database.js'
import {computeAndStoreEstimate} from '../cost/cost.service.js'
import {ExitCode, UserError} from '../errors.js'
import {localDate} from '../fitgap/fitgap.service.js'
import {writeCostWorkbook} from '../reports/cost.report.js'
import {runRfiSample} from '../rfi/rfi-sample.service.js'
import {ROADMAP_REPORT, writeRoadmapReport} from '../roadmap/roadmap.service.js'
import {runSummary, SUMMARY_REPORT} from '../summary/summary.service.js'
import {FitgapSummarySchema} from '../fitgap/fitgap.schema.js'
import {runFitgapIn} from '../fitgap/fitgap.service.js'
import {
  importCustomizationsInto,
  importInventoryInto,
  readCustomizationsSource,
  readSystemsSource,
} from '../inventory/inventory-import.service.js'
import {importSpecsInto, readSpecSources} from '../standard/spec-import.service.js'

export const RunResultSchema = z.object({
  db: z.string(),
  schemaVersion: z.number(),
  steps: z.array(
    z.object({name: z.string(), status: z.enum(['done', 'skipped', 'not-built']), detail: z.string()}),
  ),
  /** Absolute paths of the reports written. */
  reports: z.array(z.string()),
  warnings: z.array(z.string()),
  specs: z.object({imported: z.number().int(), skipped: z.number().int()}),
  inventory: z.object({
    systems: z.number().int(),
    customizations: z.number().int(),
    files: z.array(z.string()),
  }),
  /** Per-業務 fit/gap summary (same shape as `hyojun fitgap`). */
  fitgap: z.array(FitgapSummarySchema),
})
export type RunResult = z.infer<typeof RunResultSchema>

export interface RunOptions {
  /** YYYY-MM-DD for the date-dependent analyses (roadmap, cost, summary); default: the local date of `now`. */
  readonly today?: string
  readonly dbPath: string
  readonly specsDir: string
  readonly inventoryDir: string
  readonly reportsDir: string
  readonly now?: Date
  /** Called when a step starts (the command shows it on a TTY). */
  readonly onStep?: (name: string) => void
}

/**
 * A data folder bundled with hyojun (specs/, inventory/) for when the current
 * folder has none: `hyojun run` then works from any folder.
 */
export function bundledDir(name: 'specs' | 'inventory'): string {
  // src/pipeline/ and dist/pipeline/ both sit two levels below the package root.
  return resolve(fileURLToPath(new URL('../..', import.meta.url)), name)
}

/** The folder given, or, when the default one does not exist here, the bundled one. */
export function dataDir(given: string | undefined, name: 'specs' | 'inventory'): string {
  if (given !== undefined) return given
  return existsSync(name) ? name : bundledDir(name)
}

export const FITGAP_REPORT = '比較分析表.xlsx'
export const COST_REPORT = '経費試算.xlsx'

const SYSTEMS_FILE = /^(systems|システム台帳).*\.xlsx$/i
const CUSTOMIZATIONS_FILE = /^(customizations|カスタマイズ).*\.(xlsx|csv)$/i

function requireDir(path: string, what: string, flag: string): void {
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new UserError(`${what}のフォルダ ${path} が見つかりません`, {
      code: 'FOLDER_NOT_FOUND',
      exitCode: ExitCode.usage,
      suggestions: [`${flag} でフォルダを指定してください`],
    })
  }
}

/** Files of a folder matching a pattern, sorted by name (Excel lock files ~$… skipped). */
function filesIn(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir)
    .filter((f) => pattern.test(f) && !f.startsWith('~$'))
    .sort((a, b) => a.localeCompare(b, 'ja'))
}

/**
 * The main job: import specs (already imported versions are kept), import the
 * inventory (replacing the previous one), run the fit/gap for every 業務 and
 * write the 比較分析表. Re-runnable on the same database. One connection serves
 * every step; each step still commits on its own.
 */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  requireDir(options.specsDir, '標準仕様書', '--specs')
  requireDir(options.inventoryDir, 'システム台帳・カスタマイズ一覧', '--inventory')
  const systemsFiles = filesIn(options.inventoryDir, SYSTEMS_FILE)
  const customizationFiles = filesIn(options.inventoryDir, CUSTOMIZATIONS_FILE)
  if (systemsFiles.length !== 1) {
    throw new UserError(
      systemsFiles.length === 0
        ? `${options.inventoryDir} にシステム台帳（systems.xlsx または システム台帳*.xlsx）がありません`
        : `${options.inventoryDir} にシステム台帳が複数あります（${systemsFiles.join('、')}）`,
      {code: 'INVENTORY_NOT_FOUND', suggestions: ['hyojun inventory template で様式を出力できます']},
    )
  }

  return withDatabase(options.dbPath, {write: true}, (db) =>
    runSteps(db, options, systemsFiles[0]!, customizationFiles),
  )
}

/** A step that cannot run on this data (e.g. no systems) is skipped with its reason; bugs still throw. */
async function step(steps: RunResult['steps'], name: string, fn: () => Promise<string>): Promise<void> {
  try {
    steps.push({name, status: 'done', detail: await fn()})
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    steps.push({name, status: 'skipped', detail: error.message})
  }
}

/**
 * After the Fit&Gap: the roadmap (its cutover months feed the cost estimate), the cost estimate, the
 * RFI answers found under <inventory>/rfi with their comparison, and last the CIO summary that reads
 * all of them — every report into --reports.
 */
async function writeLaterReports(
  db: Db,
  options: RunOptions,
  reports: string[],
  steps: RunResult['steps'],
  warnings: string[],
): Promise<void> {
  const now = options.now ?? new Date()
  const today = options.today ?? localDate(now)
  await step(steps, 'ロードマップの作成', async () => {
    options.onStep?.('移行ロードマップを作成しています')
    const plan = await writeRoadmapReport({db, today, output: join(options.reportsDir, ROADMAP_REPORT), now})
    if (plan.output) reports.push(plan.output)
    const late = plan.items.filter((i) => !i.onTime).length
    return `${plan.items.length} システムの移行時期を計画しました（期限超過の見込み ${late} 件）`
  })
  await step(steps, '経費試算', async () => {
    options.onStep?.('経費を試算しています')
    const {estimate, municipality} = computeAndStoreEstimate(db, {today, now})
    warnings.push(...estimate.warnings)
    reports.push(
      (await writeCostWorkbook(join(options.reportsDir, COST_REPORT), estimate, municipality)).path,
    )
    const t = estimate.totals
    return t.meetsTarget
      ? `運用経費の3割削減目標を達成する見込みです（移行経費 ${t.oneTimeYen.toLocaleString('ja-JP')} 円）`
      : `運用経費の3割削減目標は未達です（あと ${t.gapToTargetYen.toLocaleString('ja-JP')} 円/年）`
  })
  await step(steps, 'RFI 回答の取込・比較', async () => {
    options.onStep?.('RFI の回答を取り込み、比較しています')
    const rfi = await runRfiSample({
      dbPath: options.dbPath,
      dir: join(options.inventoryDir, 'rfi'),
      reportsDir: options.reportsDir,
      now,
    })
    warnings.push(...rfi.warnings)
    reports.push(...rfi.exports)
    if (rfi.comparison) reports.push(rfi.comparison)
    if (rfi.imported.length === 0)
      throw new UserError('RFI の回答（<inventory>/rfi/<事業者>/*.xlsx）がないため省略しました', {
        code: 'NO_RFI_ANSWERS',
      })
    return `${rfi.imported.length} 件の回答を取り込み、${rfi.businesses.length} 業務を比較しました`
  })
  await step(steps, '移行計画サマリ', async () => {
    options.onStep?.('移行計画サマリを作成しています')
    const summary = await runSummary({
      dbPath: options.dbPath,
      db,
      today,
      output: join(options.reportsDir, SUMMARY_REPORT),
    })
    if (summary.output) reports.push(summary.output)
    reports.push(...summary.charts)
    return `リスク ${summary.risks.length} 件、グラフ ${summary.charts.length} 枚`
  })
}

async function runSteps(
  db: Db,
  options: RunOptions,
  systemsFile: string,
  customizationFiles: readonly string[],
): Promise<RunResult> {
  const version = schemaVersion(db)
  const steps: RunResult['steps'] = [
    {name: 'データベース準備', status: 'done', detail: 'スキーマを最新化しました'},
  ]
  const warnings: string[] = []

  const now = options.now?.toISOString()
  options.onStep?.('標準仕様書を取り込んでいます')
  const specs = importSpecsInto(db, await readSpecSources({path: options.specsDir}), {
    skipExisting: true,
    now,
  })
  warnings.push(...specs.warnings)
  steps.push({
    name: '標準仕様書の取込',
    status: 'done',
    detail: `${specs.imported.length} 版を取り込みました（取込済み ${specs.skipped.length} 版は省略）`,
  })

  options.onStep?.('システム台帳・カスタマイズ一覧を取り込んでいます')
  const systemsPath = join(options.inventoryDir, systemsFile)
  const inventory = importInventoryInto(db, await readSystemsSource({file: systemsPath}), {now})
  warnings.push(...inventory.warnings)
  let customizations = 0
  for (const f of customizationFiles) {
    const source = await readCustomizationsSource({file: join(options.inventoryDir, f)})
    const r = importCustomizationsInto(db, source, {now})
    warnings.push(...r.warnings)
    customizations += r.customizations
  }
  steps.push({
    name: 'システム台帳・カスタマイズ一覧の取込',
    status: 'done',
    detail: `システム ${inventory.systems} 件、カスタマイズ ${customizations} 件（${customizationFiles.length} ファイル）`,
  })

  const reports: string[] = []
  let summary: RunResult['fitgap'] = []
  if (customizations === 0) {
    steps.push({
      name: 'Fit&Gap分析・比較分析表の出力',
      status: 'skipped',
      detail: 'カスタマイズ一覧がないため省略しました',
    })
  } else {
    options.onStep?.('Fit&Gap を判定し、比較分析表を出力しています')
    const fitgap = await runFitgapIn(db, {
      output: join(options.reportsDir, FITGAP_REPORT),
      now: options.now,
    })
    warnings.push(...fitgap.warnings)
    summary = fitgap.summary
    if (fitgap.output) reports.push(fitgap.output)
    const total = summary.reduce((n, s) => n + s.total, 0)
    const review = summary.reduce((n, s) => n + s.needsReview, 0)
    steps.push({
      name: 'Fit&Gap分析・比較分析表の出力',
      status: 'done',
      detail: `${summary.length} 業務・カスタマイズ ${total} 件を判定しました（要確認 ${review} 件）`,
    })
  }

  await writeLaterReports(db, options, reports, steps, warnings)

  return {
    db: resolve(options.dbPath),
    schemaVersion: version,
    steps,
    reports,
    warnings,
    specs: {imported: specs.imported.length, skipped: specs.skipped.length},
    inventory: {systems: inventory.systems, customizations, files: [systemsFile, ...customizationFiles]},
    fitgap: summary,
  }
}
