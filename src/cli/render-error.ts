import {
  countIssues,
  environmentError,
  ExitCode,
  exitCodeOf,
  InvalidDataError,
  UserError,
  type DataIssue,
} from '../errors.js'
import {safeForTerminal} from '../text/display.js'
import {translateParseError} from './parse-errors.js'

export interface ErrorJson {
  error: {
    code: string
    message: string
    suggestions: string[]
    issues?: DataIssue[]
  }
}

export interface NormalizedError {
  readonly exitCode: number
  readonly json: ErrorJson
  /** True when the error is a bug (not a user mistake): show the stack under HYOJUN_DEBUG. */
  readonly unexpected: boolean
}

interface OclifLike {
  oclif?: {exit?: number}
  code?: string
  message?: string
}

/** One place that turns anything thrown into an exit code and the error JSON; `flags` name the command's flags (did-you-mean). */
export function normalizeError(
  error: unknown,
  context: {readonly flags?: readonly string[]} = {},
): NormalizedError {
  const err = error instanceof UserError ? error : (environmentError(error) ?? error)
  if (err instanceof UserError) {
    const json: ErrorJson = {error: {code: err.code, message: err.message, suggestions: [...err.suggestions]}}
    if (err instanceof InvalidDataError) json.error.issues = [...err.issues]
    return {exitCode: exitCodeOf(err), json, unexpected: false}
  }
  const e = (err ?? {}) as OclifLike
  const oclifExit = e.oclif?.exit
  if (
    oclifExit === 2 ||
    /^(Nonexistent flag|Unexpected argument|Missing required|Expected --|Parsing --|--\S+ )/.test(
      e.message ?? '',
    )
  ) {
    const usage = translateParseError(e.message ?? '', context.flags)
    return {
      exitCode: ExitCode.usage,
      json: {error: {code: 'USAGE', message: usage.message, suggestions: usage.suggestions}},
      unexpected: false,
    }
  }
  if (typeof oclifExit === 'number' && e.code === 'EEXIT') {
    return {
      exitCode: oclifExit,
      json: {error: {code: 'EXIT', message: e.message ?? '', suggestions: []}},
      unexpected: false,
    }
  }
  return {
    exitCode: ExitCode.failed,
    json: {
      error: {
        code: 'INTERNAL',
        message: `内部エラーが発生しました: ${(err as Error | undefined)?.message ?? String(err)}`,
        suggestions: ['HYOJUN_DEBUG=1 を付けて再実行し、表示された内容を開発チームに連絡してください'],
      },
    },
    unexpected: true,
  }
}

/** Human rendering for stderr: message, first `limit` issues and a count, suggestions. */
export function renderErrorText(json: ErrorJson, limit = 20): string {
  const lines = [`エラー: ${json.error.message}`]
  const issues = json.error.issues ?? []
  for (const issue of issues.slice(0, limit)) lines.push(`  ${issue.where}: ${issue.message}`)
  const total = countIssues(issues)
  if (issues.length > limit)
    lines.push(
      `  …ほか ${(total - limit).toLocaleString('en-US')} 件（${issues.length < total ? `先頭 ${issues.length - 1} 件は --json で確認できます` : 'すべて見るには --json'}）`,
    )
  for (const s of json.error.suggestions) lines.push(`ヒント: ${s}`)
  // Messages quote imported text: never let its control characters reach the terminal.
  return safeForTerminal(lines.join('\n'))
}
