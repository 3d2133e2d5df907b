import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {writeRoadmapTemplate} from '../../roadmap/roadmap-import.service.js'
import type {RoadmapTemplateResult} from '../../roadmap/roadmap.schema.js'

export default class RoadmapTemplate extends BaseCommand {
  static override summary = 'ロードマップの計画前提ブック（Excel）を出力します'
  static override description =
    '現在の計画前提（取り込み済みのもの、なければ既定値）を記入した様式を出力します。段階の期間、繁忙期、同時移行、依存関係、ベンダー・職員の上限、予算サイクル、期限、システム別の状況を編集し、hyojun roadmap import で取り込みます。既存のファイルは --force なしでは上書きしません。'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --output 計画前提.xlsx',
    '<%= config.bin %> <%= command.id %> --output 計画前提.xlsx --force',
  ]
  static override flags = {
    output: Flags.string({char: 'o', summary: '出力ファイル（既定: 計画前提.xlsx）'}),
    force: Flags.boolean({summary: '既存のファイルを上書きします', default: false}),
  }

  async run(): Promise<RoadmapTemplateResult> {
    const {flags} = await this.parse(RoadmapTemplate)
    const result = await writeRoadmapTemplate({dbPath: flags.db, output: flags.output, force: flags.force})
    this.log(
      `計画前提ブックを出力しました: ${result.path}（${result.source}、シート: ${result.sheets.join('、')}）`,
    )
    return result
  }
}
