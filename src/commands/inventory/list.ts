import {BaseCommand} from '../../cli/base-command.js'
import {presentSystems} from '../../inventory/present.js'
import {listInventory} from '../../inventory/inventory.service.js'
import type {InventoryListResult} from '../../inventory/inventory.schema.js'

export default class InventoryList extends BaseCommand {
  static override summary = 'システム台帳の一覧を表示します'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ]

  async run(): Promise<InventoryListResult> {
    const {flags} = await this.parse(InventoryList)
    const result = listInventory({dbPath: flags.db})
    this.log(presentSystems(result.systems))
    return result
  }
}
