/**
 * Regenerates the command reference in README.md from the commands themselves
 * (summary, usage, flags, examples) and the `--json` field tables from the result
 * schemas (src/cli/json-contracts.ts). `--check` fails when README is stale (CI).
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {Config, type Command} from '@oclif/core'
import {contractFields, renderFieldTable} from '../src/cli/json-contract-doc.js'
import {FIELD_GLOSSARY, JSON_CONTRACTS} from '../src/cli/json-contracts.js'

// oclif maps dist/ to src/ only outside production: read the commands from source.
process.env['NODE_ENV'] = 'development'

const ROOT = resolve(import.meta.dirname, '..')
const START = '<!-- commands -->'
const END = '<!-- commandsstop -->'
const JSON_START = '<!-- json-contracts -->'
const JSON_END = '<!-- json-contractsstop -->'

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

function renderJsonContracts(): string {
  const out: string[] = []
  for (const [id, c] of Object.entries(JSON_CONTRACTS).sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`### \`hyojun ${id} --json\``, '', c.summary, '')
    out.push(...renderFieldTable(contractFields(c.schema, c.fields, FIELD_GLOSSARY)), '')
  }
  return out.join('\n').trimEnd()
}

/** Replace the text between `start` and `end` (markers kept). */
function splice(text: string, start: string, end: string, body: string): string {
  const s = text.indexOf(start)
  const e = text.indexOf(end)
  if (s < 0 || e < s) throw new Error(`README.md needs ${start} and ${end} markers`)
  return `${text.slice(0, s + start.length)}\n${body}\n${text.slice(e)}`
}

const readmePath = resolve(ROOT, 'README.md')
const readme = readFileSync(readmePath, 'utf8')
const next = splice(splice(readme, START, END, await render()), JSON_START, JSON_END, renderJsonContracts())
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error(
      'README.md のコマンドリファレンスまたは JSON 出力の表が古くなっています。`npm run docs` で再生成してください。',
    )
    process.exit(1)
  }
} else {
  writeFileSync(readmePath, next)
}
