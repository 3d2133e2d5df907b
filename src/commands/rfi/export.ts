import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {exportRfi} from '../../rfi/rfi.service.js'
import type {RfiExportResult} from '../../rfi/rfi.schema.js'

export default class RfiExport extends BaseCommand {
  static override summary = '事業者に送る RFI（情報提供依頼）の回答ブックを業務ごとに出力します'
  static override description =
    '表紙・記入要領・機能要件・帳票要件・独自要件（Fit&Gap で標準外と判定したカスタマイズ）・費用のシートを持つ「RFI_<業務>_<団体名>.xlsx」を出力します。' +
    '質問の欄は保護（パスワードなし）し、回答欄（黄色）だけ記入できます。既存のファイルは --force なしでは上書きしません。'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --output RFI',
    '<%= config.bin %> <%= command.id %> --business 住民基本台帳 --business 介護保険 --deadline 2027-01-29 --contact "情報政策課 03-0000-0000" --output RFI',
  ]
  static override flags = {
    business: Flags.string({
      char: 'b',
      summary: '対象業務（複数指定可。既定: カスタマイズ一覧のある業務すべて）',
      multiple: true,
    }),
    deadline: Flags.string({summary: '回答期限（YYYY-MM-DD）'}),
    contact: Flags.string({summary: '問合せ先（担当課・電話・メール）'}),
    submission: Flags.string({summary: '提出方法（既定: 電子メールで問合せ先へ提出）'}),
    output: Flags.string({char: 'o', summary: '出力先フォルダ', required: true}),
    force: Flags.boolean({summary: '既存のブックを上書きします（記入済みの回答が失われます）'}),
  }

  async run(): Promise<RfiExportResult> {
    const {flags} = await this.parse(RfiExport)
    const result = await exportRfi({
      dbPath: flags.db,
      businesses: flags.business,
      deadline: flags.deadline,
      contact: flags.contact,
      submission: flags.submission,
      output: flags.output,
      force: flags.force,
    })
    this.warnAll(result.warnings)
    for (const w of result.workbooks) {
      this.log(
        `${w.file}（${w.business} 第${w.specVersion}版: 機能要件 ${w.functions}・帳票要件 ${w.forms}・独自要件 ${w.outside}、必要な標準オプション ${w.neededOptions}）`,
      )
    }
    return result
  }
}
