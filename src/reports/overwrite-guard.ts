import {existsSync} from 'node:fs'
import {UserError} from '../errors.js'

/**
 * Workbooks people fill in (review sheets, inventory templates, RFI answer sheets) are never overwritten
 * without `--force`: a reviewer's unimported decisions live only in that file. Reports that hyojun alone
 * writes (比較分析表, 新旧対照表) may be replaced (atomically) and do not call this.
 *
 * A state problem (exit 1, like an already imported spec version), not a usage error.
 * Call it before any work, so a refusal costs nothing and changes nothing.
 */
export function assertFillableWorkbookWritable(
  path: string,
  options: {readonly force?: boolean; readonly what: string},
): void {
  if (!options.force && existsSync(path)) {
    throw new UserError(
      `${path} は既に存在します。記入済みの${options.what}を上書きしないよう、出力しませんでした`,
      {
        code: 'OUTPUT_EXISTS',
        suggestions: ['--output で別のファイル名を指定する', '上書きしてよい場合は --force を付ける'],
      },
    )
  }
}
