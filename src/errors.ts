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

/**
 * The one exit-code rule (README「終了コード」), by error code, applied to every UserError in one place
 * (cli/render-error). A code not listed keeps the exit code it was thrown with.
 *
 * 2 usage: the command line itself is wrong — unknown command or flag, a flag value outside its choices, a
 *   missing argument, or a name or path typed that does not exist (業務, システム, 版, file, folder).
 * 3 invalid input data: the contents of an input file, or a value to be registered (団体コード), fail checks.
 * 1 failed / state: the command is right but the workspace or environment does not allow it now — nothing
 *   imported yet, already imported or already exists (needs --replace / --force), another city's data, a file
 *   held open by Excel, an internal error.
 */
export const EXIT_CODE_BY_ERROR: Readonly<Record<string, ExitCode>> = {
  USAGE: ExitCode.usage,
  COMMAND_NOT_FOUND: ExitCode.usage,
  UNKNOWN_BUSINESS: ExitCode.usage,
  UNKNOWN_SYSTEM: ExitCode.usage,
  SPEC_VERSION_NOT_FOUND: ExitCode.usage,
  INVALID_VERSION: ExitCode.usage,
  INVALID_KIND: ExitCode.usage,
  INVALID_NAME: ExitCode.usage,
  FILE_NOT_FOUND: ExitCode.usage,
  FOLDER_NOT_FOUND: ExitCode.usage,
  NOT_A_FILE: ExitCode.usage,
  NO_SPEC_FILES: ExitCode.usage,
  INVENTORY_NOT_FOUND: ExitCode.usage,
  OUTPUT_NOT_XLSX: ExitCode.usage,
  OUTPUT_IS_DIR: ExitCode.usage,
  WRONG_LIST: ExitCode.usage,
  INVALID_LOCAL_CODE: ExitCode.invalidData,
  DB_NOT_FOUND: ExitCode.failed,
  SPEC_NOT_IMPORTED: ExitCode.failed,
  SPEC_NEEDS_TWO_VERSIONS: ExitCode.failed,
  SPEC_VERSION_EXISTS: ExitCode.failed,
  NO_CUSTOMIZATIONS: ExitCode.failed,
  INVENTORY_NOT_IMPORTED: ExitCode.failed,
  OUTPUT_EXISTS: ExitCode.failed,
  TARGET_EXISTS: ExitCode.failed,
  SAMPLE_WOULD_REPLACE_DATA: ExitCode.failed,
  MUNICIPALITY_CHANGE_NEEDS_FORCE: ExitCode.failed,
  OUTPUT_LOCKED: ExitCode.failed,
  DB_TOO_NEW: ExitCode.failed,
  DB_OPEN_FAILED: ExitCode.failed,
  DB_ON_NETWORK_SHARE: ExitCode.failed,
}

/** Exit code of an expected error: the rule's, else the one it was thrown with; invalid data is always 3. */
export function exitCodeOf(error: UserError): ExitCode {
  if (error instanceof InvalidDataError) return ExitCode.invalidData
  return EXIT_CODE_BY_ERROR[error.code] ?? error.exitCode
}

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
