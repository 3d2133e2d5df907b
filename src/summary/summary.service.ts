import {mkdirSync} from 'node:fs'
import {basename, dirname, extname, join, resolve} from 'node:path'
import {withDatabase, type Db} from '../db/database.js'
import {UserError} from '../errors.js'
import {listSystems} from '../inventory/inventory.repository.js'
import {getMunicipality} from '../municipality/municipality.repository.js'
import {renderChartPng} from '../reports/chart-render.js'
import {writeSummaryWorkbook, type ChartImage} from './summary.report.js'
import {assertOutputPath, writeFileAtomic} from '../reports/workbook-writer.js'
import {cashFlowChart, runningCostChart, timelineChart, verdictBreakdownChart} from './charts.js'
import {latestCostEstimate} from '../cost/cost.repository.js'
import {storedRfiComparison} from '../rfi/rfi.service.js'
import {latestRoadmap} from '../roadmap/roadmap.repository.js'
import {fitgapAggregates, lastInventoryImport} from './summary.repository.js'
import {buildSummary, type SummaryCore, type SummaryInput} from './summary.js'
import type {SummaryResult} from './summary.schema.js'
import {dataNotice} from '../reports/data-notice.js'
import {storedDataOrigin} from '../workspace/origin.repository.js'

export const SUMMARY_REPORT = '移行計画サマリ.xlsx'

export interface SummaryOptions {
  readonly dbPath: string
  /** An open connection to read from instead of opening `dbPath` (the pipeline's). */
  readonly db?: Db
  /** YYYY-MM-DD, the data date (the command passes today). */
  readonly today: string
  /** Workbook path; none when omitted (JSON / terminal only). */
  readonly output?: string
  /** Folder for the chart PNGs; default `<output without .xlsx>_グラフ` beside the workbook. */
  readonly pngDir?: string
  /** Mark every sheet as built from the bundled sample / specs (default: what the database holds says). */
  readonly sampleNote?: string
}

/** Everything the summary reads, from one open database (several databases may be open at once). */
export function loadSummaryInput(db: Db, today: string): SummaryInput {
  const cost = latestCostEstimate(db)
  const roadmap = latestRoadmap(db)
  return {
    asOf: today,
    systems: listSystems(db).map((s) => ({name: s.name, businessIds: s.businessIds, status: s.status})),
    inventoryImportedAt: lastInventoryImport(db),
    fitgap: fitgapAggregates(db),
    cost: cost ? {value: cost.result, createdAt: cost.createdAt, label: cost.scenario} : null,
    roadmap: roadmap ? {value: roadmap.result, createdAt: roadmap.createdAt} : null,
    rfi: storedRfiComparison(db),
  }
}

interface NamedChart {
  readonly file: string
  readonly title: string
  readonly svg: string
  readonly onSummary: boolean
}

/** The two charts a CIO sees first on the サマリ page, in this order of preference. */
const SUMMARY_PAGE_PREFERENCE = [
  '運用経費の比較',
  '業務別の移行スケジュール',
  '業務別の判定内訳',
  '年度別キャッシュフロー',
]

function chartsOf(core: SummaryCore, today: string): NamedChart[] {
  const out: NamedChart[] = []
  if (core.charts.runningCost)
    out.push({
      file: '運用経費の比較',
      title: '運用経費の比較',
      svg: runningCostChart(core.charts.runningCost),
      onSummary: true,
    })
  if (core.charts.verdicts.length > 0)
    out.push({
      file: '業務別の判定内訳',
      title: '業務別の判定内訳',
      svg: verdictBreakdownChart(
        core.charts.verdicts,
        core.fitgap.source ? `出典: ${core.fitgap.source}` : undefined,
      ),
      onSummary: out.length < 2,
    })
  if (core.charts.cashFlow.length > 0)
    out.push({
      file: '年度別キャッシュフロー',
      title: '年度別キャッシュフロー',
      svg: cashFlowChart(core.charts.cashFlow, core.cost ? `出典: ${core.cost.source}` : undefined),
      onSummary: false,
    })
  if (core.charts.timeline && core.roadmap)
    out.push({
      file: '業務別の移行スケジュール',
      title: '業務別の移行スケジュール',
      svg: timelineChart(core.charts.timeline, today, core.roadmap.deadline, `出典: ${core.roadmap.source}`),
      onSummary: out.filter((c) => c.onSummary).length < 2,
    })
  const onPage = new Set(SUMMARY_PAGE_PREFERENCE.filter((f) => out.some((c) => c.file === f)).slice(0, 2))
  return out.map((c) => ({...c, onSummary: onPage.has(c.file)}))
}

/** `hyojun report`: the CIO summary from the stored analyses; workbook and PNGs when asked. */
export async function runSummary(options: SummaryOptions): Promise<SummaryResult> {
  if (options.output !== undefined && !/\.xlsx$/i.test(options.output)) {
    throw new UserError(`出力ファイル ${options.output} の拡張子は .xlsx にしてください`, {
      code: 'OUTPUT_NOT_XLSX',
    })
  }
  if (options.output !== undefined) assertOutputPath(options.output, {dbPath: options.dbPath})
  const read = (
    db: Db,
  ): {input: SummaryInput; municipality: ReturnType<typeof getMunicipality> | null; notice?: string} => ({
    input: loadSummaryInput(db, options.today),
    municipality: getMunicipality(db) ?? null,
    notice: options.sampleNote ?? dataNotice(storedDataOrigin(db)),
  })
  // `hyojun run` passes its open connection; the command opens the database itself.
  const {input, municipality, notice} = options.db
    ? read(options.db)
    : withDatabase(options.dbPath, {write: false}, read)
  const core = buildSummary(input)
  const warnings: string[] = []
  if (input.systems.length === 0)
    warnings.push('システム台帳が取り込まれていません（hyojun inventory import）')
  if (!core.fitgap.available) warnings.push('Fit&Gap 分析が未実施です（hyojun fitgap）')
  if (!core.cost) warnings.push('経費試算が未実施です（hyojun cost estimate）')
  if (!core.roadmap) warnings.push('ロードマップが未作成です（hyojun roadmap）')
  const result: SummaryResult = {
    municipality: municipality
      ? {
          name: municipality.name,
          code: municipality.code,
          population: municipality.population,
          kind: municipality.kind,
        }
      : null,
    asOf: options.today,
    status: core.status,
    fitgap: core.fitgap,
    cost: core.cost,
    roadmap: core.roadmap,
    rfi: core.rfi,
    risks: core.risks,
    charts: [],
    sections: core.sections,
    output: null,
    warnings,
  }
  if (options.output === undefined && options.pngDir === undefined) return result
  const named = chartsOf(core, options.today)
  const images: ChartImage[] = named.map((c) => {
    const r = renderChartPng(c.svg)
    return {title: c.title, png: r.png, width: r.width, height: r.height, onSummary: c.onSummary}
  })
  const pngDir =
    options.pngDir ??
    join(dirname(resolve(options.output!)), `${basename(options.output!, extname(options.output!))}_グラフ`)
  mkdirSync(pngDir, {recursive: true})
  const charts: string[] = []
  for (const [i, c] of named.entries()) {
    const file = join(pngDir, `${String(i + 1).padStart(2, '0')}_${c.file}.png`)
    await writeFileAtomic(file, images[i]!.png)
    charts.push(resolve(file))
  }
  let output: string | null = null
  if (options.output !== undefined) {
    const name = municipality?.name ?? ''
    const written = await writeSummaryWorkbook(options.output, {...result, charts}, images, {
      notice,
      title: `${name === '' ? '' : `${name}　`}基幹業務システム標準化・ガバメントクラウド移行 計画サマリ`,
      subtitle: `データ基準日 ${options.today}　作成: hyojun`,
    })
    output = written.path
  }
  return {...result, charts, output}
}
