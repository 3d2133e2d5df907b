import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {basename, extname, join, resolve} from 'node:path'
import {z} from 'zod'
import {findBusiness, resolveBusiness} from '../catalog/catalog.js'
import {inTransaction, withDatabase, type Db} from '../db/database.js'
import {saveRequirementFeatures} from '../fitgap/features.repository.js'
import {DEFAULT_MATCHER_CONFIG} from '../fitgap/matcher.js'
import {extractRequirementFeatures} from '../fitgap/requirement-features.js'
import {ExitCode, InvalidDataError, throwIfIssues, UserError, type DataIssue} from '../errors.js'
import {assertReadable, readXlsx} from '../sources/xlsx.js'
import type {SpecDocument} from './spec.schema.js'
import {versionLabel} from './spec.schema.js'
import {readSpecWorkbook} from './spec-excel.js'
import {deleteSpecVersion, hasSpecVersion, insertSpec} from './spec.repository.js'
import {normalizeVersion} from './spec-text.js'
import {decodeSpecXml, MAX_SPEC_XML_BYTES, readSpecXml} from './spec-xml.js'
import {isBundled} from '../workspace/bundled.js'
import {markBundledSpec} from '../workspace/origin.repository.js'

export const SpecImportResultSchema = z.object({
  db: z.string(),
  dryRun: z.boolean(),
  imported: z.array(
    z.object({
      business: z.string(),
      businessId: z.string(),
      version: z.string(),
      requirements: z.number().int(),
      forms: z.number().int(),
      file: z.string(),
      replaced: z.boolean(),
    }),
  ),
  skipped: z.array(
    z.object({business: z.string(), businessId: z.string(), version: z.string(), file: z.string()}),
  ),
  warnings: z.array(z.string()),
})
export type SpecImportResult = z.infer<typeof SpecImportResultSchema>

export interface SpecImportOptions {
  readonly dbPath: string
  /** A spec XML, an Excel annex, or a folder of them. */
  readonly path: string
  /** 業務 for an Excel annex whose title / file name does not say (also checked against XML). */
  readonly business?: string
  /** 版 for an Excel annex (第5.0版 or 5.0). */
  readonly version?: string
  readonly published?: string
  /** Replace versions already imported. */
  readonly replace?: boolean
  /** Parse and check only; write nothing. */
  readonly dryRun?: boolean
  /** Skip versions already imported (hyojun run re-imports specs/ every time). */
  readonly skipExisting?: boolean
  /** Import timestamp (ISO); default now. */
  readonly now?: string
}

const SPEC_EXTENSIONS = new Set(['.xml', '.xlsx', '.xlsm'])

/** Skipped without a word: hidden and OS files, and the documents that travel with specs (README, the PDF). */
const QUIET_SKIP = new Set(['thumbs.db', 'desktop.ini', '.md', '.txt', '.pdf'])

/**
 * Files a folder contributes (spec XML and Excel annexes, sorted) and the
 * entries it skips with a warning: Excel lock files (~$…), other formats,
 * subfolders. Never an error.
 */
export function specFilesIn(dir: string): {files: string[]; skipped: string[]} {
  const files: string[] = []
  const skipped: string[] = []
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const f = entry.name
    const ext = extname(f).toLowerCase()
    if (f.startsWith('.') || QUIET_SKIP.has(f.toLowerCase()) || QUIET_SKIP.has(ext)) continue
    if (entry.isDirectory()) skipped.push(`${f}（フォルダ）`)
    else if (f.startsWith('~$'))
      skipped.push(`${f}（Excel の一時ファイル。Excel で開いたままではありませんか）`)
    else if (!(SPEC_EXTENSIONS.has(ext) || ext === '.xls')) skipped.push(f)
    else files.push(join(dir, f))
  }
  const byName = (a: string, b: string): number => a.localeCompare(b, 'ja')
  return {files: files.sort(byName), skipped: skipped.sort(byName)}
}

function listSome(items: readonly string[], limit = 5): string {
  const head = items.slice(0, limit).join('、')
  return items.length > limit ? `${head} ほか ${items.length - limit} 版` : head
}

interface Parsed {
  readonly file: string
  readonly doc: SpecDocument
}

function importedEntry(p: Parsed, replaced: boolean): SpecImportResult['imported'][number] {
  return {
    business: p.doc.business,
    businessId: p.doc.businessId,
    version: p.doc.version,
    requirements: p.doc.requirements.length,
    forms: p.doc.forms.length,
    file: p.file,
    replaced,
  }
}

async function readSpecFile(
  path: string,
  options: Pick<SpecImportOptions, 'business' | 'version' | 'published'>,
  inFolder: boolean,
): Promise<{doc?: SpecDocument; issues: readonly DataIssue[]; warnings: readonly string[]}> {
  const file = basename(path)
  const ext = extname(path).toLowerCase()
  if (ext === '.xml') {
    const size = assertReadable(path)
    if (size > MAX_SPEC_XML_BYTES)
      return {
        issues: [
          {
            where: file,
            code: 'FILE_TOO_LARGE',
            message: `ファイルが大きすぎます（${Math.round(size / 1024 / 1024)} MiB、上限 ${MAX_SPEC_XML_BYTES / 1024 / 1024} MiB）`,
          },
        ],
        warnings: [],
      }
    const decoded = decodeSpecXml(readFileSync(path), file)
    if ('issue' in decoded) return {issues: [decoded.issue], warnings: []}
    const r = readSpecXml(decoded.text, file)
    // In a folder, --business is for the Excel annexes; a single XML file must agree with it.
    const given = options.business === undefined || inFolder ? undefined : findBusiness(options.business)
    if (r.doc && given && given.id !== r.doc.businessId) {
      return {
        issues: [
          {
            where: file,
            field: '業務',
            code: 'BUSINESS_MISMATCH',
            message: `ファイルの業務「${r.doc.business}」が --business「${given.name}」と一致しません`,
          },
        ],
        warnings: [],
      }
    }
    return r
  }
  if (ext === '.xls') {
    return {
      issues: [
        {
          where: file,
          code: 'UNSUPPORTED_XLS',
          message:
            '旧形式（.xls）のファイルは読み込めません。Excel で開き「Excel ブック（*.xlsx）」形式で保存し直してください',
        },
      ],
      warnings: [],
    }
  }
  let grid
  try {
    grid = await readXlsx(path)
  } catch (error) {
    if (error instanceof InvalidDataError) return {issues: error.issues, warnings: []}
    throw error
  }
  return readSpecWorkbook(grid, {
    business: options.business,
    version: options.version,
    published: options.published,
  })
}

/** Spec files read and checked, before any database is opened. */
export interface SpecSources {
  readonly parsed: readonly Parsed[]
  readonly warnings: readonly string[]
  /** Read from the bundled specs/ (fictional summaries): the versions are marked so reports say so. */
  readonly bundled?: boolean
}

/**
 * Read every spec file of `options.path` (a file or a folder) and check them all: every issue is
 * collected and thrown together (InvalidDataError), so nothing is written on any issue.
 */
export async function readSpecSources(
  options: Omit<SpecImportOptions, 'dbPath' | 'replace' | 'dryRun' | 'skipExisting' | 'now'>,
): Promise<SpecSources> {
  if (options.business !== undefined) resolveBusiness(options.business)
  if (options.version !== undefined && normalizeVersion(options.version) === undefined) {
    throw new UserError(`版「${options.version}」を読み取れません（例: 5.0 または 第5.0版）`, {
      code: 'INVALID_VERSION',
      exitCode: ExitCode.usage,
    })
  }
  if (!existsSync(options.path)) {
    throw new UserError(`${options.path} が見つかりません`, {
      code: 'FILE_NOT_FOUND',
      exitCode: ExitCode.usage,
      suggestions: ['パスとファイル名を確認してください'],
    })
  }
  const isDir = statSync(options.path).isDirectory()
  const {files, skipped: skippedFiles} = isDir
    ? specFilesIn(options.path)
    : {files: [options.path], skipped: []}
  if (files.length === 0) {
    throw new UserError(`${options.path} に標準仕様書のファイル（.xml / .xlsx）がありません`, {
      code: 'NO_SPEC_FILES',
      exitCode: ExitCode.usage,
    })
  }

  const issues: DataIssue[] = []
  const warnings: string[] =
    skippedFiles.length > 0
      ? [`標準仕様書（.xml / .xlsx）ではないため読み込みませんでした: ${skippedFiles.join('、')}`]
      : []
  const parsed: Parsed[] = []
  for (const path of files) {
    const r = await readSpecFile(path, options, isDir)
    for (const x of r.issues) issues.push(x)
    for (const x of r.warnings) warnings.push(x)
    if (r.doc) parsed.push({file: basename(path), doc: r.doc})
  }
  const seen = new Map<string, string>()
  for (const p of parsed) {
    const key = `${p.doc.businessId}@${p.doc.version}`
    const first = seen.get(key)
    if (first !== undefined) {
      issues.push({
        where: p.file,
        code: 'DUPLICATE_VERSION',
        message: `${p.doc.business} ${versionLabel(p.doc.version)} は ${first} にもあります`,
      })
    } else seen.set(key, p.file)
  }
  throwIfIssues(issues, isDir ? basename(resolve(options.path)) : basename(options.path))
  return {parsed, warnings, bundled: isBundled(options.path, 'specs')}
}

/**
 * Write the versions of `sources` into `db` in one transaction (a dry run only plans). Versions already
 * imported are refused (SPEC_VERSION_EXISTS), replaced (`replace`) or skipped (`skipExisting`).
 */
export function importSpecsInto(
  db: Db,
  sources: SpecSources,
  options: Pick<SpecImportOptions, 'replace' | 'dryRun' | 'skipExisting' | 'now'> & {
    readonly dbPath?: string
  },
): Omit<SpecImportResult, 'db'> {
  const now = options.now ?? new Date().toISOString()
  const plan = sources.parsed.map((p) => ({
    ...p,
    exists: hasSpecVersion(db, p.doc.businessId, p.doc.version),
  }))
  const conflicts = plan.filter((p) => p.exists && !options.replace && !options.skipExisting)
  if (conflicts.length > 0) {
    throw new UserError(
      `次の版は取込済みです: ${listSome(conflicts.map((c) => `${c.doc.business} ${versionLabel(c.doc.version)}`))}。置き換える場合は --replace を指定してください（データベースは変更していません）`,
      {
        code: 'SPEC_VERSION_EXISTS',
        suggestions: ['hyojun specs import <パス> --replace', 'hyojun specs list'],
      },
    )
  }
  const toImport = plan.filter((p) => !p.exists || options.replace)
  const skipped = plan.filter((p) => p.exists && !options.replace)
  if (!options.dryRun) {
    // Matcher features are computed before the write transaction (CPU only) and stored with the spec.
    const features = toImport.map((p) =>
      extractRequirementFeatures(p.doc.requirements, DEFAULT_MATCHER_CONFIG),
    )
    inTransaction(db, () => {
      toImport.forEach((p, i) => {
        if (p.exists) deleteSpecVersion(db, p.doc.businessId, p.doc.version)
        insertSpec(db, p.doc, {
          businessCode: findBusiness(p.doc.businessId)!.code,
          sourceFile: p.file,
          importedAt: now,
        })
        saveRequirementFeatures(db, p.doc.businessId, p.doc.version, features[i]!)
        if (sources.bundled) markBundledSpec(db, p.doc.businessId, p.doc.version)
      })
    })
  }
  return {
    dryRun: options.dryRun ?? false,
    imported: toImport.map((p) => importedEntry(p, p.exists)),
    skipped: skipped.map((p) => ({
      business: p.doc.business,
      businessId: p.doc.businessId,
      version: p.doc.version,
      file: p.file,
    })),
    warnings: [...sources.warnings],
  }
}

/**
 * Import spec files all-or-nothing: every file is parsed and checked first
 * (all issues collected, nothing written on any issue), then one transaction
 * writes every version.
 */
export async function importSpecs(options: SpecImportOptions): Promise<SpecImportResult> {
  const sources = await readSpecSources(options)
  // A dry run with nothing imported yet plans against an empty workspace and does not create the database.
  const result = withDatabase(
    options.dbPath,
    {write: !options.dryRun, ifMissing: options.dryRun ? 'empty' : 'create'},
    (db) => importSpecsInto(db, sources, options),
  )
  return {db: resolve(options.dbPath), ...result}
}
