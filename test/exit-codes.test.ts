import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {setUpWorkspace} from './fitgap-fixtures.js'
import {makeTempDir, parseJson, ROOT, runCli} from './helpers.js'

/**
 * Issue 9 item 9: one exit-code rule (README「終了コード」), the same with and without --json:
 * 2 usage (the command line is wrong, incl. a name or path typed that does not exist), 3 invalid input data,
 * 1 state (nothing imported yet, already imported / exists, needs --force, another city's data).
 */
let tmp: {dir: string; cleanup: () => void}
let db = ''
beforeAll(async () => {
  tmp = makeTempDir()
  db = (await setUpWorkspace(tmp.dir)).db
})
afterAll(() => tmp.cleanup())

const at = (name: string): string => join(tmp?.dir ?? '', name)

const CASES: readonly (readonly [string, () => string[], number, string])[] = [
  ['unknown command', () => ['fitgpa'], 2, 'COMMAND_NOT_FOUND'],
  ['unknown flag', () => ['specs', 'list', '--bussiness', 'x'], 2, 'USAGE'],
  ['missing required flag', () => ['fitgap', 'review-export'], 2, 'USAGE'],
  [
    'flag value outside its choices',
    () => ['init', '--name', 'x', '--code', '042099', '--kind', '政令市'],
    2,
    'USAGE',
  ],
  ['unknown 業務', () => ['specs', 'show', '水道'], 2, 'UNKNOWN_BUSINESS'],
  ['unknown system', () => ['inventory', 'show', '学齢簿システム'], 2, 'UNKNOWN_SYSTEM'],
  ['unknown 版', () => ['specs', 'show', '住民基本台帳', '--version', '9.0'], 2, 'SPEC_VERSION_NOT_FOUND'],
  ['file typed does not exist', () => ['specs', 'import', at('nope.xml')], 2, 'FILE_NOT_FOUND'],
  ['folder typed does not exist', () => ['run', '--inventory', at('nope')], 2, 'FOLDER_NOT_FOUND'],
  ['output that is not .xlsx', () => ['fitgap', '--output', at('x.csv')], 2, 'OUTPUT_NOT_XLSX'],
  ['wrong check digit', () => ['init', '--name', 'x', '--code', '042098'], 3, 'INVALID_LOCAL_CODE'],
  ['not a review sheet', () => ['fitgap', 'review-import', at('systems.xlsx')], 3, 'INVALID_DATA'],
  [
    'already imported',
    () => ['specs', 'import', join(ROOT, 'specs', 'juki-6.0.xml')],
    1,
    'SPEC_VERSION_EXISTS',
  ],
  ['needs 2 versions', () => ['specs', 'diff', '住民基本台帳'], 1, 'SPEC_NEEDS_TWO_VERSIONS'],
  ['spec not imported', () => ['specs', 'show', '介護保険'], 1, 'SPEC_NOT_IMPORTED'],
  ['no database yet', () => ['doctor', '--db', at('none/x.db')], 1, 'DB_NOT_FOUND'],
  [
    'filled-in workbook exists',
    () => ['inventory', 'template', '--output', at('systems.xlsx')],
    1,
    'OUTPUT_EXISTS',
  ],
  ['sample on a city’s database', () => ['run', '--sample'], 1, 'SAMPLE_WOULD_REPLACE_DATA'],
]

describe('exit codes follow one rule', () => {
  it.each(CASES)('%s', async (_what, args, exit, code) => {
    const argv = [...args(), ...(args().includes('--db') ? [] : ['--db', db])]
    const json = await runCli([...argv, '--json'])
    expect(json.exitCode, json.stdout).toBe(exit)
    expect((parseJson(json.stdout) as {error: {code: string}}).error.code).toBe(code)
    const text = await runCli(argv)
    expect(text.exitCode, text.stderr).toBe(exit)
    expect(text.stderr).toMatch(/^エラー: /m)
  })
})
