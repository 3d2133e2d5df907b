import {Errors, type Hook} from '@oclif/core'
import {ExitCode} from '../errors.js'
import {suggestClosest} from '../text/normalize.js'
import {renderErrorText, type ErrorJson} from './render-error.js'

/**
 * oclif `command_not_found` hook: Japanese message with did-you-mean, the command written as the user types it
 * (`specs lst`, never the internal `specs:lst`), the error JSON under --json, exit 2 (usage).
 */
const hook: Hook.CommandNotFound = async function (options) {
  const typed = options.id.replaceAll(':', ' ')
  const commands = options.config.commandIDs.map((id) => id.replaceAll(':', ' '))
  const close = suggestClosest(typed, commands, 3)
  const json: ErrorJson = {
    error: {
      code: 'COMMAND_NOT_FOUND',
      message: `コマンド「${typed}」はありません`,
      suggestions: [
        ...close.map((c) => `もしかして: ${options.config.bin} ${c}`),
        `${options.config.bin} --help でコマンドの一覧を確認してください`,
      ],
    },
  }
  if ((options.argv ?? []).includes('--json')) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`)
  else process.stderr.write(`${renderErrorText(json)}\n`)
  process.exitCode = ExitCode.usage
  throw new Errors.ExitError(ExitCode.usage)
}

export default hook
