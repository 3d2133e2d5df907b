import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {businessFlag} from '../../cli/flags.js'
import {formatPercent, formatYen, renderTable} from '../../text/format.js'
import {createProgress} from '../../cli/progress.js'
import {reviewLines, SUMMARY_HEAD, summaryRows} from '../../fitgap/fitgap-present.js'
import {runFitgap, type FitgapProgress} from '../../fitgap/fitgap.service.js'
import type {FitgapResult} from '../../fitgap/fitgap.schema.js'

const PHASE_LABEL: Readonly<Record<FitgapProgress['phase'], string>> = {
  load: 'カスタマイズ一覧を読込中',
  match: 'Fit&Gap 判定中',
  store: '判定結果を保存中',
  write: '比較分析表を出力中',
}

/** Without a terminal, steps of this many customizations or rows get a plain line on stderr. */
const PLAIN_PROGRESS_FROM = 20_000

export default class Fitgap extends BaseCommand {
  static override summary = '標準仕様書とカスタマイズ一覧を突合し、Fit&Gap を判定します（比較分析表）'
  static override description =
    '業務ごとに最新版の標準仕様書と照合し、各カスタマイズを 標準機能で対応 / 標準オプションで対応 / 実装不可（廃止・業務見直し） / 標準外 に判定して保存します。' +
    '関連機能IDがあればそれを使い、なければ名称・内容から該当する機能要件を自動で探します。レビューで確定した判定（review-import）は自動判定より優先します。'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --business 住民基本台帳 --output 比較分析表.xlsx',
  ]
  static override flags = {
    business: businessFlag(),
    output: Flags.string({char: 'o', summary: '比較分析表（Excel）の出力先。例: reports/比較分析表.xlsx'}),
  }

  async run(): Promise<FitgapResult> {
    const {flags} = await this.parse(Fitgap)
    // A bar on a terminal (stderr, so --json stays clean); plain step lines in logs for long runs only.
    const progress = createProgress({plainFrom: PLAIN_PROGRESS_FROM})
    const result = await runFitgap({
      dbPath: flags.db,
      business: flags.business,
      output: flags.output,
      now: new Date(),
      onProgress: ({phase, done, total}) => progress.update({step: PHASE_LABEL[phase], done, total}),
    }).finally(progress.end)
    this.warnAll(result.warnings)
    this.log(renderTable(SUMMARY_HEAD, summaryRows(result.summary, {yen: formatYen, percent: formatPercent})))
    const review = reviewLines(result.results)
    for (const line of review) this.log(line)
    if (review.length > 0) this.log('確認するには: hyojun fitgap review-export --output レビュー.xlsx')
    if (result.output) this.log(`出力: ${result.output}`)
    return result
  }
}
