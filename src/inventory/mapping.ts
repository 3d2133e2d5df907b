import {readFileSync} from 'node:fs'
import {basename} from 'node:path'
import {z} from 'zod'
import {InvalidDataError, UserError, ExitCode} from '../errors.js'
import type {ColumnDef} from '../sources/table.js'
import {normalizeKey} from '../text/normalize.js'

/**
 * --mapping FILE: header labels the built-in variants miss, e.g.
 * {"columns": {"システム（正式名）": "name", "保守委託料": "年間運用経費"}, "sheet": "台帳"}.
 * A target is a field name (name, annualCostYen…) or its Japanese label (システム名称…).
 */
export const MappingFileSchema = z.object({
  columns: z.record(z.string().min(1), z.string().min(1)),
  sheet: z.string().min(1).optional(),
})

export interface Mapping<K extends string> {
  readonly aliases: Readonly<Record<string, K>>
  readonly sheet?: string
}

export function loadMapping<K extends string>(
  path: string | undefined,
  defs: readonly ColumnDef<K>[],
): Mapping<K> {
  if (path === undefined) return {aliases: {}}
  const file = basename(path)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as unknown
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    if (e.code === 'ENOENT') {
      throw new UserError(`対応表ファイル ${path} が見つかりません`, {
        code: 'FILE_NOT_FOUND',
        exitCode: ExitCode.usage,
      })
    }
    throw new InvalidDataError(
      `${file}: JSON として読み取れません`,
      [{where: file, code: 'BROKEN_JSON', message: `JSON として読み取れません（${e.message}）`}],
      {
        code: 'BROKEN_MAPPING',
        suggestions: ['例: {"columns": {"保守委託料": "年間運用経費"}}'],
      },
    )
  }
  const parsed = MappingFileSchema.safeParse(raw)
  if (!parsed.success) {
    throw new InvalidDataError(
      `${file}: 対応表の形式が正しくありません`,
      parsed.error.issues.map((i) => ({
        where: `${file} › ${i.path.join('.') || '(全体)'}`,
        code: 'BROKEN_MAPPING',
        message: i.message,
      })),
      {code: 'BROKEN_MAPPING', suggestions: ['例: {"columns": {"保守委託料": "年間運用経費"}}']},
    )
  }
  const byName = new Map<string, K>()
  for (const d of defs) {
    byName.set(normalizeKey(d.key), d.key)
    byName.set(normalizeKey(d.names[0] ?? d.key), d.key)
  }
  const aliases: Record<string, K> = {}
  const issues = []
  for (const [header, target] of Object.entries(parsed.data.columns)) {
    const key = byName.get(normalizeKey(target))
    if (key === undefined) {
      issues.push({
        where: `${file} › columns.${header}`,
        code: 'UNKNOWN_FIELD',
        message: `「${target}」は項目名ではありません。使用できる項目: ${defs.map((d) => `${d.names[0] ?? d.key}（${d.key}）`).join('、')}`,
      })
    } else aliases[header] = key
  }
  if (issues.length > 0)
    throw new InvalidDataError(`${file}: 対応表に誤りがあります`, issues, {code: 'BROKEN_MAPPING'})
  return {aliases, sheet: parsed.data.sheet}
}
