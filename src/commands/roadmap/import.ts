import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {importRoadmapAssumptions} from '../../roadmap/roadmap-import.service.js'
import type {RoadmapImportResult} from '../../roadmap/roadmap.schema.js'

export default class RoadmapImport extends BaseCommand {
  static override summary =
    'ロードマップの計画前提ブック（.xlsx）を取り込みます（計画前提全体を置き換えます）'
  static override description =
    '問題が1件でもあれば、すべての問題をセル番地付きで表示し、何も書き込みません（終了コード 3）。既定値と異なる項目を表示します。'
  static override examples = [
    '<%= config.bin %> <%= command.id %> 計画前提.xlsx --dry-run',
    '<%= config.bin %> <%= command.id %> 計画前提.xlsx',
  ]
  static override args = {
    file: Args.string({description: '計画前提ブック（.xlsx）', required: true}),
  }
  static override flags = {
    'dry-run': Flags.boolean({summary: '検査と変更内容の表示のみ行い、書き込みません', default: false}),
  }

  async run(): Promise<RoadmapImportResult> {
    const {args, flags} = await this.parse(RoadmapImport)
    const result = await importRoadmapAssumptions({
      dbPath: flags.db,
      file: args.file,
      dryRun: flags['dry-run'],
    })
    this.warnAll(result.warnings)
    for (const c of result.changed) this.log(`${c.item}: ${c.value}（既定: ${c.default}）`)
    if (result.changed.length === 0) this.log('既定値と同じ計画前提です')
    this.log(
      result.written
        ? `計画前提を取り込みました（システム別の指定 ${result.systems}件）`
        : `検査のみ行いました（--dry-run、書き込みなし、システム別の指定 ${result.systems}件）`,
    )
    return result
  }
}
