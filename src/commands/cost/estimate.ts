import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {resolveToday} from '../../cli/flags.js'
import {presentCostEstimate} from '../../cost/cost-present.js'
import {runCostEstimate} from '../../cost/cost.service.js'
import type {CostEstimateResult} from '../../cost/cost.schema.js'

export default class CostEstimate extends BaseCommand {
  static override summary =
    '運用経費の3割削減目標（平成30年度比）の達成見込み、移行一時経費と補助金、年度別の所要額を試算します'
  static override description =
    'システム台帳（平成30年度運用経費・年間運用経費・契約期間・移行予定）、カスタマイズ一覧と Fit&Gap の判定、前提条件（hyojun cost import、なければ既定値）から試算します。' +
    'シナリオ base・円安（+20%）・クラウド利用料増（+30%）・移行1年遅延と、前提条件ファイルの独自シナリオを並べて比較します。試算は毎回データベースに保存します。'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --output 経費試算.xlsx',
    '<%= config.bin %> <%= command.id %> --scenario 円安 --json',
  ]
  static override flags = {
    scenario: Flags.string({summary: '合計・業務別・年度別を出すシナリオ（既定: base）'}),
    output: Flags.string({char: 'o', summary: '経費試算の Excel（例: 経費試算.xlsx）'}),
    today: Flags.string({summary: '試算日（YYYY-MM-DD、既定: 今日）。年度別の起点になります'}),
  }

  async run(): Promise<CostEstimateResult> {
    const {flags} = await this.parse(CostEstimate)
    const today = resolveToday(flags.today)
    const result = await runCostEstimate({
      dbPath: flags.db,
      scenario: flags.scenario,
      output: flags.output,
      today,
    })
    this.warnAll(result.warnings)
    this.log(presentCostEstimate(result))
    return result
  }
}
