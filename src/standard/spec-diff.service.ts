import {resolve} from 'node:path'
import {z} from 'zod'
import {resolveBusiness, type Business} from '../catalog/catalog.js'
import {withDatabase, type Db} from '../db/database.js'
import {assertOutputPath} from '../reports/workbook-writer.js'
import {UserError} from '../errors.js'
import {writeSpecDiffReport} from './spec-diff.report.js'
import {versionLabel} from './spec.schema.js'
import {diffSpecs, SpecDiffSchema} from './spec-diff.js'
import {specVersionsOf} from './spec.repository.js'
import {parseVersionFlag, requireSpec} from './spec-query.service.js'

export const SpecDiffResultSchema = SpecDiffSchema.extend({
  /** Absolute path of the 新旧対照表 when --output was given. */
  output: z.string().optional(),
})
export type SpecDiffResult = z.infer<typeof SpecDiffResultSchema>

export interface SpecDiffOptions {
  readonly dbPath: string
  readonly business: string
  readonly from?: string
  readonly to?: string
  readonly output?: string
}

/** Diff two imported versions of `business` in `db` (default: the two latest); the newer spec's title for the report. */
export function diffSpecVersionsIn(
  db: Db,
  business: Business,
  options: {readonly from?: string; readonly to?: string},
): {diff: SpecDiffResult; title: string} {
  let from = parseVersionFlag(options.from)
  let to = parseVersionFlag(options.to)
  const versions = specVersionsOf(db, business.id)
  // A version that is not imported is named as such (with the flag to fix) before anything else.
  if (options.to !== undefined) requireSpec(db, business, to, '--to')
  if (options.from !== undefined) requireSpec(db, business, from, '--from')
  to ??= versions.at(-1)
  if (from === undefined && to !== undefined) {
    const i = versions.indexOf(to)
    from = i > 0 ? versions[i - 1] : undefined
  }
  if (versions.length === 0 || (from === undefined && options.from === undefined)) {
    throw new UserError(
      versions.length === 0
        ? `${business.name}の標準仕様書が取り込まれていません`
        : `${business.name}の標準仕様書は ${versions.map(versionLabel).join('、')} が取り込まれていますが、${versionLabel(to ?? '')}より前の版がありません。比較には 2 つの版が必要です`,
      {
        code: versions.length === 0 ? 'SPEC_NOT_IMPORTED' : 'SPEC_NEEDS_TWO_VERSIONS',
        suggestions: ['hyojun specs import <比較する版のファイル>', 'hyojun specs list'],
      },
    )
  }
  const before = requireSpec(db, business, from, '--from')
  const after = requireSpec(db, business, to, '--to')
  return {diff: diffSpecs(before, after), title: after.title}
}

/** Diff two versions (default: the two latest) and optionally write the 新旧対照表. */
export async function diffSpecVersions(options: SpecDiffOptions): Promise<SpecDiffResult> {
  const business = resolveBusiness(options.business, (name) => `hyojun specs diff ${name}`)
  parseVersionFlag(options.from)
  parseVersionFlag(options.to)
  if (options.output !== undefined && !/\.xlsx$/i.test(options.output)) {
    throw new UserError(`出力ファイル ${options.output} の拡張子は .xlsx にしてください`, {
      code: 'OUTPUT_NOT_XLSX',
    })
  }
  if (options.output !== undefined) assertOutputPath(options.output, {dbPath: options.dbPath})
  const {diff, title} = withDatabase(options.dbPath, {write: false}, (db) =>
    diffSpecVersionsIn(db, business, options),
  )
  if (options.output === undefined) return diff
  const written = await writeSpecDiffReport(options.output, diff, title)
  return {...diff, output: resolve(written.path)}
}
