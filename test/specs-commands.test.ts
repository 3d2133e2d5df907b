import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {SpecDiffResultSchema} from '../src/standard/spec-diff.service.js'
import {SpecShowResultSchema} from '../src/standard/spec-query.service.js'
import {printedPointSize, rowsTooShort} from './print-helpers.js'
import {makeTempDir, parseJson, runCli} from './helpers.js'
import {parseContract} from './contract.js'

let tmp: {dir: string; cleanup: () => void}
let db: string
beforeEach(() => {
  tmp = makeTempDir()
  db = join(tmp.dir, 'hyojun.db')
})
afterEach(() => tmp.cleanup())

type R = [id: string, cls: string, name: string, text: string]
function specXml(version: string, published: string, reqs: R[]): string {
  const body = reqs
    .map(
      ([id, cls, name, text]) =>
        `<requirement id="${id}" class="${cls}" major="資格管理" middle="資格取得"><name>${name}</name><text>${text}</text></requirement>`,
    )
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<standardSpec business="介護保険" version="${version}" published="${published}">
<title>介護保険システム標準仕様書</title>
<requirements>
${body}
</requirements>
<forms><form id="F023001" type="証明書" class="mandatory"><name>被保険者証</name></form>${version === '4.0' ? '<form id="F023002" type="通知書" class="optional"><name>資格者証</name></form>' : ''}</forms>
</standardSpec>`
}

async function importTwoVersions(): Promise<void> {
  const dir = join(tmp.dir, 'specs')
  const {mkdirSync} = await import('node:fs')
  mkdirSync(dir)
  writeFileSync(
    join(dir, 'kaigo-3.0.xml'),
    specXml('3.0', '2024-03-29', [
      [
        '0230001',
        'mandatory',
        '資格取得',
        '住民記録システムから異動情報を受け取り、資格取得を登録できること。',
      ],
      ['0230002', 'optional', '一括再作成', '被保険者証を一括で再作成できること。'],
      ['0230003', 'optional', '電子出力', '審査会資料を電子ファイルで出力できること。'],
      ['0230004', 'mandatory', '据え置き', '変わらない要件であること。'],
    ]),
  )
  writeFileSync(
    join(dir, 'kaigo-4.0.xml'),
    specXml('4.0', '2025-03-31', [
      [
        '0230001',
        'mandatory',
        '資格取得',
        '住民記録システムから異動情報を即時に受け取り、資格取得を登録できること。',
      ],
      ['0230003', 'mandatory', '電子出力', '審査会資料を電子ファイルで出力できること。'],
      ['0230004', 'mandatory', '据え置き', '変わらない要件であること。'],
      ['0230005', 'optional', 'オンライン申請', 'オンライン申請を取り込めること。'],
    ]),
  )
  const r = await runCli(['specs', 'import', dir, '--db', db])
  expect(r.exitCode, r.stderr).toBe(0)
}

describe('hyojun specs list / show', () => {
  it('lists versions in the documented shape, oldest first', async () => {
    await importTwoVersions()
    const r = await runCli(['specs', 'list', '--db', db, '--json'])
    expect(r.exitCode).toBe(0)
    const out = parseContract('specs list', r.stdout)
    expect(out.specs).toEqual([
      {
        business: '介護保険',
        businessId: 'kaigo',
        version: '3.0',
        published: '2024-03-29',
        effective: null,
        requirements: 4,
        mandatory: 2,
        optional: 2,
        prohibited: 0,
        forms: 1,
      },
      {
        business: '介護保険',
        businessId: 'kaigo',
        version: '4.0',
        published: '2025-03-31',
        effective: null,
        requirements: 4,
        mandatory: 3,
        optional: 1,
        prohibited: 0,
        forms: 2,
      },
    ])
    const human = await runCli(['specs', 'list', '--db', db])
    expect(human.stdout).toContain('第4.0版')
  })

  it('shows the latest version by default and an older one with --version 第3.0版', async () => {
    await importTwoVersions()
    const latest = parseContract(
      'specs show',
      (await runCli(['specs', 'show', '介護', '--db', db, '--json'])).stdout,
    )
    expect(latest).toMatchObject({
      business: '介護保険',
      businessId: 'kaigo',
      version: '4.0',
      versions: ['3.0', '4.0'],
    })
    expect(latest.requirements[0]).toEqual({
      id: '0230001',
      path: ['資格管理', '資格取得'],
      name: '資格取得',
      text: '住民記録システムから異動情報を即時に受け取り、資格取得を登録できること。',
      class: 'mandatory',
      variants: [],
      note: null,
    })
    const old = SpecShowResultSchema.parse(
      parseJson(
        (await runCli(['specs', 'show', 'kaigo', '--version', '第3.0版', '--db', db, '--json'])).stdout,
      ),
    )
    expect(old.requirements.map((q) => q.id)).toEqual(['0230001', '0230002', '0230003', '0230004'])
  })

  it.each([
    [['specs', 'show', '介護', '--version', '9.0'], 2, 'SPEC_VERSION_NOT_FOUND'],
    [['specs', 'show', '住民基本台帳'], 1, 'SPEC_NOT_IMPORTED'],
    [['specs', 'show', '水道'], 2, 'UNKNOWN_BUSINESS'],
    [['specs', 'diff', '住民基本台帳'], 1, 'SPEC_NOT_IMPORTED'],
  ])('%j → exit %i %s', async (args, exit, code) => {
    await importTwoVersions()
    const r = await runCli([...args, '--db', db, '--json'])
    expect(r.exitCode).toBe(exit)
    expect((parseJson(r.stdout) as {error: {code: string}}).error.code).toBe(code)
  })
})

describe('hyojun specs diff', () => {
  it('reports added, removed, reworded (word diff) and reclassified requirements', async () => {
    await importTwoVersions()
    const r = await runCli(['specs', 'diff', '介護保険', '--db', db, '--json'])
    expect(r.exitCode).toBe(0)
    const out = parseContract('specs diff', r.stdout)
    expect(out).toMatchObject({business: '介護保険', businessId: 'kaigo', from: '3.0', to: '4.0'})
    expect(out.added.map((a) => a.id)).toEqual(['0230005'])
    expect(out.removed.map((a) => a.id)).toEqual(['0230002'])
    expect(out.reclassified).toEqual([
      {
        id: '0230003',
        path: ['資格管理', '資格取得'],
        name: '電子出力',
        fromClass: 'optional',
        toClass: 'mandatory',
      },
    ])
    expect(out.changed).toHaveLength(1)
    expect(out.changed[0]!.wordDiff.filter((p) => p.kind !== 'equal')).toEqual([
      {kind: 'added', text: '即時に'},
    ])
    expect(out.output).toBeUndefined()
  })

  it('writes a 新旧対照表 with rich-text marks and highlighted reclassifications', async () => {
    await importTwoVersions()
    const file = join(tmp.dir, '新旧対照表.xlsx')
    const r = await runCli([
      'specs',
      'diff',
      'kaigo',
      '--from',
      '3.0',
      '--to',
      '第4.0版',
      '--output',
      file,
      '--db',
      db,
      '--json',
    ])
    expect(r.exitCode, r.stdout).toBe(0)
    expect(SpecDiffResultSchema.parse(parseJson(r.stdout)).output).toBe(file)

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.getWorksheet('新旧対照表')!
    expect(ws.pageSetup.orientation).toBe('landscape')
    // Ten columns with two long 要件 columns: A3, so that the text prints at 8 pt or more.
    expect(ws.pageSetup.paperSize).toBe(8)
    let headerRow = 0
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '区分') headerRow = n
    })
    expect(headerRow).toBeGreaterThan(0)
    expect(printedPointSize(ws, `A${headerRow + 1}`)).toBeGreaterThanOrEqual(8)
    expect(rowsTooShort(ws, headerRow + 1)).toEqual([])
    expect(ws.headerFooter.oddHeader).toContain('新旧対照表')
    const headers = (ws.getRow(headerRow).values as unknown[]).slice(1)
    expect(headers).toEqual([
      '区分',
      '機能ID',
      '大項目',
      '中項目・小項目',
      '機能名称',
      '旧（第3.0版）要件',
      '新（第4.0版）要件',
      '旧 実装区分',
      '新 実装区分',
      '備考',
    ])
    const rows = new Map<string, ExcelJS.Row>()
    for (let n = headerRow + 1; n <= ws.rowCount; n++)
      rows.set(String(ws.getRow(n).getCell(2).value), ws.getRow(n))
    expect([...rows.keys()]).toEqual(['0230001', '0230003', '0230005', '0230002'])

    const changed = rows.get('0230001')!
    expect(changed.getCell(1).value).toBe('文言変更')
    const newRuns = (changed.getCell(7).value as ExcelJS.CellRichTextValue).richText
    const inserted = newRuns.find((run) => run.text === '即時に')!
    expect(inserted.font).toMatchObject({bold: true, underline: true, color: {argb: 'FF0070C0'}})
    expect((changed.getCell(6).value as ExcelJS.CellRichTextValue).richText.map((x) => x.text).join('')).toBe(
      '住民記録システムから異動情報を受け取り、資格取得を登録できること。',
    )

    const removed = rows.get('0230002')!
    expect(removed.getCell(1).value).toBe('削除')
    const del = (removed.getCell(6).value as ExcelJS.CellRichTextValue).richText[0]!
    expect(del.font).toMatchObject({strike: true, color: {argb: 'FFC00000'}})

    const reclassified = rows.get('0230003')!
    expect([reclassified.getCell(8).value, reclassified.getCell(9).value]).toEqual([
      '標準オプション機能',
      '実装必須機能',
    ])
    expect((reclassified.getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF2CC')
    expect((changed.getCell(1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFF2CC')

    const forms = wb.getWorksheet('帳票要件の変更')!
    const formRows: unknown[][] = []
    forms.eachRow((row) => formRows.push([1, 2, 3, 4, 5].map((c) => row.getCell(c).value)))
    expect(formRows).toContainEqual(['追加', 'F023002', '資格者証', null, '標準オプション機能'])
  })

  it('needs two versions', async () => {
    await importTwoVersions()
    const r = await runCli(['specs', 'diff', '介護保険', '--to', '3.0', '--db', db, '--json'])
    expect(r.exitCode).toBe(1)
    expect((parseJson(r.stdout) as {error: {code: string}}).error.code).toBe('SPEC_NEEDS_TWO_VERSIONS')
  })

  it('accepts version spellings (第3.0版, 3, ４．０) and names the flag and the imported versions for an unknown one', async () => {
    await importTwoVersions()
    for (const args of [
      ['--from', '第3.0版'],
      ['--from', '3'],
      ['--to', '４．０'],
      ['--from', '３', '--to', '第4版'],
    ]) {
      const r = await runCli(['specs', 'diff', '介護保険', ...args, '--db', db, '--json'])
      expect(r.exitCode, args.join(' ')).toBe(0)
      expect(SpecDiffResultSchema.parse(parseJson(r.stdout))).toMatchObject({from: '3.0', to: '4.0'})
    }
    for (const [flag, version] of [
      ['--to', '5.0'],
      ['--from', '2.0'],
    ] as const) {
      const r = await runCli(['specs', 'diff', '介護保険', flag, version, '--db', db, '--json'])
      expect(r.exitCode).toBe(2)
      const err = (parseJson(r.stdout) as {error: {code: string; message: string; suggestions: string[]}})
        .error
      expect(err.code).toBe('SPEC_VERSION_NOT_FOUND')
      expect(err.message).toContain(`第${version}版は取り込まれていません`)
      expect(err.message).toContain('第3.0版、第4.0版')
      expect(err.suggestions).toEqual([`${flag} 3.0`, `${flag} 4.0`])
    }
  })
})
