import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {renderTable} from '../../cli/present.js'
import {ExitCode, UserError} from '../../errors.js'
import {localDate} from '../../fitgap/fitgap.service.js'
import {infeasibleLines, ROADMAP_HEAD, roadmapRows} from '../../roadmap/roadmap-present.js'
import {runRoadmap} from '../../roadmap/roadmap.service.js'
import type {RoadmapResult} from '../../roadmap/roadmap.schema.js'
import {isoDate} from '../../sources/wareki.js'

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
    const today = flags.today ?? localDate(new Date())
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today)
    if (!m || !isoDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
      throw new UserError(`--today の値「${today}」は日付（YYYY-MM-DD）ではありません`, {
        code: 'INVALID_TODAY',
        exitCode: ExitCode.usage,
        suggestions: ['例: --today 2026-12-01'],
      })
    }
    const result = await runRoadmap({dbPath: flags.db, today, output: flags.output})
    this.warnAll(result.warnings)
    this.log(renderTable(ROADMAP_HEAD, roadmapRows(result)))
    for (const line of infeasibleLines(result)) this.log(line)
    if (result.output) this.log(`出力: ${result.output}`)
    return result
  }
}
