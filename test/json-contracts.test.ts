import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Config} from '@oclif/core'
import {describe, expect, it} from 'vitest'
import {JSON_CONTRACTS} from '../src/cli/json-contracts.js'
import {ROOT} from './helpers.js'

/** Every command of this CLI that accepts --json, as typed (`fitgap review-export`). */
async function jsonCommands(): Promise<string[]> {
  const config = await Config.load({root: ROOT, devPlugins: false})
  return config.commands
    .filter((c) => c.pluginName === 'hyojun' && c.flags['json'] !== undefined)
    .map((c) => c.id.replaceAll(':', ' '))
    .sort()
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true, recursive: true})
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name))
}

describe('--json contracts (src/cli/json-contracts.ts → README)', () => {
  it('registers every command that has a --json flag, and nothing else', async () => {
    const commands = await jsonCommands()
    // The command directory is the other source of truth: a command file oclif failed to load would be missed above.
    const files = readdirSync(join(ROOT, 'src/commands'), {recursive: true, encoding: 'utf8'})
      .filter((f) => f.endsWith('.ts'))
      .map((f) =>
        f
          .replace(/\.ts$/, '')
          .replace(/(^|\/)index$/, '')
          .replaceAll('/', ' '),
      )
      .sort()
    expect(commands).toEqual(files)
    expect(Object.keys(JSON_CONTRACTS).sort()).toEqual(commands)
  })

  it("holds every registered command's real --json output to its contract in some test (parseContract)", () => {
    const sources = [...testFiles(join(ROOT, 'test')), ...testFiles(join(ROOT, 'src'))].map((f) => ({
      text: readFileSync(f, 'utf8'),
    }))
    const checked = new Set(
      sources.flatMap((s) => [...s.text.matchAll(/parseContract\(\s*'([^']+)'/g)].map((m) => m[1])),
    )
    const unchecked = Object.keys(JSON_CONTRACTS).filter((id) => !checked.has(id))
    expect(unchecked).toEqual([])
  })
})
