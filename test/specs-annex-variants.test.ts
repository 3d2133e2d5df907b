import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {SpecImportResultSchema} from '../src/standard/spec-import.service.js'
import {makeTempDir, parseJson, runCli} from './helpers.js'

/** Excel annexes laid out the way real ones are: each test builds the file it needs. */

let tmp: {dir: string; cleanup: () => void}
let db: string
beforeEach(() => {
  tmp = makeTempDir()
  db = join(tmp.dir, 'hyojun.db')
})
afterEach(() => tmp.cleanup())

type Cell = string | number | null
interface SheetDef {
  name: string
  rows: Cell[][]
  merges?: string[]
}

async function workbook(file: string, sheets: SheetDef[]): Promise<string> {
  const wb = new ExcelJS.Workbook()
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name)
    for (const r of s.rows) ws.addRow(r)
    for (const m of s.merges ?? []) ws.mergeCells(m)
  }
  const path = join(tmp.dir, file)
  await wb.xlsx.writeFile(path)
  return path
}

async function importJson(path: string, ...extra: string[]) {
  const r = await runCli(['specs', 'import', path, '--db', db, '--json', ...extra])
  return {r, json: parseJson(r.stdout)}
}

async function imported(path: string, ...extra: string[]) {
  const {r, json} = await importJson(path, ...extra)
  expect(r.exitCode, r.stdout).toBe(0)
  return SpecImportResultSchema.parse(json)
}

describe('specs import: real-world Excel annex layouts', () => {
  it('reads a 機能要件 sheet that also lists related 帳票ID / 帳票名称 as requirements', async () => {
    const path = await workbook('住民記録_第6.1版_機能要件.xlsx', [
      {
        name: '機能要件',
        rows: [
          ['大項目', '機能ID', '機能名称', '機能要件', '実装区分', '帳票ID', '帳票名称'],
          [
            '証明書',
            '0010001',
            '住民票の写し',
            '住民票の写しを交付できること。',
            '実装必須機能',
            'F001',
            '住民票',
          ],
          [
            '証明書',
            '0010002',
            '記載事項証明',
            '記載事項証明書を交付できること。',
            '実装必須機能',
            null,
            null,
          ],
        ],
      },
      {
        name: '帳票要件',
        rows: [
          ['帳票ID', '帳票名称', '帳票種別', '実装区分', '関連機能ID'],
          ['F001', '住民票', '証明書', '実装必須機能', '0010001'],
        ],
      },
    ])
    const out = await imported(path)
    expect(out.imported[0]).toMatchObject({requirements: 2, forms: 1, version: '6.1'})
  })
})
