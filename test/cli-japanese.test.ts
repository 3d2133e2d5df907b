import {describe, expect, it} from 'vitest'
import {translateHelp} from '../src/cli/help.js'
import {textWidth} from '../src/text/wrap.js'
import {parseJson, runCli} from './helpers.js'

/** Issue 9 item 8: every line oclif prints is Japanese, with did-you-mean and JSON under --json. */

const NO_LINE_START = /^\s*[。、）」]/m

describe('unknown commands', () => {
  it('says so in Japanese with the command as typed and a did-you-mean, exit 2', async () => {
    const r = await runCli(['fitgpa'])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('コマンド「fitgpa」はありません')
    expect(r.stderr).toContain('もしかして: hyojun fitgap')
    expect(r.stderr).not.toMatch(/command .* not found/i)
  })

  it('gives the error JSON under --json and never the internal id specs:lst', async () => {
    const r = await runCli(['specs', 'lst', '--json'])
    expect(r.exitCode).toBe(2)
    const err = (parseJson(r.stdout) as {error: {code: string; message: string; suggestions: string[]}}).error
    expect(err.code).toBe('COMMAND_NOT_FOUND')
    expect(err.message).toContain('specs lst')
    expect(err.suggestions[0]).toBe('もしかして: hyojun specs list')
    expect(r.stdout + r.stderr).not.toContain('specs:lst')
  })
})

describe('flag errors', () => {
  it.each([
    [
      ['init', '--name', 'x', '--code', '042099', '--population', '112,000'],
      '--population には整数を指定してください',
    ],
    [['fitgap', 'review-export'], '必須のフラグ --output を指定してください'],
    [['init', '--nmae', 'x', '--code', '042099'], '不明なフラグです: --nmae'],
    [
      ['inventory', 'template', '--kind', 'both2'],
      '--kind の値「both2」は使用できません。選択肢: systems / customizations / both',
    ],
    [['fitgap', 'review-import'], '引数 FILE を指定してください'],
  ])('%j → Japanese, exit 2', async (args, message) => {
    const r = await runCli(args)
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain(message)
    expect(r.stderr).not.toMatch(/Expected|Missing|Nonexistent|See more help/)
    const json = await runCli([...args, '--json'])
    expect(json.exitCode).toBe(2)
    expect((parseJson(json.stdout) as {error: {message: string}}).error.message).toContain(message)
  })

  it('suggests the nearest flag for a typo', async () => {
    const r = await runCli(['init', '--nmae', 'x', '--code', '042099'])
    expect(r.stderr).toContain('もしかして: --name')
  })
})

describe('help', () => {
  it('accepts -h and has Japanese headings and labels', async () => {
    const r = await runCli(['fitgap', 'review-export', '-h'])
    expect(r.exitCode).toBe(0)
    for (const h of ['使い方', 'フラグ', '共通フラグ', '説明', '例'])
      expect(r.stdout).toMatch(new RegExp(`^${h}$`, 'm'))
    expect(r.stdout).toContain('[既定: hyojun.db')
    expect(r.stdout).not.toMatch(/USAGE|FLAGS|DESCRIPTION|EXAMPLES|\[default|\(required\)|<value>/)
    const init = await runCli(['init', '-h'])
    expect(init.stdout).toContain('--kind=<選択肢>')
    expect(init.stdout).not.toMatch(/<option>|<value>|\[default/)
  })

  it('wraps without starting a line with 。、）」 or cutting an ASCII word', async () => {
    const columns = process.stdout.columns
    for (const args of [
      ['inventory', 'import', '--help'],
      ['fitgap', 'review-export', '--help'],
      ['--help'],
    ]) {
      const r = await runCli(args)
      expect(r.stdout, args.join(' ')).not.toMatch(NO_LINE_START)
      expect(r.stdout).not.toMatch(/Exce\n|\n\s*l）/)
    }
    expect(process.stdout.columns).toBe(columns)
  })

  it('translates the help command of @oclif/plugin-help', async () => {
    const r = await runCli(['--help'])
    expect(r.stdout).toContain('hyojun のヘルプを表示します')
    expect(r.stdout).not.toMatch(/Display help|USAGE|COMMANDS|TOPICS|VERSION/)
  })

  it('keeps flag columns aligned when it shortens <value>', () => {
    const text = ['  --db=<value>     データベース', '  --json           JSON'].join('\n')
    const [db, json] = translateHelp(text).split('\n') as [string, string]
    expect(db).toContain('<値>')
    expect(textWidth(db.slice(0, db.indexOf('データベース')))).toBe(json.indexOf('JSON'))
  })
})
