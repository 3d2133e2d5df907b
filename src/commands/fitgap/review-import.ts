import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {importReview} from '../../fitgap/review-import.service.js'
import type {ReviewImportResult} from '../../fitgap/fitgap.schema.js'

export default class FitgapReviewImport extends BaseCommand {
  static override summary = '記入済みのレビューシートを取り込み、判定を確定します'
  static override description =
    '判定が記入された行を検査し、問題が 1 件でもあれば何も登録しません（セル位置付きで表示します）。' +
    '判定が空欄の行は自動判定のままです。確定した判定は次回の hyojun fitgap から反映されます。'
  static override examples = [
    '<%= config.bin %> <%= command.id %> レビュー.xlsx',
    '<%= config.bin %> <%= command.id %> レビュー.xlsx --dry-run',
  ]
  static override flags = {
    'dry-run': Flags.boolean({summary: '検査と登録内容の表示のみ行い、登録しません', default: false}),
  }
  static override args = {
    file: Args.string({description: '記入済みのレビューシート（.xlsx）', required: true}),
  }

  async run(): Promise<ReviewImportResult> {
    const {args, flags} = await this.parse(FitgapReviewImport)
    const result = await importReview({dbPath: flags.db, file: args.file, dryRun: flags['dry-run']})
    this.warnAll(result.warnings)
    if (result.dryRun) {
      this.log(
        `${result.file}: 問題はありません。${result.imported.length} 件の判定を登録できます（--dry-run のため登録していません。判定が空欄の行 ${result.undecided} 件）`,
      )
      return result
    }
    this.log(
      `${result.file}: ${result.imported.length} 件の判定を登録しました（判定が空欄の行 ${result.undecided} 件は自動判定のまま）`,
    )
    this.log('反映するには hyojun fitgap を実行してください')
    return result
  }
}
