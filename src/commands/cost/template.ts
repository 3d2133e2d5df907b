import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {DEFAULT_ASSUMPTIONS_FILE, writeCostTemplate} from '../../cost/cost.service.js'
import type {CostTemplateResult} from '../../cost/cost.schema.js'

export default class CostTemplate extends BaseCommand {
  static override summary = '経費試算の前提条件ファイル（Excel）を既定値・出典・入力要領付きで出力します'
  static override description =
    '為替レート・ドル建て割合・業務別の移行後単価（標準準拠システム利用料・ガバメントクラウド利用料・接続回線・運用管理補助）・移行一時経費の区分と補助対象・補助率・人口区分別の補助上限額・削減目標・計画期間を、単位・既定値・出典とともに出力します。「要確認」は年度ごとに変わる国の数値です。既存のファイルは --force なしでは上書きしません。'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --output 経費前提_令和8年度.xlsx',
  ]
  static override flags = {
    output: Flags.string({char: 'o', summary: `出力ファイル（既定: ${DEFAULT_ASSUMPTIONS_FILE}）`}),
    force: Flags.boolean({summary: '既存のファイルを上書きします', default: false}),
  }

  async run(): Promise<CostTemplateResult> {
    const {flags} = await this.parse(CostTemplate)
    const result = await writeCostTemplate({output: flags.output, force: flags.force})
    this.log(`前提条件の様式を出力しました: ${result.path}（シート: ${result.sheets.join('、')}）`)
    return result
  }
}
