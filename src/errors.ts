/**
 * Expected failures. Anything else thrown is a bug and is shown with a stack
 * only under HYOJUN_DEBUG=1.
 *
 * Exit codes (public contract, documented in README):
 *   0 ok · 1 failed · 2 usage · 3 invalid input data
 */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  invalidData: 3,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** One problem found in input data, with the place a clerk can find it. */
export interface DataIssue {
  /** e.g. `システム台帳.xlsx › 業務システム一覧!F9` or `juki-5.0.xml:12:5` */
  readonly where: string
  /** Field (column header) the issue is about, when there is one. */
  readonly field?: string
  /** Stable machine code, e.g. INVALID_DATE. */
  readonly code: string
  /** Japanese message for the user. */
  readonly message: string
}

export interface UserErrorOptions {
  readonly code: string
  readonly suggestions?: readonly string[]
  readonly exitCode?: ExitCode
}

/** A user mistake or an expected condition: printed without a stack. */
export class UserError extends Error {
  readonly code: string
  readonly suggestions: readonly string[]
  readonly exitCode: ExitCode

  constructor(message: string, options: UserErrorOptions) {
    super(message)
    this.name = 'UserError'
    this.code = options.code
    this.suggestions = options.suggestions ?? []
    this.exitCode = options.exitCode ?? ExitCode.failed
  }
}

/** Input data that cannot be accepted; carries every issue found (exit 3). */
export class InvalidDataError extends UserError {
  readonly issues: readonly DataIssue[]

  constructor(message: string, issues: readonly DataIssue[], options?: Partial<UserErrorOptions>) {
    super(message, {
      code: options?.code ?? 'INVALID_DATA',
      suggestions: options?.suggestions,
      exitCode: ExitCode.invalidData,
    })
    this.name = 'InvalidDataError'
    this.issues = issues
  }
}

/** Throw an InvalidDataError for `file` when any issue was collected. */
export function throwIfIssues(issues: readonly DataIssue[], file: string): void {
  if (issues.length > 0) {
    throw new InvalidDataError(
      `${file} に ${issues.length} 件の問題があります。修正してから再度取り込んでください（データベースは変更していません）。`,
      issues,
    )
  }
}
