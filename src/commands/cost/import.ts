import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {presentCostImport} from '../../cost/cost-present.js'
import {importCostAssumptions} from '../../cost/cost.service.js'
import type {CostImportResult} from '../../cost/cost.schema.js'

export default class CostImport extends BaseCommand {
  static override summary = '経費試算の前提条件ファイルを検査して取り込みます'
  static override description =
    '負の値・数値でない値・100% を超える補助率・0 の為替レート・標準化対象でない業務名などは、セル番地付きですべて報告し、何も保存しません（終了コード 3）。取り込んだ前提条件は以後の hyojun cost estimate で使います（取り込みまでは既定値）。'
  static override examples = [
    '<%= config.bin %> <%= command.id %> 経費前提.xlsx',
    '<%= config.bin %> <%= command.id %> 経費前提.xlsx --dry-run',
  ]
  static override args = {
    file: Args.string({
      description: '前提条件ファイル（.xlsx、hyojun cost template で出力した様式）',
      required: true,
    }),
  }
  static override flags = {
    'dry-run': Flags.boolean({summary: '検査のみ行い、保存しません', default: false}),
  }

  async run(): Promise<CostImportResult> {
    const {args, flags} = await this.parse(CostImport)
    const result = await importCostAssumptions({dbPath: flags.db, file: args.file, dryRun: flags['dry-run']})
    this.warnAll(result.warnings)
    this.log(presentCostImport(result))
    return result
  }
}
