import {Flags} from '@oclif/core'
import {ExitCode, UserError} from '../errors.js'
import {localDate} from '../text/local-date.js'
import {isoDate} from '../sources/wareki.js'

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

/**
 * The `--today YYYY-MM-DD` of date-dependent commands (roadmap, cost, report, run): checked as a real
 * calendar date (2026-02-30 is refused, exit 2). The clock is read here, at the command layer only.
 */
export function resolveToday(value: string | undefined, now: Date = new Date()): string {
  const today = value ?? localDate(now)
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today)
  if (!m || !isoDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new UserError(`--today の値「${today}」は日付（YYYY-MM-DD）ではありません`, {
      code: 'INVALID_TODAY',
      exitCode: ExitCode.usage,
      suggestions: ['例: --today 2026-12-01'],
    })
  }
  return today
}
