import {assertFillableWorkbookWritable} from '../reports/overwrite-guard.js'
import {inventoryTemplateSheets, type TemplateKind} from './inventory-template.report.js'
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
  assertFillableWorkbookWritable(path, {force: options.force, what: '台帳'})
  assertOutputPath(path)
  const written = await writeWorkbook(path, inventoryTemplateSheets(options.kind))
  return {path: written.path, kind: options.kind, sheets: [...written.sheets]}
}
