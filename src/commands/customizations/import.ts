import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {presentCustomizationImport} from '../../inventory/present.js'
import {importCustomizations} from '../../inventory/inventory-import.service.js'
import type {CustomizationImportResult} from '../../inventory/inventory.schema.js'

export default class CustomizationsImport extends BaseCommand {
  static override summary = 'カスタマイズ一覧（.xlsx / .csv）を取り込みます'
  static override description =
    'ファイルに含まれるシステムのカスタマイズを置き換えます（別のシステムの一覧はそのまま残ります）。システム名はシステム台帳と照合します。問題が1件でもあれば、すべての問題をセル番地付きで表示し、何も書き込みません（終了コード 3）。'
  static override examples = [
    '<%= config.bin %> <%= command.id %> カスタマイズ一覧.xlsx',
    '<%= config.bin %> <%= command.id %> 住民記録カスタマイズ.csv --system 住民情報システム --dry-run',
  ]
  static override args = {
    file: Args.string({description: 'カスタマイズ一覧のファイル（.xlsx または .csv）', required: true}),
  }
  static override flags = {
    sheet: Flags.string({summary: '読み込むシート名（既定: 見出しが最もよく一致するシート）'}),
    mapping: Flags.string({summary: '見出しと項目の対応表（JSON）: {"columns": {"見出し": "項目"}}'}),
    system: Flags.string({summary: 'システム名の列がないファイルのシステム（名称またはID）'}),
    'dry-run': Flags.boolean({summary: '検査と変更内容の表示のみ行い、書き込みません', default: false}),
  }

  async run(): Promise<CustomizationImportResult> {
    const {args, flags} = await this.parse(CustomizationsImport)
    const result = await importCustomizations({
      dbPath: flags.db,
      file: args.file,
      sheet: flags.sheet,
      mapping: flags.mapping,
      system: flags.system,
      dryRun: flags['dry-run'],
    })
    this.warnAll(result.warnings)
    this.log(presentCustomizationImport(result))
    return result
  }
}
