import {suggestClosest} from '../text/normalize.js'

/**
 * oclif's parser speaks English ("Nonexistent flag: --outptu", "Missing required flag output",
 * "Expected an integer but received: 112,000"). Users read Japanese: turn each known shape into a Japanese
 * message with a did-you-mean where it helps. The shapes are oclif 4's parser messages (pinned 4.14).
 */
export interface TranslatedUsage {
  readonly message: string
  readonly suggestions: string[]
}

const HELP_HINT = '--help で使い方を確認してください'

function clean(message: string): string {
  return (
    message
      .replace(/\nSee more help with --help/g, '')
      // eslint-disable-next-line no-control-regex -- ANSI escape sequences (colour codes)
      .replace(/\u001b\[[0-9;]*m/g, '')
      .trim()
  )
}

function integerReason(flag: string, inner: string): string | undefined {
  let m = /^Expected an integer but received: (.*)$/.exec(inner)
  if (m) {
    const comma = /[,，]/.test(m[1]!) ? '（桁区切りのカンマは付けずに入力してください）' : ''
    return `--${flag} には整数を指定してください。「${m[1]}」は整数ではありません${comma}`
  }
  m = /^Expected an integer greater than or equal to (-?\d+) but received: (.*)$/.exec(inner)
  if (m) return `--${flag} には ${m[1]} 以上の整数を指定してください（指定値: ${m[2]}）`
  m = /^Expected an integer less than or equal to (-?\d+) but received: (.*)$/.exec(inner)
  if (m) return `--${flag} には ${m[1]} 以下の整数を指定してください（指定値: ${m[2]}）`
  return undefined
}

/** Japanese message (and suggestions) for an oclif parse error; `flags` are the command's flag names. */
export function translateParseError(raw: string, flags: readonly string[] = []): TranslatedUsage {
  const message = clean(raw)
  const flagList = flags.map((f) => `--${f}`)
  let m = /^Nonexistent flags?: (.+)$/m.exec(message)
  if (m) {
    const given = m[1]!.split(/,\s*/)
    const close = given.flatMap((g) => suggestClosest(g.replace(/=.*$/, ''), flagList, 2))
    return {
      message: `不明なフラグです: ${given.join('、')}`,
      suggestions: [
        ...(close.length > 0 ? [`もしかして: ${[...new Set(close)].join('、')}`] : []),
        HELP_HINT,
      ],
    }
  }
  const required = [...message.matchAll(/Missing required flag (\S+)/g)].map((x) => `--${x[1]}`)
  if (required.length > 0) {
    return {message: `必須のフラグ ${required.join('、')} を指定してください`, suggestions: [HELP_HINT]}
  }
  m = /^Missing \d+ required args?:\n([\s\S]+?)(\n\n|$)/.exec(message)
  if (m) {
    const args = m[1]!
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[0]?.toUpperCase())
      .filter((a): a is string => a !== undefined && a !== '')
    return {message: `引数 ${args.join('、')} を指定してください`, suggestions: [HELP_HINT]}
  }
  m = /^Unexpected arguments?: (.+)$/m.exec(message)
  if (m) return {message: `余分な引数があります: ${m[1]}`, suggestions: [HELP_HINT]}
  m = /Expected --([^=\s]+)=(.*) to be one of: (.+)$/m.exec(message)
  if (m) {
    const options = m[3]!.split(/,\s*/)
    const close = suggestClosest(m[2]!, options, 2)
    return {
      message: `--${m[1]} の値「${m[2]}」は使用できません。選択肢: ${options.join(' / ')}`,
      suggestions: close.length > 0 ? [`もしかして: --${m[1]} ${close.join(' / ')}`] : [HELP_HINT],
    }
  }
  m = /^Expected (.*) to be one of: (.+)$/m.exec(message)
  if (m) {
    return {
      message: `値「${m[1]}」は使用できません。選択肢: ${m[2]!.split(/,\s*/).join(' / ')}`,
      suggestions: [HELP_HINT],
    }
  }
  m = /^Parsing --(\S+)\s*\n\s*(.+)$/m.exec(message)
  if (m) {
    const reason = integerReason(m[1]!, m[2]!.trim())
    if (reason) return {message: reason, suggestions: [HELP_HINT]}
    return {message: `--${m[1]} の値を解釈できません: ${m[2]!.trim()}`, suggestions: [HELP_HINT]}
  }
  m = /Flag --(\S+) expects a value/.exec(message)
  if (m) return {message: `--${m[1]} には値を指定してください`, suggestions: [HELP_HINT]}
  m = /--(\S+?)=.* cannot also be provided when using --(\S+)/.exec(message)
  if (m) return {message: `--${m[1]} と --${m[2]} は同時に指定できません`, suggestions: [HELP_HINT]}
  return {message: `コマンドの指定に誤りがあります: ${message}`, suggestions: [HELP_HINT]}
}
