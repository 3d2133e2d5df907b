import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {SpecImportResultSchema} from '../src/standard/spec-import.service.js'
import {SpecShowResultSchema} from '../src/standard/spec-query.service.js'
import {ROOT, makeTempDir, parseJson, runCli} from './helpers.js'

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

interface Issue {
  where: string
  code: string
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

async function issuesOf(path: string): Promise<Issue[]> {
  const {r, json} = await importJson(path)
  expect(r.exitCode, r.stdout).toBe(3)
  return (json as {error: {issues: Issue[]}}).error.issues
}

async function shown(version?: string) {
  const r = await runCli([
    'specs',
    'show',
    'juki',
    '--db',
    db,
    '--json',
    ...(version ? ['--version', version] : []),
  ])
  expect(r.exitCode, r.stdout).toBe(0)
  return SpecShowResultSchema.parse(parseJson(r.stdout))
}

const H = ['大項目', '中項目', '機能ID', '機能名称', '機能要件', '実装区分', '備考']

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

describe('specs import: section headings inside the table', () => {
  it('skips heading rows merged across the table and section-number rows; an ID-shaped row without 要件 stays an error', async () => {
    const path = await workbook('住民記録_第6.1版.xlsx', [
      {
        name: '別紙1 機能要件一覧',
        rows: [
          ['住民記録システム標準仕様書【第6.1版】'],
          [],
          H,
          ['１．住民データ管理'],
          ['住民データ', '記載', '0010001', 'A', 'Aを記載できること。', '実装必須機能', null],
          [null, null, '1.2', '■ 世帯', null, null, null],
          ['住民データ', '世帯', '0010002', 'B', 'Bを管理できること。', '標準オプション機能', null],
          ['２．証明書'],
          ['証明書', '交付', '0010003', 'C', 'Cを交付できること。', '実装不可機能', null],
          ['３．その他'],
          [null, null, '0010004', 'D', 'Dできること。', '実装必須機能', null],
        ],
        merges: ['A4:G4', 'A8:G8', 'A10:G10'],
      },
    ])
    const out = await imported(path)
    expect(out.imported[0]).toMatchObject({requirements: 4})
    expect((await shown()).requirements.map((r) => [r.id, r.path])).toEqual([
      ['0010001', ['住民データ', '記載']],
      ['0010002', ['住民データ', '世帯']],
      ['0010003', ['証明書', '交付']],
      ['0010004', ['証明書', '交付']],
    ])

    const bad = await workbook('住民記録_第6.2版.xlsx', [
      {
        name: '機能要件',
        rows: [H, ['x', null, '0010001', 'A', 'A', '実装必須機能'], ['x', null, '0010002', 'B', null, null]],
      },
    ])
    expect((await issuesOf(bad)).map((i) => [i.where, i.code])).toEqual([
      ['住民記録_第6.2版.xlsx › 機能要件!E3', 'MISSING_TEXT'],
      ['住民記録_第6.2版.xlsx › 機能要件!F3', 'MISSING_CLASS'],
    ])
  })
})

describe('specs import: 機能ID as typed', () => {
  it('reads IDs with any dash (001-0001, 001‐0002, 001−0003, 001ー0004), full-width digits and numbers without leading zeros', async () => {
    const ids: Cell[] = [
      '001-0001',
      '001‐0002',
      '001−0003',
      '001ー0004',
      '００１０００５',
      10006,
      ' 0010007 ',
    ]
    const path = await workbook('住民記録_第6.1版.xlsx', [
      {name: '機能要件', rows: [H, ...ids.map((id, i) => ['x', null, id, `N${i}`, `T${i}`, '実装必須機能'])]},
    ])
    await imported(path)
    expect((await shown()).requirements.map((r) => r.id)).toEqual([
      '0010001',
      '0010002',
      '0010003',
      '0010004',
      '0010005',
      '0010006',
      '0010007',
    ])
  })
})

describe('specs import: 版 and 公表日 on the 表紙 sheet', () => {
  it('reads 公表日 (and 版) from the cover sheet when the data sheet title does not state them', async () => {
    const path = await workbook('別紙1_機能要件.xlsx', [
      {
        name: '改版履歴',
        rows: [
          ['版', '日付'],
          ['第1.0版', '令和2年9月30日'],
        ],
      },
      {
        name: '表紙',
        rows: [
          [],
          [null, '住民記録システム標準仕様書'],
          [null, '【第6.1版】'],
          [null, '令和8年3月31日'],
          [null, 'デジタル庁'],
        ],
      },
      {
        name: '別紙1 機能要件一覧',
        rows: [
          ['住民記録システム標準仕様書'],
          ['機能要件一覧'],
          [],
          H,
          ['x', null, '0010001', 'A', 'A', '実装必須機能'],
        ],
      },
    ])
    const out = await imported(path)
    expect(out.imported[0]).toMatchObject({business: '住民基本台帳', version: '6.1'})
    expect(out.warnings).toEqual([])
    expect((await shown()).published).toBe('2026-03-31')
  })
})

describe('specs import: a folder as users keep it', () => {
  it('imports the spec files and names skipped files in one warning (lock file, CSV, subfolder); README, PDF and .DS_Store quietly', async () => {
    const dir = join(tmp.dir, '仕様書')
    mkdirSync(join(dir, '旧版'), {recursive: true})
    copyFileSync(join(ROOT, 'specs', 'juki-6.0.xml'), join(dir, 'juki-6.0.xml'))
    writeFileSync(join(dir, 'README.md'), '# メモ\n')
    writeFileSync(join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]))
    writeFileSync(join(dir, '~$住民記録_第6.1版.xlsx'), Buffer.from('\u000bowner   '))
    writeFileSync(join(dir, 'メモ.csv'), 'a,b\n')
    writeFileSync(join(dir, '住民記録システム標準仕様書.pdf'), '%PDF-1.7\n')
    const out = await imported(dir)
    expect(out.imported.map((i) => i.file)).toEqual(['juki-6.0.xml'])
    expect(out.warnings).toHaveLength(1)
    for (const name of ['~$住民記録_第6.1版.xlsx', 'メモ.csv', '旧版'])
      expect(out.warnings[0]).toContain(name)
    for (const name of ['README.md', '.DS_Store', '.pdf']) expect(out.warnings[0]).not.toContain(name)
  })
})

describe('specs import: XML encodings', () => {
  it('decodes Shift_JIS and UTF-16 files as declared; undeclared non-UTF-8 bytes are a clear error', async () => {
    const src = readFileSync(join(ROOT, 'specs', 'juki-6.0.xml'), 'utf8')
    const sjis = join(tmp.dir, 'juki-sjis.xml')
    // Only ASCII and JIS X 0208 characters: encode through the Shift_JIS decoder's inverse table.
    writeFileSync(sjis, encodeShiftJis(src.replace('encoding="UTF-8"', 'encoding="Shift_JIS"')))
    const utf16 = join(tmp.dir, 'juki-utf16.xml')
    writeFileSync(
      utf16,
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(
          src.replace('version="6.0"', 'version="6.2"').replace('encoding="UTF-8"', 'encoding="UTF-16"'),
          'utf16le',
        ),
      ]),
    )
    for (const path of [sjis, utf16]) {
      const out = await imported(path, '--dry-run')
      expect(out.imported[0]).toMatchObject({business: '住民基本台帳', requirements: 96})
    }
    const undeclared = join(tmp.dir, 'juki-undeclared.xml')
    writeFileSync(undeclared, encodeShiftJis(src.replace(' encoding="UTF-8"', '')))
    const issues = await issuesOf(undeclared)
    expect(issues).toEqual([
      expect.objectContaining({where: 'juki-undeclared.xml', code: 'INVALID_ENCODING'}),
    ])
  })
})

/** Shift_JIS bytes for a text, built from the WHATWG decoder (no encoder exists in Node). */
function encodeShiftJis(text: string): Buffer {
  const table = new Map<string, number[]>()
  const dec = new TextDecoder('shift_jis')
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      const ch = dec.decode(Uint8Array.from([lead, trail]))
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail])
    }
  }
  const bytes: number[] = []
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code < 0x80) bytes.push(code)
    else {
      const b = table.get(ch)
      if (!b) throw new Error(`not in Shift_JIS: ${ch}`)
      bytes.push(...b)
    }
  }
  return Buffer.from(bytes)
}
