import {CommandHelp, Help} from '@oclif/core'
import {wrapJapanese} from '../text/wrap.js'

/**
 * Help in Japanese (oclif `helpClass`): section headings and oclif's own labels translated, and text wrapped
 * with 禁則処理 (no line starting with 。、）, no ASCII word cut in two) instead of wrap-ansi's hard breaks.
 */

const HEADINGS: Readonly<Record<string, string>> = {
  USAGE: '使い方',
  ARGUMENTS: '引数',
  FLAGS: 'フラグ',
  'GLOBAL FLAGS': '共通フラグ',
  DESCRIPTION: '説明',
  EXAMPLES: '例',
  'FLAG DESCRIPTIONS': 'フラグの説明',
  ALIASES: '別名',
  TOPICS: 'トピック',
  COMMANDS: 'コマンド',
  VERSION: 'バージョン',
}

/** oclif's English fragments (and @oclif/plugin-help's `help` command) → Japanese. Order matters. */
const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\[default: /g, '[既定: '],
  [/, env: /g, '、環境変数: '],
  [/\[env: /g, '[環境変数: '],
  [/\(required\)/g, '（必須）'],
  [/\[COMMAND\]/g, '[コマンド]'],
  [/Display help for (\S+?)\.?$/gm, '$1 のヘルプを表示します'],
  [/Include all nested commands in the output\./g, '下位のコマンドもすべて表示します'],
  [/Command to show help for\./g, 'ヘルプを表示するコマンド'],
]

// eslint-disable-next-line no-control-regex -- ANSI escape sequences (colour codes)
const ANSI = /\u001b\[[0-9;]*m/

/** Translate oclif's English labels in rendered help text. */
export function translateHelp(text: string): string {
  let out = text
  for (const [re, ja] of PHRASES) out = out.replace(re, ja)
  // Flag columns are aligned before this runs: keep the width of `<value>` / `<options: …>` where padded.
  out = out
    .replace(/<value>(?= {2})/g, '<値>   ')
    .replace(/<value>/g, '<値>')
    .replace(/<option>/g, '<選択肢>')
    .replace(/<options: ([^>]*)>(?= {2})/g, '<選択肢: $1> ')
    .replace(/<options: ([^>]*)>/g, '<選択肢: $1>')
  return out.replace(
    // eslint-disable-next-line no-control-regex -- ANSI escape sequences (colour codes)
    /^((?:\u001b\[[0-9;]*m)*)([A-Z][A-Z ]+[A-Z])((?:\u001b\[[0-9;]*m)*)$/gm,
    (all, pre: string, h: string, post: string) => {
      const ja = HEADINGS[h]
      return ja ? `${pre}${ja}${post}` : all
    },
  )
}

function wrapText(render: (s: string) => string, body: string, width: number): string {
  const text = render(body)
  // Coloured text (a TTY with a theme) keeps oclif's own wrapping: our widths do not count escapes.
  if (ANSI.test(text)) return text
  return wrapJapanese(translateHelp(text), width)
}

class JapaneseCommandHelp extends CommandHelp {
  override wrap(body: string, spacing = this.indentSpacing): string {
    return wrapText(this.render, body, this.opts.maxWidth - spacing)
  }
}

export default class JapaneseHelp extends Help {
  protected override CommandHelpClass = JapaneseCommandHelp

  override wrap(body: string, spacing = this.indentSpacing): string {
    return wrapText(this.render, body, this.opts.maxWidth - spacing)
  }

  protected override log(...args: string[]): void {
    super.log(...args.map(translateHelp))
  }
}
