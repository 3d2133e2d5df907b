import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {writeInventoryTemplate} from '../../inventory/template.service.js'
import type {TemplateResult} from '../../inventory/inventory.schema.js'

export default class InventoryTemplate extends BaseCommand {
  static override summary = 'システム台帳・カスタマイズ一覧の入力様式（Excel）を出力します'
  static override description =
    '推奨レイアウトの空の様式に、入力要領シートとプルダウン（稼働環境・移行状況・業務）を付けて出力します。既存のファイルは --force なしでは上書きしません。'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --kind customizations',
    '<%= config.bin %> <%= command.id %> --kind both --output 台帳様式.xlsx',
  ]
  static override flags = {
    output: Flags.string({
      char: 'o',
      summary:
        '出力ファイル（既定: システム台帳_様式.xlsx、--kind customizations では カスタマイズ一覧_様式.xlsx）',
    }),
    kind: Flags.string({
      summary: '様式の種類（systems: システム台帳 / customizations: カスタマイズ一覧 / both: 両方）',
      options: ['systems', 'customizations', 'both'],
      default: 'systems',
    }),
    force: Flags.boolean({summary: '既存のファイルを上書きします', default: false}),
  }

  async run(): Promise<TemplateResult> {
    const {flags} = await this.parse(InventoryTemplate)
    const result = await writeInventoryTemplate({
      kind: flags.kind as 'systems' | 'customizations' | 'both',
      output: flags.output,
      force: flags.force,
    })
    this.log(`様式を出力しました: ${result.path}（シート: ${result.sheets.join('、')}）`)
    return result
  }
}
