import {statSync} from 'node:fs'
import {Command, Errors, Flags, type Interfaces} from '@oclif/core'
import {z} from 'zod'
import {normalizeError, renderErrorText, type ErrorJson} from './render-error.js'
import {safeForTerminal} from '../text/display.js'
import {writePrettyJson} from '../text/json-out.js'
import {dbFlag} from './flags.js'

/**
 * Base of every hyojun command: --json and --db, Japanese zod messages, one
 * error path with stable exit codes (identical with and without --json).
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  static override baseFlags = {
    // Replaces oclif's English --json description (baseFlags win over the built-in one).
    json: Flags.boolean({
      summary: '結果を JSON で標準出力に出力します（形式は README 参照）',
      helpGroup: 'GLOBAL',
    }),
    db: dbFlag(),
  }

  override async init(): Promise<void> {
    z.config(z.locales.ja())
    await super.init()
    this.warnEmptyDatabase()
  }

  /**
   * SQLite takes a 0-byte file for an empty database and silently starts afresh in it: usually a
   * failed copy or the wrong file. Say so (stderr, also under --json) before the command runs.
   */
  private warnEmptyDatabase(): void {
    const i = this.argv.findIndex((a) => a === '--db' || a.startsWith('--db='))
    const path =
      i < 0
        ? (process.env['HYOJUN_DB'] ?? 'hyojun.db')
        : this.argv[i]!.startsWith('--db=')
          ? this.argv[i]!.slice(5)
          : this.argv[i + 1]
    if (path === undefined) return
    try {
      const st = statSync(path)
      if (st.isFile() && st.size === 0)
        process.stderr.write(
          `警告: データベース ${safeForTerminal(path)} は 0 バイトの空ファイルです。新しい空のデータベースとして扱います（コピーに失敗したファイルや別のファイルを指定していないか確認してください。バックアップからの復元は hyojun backup で作成したファイルを使います）\n`,
        )
    } catch {
      // no file yet: a new database, nothing to warn about
    }
  }

  /**
   * Every human-readable line goes through here (and note/warnAll): text from imported files may hold
   * ESC sequences or bidi overrides, which are shown escaped, never sent raw to the terminal.
   */
  override log(message = '', ...args: unknown[]): void {
    super.log(safeForTerminal(message), ...args.map((a) => (typeof a === 'string' ? safeForTerminal(a) : a)))
  }

  /** Progress and notices: stderr, never under --json's stdout. */
  protected note(message: string): void {
    process.stderr.write(`${safeForTerminal(message)}\n`)
  }

  /** Write warnings to stderr (they are also in the JSON result under `warnings`). */
  protected warnAll(warnings: readonly string[], limit = 20): void {
    for (const w of warnings.slice(0, limit)) process.stderr.write(`警告: ${safeForTerminal(w)}\n`)
    if (warnings.length > limit) process.stderr.write(`警告: …ほか ${warnings.length - limit} 件\n`)
  }

  /** Flag names of this command (for did-you-mean on a mistyped flag). */
  private flagNames(): string[] {
    const ctor = this.constructor as typeof BaseCommand
    return Object.keys({...ctor.baseFlags, ...ctor.flags})
  }

  /**
   * The same text as oclif's (2-space JSON, uncoloured when piped) but written in chunks: oclif builds one
   * string and re-tokenises it to colour it, which a prefecture-scale result (hundreds of MB) cannot afford.
   */
  override logJson(json: unknown): void {
    writePrettyJson(json, (chunk) => process.stdout.write(chunk))
  }

  protected override toErrorJson(err: unknown): ErrorJson {
    return normalizeError(err, {flags: this.flagNames()}).json
  }

  protected override async catch(err: Interfaces.CommandError): Promise<unknown> {
    const normalized = normalizeError(err, {flags: this.flagNames()})
    // @oclif/core 4 keeps an earlier process.exitCode under --json; set ours explicitly.
    process.exitCode = normalized.exitCode
    if (this.jsonEnabled()) {
      this.logJson(normalized.json)
      return
    }
    const debug = process.env['HYOJUN_DEBUG'] === '1'
    process.stderr.write(`${renderErrorText(normalized.json)}\n`)
    if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`)
    // ExitError: oclif exits with our code without printing anything more.
    throw new Errors.ExitError(normalized.exitCode)
  }
}

export type {ErrorJson}
