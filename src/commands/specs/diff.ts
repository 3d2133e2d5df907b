import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {renderTable} from '../../text/format.js'
import {CLASS_LABEL, versionLabel} from '../../standard/spec.schema.js'
import {diffSpecVersions, type SpecDiffResult} from '../../standard/spec-diff.service.js'

export default class SpecsDiff extends BaseCommand {
  static override summary =
    '標準仕様書の 2 つの版を比較し、追加・削除・文言変更・実装区分の変更を示します（新旧対照表）'
  static override examples = [
    '<%= config.bin %> <%= command.id %> 住民基本台帳',
    '<%= config.bin %> <%= command.id %> 介護保険 --from 3.0 --to 4.0 --output 介護保険_新旧対照表.xlsx',
  ]
  static override args = {
    business: Args.string({description: '業務（名称・別名・ID）', required: true}),
  }
  static override flags = {
    from: Flags.string({summary: '比較元の版（既定: 比較先の 1 つ前の版）'}),
    to: Flags.string({summary: '比較先の版（既定: 最新）'}),
    output: Flags.string({char: 'o', summary: '新旧対照表（.xlsx）の出力先'}),
  }

  async run(): Promise<SpecDiffResult> {
    const {args, flags} = await this.parse(SpecsDiff)
    const r = await diffSpecVersions({
      dbPath: flags.db,
      business: args.business,
      from: flags.from,
      to: flags.to,
      output: flags.output,
    })
    const s = r.summary
    const f = r.forms
    this.log(
      `${r.business} ${versionLabel(r.from)} → ${versionLabel(r.to)}: 追加 ${s.added} 件・削除 ${s.removed} 件・文言変更 ${s.changed} 件・実装区分の変更 ${s.reclassified} 件` +
        `（帳票: 追加 ${f.added.length} 件・削除 ${f.removed.length} 件・実装区分の変更 ${f.reclassified.length} 件）`,
    )
    // The same words as the 新旧対照表 (区分: 追加 / 削除 / 文言変更 / 区分変更).
    const rows = [
      ...r.added.map((a) => ['追加', a.id, a.name, '', CLASS_LABEL[a.class]]),
      ...r.removed.map((a) => ['削除', a.id, a.name, CLASS_LABEL[a.class], '']),
      ...r.changed.map((c) => ['文言変更', c.id, c.name, '', '']),
      ...r.reclassified.map((c) => [
        '区分変更',
        c.id,
        c.name,
        CLASS_LABEL[c.fromClass],
        CLASS_LABEL[c.toClass],
      ]),
    ]
    if (rows.length > 0)
      this.log(renderTable(['区分', '機能ID', '機能名称', '旧 実装区分', '新 実装区分'], rows))
    const formRows = [
      ...f.added.map((a) => ['追加', a.id, a.name, '', CLASS_LABEL[a.class]]),
      ...f.removed.map((a) => ['削除', a.id, a.name, CLASS_LABEL[a.class], '']),
      ...f.reclassified.map((c) => [
        '区分変更',
        c.id,
        c.name,
        CLASS_LABEL[c.fromClass],
        CLASS_LABEL[c.toClass],
      ]),
    ]
    if (formRows.length > 0) {
      this.log('帳票要件')
      this.log(renderTable(['区分', '帳票ID', '帳票名称', '旧 実装区分', '新 実装区分'], formRows))
    }
    if (r.output) this.log(`新旧対照表を出力しました: ${r.output}`)
    return r
  }
}
