import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {initWorkspace} from '../municipality/municipality.service.js'
import {DEFAULT_MUNICIPALITY_KIND, MUNICIPALITY_KINDS} from '../municipality/municipality.schema.js'
import type {InitResult, Municipality} from '../municipality/municipality.schema.js'

export default class Init extends BaseCommand {
  static override summary = '団体の基本情報（団体名・団体コード・人口・団体区分）を登録します'
  static override description =
    '全国地方公共団体コード（6桁、検査数字付き）を検査し、都道府県を判定して作業用データベースに登録します。'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --name 多賀城市 --code 042099 --population 62000 --kind 一般市',
  ]
  static override flags = {
    name: Flags.string({summary: '団体名（例: 多賀城市）', required: true}),
    code: Flags.string({summary: '全国地方公共団体コード（6桁）', required: true}),
    population: Flags.integer({summary: '人口', min: 0}),
    kind: Flags.string({
      summary: '団体区分',
      options: [...MUNICIPALITY_KINDS],
      default: DEFAULT_MUNICIPALITY_KIND,
    }),
    force: Flags.boolean({
      summary:
        'データを取込済みのデータベースで団体コードを変更します（取込済みのデータは新しい団体のものとして扱われます）',
      default: false,
    }),
  }

  async run(): Promise<InitResult> {
    const {flags} = await this.parse(Init)
    const result = initWorkspace({
      dbPath: flags.db,
      name: flags.name,
      code: flags.code,
      population: flags.population,
      kind: flags.kind,
      now: new Date().toISOString(),
      force: flags.force,
    })
    const describe = (m: Municipality): string =>
      `${m.prefecture}${m.name}（団体コード ${m.code}、${m.kind}${m.population === null ? '' : `、人口 ${m.population.toLocaleString('ja-JP')}人`}）`
    const before = result.previous
    if (!before) this.log(`登録しました: ${describe(result.municipality)}`)
    else this.log(`更新しました: ${describe(before)} → ${describe(result.municipality)}`)
    if (before && before.code !== result.municipality.code)
      this.note(
        `注意: 団体コードを ${before.code} から ${result.municipality.code} に変更しました。取込済みのデータはそのまま新しい団体のものとして扱われます`,
      )
    return result
  }
}
