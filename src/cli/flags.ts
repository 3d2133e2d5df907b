import {Flags} from '@oclif/core'

/** --db PATH (default ./hyojun.db, or HYOJUN_DB). */
export const dbFlag = Flags.custom<string>({
  summary: 'データベースファイルのパス（既定: ./hyojun.db、環境変数 HYOJUN_DB）',
  env: 'HYOJUN_DB',
  default: 'hyojun.db',
  helpGroup: 'GLOBAL',
})

/** --business 業務 (name, alias or id; resolved by the service). */
export const businessFlag = Flags.custom<string>({
  summary: '対象業務（名称・別名・ID。例: 住民基本台帳、住民記録、juki）',
  char: 'b',
})
