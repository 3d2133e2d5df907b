import {Args} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {presentSystem} from '../../inventory/present.js'
import {showSystem} from '../../inventory/inventory.service.js'
import type {InventoryShowResult} from '../../inventory/inventory.schema.js'

export default class InventoryShow extends BaseCommand {
  static override summary = 'システム1件の台帳情報とカスタマイズを表示します'
  static override examples = [
    '<%= config.bin %> <%= command.id %> 住民情報システム',
    '<%= config.bin %> <%= command.id %> SYS-001 --json',
  ]
  static override args = {
    name: Args.string({description: 'システム名称またはシステムID', required: true}),
  }

  async run(): Promise<InventoryShowResult> {
    const {args, flags} = await this.parse(InventoryShow)
    const result = showSystem({dbPath: flags.db, name: args.name})
    this.log(presentSystem(result.system, result.customizations))
    return result
  }
}
