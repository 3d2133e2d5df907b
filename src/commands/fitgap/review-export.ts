import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {businessFlag} from '../../cli/flags.js'
import {exportReview} from '../../fitgap/fitgap.service.js'
import type {ReviewExportResult} from '../../fitgap/fitgap.schema.js'

export default class FitgapReviewExport extends BaseCommand {
  static override summary = 'Fit&Gap の判定を確認・修正するためのレビューシート（Excel）を出力します'
  static override description =
    'カスタマイズごとに提案された機能要件・判定と候補 3 件を出力します。黄色見出しの列（判定・対応機能ID・対応方針・確認者）に記入し、' +
    'hyojun fitgap review-import で取り込むと、以後の分析でその判定が優先されます。' +
    '既存のファイルは --force なしでは上書きしません（記入済みの判定を失わないため）。'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --output レビュー.xlsx',
    '<%= config.bin %> <%= command.id %> --business 住民基本台帳 --output 住基レビュー.xlsx',
  ]
  static override flags = {
    business: businessFlag(),
    output: Flags.string({char: 'o', summary: 'レビューシートの出力先（.xlsx）', required: true}),
    force: Flags.boolean({
      summary: '既存のレビューシートを上書きします（未取込の記入内容は失われます）',
      default: false,
    }),
  }

  async run(): Promise<ReviewExportResult> {
    const {flags} = await this.parse(FitgapReviewExport)
    const result = await exportReview({
      dbPath: flags.db,
      business: flags.business,
      output: flags.output,
      force: flags.force,
    })
    this.warnAll(result.warnings)
    this.log(
      `レビューシートを出力しました: ${result.output}（${result.rows} 件、うちレビュー済み ${result.reviewed} 件）`,
    )
    return result
  }
}
