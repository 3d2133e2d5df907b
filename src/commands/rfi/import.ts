import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {importRfi} from '../../rfi/rfi.service.js'
import type {RfiImportResult} from '../../rfi/rfi.schema.js'

export default class RfiImport extends BaseCommand {
  static override summary =
    '事業者が記入した RFI 回答ブックを取り込みます（その事業者のその業務の回答を置き換え）'
  static override description =
    '回答（○/△/×・対応方法）、費用（千円）、質問の欄・機能ID・行の変更、業務・仕様書の版をすべて検査し、問題が 1 件でもあれば何も登録しません（セル番地付きで表示、終了コード 3）。' +
    '実装必須機能の△/×（標準不適合の疑い）、実装不可機能の○、本市で必要な標準オプションの×、未回答は警告として表示し、比較表に載せます。'
  static override examples = [
    '<%= config.bin %> <%= command.id %> RFI_住民基本台帳_汐見川市.xlsx --vendor あおば情報システム',
    '<%= config.bin %> <%= command.id %> 回答.xlsx --vendor 北斗ソリューションズ --dry-run',
  ]
  static override args = {
    file: Args.string({description: '記入済みの RFI 回答ブック（.xlsx）', required: true}),
  }
  static override flags = {
    vendor: Flags.string({summary: '回答した事業者名', required: true}),
    business: Flags.string({char: 'b', summary: '期待する業務（別の業務のブックなら取り込みません）'}),
    'dry-run': Flags.boolean({summary: '検査だけを行い、登録しません'}),
  }

  async run(): Promise<RfiImportResult> {
    const {args, flags} = await this.parse(RfiImport)
    const result = await importRfi({
      dbPath: flags.db,
      file: args.file,
      vendor: flags.vendor,
      business: flags.business,
      dryRun: flags['dry-run'],
    })
    this.warnAll(result.warnings)
    const verb = result.dryRun
      ? '検査しました（登録していません）'
      : result.replaced
        ? '取り込みました（前回の回答を置き換え）'
        : '取り込みました'
    this.log(
      `${result.file}: ${result.vendor} の ${result.business}（第${result.specVersion}版）の回答を${verb}。回答 ${result.answered} 件、未回答 ${result.blank} 件、指摘 ${result.findings.length} 件`,
    )
    return result
  }
}
