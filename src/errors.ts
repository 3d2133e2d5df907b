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

/**
 * At most this many issues are kept (human output and --json alike); the rest are counted in one
 * closing 「以下省略（他 N 件）」 issue, so a file with a million bad rows cannot exhaust memory
 * with its own error report.
 */
export const MAX_ISSUES = 1000
export const ISSUES_OMITTED = 'ISSUES_OMITTED'

export function omittedIssue(where: string, count: number): DataIssue {
  return {where, code: ISSUES_OMITTED, message: `以下省略（他 ${count.toLocaleString('en-US')} 件）`}
}

/** The number of issues a list stands for, counting those summarized by an omitted-issue line. */
export function countIssues(issues: readonly DataIssue[]): number {
  let n = 0
  for (const i of issues)
    n += i.code === ISSUES_OMITTED ? Number(/他 ([\d,]+) 件/.exec(i.message)?.[1]?.replace(/,/g, '') ?? 0) : 1
  return n
}

/** Keep the first MAX_ISSUES issues and summarize the rest. */
export function capIssues(issues: readonly DataIssue[]): readonly DataIssue[] {
  if (issues.length <= MAX_ISSUES + 1) return issues
  const total = countIssues(issues)
  return [...issues.slice(0, MAX_ISSUES), omittedIssue(issues[MAX_ISSUES]!.where, total - MAX_ISSUES)]
}

/**
 * Collects issues with a bounded memory footprint: the first MAX_ISSUES are kept, the rest only
 * counted. `list()` gives the capped list (with the 以下省略 line), `count` the real number.
 */
export class IssueCollector {
  private readonly kept: DataIssue[] = []
  private omitted = 0
  private firstOmitted = ''

  push(issue: DataIssue): void {
    if (this.kept.length < MAX_ISSUES) {
      this.kept.push(issue)
      return
    }
    if (this.omitted === 0) this.firstOmitted = issue.where
    this.omitted++
  }

  get count(): number {
    return this.kept.length + this.omitted
  }

  list(): DataIssue[] {
    return this.omitted === 0 ? [...this.kept] : [...this.kept, omittedIssue(this.firstOmitted, this.omitted)]
  }
}

/** Input data that cannot be accepted; carries the issues found, at most MAX_ISSUES of them (exit 3). */
export class InvalidDataError extends UserError {
  readonly issues: readonly DataIssue[]

  constructor(message: string, issues: readonly DataIssue[], options?: Partial<UserErrorOptions>) {
    super(message, {
      code: options?.code ?? 'INVALID_DATA',
      suggestions: options?.suggestions,
      exitCode: ExitCode.invalidData,
    })
    this.name = 'InvalidDataError'
    this.issues = capIssues(issues)
  }
}

/** Throw an InvalidDataError for `file` when any issue was collected. */
export function throwIfIssues(issues: readonly DataIssue[], file: string): void {
  if (issues.length > 0) {
    throw new InvalidDataError(
      `${file} に ${countIssues(issues).toLocaleString('en-US')} 件の問題があります。修正してから再度取り込んでください（データベースは変更していません）。`,
      issues,
    )
  }
}

/**
 * Failures of the machine rather than of the input (a damaged or locked database, a read-only file):
 * a Japanese message that says what happened and what to do. undefined for anything else (a bug).
 * `path` is the database when known (withDatabase attaches it as `dbPath`).
 */
export function environmentError(err: unknown): UserError | undefined {
  const e = (err ?? {}) as {code?: unknown; message?: unknown; dbPath?: unknown}
  const code = typeof e.code === 'string' ? e.code : ''
  const message = typeof e.message === 'string' ? e.message : ''
  const db = typeof e.dbPath === 'string' ? `データベース ${e.dbPath}` : 'データベース'
  if (
    code.startsWith('SQLITE_CORRUPT') ||
    code === 'SQLITE_NOTADB' ||
    /malformed|not a database/i.test(message)
  )
    return new UserError(`${db} が壊れています（SQLite: ${code || message}）`, {
      code: 'DB_CORRUPT',
      suggestions: [
        'hyojun doctor で状態を確認してください',
        'hyojun backup で作成したバックアップがあれば、そのファイルを --db に指定するか元の場所に戻してください（復元）',
        '壊れたファイルは削除せず保管し、情報システム担当者に相談してください',
      ],
    })
  if (
    code.startsWith('SQLITE_BUSY') ||
    code.startsWith('SQLITE_LOCKED') ||
    /database is locked/i.test(message)
  )
    return new UserError(
      `${db} は他の hyojun（または別のプログラム）が書き込み中のため、待っても使用できませんでした`,
      {
        code: 'DB_LOCKED',
        suggestions: [
          '他の hyojun の処理が終わるのを待ってから再実行してください',
          'DB Browser などのツールでデータベースを開いている場合は閉じてください',
        ],
      },
    )
  if (code.startsWith('SQLITE_READONLY') || /readonly database/i.test(message))
    return new UserError(`${db} に書き込めません（読み取り専用のファイルまたはフォルダです）`, {
      code: 'DB_READ_ONLY',
      suggestions: [
        'ファイルとフォルダの書き込み権限（読み取り専用の設定）を確認してください',
        '一覧・表示のコマンド（list / show / doctor）は読み取り専用でも実行できます',
      ],
    })
  if (code === 'SQLITE_CANTOPEN')
    return new UserError(`${db} を開けません（フォルダがない、権限がない、またはフォルダを指定しています）`, {
      code: 'DB_CANT_OPEN',
      suggestions: ['--db のパスと、フォルダの権限を確認してください'],
    })
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new UserError('ディスクの空き容量が不足しています', {
      code: 'DISK_FULL',
      suggestions: ['不要なファイルを削除してから再実行してください（データベースは変更前のままです）'],
    })
  return undefined
}
