import {existsSync, readdirSync, statSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {z} from 'zod'
import {schemaVersion, withDatabase, type Db} from '../db/database.js'
import {ExitCode, UserError} from '../errors.js'
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
  for (const x of specs.warnings) warnings.push(x)
  steps.push({
    name: '標準仕様書の取込',
    status: 'done',
    detail: `${specs.imported.length} 版を取り込みました（取込済み ${specs.skipped.length} 版は省略）`,
  })

  options.onStep?.('システム台帳・カスタマイズ一覧を取り込んでいます')
  const systemsPath = join(options.inventoryDir, systemsFile)
  const inventory = importInventoryInto(db, await readSystemsSource({file: systemsPath}), {now})
  for (const x of inventory.warnings) warnings.push(x)
  let customizations = 0
  for (const f of customizationFiles) {
    const source = await readCustomizationsSource({file: join(options.inventoryDir, f)})
    const r = importCustomizationsInto(db, source, {now})
    for (const x of r.warnings) warnings.push(x)
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
    for (const x of fitgap.warnings) warnings.push(x)
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
