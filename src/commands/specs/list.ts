import {BaseCommand} from '../../cli/base-command.js'
import {businessFlag} from '../../cli/flags.js'
import {renderTable} from '../../text/format.js'
import {versionLabel} from '../../standard/spec.schema.js'
import {listSpecs, type SpecListResult} from '../../standard/spec-query.service.js'

export default class SpecsList extends BaseCommand {
  static override summary = '取込済みの標準仕様書（業務・版・件数）を一覧表示します'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --business 介護保険 --json',
  ]
  static override flags = {business: businessFlag()}

  async run(): Promise<SpecListResult> {
    const {flags} = await this.parse(SpecsList)
    const result = listSpecs({dbPath: flags.db, business: flags.business})
    if (result.specs.length === 0) {
      this.log('取込済みの標準仕様書はありません（hyojun specs import specs で取り込めます）')
      return result
    }
    this.log(
      renderTable(
        ['業務', '版', '公表日', '適用日', '機能要件', '必須', 'オプション', '不可', '帳票'],
        result.specs.map((s) => [
          s.business,
          versionLabel(s.version),
          s.published,
          s.effective,
          s.requirements,
          s.mandatory,
          s.optional,
          s.prohibited,
          s.forms,
        ]),
      ),
    )
    return result
  }
}
