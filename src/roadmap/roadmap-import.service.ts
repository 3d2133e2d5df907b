import {existsSync} from 'node:fs'
import {basename} from 'node:path'
import {inTransaction, withDatabase} from '../db/database.js'
import {ExitCode, throwIfIssues, UserError} from '../errors.js'
import {listSystems} from '../inventory/inventory.repository.js'
import {roadmapTemplateSheets} from './roadmap-template.report.js'
import {writeWorkbook} from '../reports/workbook-writer.js'
import {readXlsx} from '../sources/xlsx.js'
import {SETTING_ITEMS, settingText} from './assumption-items.js'
import {parseAssumptionsWorkbook} from './assumptions-workbook.js'
import {DEFAULT_ASSUMPTIONS} from './defaults.js'
import {saveAssumptions} from './roadmap.repository.js'
import {
  PHASES,
  type Assumptions,
  type RoadmapImportResult,
  type RoadmapTemplateResult,
} from './roadmap.schema.js'
import {currentAssumptions} from './roadmap.service.js'

export const DEFAULT_TEMPLATE_PATH = '計画前提.xlsx'

/**
 * Write the 計画前提 workbook filled with the assumptions in force (defaults, or the last import) and the
 * inventory's systems. Never overwrites an existing file (it may be filled in) unless `force`.
 */
export async function writeRoadmapTemplate(options: {
  readonly dbPath: string
  readonly output?: string
  readonly force?: boolean
}): Promise<RoadmapTemplateResult> {
  const path = options.output ?? DEFAULT_TEMPLATE_PATH
  if (existsSync(path) && !options.force) {
    throw new UserError(
      `${path} は既に存在します。記入済みの計画前提を上書きしないよう、出力しませんでした`,
      {
        code: 'OUTPUT_EXISTS',
        exitCode: ExitCode.usage,
        suggestions: ['--output で別のファイル名を指定する', '上書きしてよい場合は --force を付ける'],
      },
    )
  }
  const state = existsSync(options.dbPath)
    ? withDatabase(options.dbPath, {write: false}, (db) => {
        const {assumptions, source} = currentAssumptions(db)
        const systems = listSystems(db)
          .filter((s) => s.businesses.length > 0 || (s.status ?? '') !== '')
          .map((s) => ({id: s.id, name: s.name, status: s.status}))
        return {assumptions, source, systems}
      })
    : {assumptions: DEFAULT_ASSUMPTIONS, source: '既定値', systems: []}
  const written = await writeWorkbook(path, roadmapTemplateSheets(state.assumptions, state.systems))
  return {path: written.path, sheets: [...written.sheets], source: state.source}
}

function changedItems(a: Assumptions): RoadmapImportResult['changed'] {
  const d = DEFAULT_ASSUMPTIONS
  const out: RoadmapImportResult['changed'] = []
  for (const s of SETTING_ITEMS) {
    const v = String(settingText(s, a))
    const dv = String(settingText(s, d))
    if (v !== dv) out.push({item: s.label, value: v, default: dv})
  }
  for (const p of PHASES)
    if (a.phaseMonths[p] !== d.phaseMonths[p])
      out.push({item: `段階: ${p}`, value: `${a.phaseMonths[p]}か月`, default: `${d.phaseMonths[p]}か月`})
  const busyText = (x: Assumptions, b: string): string => (x.busySeasons[b] ?? []).join(',')
  for (const b of new Set([...Object.keys(a.busySeasons), ...Object.keys(d.busySeasons)]))
    if (busyText(a, b) !== busyText(d, b))
      out.push({item: `繁忙期: ${b}`, value: busyText(a, b) || 'なし', default: busyText(d, b) || 'なし'})
  if (JSON.stringify(a.bundles) !== JSON.stringify(d.bundles))
    out.push({
      item: '同時移行',
      value: a.bundles.map((g) => `${g.name}（${g.businesses.join('・')}）`).join('、') || 'なし',
      default: d.bundles.map((g) => `${g.name}（${g.businesses.join('・')}）`).join('、'),
    })
  if (a.dependencies.length > 0)
    out.push({
      item: '依存関係',
      value: a.dependencies.map((x) => `${x.before}→${x.after}`).join('、'),
      default: 'なし',
    })
  for (const [v, n] of Object.entries(a.vendorCapacityByVendor))
    out.push({item: `ベンダー上限: ${v}`, value: `${n}件`, default: `${d.vendorCapacity}件`})
  return out
}

/** `hyojun roadmap import`: validate the whole workbook, then replace the stored 計画前提 in one transaction. */
export async function importRoadmapAssumptions(options: {
  readonly dbPath: string
  readonly file: string
  readonly dryRun: boolean
  readonly now?: Date
}): Promise<RoadmapImportResult> {
  const grid = await readXlsx(options.file)
  const systemIds = withDatabase(
    options.dbPath,
    {write: false},
    (db) => new Set(listSystems(db).map((s) => s.id)),
  )
  const parsed = parseAssumptionsWorkbook(grid, systemIds)
  throwIfIssues(parsed.issues, basename(options.file))
  if (!options.dryRun) {
    const now = (options.now ?? new Date()).toISOString()
    withDatabase(options.dbPath, {write: true}, (db) =>
      inTransaction(db, () => saveAssumptions(db, parsed.assumptions, basename(options.file), now)),
    )
  }
  return {
    file: options.file,
    dryRun: options.dryRun,
    written: !options.dryRun,
    changed: changedItems(parsed.assumptions),
    systems: parsed.assumptions.systems.length,
    warnings: parsed.warnings,
  }
}
