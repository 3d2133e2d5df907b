import {existsSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {InvalidDataError} from '../errors.js'
import {compareRfi, exportRfi, importRfi} from './rfi.service.js'
import type {RfiBusinessComparison} from './rfi.schema.js'

export const RFI_COMPARISON_REPORT = 'RFI比較表.xlsx'
/** Folder under the reports folder for the exported (empty) answer workbooks. */
export const RFI_EXPORT_DIR = 'RFI'

export interface RfiSampleOptions {
  readonly dbPath: string
  /** Folder of answered workbooks, one sub-folder per vendor: <dir>/<事業者>/*.xlsx (e.g. inventory/rfi). */
  readonly dir: string
  readonly reportsDir: string
  readonly now?: Date
}

export interface RfiSampleResult {
  readonly imported: readonly {readonly vendor: string; readonly business: string; readonly file: string}[]
  /** Answer workbooks written under <reportsDir>/RFI (existing ones are left alone: they may be filled in). */
  readonly exports: readonly string[]
  /** RFI比較表 path, or null when no answer could be imported. */
  readonly comparison: string | null
  readonly businesses: readonly RfiBusinessComparison[]
  readonly warnings: readonly string[]
}

/**
 * The RFI step of `hyojun run`: import every answered workbook under `dir` (vendor = sub-folder name),
 * export the answer workbooks of those 業務 under <reportsDir>/RFI, and write the RFI比較表.
 * A workbook that does not validate is skipped with a warning (the other steps of a run still count).
 */
export async function runRfiSample(options: RfiSampleOptions): Promise<RfiSampleResult> {
  const warnings: string[] = []
  const imported: {vendor: string; business: string; file: string}[] = []
  const vendors = existsSync(options.dir)
    ? readdirSync(options.dir)
        .filter((v) => statSync(join(options.dir, v)).isDirectory())
        .sort((a, b) => a.localeCompare(b, 'ja'))
    : []
  for (const vendor of vendors) {
    const files = readdirSync(join(options.dir, vendor))
      .filter((f) => /\.xlsx$/i.test(f) && !f.startsWith('~$'))
      .sort((a, b) => a.localeCompare(b, 'ja'))
    for (const f of files) {
      const file = join(options.dir, vendor, f)
      try {
        const r = await importRfi({dbPath: options.dbPath, file, vendor, now: options.now})
        imported.push({vendor, business: r.business, file: r.file})
        if (r.findings.length > 0)
          warnings.push(`${vendor} ${r.business}: 指摘 ${r.findings.length} 件（RFI比較表を参照）`)
      } catch (error) {
        if (!(error instanceof InvalidDataError)) throw error
        warnings.push(`${vendor}/${f}: 取り込めませんでした（${error.issues[0]?.message ?? error.message}）`)
      }
    }
  }
  if (imported.length === 0) return {imported, exports: [], comparison: null, businesses: [], warnings}
  const businesses = [...new Set(imported.map((i) => i.business))]
  const exported = await exportRfi({
    dbPath: options.dbPath,
    businesses,
    output: join(options.reportsDir, RFI_EXPORT_DIR),
    skipExisting: true,
    now: options.now,
  })
  const compared = await compareRfi({
    dbPath: options.dbPath,
    output: join(options.reportsDir, RFI_COMPARISON_REPORT),
  })
  return {
    imported,
    exports: exported.workbooks.map((w) => w.file),
    comparison: compared.output,
    businesses: compared.businesses,
    warnings: [...warnings, ...exported.warnings, ...compared.warnings],
  }
}
