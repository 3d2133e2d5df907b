import {resolve} from 'node:path'
import {z} from 'zod'
import {resolveBusiness} from '../catalog/catalog.js'
import {openDatabase} from '../db/database.js'
import {UserError} from '../errors.js'
import {writeSpecDiffReport} from '../reports/spec-diff.report.js'
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

/** Diff two versions (default: the two latest) and optionally write the 新旧対照表. */
export async function diffSpecVersions(options: SpecDiffOptions): Promise<SpecDiffResult> {
  const business = resolveBusiness(options.business)
  let from = parseVersionFlag(options.from)
  let to = parseVersionFlag(options.to)
  if (options.output !== undefined && !/\.xlsx$/i.test(options.output)) {
    throw new UserError(`出力ファイル ${options.output} の拡張子は .xlsx にしてください`, {
      code: 'OUTPUT_NOT_XLSX',
    })
  }
  const db = openDatabase(options.dbPath)
  let result: SpecDiffResult
  let title: string
  try {
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
    title = after.title
    result = diffSpecs(before, after)
  } finally {
    db.close()
  }
  if (options.output !== undefined) {
    const written = await writeSpecDiffReport(options.output, result, title)
    result = {...result, output: resolve(written.path)}
  }
  return result
}
