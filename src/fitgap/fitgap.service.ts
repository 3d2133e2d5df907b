import {resolveBusiness} from '../catalog/catalog.js'
import {inTransaction, withDatabase, type Db} from '../db/database.js'
import {UserError} from '../errors.js'
import {listCustomizations} from '../inventory/inventory.repository.js'
import type {CustomizationRecord} from '../inventory/inventory.schema.js'
import {getMunicipality} from '../municipality/municipality.repository.js'
import {DEFAULT_MUNICIPALITY_KIND} from '../municipality/municipality.schema.js'
import {assertOutputPath} from '../reports/workbook-writer.js'
import {assertFillableWorkbookWritable} from '../reports/overwrite-guard.js'
import {writeFitgapWorkbook, writeReviewWorkbook} from './fitgap.report.js'
import {loadSpec} from '../standard/spec.repository.js'
import {localDate} from '../text/local-date.js'
import {analyzeBusiness, disagreementWarnings, summarizeLines} from './analyze.js'
import {loadRequirementFeatures, saveRequirementFeatures} from './features.repository.js'
import {loadReviews, replaceResults} from './fitgap.repository.js'
import type {FitgapLine, FitgapResult, FitgapSummary, ReviewExportResult} from './fitgap.schema.js'
import {DEFAULT_MATCHER_CONFIG, type MatcherConfig} from './matcher.js'
import {
  extractRequirementFeatures,
  featureFingerprint,
  type RequirementFeatures,
} from './requirement-features.js'
import {dataNotice, type DataOrigin} from '../reports/data-notice.js'
import {bundledSpecKeys, isSampleInventory} from '../workspace/origin.repository.js'

export interface FitgapOptions {
  readonly dbPath: string
  /** 業務 name, alias or id; all 業務 with customizations when omitted. */
  readonly business?: string
  /** 比較分析表 path; no workbook when omitted. */
  readonly output?: string
  readonly now?: Date
  readonly config?: Partial<MatcherConfig>
  /** Progress of each phase, for the command's progress bar. */
  readonly onProgress?: (event: FitgapProgress) => void
}

/**
 * Phases of `hyojun fitgap`: reading the customizations (no count: total 0), matching them (done/total customizations),
 * storing the results and writing the 比較分析表 (done/total rows).
 */
export interface FitgapProgress {
  readonly phase: 'load' | 'match' | 'store' | 'write'
  readonly done: number
  readonly total: number
}

interface Computed {
  readonly lines: FitgapLine[]
  readonly summary: FitgapSummary[]
  readonly warnings: string[]
  readonly analyzed: string[]
  /**
   * Features rebuilt because the stored ones were missing or out of date (a spec imported by an
   * older hyojun): a storing run saves them, so the rebuild happens once, not on every run.
   */
  readonly rebuiltFeatures: {businessId: string; version: string; features: RequirementFeatures}[]
}

// Moved to text/ so that cli/flags.ts does not load the whole Fit&Gap stack (and exceljs) at start-up.
export {localDate}

function noCustomizations(business: string | undefined): UserError {
  return new UserError(
    business
      ? `${business} のカスタマイズ一覧が取り込まれていません。`
      : 'カスタマイズ一覧が取り込まれていません。Fit&Gap 分析にはカスタマイズ一覧が必要です。',
    {
      code: 'NO_CUSTOMIZATIONS',
      suggestions: ['hyojun customizations import カスタマイズ一覧.xlsx を実行してください'],
    },
  )
}

/** Analyse (without storing) every 業務 with customizations, or one. */
export function computeFitgap(
  db: Db,
  options: {
    readonly business?: string
    readonly config?: Partial<MatcherConfig>
    readonly onProgress?: (event: FitgapProgress) => void
  },
): Computed {
  const business = options.business ? resolveBusiness(options.business) : undefined
  options.onProgress?.({phase: 'load', done: 0, total: 0})
  const customizations = listCustomizations(db, {businessId: business?.id})
  if (customizations.length === 0) throw noCustomizations(business?.name)
  const byBusiness = new Map<string, CustomizationRecord[]>()
  for (const c of customizations) {
    const list = byBusiness.get(c.businessId) ?? []
    list.push(c)
    byBusiness.set(c.businessId, list)
  }
  const kind = getMunicipality(db)?.kind ?? DEFAULT_MUNICIPALITY_KIND
  const reviews = loadReviews(db)
  const lines: FitgapLine[] = []
  const warnings: string[] = []
  const analyzed: string[] = []
  const skipped: string[] = []
  const rebuiltFeatures: Computed['rebuiltFeatures'] = []
  const total = customizations.length
  let done = 0
  const report = (n: number): void => options.onProgress?.({phase: 'match', done: n, total})
  report(0)
  for (const [businessId, list] of byBusiness) {
    const spec = loadSpec(db, businessId)
    if (!spec) {
      skipped.push(list[0]!.business)
      done += list.length
      report(done)
      warnings.push(
        `${list[0]!.business}: 標準仕様書が取り込まれていないため、カスタマイズ ${list.length} 件の分析を省略しました（hyojun specs import で取り込んでください）`,
      )
      continue
    }
    let features = loadRequirementFeatures(db, businessId, spec.version)
    // Only the default configuration is stored (an evaluation with --config overrides rebuilds in memory).
    if (
      options.config === undefined &&
      (features?.docs !== spec.requirements.length ||
        features.fingerprint !== featureFingerprint(DEFAULT_MATCHER_CONFIG))
    ) {
      features = extractRequirementFeatures(spec.requirements, DEFAULT_MATCHER_CONFIG)
      rebuiltFeatures.push({businessId, version: spec.version, features})
    }
    const result = analyzeBusiness({
      spec,
      customizations: list,
      reviews,
      kind,
      config: options.config,
      features,
      onProgress: (n) => report(done + n),
    })
    for (const x of result.lines) lines.push(x)
    for (const x of result.warnings) warnings.push(x)
    analyzed.push(businessId)
    done += list.length
    report(done)
  }
  if (analyzed.length === 0) {
    throw new UserError(
      `${skipped.join('、')} の標準仕様書が取り込まれていないため、Fit&Gap 分析ができません。`,
      {
        code: 'SPEC_NOT_IMPORTED',
        suggestions: ['hyojun specs import specs を実行してください'],
      },
    )
  }
  const summary = summarizeLines(lines)
  warnings.push(...disagreementWarnings(summary, lines))
  return {lines, summary, warnings, analyzed, rebuiltFeatures}
}

/** Said loudly (stderr and JSON warnings) whenever an analysis rests on sample or bundled data. */
export function originWarnings(origin: DataOrigin): string[] {
  return [
    ...(origin.sample
      ? [
          '分析したシステム台帳・カスタマイズ一覧は同梱のサンプル（架空の団体）です。自団体のデータではありません',
        ]
      : []),
    ...(origin.bundledSpecs
      ? [
          '分析に使った標準仕様書は同梱仕様書（開発チームによる架空の要約）です。国の標準仕様書の本文ではありません',
        ]
      : []),
  ]
}

/** Workbooks only: refuse `--output 比較分析表.csv` before any work (Excel would not open it). */
function assertXlsxOutput(output: string | undefined, dbPath?: string): void {
  if (output !== undefined && !/\.xlsx$/i.test(output)) {
    throw new UserError(`出力ファイル ${output} の拡張子は .xlsx にしてください`, {code: 'OUTPUT_NOT_XLSX'})
  }
  if (output !== undefined) assertOutputPath(output, {dbPath})
}

/**
 * Analyse on `db` and, with `storeAt`, replace the stored results in one
 * transaction. Returns the municipality name for report titles.
 */
function analyzeIn(
  db: Db,
  options: Pick<FitgapOptions, 'business' | 'config' | 'onProgress'>,
  storeAt?: string,
): {computed: Computed; municipality: string; origin: DataOrigin} {
  const computed = computeFitgap(db, options)
  if (storeAt !== undefined) {
    const total = computed.lines.length
    options.onProgress?.({phase: 'store', done: 0, total})
    inTransaction(db, () => {
      replaceResults(db, computed.analyzed, computed.lines, storeAt, (done) =>
        options.onProgress?.({phase: 'store', done, total}),
      )
      for (const r of computed.rebuiltFeatures)
        saveRequirementFeatures(db, r.businessId, r.version, r.features)
    })
  }
  const bundled = bundledSpecKeys(db)
  const origin = {
    sample: isSampleInventory(db),
    bundledSpecs: computed.summary.some((s) => bundled.has(`${s.businessId}@${s.specVersion}`)),
  }
  return {computed, municipality: getMunicipality(db)?.name ?? '', origin}
}

/** `hyojun fitgap` on an open database: analyse, store the results (one transaction), optionally write the 比較分析表. */
export async function runFitgapIn(db: Db, options: Omit<FitgapOptions, 'dbPath'>): Promise<FitgapResult> {
  assertXlsxOutput(options.output)
  const now = options.now ?? new Date()
  const {computed, municipality, origin} = analyzeIn(db, options, now.toISOString())
  let output: string | null = null
  let writerChanges: readonly string[] = []
  if (options.output) {
    const total = computed.lines.length + computed.summary.length + 1
    options.onProgress?.({phase: 'write', done: 0, total})
    const written = await writeFitgapWorkbook(
      options.output,
      computed.lines,
      computed.summary,
      {municipality, date: localDate(now), notice: dataNotice(origin)},
      {onRows: (done) => options.onProgress?.({phase: 'write', done, total})},
    )
    output = written.path
    writerChanges = written.changes
  }
  return {
    results: computed.lines,
    summary: computed.summary,
    warnings: [...originWarnings(origin), ...computed.warnings, ...writerChanges],
    output,
    ...origin,
  }
}

export async function runFitgap(options: FitgapOptions): Promise<FitgapResult> {
  assertXlsxOutput(options.output, options.dbPath)
  return withDatabase(options.dbPath, {write: true, ifMissing: 'error'}, (db) => runFitgapIn(db, options))
}

export interface ReviewExportOptions {
  readonly dbPath: string
  readonly business?: string
  readonly output: string
  readonly now?: Date
  /** Overwrite an existing review workbook (it may hold decisions not yet imported). */
  readonly force?: boolean
}

/** `hyojun fitgap review-export`: the review workbook (current analysis, human decisions prefilled). */
export async function exportReviewIn(
  db: Db,
  options: Omit<ReviewExportOptions, 'dbPath'>,
): Promise<ReviewExportResult> {
  assertXlsxOutput(options.output)
  assertFillableWorkbookWritable(options.output, {force: options.force, what: 'レビューシート'})
  const now = options.now ?? new Date()
  const {computed, municipality, origin} = analyzeIn(db, options)
  const written = await writeReviewWorkbook(options.output, computed.lines, {
    municipality,
    date: localDate(now),
    notice: dataNotice(origin),
  })
  return {
    output: written.path,
    rows: computed.lines.length,
    reviewed: computed.lines.filter((l) => l.review !== null).length,
    warnings: [...computed.warnings, ...written.changes],
  }
}

export async function exportReview(options: ReviewExportOptions): Promise<ReviewExportResult> {
  assertXlsxOutput(options.output, options.dbPath)
  return withDatabase(options.dbPath, {write: false}, (db) => exportReviewIn(db, options))
}
