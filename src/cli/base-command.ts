import {Command, Errors, Flags, type Interfaces} from '@oclif/core'
import {z} from 'zod'
import {normalizeError, renderErrorText, type ErrorJson} from './render-error.js'
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
  }

  /** Progress and notices: stderr, never under --json's stdout. */
  protected note(message: string): void {
    process.stderr.write(`${message}\n`)
  }

  /** Write warnings to stderr (they are also in the JSON result under `warnings`). */
  protected warnAll(warnings: readonly string[], limit = 20): void {
    for (const w of warnings.slice(0, limit)) process.stderr.write(`警告: ${w}\n`)
    if (warnings.length > limit) process.stderr.write(`警告: …ほか ${warnings.length - limit} 件\n`)
  }

  /** Flag names of this command (for did-you-mean on a mistyped flag). */
  private flagNames(): string[] {
    const ctor = this.constructor as typeof BaseCommand
    return Object.keys({...ctor.baseFlags, ...ctor.flags})
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
