import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {resolveToday} from '../cli/flags.js'
import {runSummary} from '../summary/summary.service.js'
import type {SummaryResult} from '../summary/summary.schema.js'

export default class Report extends BaseCommand {
  static override summary =
    'CIO 向けの移行計画サマリ（状況・経費・スケジュール・リスク、グラフ付き）を出力します'
  static override description =
    '保存済みの分析（比較分析表・経費試算・ロードマップ・RFI 比較）から、移行状況、Fit&Gap、運用経費と3割削減目標、移行経費、今後12か月の本番移行、主なリスクを1ページにまとめます。' +
    'グラフは Excel に埋め込み、スライド用に PNG でも出力します。未実施の分析は「未実施」と明記し、0 とは表示しません。'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --output reports/移行計画サマリ.xlsx',
    '<%= config.bin %> <%= command.id %> --output サマリ.xlsx --png グラフ --today 2026-12-01',
    '<%= config.bin %> <%= command.id %> --json',
  ]
  static override flags = {
    output: Flags.string({
      char: 'o',
      summary: '移行計画サマリ（.xlsx）の出力先。例: reports/移行計画サマリ.xlsx',
    }),
    png: Flags.string({summary: 'グラフの PNG の出力先フォルダ（既定: 出力ファイル名_グラフ）'}),
    today: Flags.string({summary: 'データ基準日（YYYY-MM-DD、既定: 今日）'}),
  }

  async run(): Promise<SummaryResult> {
    const {flags} = await this.parse(Report)
    const today = resolveToday(flags.today)
    const result = await runSummary({dbPath: flags.db, today, output: flags.output, pngDir: flags.png})
    this.warnAll(result.warnings)
    const lines: string[] = []
    lines.push(`${result.municipality?.name ?? ''} 移行計画サマリ（${result.asOf} 時点）`.trim())
    for (const s of result.sections) {
      lines.push('', `■ ${s.heading}`)
      for (const l of s.lines) lines.push(`  ${l}`)
    }
    if (result.output) lines.push('', `出力: ${result.output}`)
    for (const c of result.charts) lines.push(`グラフ: ${c}`)
    this.log(lines.join('\n'))
    return result
  }
}
