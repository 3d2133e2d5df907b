import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {presentInventoryImport} from '../../inventory/present.js'
import {importInventory} from '../../inventory/inventory-import.service.js'
import type {InventoryImportResult} from '../../inventory/inventory.schema.js'

export default class InventoryImport extends BaseCommand {
  static override summary = 'システム台帳（.xlsx / .csv）を取り込みます（台帳全体を置き換えます）'
  static override description =
    '見出し行を列名で探し（表題行・2段見出し可）、和暦の日付、千円単位の金額、複数業務のセルを読み取ります。問題が1件でもあれば、すべての問題をセル番地付きで表示し、何も書き込みません（終了コード 3）。\n' +
    '--mapping には見出しと項目の対応を JSON で指定します: {"columns": {"保守委託料": "年間運用経費"}, "sheet": "台帳"}'
  static override examples = [
    '<%= config.bin %> <%= command.id %> システム台帳.xlsx',
    '<%= config.bin %> <%= command.id %> システム台帳.xlsx --sheet 業務システム一覧 --dry-run',
    '<%= config.bin %> <%= command.id %> 台帳.csv --mapping 対応表.json --json',
  ]
  static override args = {
    file: Args.string({description: 'システム台帳のファイル（.xlsx または .csv）', required: true}),
  }
  static override flags = {
    sheet: Flags.string({summary: '読み込むシート名（既定: 見出しが最もよく一致するシート）'}),
    mapping: Flags.string({summary: '見出しと項目の対応表（JSON）'}),
    'dry-run': Flags.boolean({summary: '検査と変更内容の表示のみ行い、書き込みません', default: false}),
  }

  async run(): Promise<InventoryImportResult> {
    const {args, flags} = await this.parse(InventoryImport)
    const result = await importInventory({
      dbPath: flags.db,
      file: args.file,
      sheet: flags.sheet,
      mapping: flags.mapping,
      dryRun: flags['dry-run'],
    })
    this.warnAll(result.warnings)
    this.log(presentInventoryImport(result))
    return result
  }
}
