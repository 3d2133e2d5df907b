import {existsSync} from 'node:fs'
import {ExitCode, UserError} from '../errors.js'
import {inventoryTemplateSheets, type TemplateKind} from '../reports/inventory-template.report.js'
import {assertOutputPath, writeWorkbook} from '../reports/workbook-writer.js'
import type {TemplateResult} from './inventory.schema.js'

export function defaultTemplatePath(kind: TemplateKind): string {
  return kind === 'customizations' ? 'カスタマイズ一覧_様式.xlsx' : 'システム台帳_様式.xlsx'
}

/** Write an empty input form; refuses to overwrite an existing file (it may be a filled-in list) unless `force`. */
export async function writeInventoryTemplate(options: {
  kind: TemplateKind
  output?: string
  force?: boolean
}): Promise<TemplateResult> {
  const path = options.output ?? defaultTemplatePath(options.kind)
  if (existsSync(path) && !options.force) {
    throw new UserError(
      `${path} は既に存在します。記入済みの台帳を上書きしないよう、様式は出力しませんでした`,
      {
        code: 'OUTPUT_EXISTS',
        exitCode: ExitCode.usage,
        suggestions: ['--output で別のファイル名を指定する', '上書きしてよい場合は --force を付ける'],
      },
    )
  }
  assertOutputPath(path)
  const written = await writeWorkbook(path, inventoryTemplateSheets(options.kind))
  return {path: written.path, kind: options.kind, sheets: [...written.sheets]}
}
