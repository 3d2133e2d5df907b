import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {businessFlag} from '../../cli/flags.js'
import {presentCustomizations} from '../../inventory/present.js'
import {listCustomizationsOf} from '../../inventory/inventory.service.js'
import type {CustomizationListResult} from '../../inventory/inventory.schema.js'

export default class CustomizationsList extends BaseCommand {
  static override summary = 'カスタマイズ一覧を表示します（業務・システムで絞り込み）'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --business 住民記録',
    '<%= config.bin %> <%= command.id %> --system 住民情報システム --json',
  ]
  static override flags = {
    business: businessFlag(),
    system: Flags.string({summary: 'システム名称またはシステムID', char: 's'}),
  }

  async run(): Promise<CustomizationListResult> {
    const {flags} = await this.parse(CustomizationsList)
    const result = listCustomizationsOf({dbPath: flags.db, business: flags.business, system: flags.system})
    this.log(presentCustomizations(result.customizations))
    return result
  }
}
