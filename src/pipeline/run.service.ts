import {existsSync, readdirSync, statSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {z} from 'zod'
import {inTransaction, migrate, schemaVersion, withDatabase, type Db} from '../db/database.js'
import {computeAndStoreEstimate} from '../cost/cost.service.js'
import {ExitCode, UserError} from '../errors.js'
import {localDate} from '../fitgap/fitgap.service.js'
import {writeCostWorkbook} from '../cost/cost.report.js'
import {dataNotice} from '../reports/data-notice.js'
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
import {getMunicipality} from '../municipality/municipality.repository.js'
import {importSpecsInto, readSpecSources} from '../standard/spec-import.service.js'
import {bundledDir, isBundled} from '../workspace/bundled.js'
import {heldInventory, isSampleInventory, markSampleInventory} from '../workspace/origin.repository.js'

export {bundledDir} from '../workspace/bundled.js'

const StepSchema = z.object({
  name: z.string(),
  status: z.enum(['done', 'skipped', 'not-built']),
  detail: z.string(),
})
export type RunStep = z.infer<typeof StepSchema>

export const RunResultSchema = z.object({
  db: z.string(),
  schemaVersion: z.number(),
  steps: z.array(StepSchema),
  /** Absolute paths of the reports written. */
  reports: z.array(z.string()),
  warnings: z.array(z.string()),
  specs: z.object({imported: z.number().int(), skipped: z.number().int()}),
  inventory: z.object({
    systems: z.number().int(),
    customizations: z.number().int(),
    files: z.array(z.string()),
    /** Where the analysed inventory came from: a folder imported now, the bundled sample, or the database as it was. */
    source: z
      .enum(['folder', 'sample', 'database'])
      .optional()
      .describe(
        '台帳の出所（folder = 今回フォルダから取込、sample = 同梱サンプル、database = 取込済みの台帳）',
      ),
  }),
  /** The inventory analysed is the bundled sample city (fictional), not the municipality's own data. */
  sample: z.boolean().optional(),
  /** Some spec used is a bundled one (our fictional summary, not the official text). */
  bundledSpecs: z.boolean().optional(),
  /** Per-業務 fit/gap summary (same shape as `hyojun fitgap`). */
  fitgap: z.array(FitgapSummarySchema),
})
export type RunResult = z.infer<typeof RunResultSchema>

export interface RunOptions {
  readonly dbPath: string
  /** --specs: import this folder (versions already held are kept, never replaced). */
  readonly specsDir?: string
  /** --inventory: import this folder (replaces the inventory held: the user asked for it). */
  readonly inventoryDir?: string
  /** YYYY-MM-DD for the date-dependent analyses (roadmap, cost, summary); default: the local date of `now`. */
  readonly today?: string
  /** --sample: the bundled sample city and specs; refused on a database holding another municipality's data. */
  readonly sample?: boolean
  readonly reportsDir: string
  readonly now?: Date
  /** Called when a step starts (the command shows it on a TTY). */
  readonly onStep?: (name: string) => void
  /** Called as each step finishes (the command prints its line at once). */
  readonly onStepDone?: (step: RunStep) => void
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

/** Where this run's inventory comes from. */
type InventoryPlan =
  | {readonly kind: 'folder' | 'sample'; readonly dir: string}
  | {readonly kind: 'database'; readonly ignoredDefault: boolean}

/** Inventory and profile a database holds (a database holding any of them is not empty). */
function workspaceState(db: Db): {
  readonly systems: number
  readonly customizations: number
  readonly sample: boolean
  readonly municipality: string | null
} {
  const held = heldInventory(db)
  return {...held, sample: isSampleInventory(db), municipality: getMunicipality(db)?.name ?? null}
}

/**
 * The rule that keeps a municipality's data safe: `run` never replaces what the database holds unless told
 * which folder to import. An explicit --inventory is imported; with data held, that data is analysed; the
 * bundled sample is used only on an empty database (or with --sample, refused when the database holds
 * another municipality's data).
 */
function planInventory(options: RunOptions, state: ReturnType<typeof workspaceState>): InventoryPlan {
  const holds = state.systems + state.customizations > 0
  const own = (holds && !state.sample) || state.municipality !== null
  if (options.sample) {
    if (own) {
      const what = [
        state.municipality ? `${state.municipality}の団体情報` : '',
        holds ? `システム台帳 ${state.systems} 件・カスタマイズ ${state.customizations} 件` : '',
      ].filter((w) => w !== '')
      throw new UserError(
        `データベース ${options.dbPath} には自団体のデータ（${what.join('、')}）があります。サンプルで置き換えないよう、何も変更しませんでした`,
        {
          code: 'SAMPLE_WOULD_REPLACE_DATA',
          suggestions: ['サンプルは別のデータベースで試してください: hyojun run --sample --db サンプル.db'],
        },
      )
    }
    return {kind: 'sample', dir: bundledDir('inventory')}
  }
  if (options.inventoryDir !== undefined) {
    return {
      kind: isBundled(options.inventoryDir, 'inventory') ? 'sample' : 'folder',
      dir: options.inventoryDir,
    }
  }
  const local = existsSync('inventory') && !isBundled('inventory', 'inventory')
  if (holds) return {kind: 'database', ignoredDefault: local}
  if (local) return {kind: 'folder', dir: 'inventory'}
  if (state.municipality !== null) {
    throw new UserError(
      `${state.municipality}のシステム台帳・カスタマイズ一覧が取り込まれていません（サンプルでは分析しません）`,
      {
        code: 'INVENTORY_NOT_IMPORTED',
        suggestions: [
          'hyojun inventory import システム台帳.xlsx と hyojun customizations import カスタマイズ一覧.xlsx で取り込む',
          'hyojun run --inventory 台帳のフォルダ',
        ],
      },
    )
  }
  return {kind: 'sample', dir: bundledDir('inventory')}
}

/** Where this run's specs come from (undefined: use the versions the database holds). */
function planSpecs(options: RunOptions, db: Db): string | undefined {
  if (options.specsDir !== undefined) return options.specsDir
  if (options.sample) return bundledDir('specs')
  if (existsSync('specs')) return 'specs'
  const held = db.prepare('SELECT count(*) FROM spec_version').pluck().get() as number
  return held > 0 ? undefined : bundledDir('specs')
}

function inventoryFiles(dir: string): {systemsFile: string; customizationFiles: string[]} {
  requireDir(dir, 'システム台帳・カスタマイズ一覧', '--inventory')
  const systemsFiles = filesIn(dir, SYSTEMS_FILE)
  if (systemsFiles.length !== 1) {
    throw new UserError(
      systemsFiles.length === 0
        ? `${dir} にシステム台帳（systems.xlsx または システム台帳*.xlsx）がありません`
        : `${dir} にシステム台帳が複数あります（${systemsFiles.join('、')}）`,
      {code: 'INVENTORY_NOT_FOUND', suggestions: ['hyojun inventory template で様式を出力できます']},
    )
  }
  return {systemsFile: systemsFiles[0]!, customizationFiles: filesIn(dir, CUSTOMIZATIONS_FILE)}
}

/**
 * The main job: import specs (versions already held are kept), import the inventory when told where (or the
 * sample into an empty database), run the fit/gap for every 業務 and write the 比較分析表. Re-runnable on the
 * same database. One connection serves every step; each step commits on its own.
 */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  if (options.specsDir !== undefined) requireDir(options.specsDir, '標準仕様書', '--specs')
  if (options.inventoryDir !== undefined) inventoryFiles(options.inventoryDir)
  const created = !existsSync(options.dbPath)
  return withDatabase(options.dbPath, {write: true, migrate: false}, (db) => runSteps(db, options, created))
}

/** A step that cannot run on this data (e.g. no systems) is skipped with its reason; bugs still throw. */
async function step(done: (step: RunStep) => void, name: string, fn: () => Promise<string>): Promise<void> {
  try {
    done({name, status: 'done', detail: await fn()})
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    done({name, status: 'skipped', detail: error.message})
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
  ctx: {
    readonly reports: string[]
    readonly done: (step: RunStep) => void
    readonly warnings: string[]
    /** Folder the inventory came from (its rfi/ sub-folder holds vendors' answers); none when the database's own was used. */
    readonly inventoryDir: string | undefined
    readonly notice: string | undefined
  },
): Promise<void> {
  const {reports, warnings} = ctx
  const now = options.now ?? new Date()
  const today = options.today ?? localDate(now)
  await step(ctx.done, 'ロードマップの作成', async () => {
    options.onStep?.('移行ロードマップを作成しています')
    const plan = await writeRoadmapReport({
      db,
      today,
      output: join(options.reportsDir, ROADMAP_REPORT),
      now,
      notice: ctx.notice,
    })
    if (plan.output) reports.push(plan.output)
    const late = plan.items.filter((i) => !i.onTime).length
    return `${plan.items.length} システムの移行時期を計画しました（期限超過の見込み ${late} 件）`
  })
  await step(ctx.done, '経費試算', async () => {
    options.onStep?.('経費を試算しています')
    const {estimate, municipality} = computeAndStoreEstimate(db, {today, now})
    warnings.push(...estimate.warnings)
    reports.push(
      (await writeCostWorkbook(join(options.reportsDir, COST_REPORT), estimate, municipality, ctx.notice))
        .path,
    )
    const t = estimate.totals
    return t.meetsTarget
      ? `運用経費の3割削減目標を達成する見込みです（移行経費 ${t.oneTimeYen.toLocaleString('ja-JP')} 円）`
      : `運用経費の3割削減目標は未達です（あと ${t.gapToTargetYen.toLocaleString('ja-JP')} 円/年）`
  })
  await step(ctx.done, 'RFI 回答の取込・比較', async () => {
    options.onStep?.('RFI の回答を取り込み、比較しています')
    if (ctx.inventoryDir === undefined)
      throw new UserError('RFI の回答フォルダ（<inventory>/rfi）の指定がないため省略しました', {
        code: 'NO_RFI_ANSWERS',
      })
    const rfi = await runRfiSample({
      dbPath: options.dbPath,
      dir: join(ctx.inventoryDir, 'rfi'),
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
  await step(ctx.done, '移行計画サマリ', async () => {
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

async function runSteps(db: Db, options: RunOptions, created: boolean): Promise<RunResult> {
  const steps: RunStep[] = []
  const warnings: string[] = []
  const done = (step: RunStep): void => {
    steps.push(step)
    options.onStepDone?.(step)
  }
  const before = schemaVersion(db)
  const applied = migrate(db)
  const version = schemaVersion(db)
  done({
    name: 'データベース準備',
    status: 'done',
    detail: created
      ? `データベースを作成しました（スキーマ版 ${version}）`
      : applied > 0
        ? `スキーマを版 ${before} から ${version} に更新しました`
        : `スキーマは最新です（版 ${version}）`,
  })

  const state = workspaceState(db)
  const plan = planInventory(options, state)
  const now = options.now?.toISOString()

  const specsDir = planSpecs(options, db)
  let specs = {imported: 0, skipped: 0}
  if (specsDir === undefined) {
    done({name: '標準仕様書の取込', status: 'skipped', detail: '取込済みの標準仕様書を使います'})
  } else {
    options.onStep?.('標準仕様書を取り込んでいます')
    requireDir(specsDir, '標準仕様書', '--specs')
    const r = importSpecsInto(db, await readSpecSources({path: specsDir}), {skipExisting: true, now})
    warnings.push(...r.warnings)
    specs = {imported: r.imported.length, skipped: r.skipped.length}
    done({
      name: '標準仕様書の取込',
      status: 'done',
      detail: `${specs.imported} 版を取り込みました（取込済み ${specs.skipped} 版は省略）${isBundled(specsDir, 'specs') ? '。同梱仕様書（架空の要約）です' : ''}`,
    })
  }

  let inventory: RunResult['inventory']
  if (plan.kind === 'database') {
    if (plan.ignoredDefault) {
      warnings.push(
        'データベースに取込済みの台帳を分析しました。./inventory は取り込んでいません（取り込む場合は --inventory inventory を指定してください）',
      )
    }
    inventory = {systems: state.systems, customizations: state.customizations, files: [], source: 'database'}
    done({
      name: 'システム台帳・カスタマイズ一覧の取込',
      status: 'skipped',
      detail: `取込済みの台帳（システム ${state.systems} 件、カスタマイズ ${state.customizations} 件${state.sample ? '、サンプル' : ''}）を分析します`,
    })
  } else {
    options.onStep?.('システム台帳・カスタマイズ一覧を取り込んでいます')
    const {systemsFile, customizationFiles} = inventoryFiles(plan.dir)
    const systems = importInventoryInto(db, await readSystemsSource({file: join(plan.dir, systemsFile)}), {
      now,
    })
    warnings.push(...systems.warnings)
    let customizations = 0
    for (const f of customizationFiles) {
      const source = await readCustomizationsSource({file: join(plan.dir, f)})
      const r = importCustomizationsInto(db, source, {now})
      warnings.push(...r.warnings)
      customizations += r.customizations
    }
    // After the imports (whose log insert clears any earlier mark): this inventory is the sample.
    if (plan.kind === 'sample')
      inTransaction(db, () => markSampleInventory(db, now ?? new Date().toISOString()))
    inventory = {
      systems: systems.systems,
      customizations,
      files: [systemsFile, ...customizationFiles],
      source: plan.kind,
    }
    done({
      name: 'システム台帳・カスタマイズ一覧の取込',
      status: 'done',
      detail: `${plan.kind === 'sample' ? '同梱のサンプル（架空の団体）: ' : ''}システム ${systems.systems} 件、カスタマイズ ${customizations} 件（${customizationFiles.length} ファイル）`,
    })
  }

  const reports: string[] = []
  let summary: RunResult['fitgap'] = []
  let origin = {
    sample: plan.kind === 'sample' || (plan.kind === 'database' && state.sample),
    bundledSpecs: false,
  }
  if (inventory.customizations === 0) {
    done({
      name: 'Fit&Gap分析・比較分析表の出力',
      status: 'skipped',
      detail: 'カスタマイズ一覧がないため省略しました',
    })
    warnings.unshift(...sampleWarning(origin.sample))
  } else {
    options.onStep?.('Fit&Gap を判定し、比較分析表を出力しています')
    const fitgap = await runFitgapIn(db, {output: join(options.reportsDir, FITGAP_REPORT), now: options.now})
    for (const x of fitgap.warnings) warnings.push(x)
    summary = fitgap.summary
    origin = {sample: fitgap.sample ?? false, bundledSpecs: fitgap.bundledSpecs ?? false}
    if (fitgap.output) reports.push(fitgap.output)
    const total = summary.reduce((n, s) => n + s.total, 0)
    const review = summary.reduce((n, s) => n + s.needsReview, 0)
    done({
      name: 'Fit&Gap分析・比較分析表の出力',
      status: 'done',
      detail: `${summary.length} 業務・カスタマイズ ${total} 件を判定しました（要確認 ${review} 件）`,
    })
  }

  await writeLaterReports(db, options, {
    reports,
    done,
    warnings,
    inventoryDir: plan.kind === 'database' ? undefined : plan.dir,
    notice: dataNotice(origin),
  })

  return {
    db: resolve(options.dbPath),
    schemaVersion: version,
    steps,
    reports,
    warnings,
    specs,
    inventory,
    fitgap: summary,
    ...origin,
  }
}

function sampleWarning(sample: boolean): string[] {
  return sample
    ? [
        '取り込んだシステム台帳・カスタマイズ一覧は同梱のサンプル（架空の団体）です。自団体のデータではありません',
      ]
    : []
}
