/**
 * Regenerates the command reference in README.md from the commands themselves
 * (summary, usage, flags, examples). `--check` fails when README is stale (CI).
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {Config, type Command} from '@oclif/core'

// oclif maps dist/ to src/ only outside production: read the commands from source.
process.env['NODE_ENV'] = 'development'

const ROOT = resolve(import.meta.dirname, '..')
const START = '<!-- commands -->'
const END = '<!-- commandsstop -->'

function flagLine(name: string, flag: Command.Flag.Any): string {
  const char = 'char' in flag && flag.char ? `-${flag.char}, ` : ''
  const value = flag.type === 'option' ? ` <値>` : ''
  const summary = flag.summary ?? flag.description ?? ''
  const options = flag.type === 'option' && flag.options ? `（${flag.options.join(' / ')}）` : ''
  return `| \`${char}--${name}${value}\` | ${summary}${options}${flag.required ? ' **必須**' : ''} |`
}

async function render(): Promise<string> {
  const config = await Config.load({root: ROOT, devPlugins: false})
  const commands = [...config.commands]
    .filter((c) => !c.hidden && c.pluginName === 'hyojun')
    .sort((a, b) => a.id.localeCompare(b.id))
  const out: string[] = []
  for (const c of commands) {
    const id = c.id.replaceAll(':', ' ')
    const args = Object.entries(c.args ?? {}).map(([n, a]) =>
      a.required ? ` ${n.toUpperCase()}` : ` [${n.toUpperCase()}]`,
    )
    out.push(`### \`hyojun ${id}\``, '', c.summary ?? '', '')
    if (c.description) out.push(c.description, '')
    out.push('```', `hyojun ${id}${args.join('')} [フラグ]`, '```', '')
    const flags = Object.entries(c.flags ?? {}).filter(([, f]) => !f.hidden)
    if (flags.length > 0) {
      out.push('| フラグ | 説明 |', '|---|---|')
      for (const [name, f] of flags) out.push(flagLine(name, f))
      out.push('')
    }
    const examples = (c.examples ?? []).map((e) => (typeof e === 'string' ? e : e.command))
    if (examples.length > 0) {
      out.push('例:', '', '```')
      for (const e of examples)
        out.push(e.replaceAll('<%= config.bin %>', 'hyojun').replaceAll('<%= command.id %>', id))
      out.push('```', '')
    }
  }
  return out.join('\n').trimEnd()
}

const readmePath = resolve(ROOT, 'README.md')
const readme = readFileSync(readmePath, 'utf8')
const start = readme.indexOf(START)
const end = readme.indexOf(END)
if (start < 0 || end < start) throw new Error(`README.md needs ${START} and ${END} markers`)
const next = `${readme.slice(0, start + START.length)}\n${await render()}\n${readme.slice(end)}`
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md のコマンドリファレンスが古くなっています。`npm run docs` で再生成してください。')
    process.exit(1)
  }
} else {
  writeFileSync(readmePath, next)
}
