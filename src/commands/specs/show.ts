import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {renderTable} from '../../text/format.js'
import {CLASS_LABEL, versionLabel} from '../../standard/spec.schema.js'
import {showSpec, type SpecShowResult} from '../../standard/spec-query.service.js'

export default class SpecsShow extends BaseCommand {
  static override summary = '標準仕様書の機能要件と帳票要件を表示します（既定: 最新の版）'
  static override examples = [
    '<%= config.bin %> <%= command.id %> 住民基本台帳',
    '<%= config.bin %> <%= command.id %> 介護 --version 3.0 --json',
  ]
  static override args = {
    business: Args.string({description: '業務（名称・別名・ID）', required: true}),
  }
  static override flags = {
    version: Flags.string({summary: '版（例: 5.0、第5.0版。既定: 最新）'}),
  }

  async run(): Promise<SpecShowResult> {
    const {args, flags} = await this.parse(SpecsShow)
    const r = showSpec({dbPath: flags.db, business: args.business, version: flags.version})
    this.log(
      `${r.title}（${r.business}）${versionLabel(r.version)}　公表日 ${r.published || '不明'}${r.effective ? `　適用日 ${r.effective}` : ''}`,
    )
    this.log(
      renderTable(
        ['機能ID', '項目', '機能名称', '実装区分'],
        r.requirements.map((q) => [q.id, q.path.join(' / '), q.name, CLASS_LABEL[q.class]]),
      ),
    )
    this.log(
      renderTable(
        ['帳票ID', '帳票名称', '種別', '実装区分'],
        r.forms.map((f) => [f.id, f.name, f.type, CLASS_LABEL[f.class]]),
      ),
    )
    this.log(
      `機能要件 ${r.requirements.length} 件・帳票 ${r.forms.length} 件（要件の本文は --json で出力されます）`,
    )
    return r
  }
}
