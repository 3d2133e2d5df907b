import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {initWorkspace} from '../municipality/municipality.service.js'
import {DEFAULT_MUNICIPALITY_KIND, MUNICIPALITY_KINDS} from '../municipality/municipality.schema.js'
import type {InitResult} from '../municipality/municipality.schema.js'

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
    })
    const m = result.municipality
    this.log(
      `${result.created ? '登録しました' : '更新しました'}: ${m.prefecture}${m.name}（団体コード ${m.code}、${m.kind}${m.population === null ? '' : `、人口 ${m.population.toLocaleString('ja-JP')}人`}）`,
    )
    return result
  }
}
