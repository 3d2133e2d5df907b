import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {resolveToday} from '../../cli/flags.js'
import {renderTable} from '../../text/format.js'
import {infeasibleLines, ROADMAP_HEAD, roadmapRows} from '../../roadmap/roadmap-present.js'
import {runRoadmap} from '../../roadmap/roadmap.service.js'
import type {RoadmapResult} from '../../roadmap/roadmap.schema.js'

export default class Roadmap extends BaseCommand {
  static override summary =
    'ガバメントクラウドへの移行ロードマップ（システムごとの段階・本番移行月と根拠）を作成します'
  static override description =
    'システム台帳（移行状況・移行予定・契約満了・ベンダー）、Fit&Gap の結果、計画前提（繁忙期・依存関係・ベンダーと職員の上限・予算サイクル・期限）から、各システムを制約の範囲で最も早く移行する計画を作ります。' +
    'すべての日付に根拠を付け、期限に間に合わないシステムは原因の制約と超過月数を示します。実行のたびに計画をデータベースに保存します。'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --today 2026-12-01 --output ロードマップ.xlsx',
    '<%= config.bin %> <%= command.id %> --json',
  ]
  static override flags = {
    today: Flags.string({summary: '基準日 YYYY-MM-DD（既定: 今日）'}),
    output: Flags.string({
      char: 'o',
      summary: 'ロードマップ（Excel: ガントチャート・根拠・リスク・前提条件）の出力先',
    }),
  }

  async run(): Promise<RoadmapResult> {
    const {flags} = await this.parse(Roadmap)
    const today = resolveToday(flags.today)
    const result = await runRoadmap({dbPath: flags.db, today, output: flags.output})
    this.warnAll(result.warnings)
    this.log(renderTable(ROADMAP_HEAD, roadmapRows(result)))
    for (const line of infeasibleLines(result)) this.log(line)
    if (result.output) this.log(`出力: ${result.output}`)
    return result
  }
}
