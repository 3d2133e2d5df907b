import {copyFileSync, existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {openDatabase} from '../src/db/database.js'
import {loadSpec, listSpecVersions} from '../src/standard/spec.repository.js'
import {SpecImportResultSchema} from '../src/standard/spec-import.service.js'
import {ROOT, makeTempDir, parseJson, runCli} from './helpers.js'
import {parseContract} from './contract.js'

let tmp: {dir: string; cleanup: () => void}
let db: string
beforeEach(() => {
  tmp = makeTempDir()
  db = join(tmp.dir, 'hyojun.db')
})
afterEach(() => tmp.cleanup())

type Row = (string | number | null)[]
interface SheetDef {
  name: string
  title?: string[]
  header: string[]
  rows: Row[]
  merges?: string[]
}

async function workbook(file: string, sheets: SheetDef[]): Promise<string> {
  const wb = new ExcelJS.Workbook()
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name)
    for (const t of s.title ?? []) ws.addRow([t])
    if (s.title) ws.addRow([])
    ws.addRow(s.header)
    for (const r of s.rows) ws.addRow(r)
    for (const m of s.merges ?? []) ws.mergeCells(m)
  }
  const path = join(tmp.dir, file)
  await wb.xlsx.writeFile(path)
  return path
}

const REQ_HEADER = ['大項目', '中項目', '小項目', '機能ID', '機能名称', '機能要件', '実装区分', '備考']

/** An annex as published: title rows, merged 大項目, blank 中項目 carried down, labels of the current spec. */
async function jukiAnnex(
  file = '別紙1_機能要件.xlsx',
  title = '住民記録システム標準仕様書【第6.0版】',
): Promise<string> {
  return workbook(file, [
    {name: '表紙', header: ['住民記録システム標準仕様書'], rows: [['改版履歴は別紙']]},
    {
      name: '機能要件',
      title: [title, '令和7年3月31日 公表', '適用日: 令和8年4月1日'],
      header: REQ_HEADER,
      rows: [
        [
          '住民データ管理',
          '住民票の記載',
          null,
          '0010001',
          '住民票記載事項の登録',
          '住民票の記載事項を登録できること。\n異動履歴も管理すること。',
          '【類型1：実装必須機能】',
          null,
        ],
        [
          null,
          null,
          '職権記載',
          '0010002',
          '職権記載',
          '職権で記載できること。',
          '実装必須機能',
          '市区町村長の職権',
        ],
        [
          null,
          '住民票の消除',
          null,
          10003,
          '消除',
          '住民票を消除できること。',
          '【類型3：標準オプション機能】\n指定都市：【類型1：実装必須機能】',
          null,
        ],
        [
          '証明書発行',
          null,
          null,
          '0010004',
          '広域交付',
          '広域交付住民票を発行できること。',
          '【類型2：実装不可機能】',
          null,
        ],
        [null, null, null, null, null, null, null, null],
        ['※ 注記: 類型は令和7年3月時点', null, null, null, null, null, null, null],
      ],
      merges: ['A6:A8'],
    },
    {
      name: '帳票要件',
      title: ['帳票要件一覧'],
      header: ['帳票ID', '帳票名称', '帳票種別', '実装区分', '備考'],
      rows: [
        ['F001001', '住民票の写し', '証明書', '実装必須機能', null],
        ['F001002', '転出証明書', '証明書', '必須', null],
        ['F001003', '住民異動届受付一覧', '一覧表', 'オプション', null],
      ],
    },
  ])
}

describe('hyojun specs import (Excel annex)', () => {
  it('finds the header under title rows, carries hierarchy down and reads 業務/版/dates from the title', async () => {
    const path = await jukiAnnex()
    const r = await runCli(['specs', 'import', path, '--db', db, '--json'])
    expect(r.exitCode, r.stdout).toBe(0)
    const out = parseContract('specs import', r.stdout)
    expect(out.imported).toEqual([
      {
        business: '住民基本台帳',
        businessId: 'juki',
        version: '6.0',
        requirements: 4,
        forms: 3,
        file: '別紙1_機能要件.xlsx',
        replaced: false,
      },
    ])
    const d = openDatabase(db)
    const spec = loadSpec(d, 'juki', '6.0')!
    d.close()
    expect(spec).toMatchObject({
      published: '2025-03-31',
      effective: '2026-04-01',
      title: '住民記録システム標準仕様書',
    })
    expect(spec.requirements.map((q) => [q.id, q.path, q.class])).toEqual([
      ['0010001', ['住民データ管理', '住民票の記載'], 'mandatory'],
      ['0010002', ['住民データ管理', '住民票の記載', '職権記載'], 'mandatory'],
      ['0010003', ['住民データ管理', '住民票の消除'], 'optional'],
      ['0010004', ['証明書発行'], 'prohibited'],
    ])
    expect(spec.requirements[0]!.text).toBe('住民票の記載事項を登録できること。\n異動履歴も管理すること。')
    expect(spec.requirements[1]!.note).toBe('市区町村長の職権')
    expect(spec.requirements[2]!.variants).toEqual([{category: '指定都市', class: 'mandatory'}])
    expect(spec.forms.map((f) => [f.id, f.type, f.class])).toEqual([
      ['F001001', '証明書', 'mandatory'],
      ['F001002', '証明書', 'mandatory'],
      ['F001003', '一覧・台帳', 'optional'],
    ])
  })

  it('reads first-generation labels and header variants, 業務 and 版 from the file name', async () => {
    const path = await workbook('介護保険_機能要件_第4.0版.xlsx', [
      {
        name: 'Sheet1',
        header: ['要件ID', '大項目', '機能名', '要件内容', '類型'],
        rows: [
          ['0230001', '資格管理', '資格取得', '資格を取得できること。', '実装すべき機能'],
          ['0230002', null, '資格喪失', '資格を喪失できること。', '実装してもしなくても良い機能'],
          ['0230003', null, '独自項目', '独自項目は実装しない。', '実装しない機能'],
        ],
      },
    ])
    const r = await runCli(['specs', 'import', path, '--db', db, '--json'])
    expect(r.exitCode, r.stdout).toBe(0)
    const d = openDatabase(db)
    const spec = loadSpec(d, 'kaigo')!
    d.close()
    expect(spec.version).toBe('4.0')
    expect(spec.published).toBe('')
    expect(spec.requirements.map((q) => [q.class, q.path])).toEqual([
      ['mandatory', ['資格管理']],
      ['optional', ['資格管理']],
      ['prohibited', ['資格管理']],
    ])
    expect(SpecImportResultSchema.parse(parseJson(r.stdout)).warnings[0]).toContain('公表日')
  })

  it('reads a two-row header (機能分類 over 大項目 / 中項目 / 小項目)', async () => {
    const path = await workbook('戸籍_機能要件_第2.0版.xlsx', [
      {
        name: '機能要件',
        header: ['機能分類', null, null, '機能ID', '機能名称', '機能要件', '実装区分'] as unknown as string[],
        rows: [
          ['大項目', '中項目', '小項目', null, null, null, null],
          ['戸籍記載', '届書', '出生', '0030001', '出生届', '出生届を受理できること。', '必須'],
          [null, null, '死亡', '0030002', '死亡届', '死亡届を受理できること。', '必須'],
        ],
        merges: ['A1:C1', 'D1:D2', 'E1:E2', 'F1:F2', 'G1:G2'],
      },
    ])
    const r = await runCli(['specs', 'import', path, '--db', db, '--json'])
    expect(r.exitCode, r.stdout).toBe(0)
    const d = openDatabase(db)
    const spec = loadSpec(d, 'koseki', '2.0')!
    d.close()
    expect(spec.requirements.map((q) => [q.id, q.path])).toEqual([
      ['0030001', ['戸籍記載', '届書', '出生']],
      ['0030002', ['戸籍記載', '届書', '死亡']],
    ])
  })

  it('imports a real-style 介護保険 annex numbered by the national 業務ID (023…); other prefixes are warnings', async () => {
    const path = await workbook('介護保険システム標準仕様書_機能要件.xlsx', [
      {
        name: '機能・帳票要件',
        title: ['介護保険システム標準仕様書【第4.0版】', '令和7年3月31日 公表'],
        header: REQ_HEADER,
        rows: [
          [
            '資格管理',
            '資格取得',
            null,
            '0230001',
            '第1号被保険者の資格取得',
            '資格取得を登録できること。',
            '実装必須機能',
            null,
          ],
          [null, '資格喪失', null, '0230002', '資格喪失', '資格喪失を登録できること。', '実装必須機能', null],
          [
            null,
            '被保険者証',
            null,
            '0230003',
            '被保険者証の一括作成',
            '被保険者証を一括で作成できること。',
            '標準オプション機能',
            null,
          ],
          [
            '共通',
            '申請管理',
            null,
            '0290011',
            '電子申請の取込',
            '電子申請を取り込めること。',
            '実装必須機能',
            null,
          ],
          [
            null,
            '申請管理',
            null,
            '0290012',
            '申請の進捗',
            '申請の処理状況を管理できること。',
            '実装必須機能',
            null,
          ],
          [
            null,
            '宛名',
            null,
            '0010001',
            '宛名の参照',
            '住民記録の宛名を参照できること。',
            '実装必須機能',
            null,
          ],
          [null, '予備', null, '0990001', '予備', '予備の要件であること。', '実装不可機能', null],
        ],
      },
    ])
    const r = await runCli(['specs', 'import', path, '--db', db, '--json'])
    expect(r.exitCode, r.stdout).toBe(0)
    const out = SpecImportResultSchema.parse(parseJson(r.stdout))
    expect(out.imported.map((i) => [i.businessId, i.version])).toEqual([['kaigo', '4.0']])
    const prefixWarnings = out.warnings.filter((w) => w.includes('機能ID'))
    expect(prefixWarnings).toHaveLength(3)
    expect(prefixWarnings[0]).toMatch(
      /帳票要件!D8: 機能ID「0290011」ほか 1 件は共通機能「申請管理」（業務ID 029、共通機能標準仕様書）の機能IDです。介護保険の版の要件として取り込みます（介護保険の業務ID: 023）/,
    )
    expect(prefixWarnings[1]).toMatch(/!D10: 機能ID「0010001」は住民基本台帳の業務ID 001 で始まっています/)
    expect(prefixWarnings[2]).toMatch(
      /!D11: 機能ID「0990001」は業務ID 099 で始まっています（既知の業務IDではありません。介護保険の業務ID: 023）。介護保険の要件として取り込みます/,
    )
    const d = openDatabase(db)
    const spec = loadSpec(d, 'kaigo')!
    d.close()
    expect(spec.requirements.map((q) => q.id)).toEqual([
      '0230001',
      '0230002',
      '0230003',
      '0290011',
      '0290012',
      '0010001',
      '0990001',
    ])
    // The terminal shows the same warnings on stderr.
    const again = await runCli(['specs', 'import', path, '--db', join(tmp.dir, 'b.db')])
    expect(again.exitCode).toBe(0)
    expect(again.stderr).toContain('共通機能「申請管理」')
  })

  it('asks for --business and --version when neither title nor file name says', async () => {
    const path = await workbook('別紙1.xlsx', [
      {name: '機能要件', header: ['ID', '要件', '区分'], rows: [['0010001', '登録できること。', '必須']]},
    ])
    const r = await runCli(['specs', 'import', path, '--db', db, '--json'])
    expect(r.exitCode).toBe(3)
    const err = (parseJson(r.stdout) as {error: {issues: {code: string; message: string}[]}}).error
    expect(err.issues.map((i) => i.code)).toEqual(['MISSING_BUSINESS', 'MISSING_VERSION'])
    expect(err.issues[0]!.message).toContain('--business')
    const ok = await runCli([
      'specs',
      'import',
      path,
      '--business',
      '住記',
      '--version',
      '第6.0版',
      '--published',
      '2025-03-31',
      '--db',
      db,
      '--json',
    ])
    expect(ok.exitCode, ok.stdout).toBe(0)
    expect(SpecImportResultSchema.parse(parseJson(ok.stdout)).imported[0]).toMatchObject({
      business: '住民基本台帳',
      version: '6.0',
    })
  })

  it('collects every bad cell (unknown label, duplicate ID, missing text), exit 3, database unchanged', async () => {
    const path = await workbook('住民記録_第6.0版.xlsx', [
      {
        name: '機能要件',
        title: ['住民記録システム標準仕様書【第6.0版】'],
        header: REQ_HEADER,
        rows: [
          ['住民データ管理', null, null, '0010001', 'a', '要件a', '必要', null],
          [null, null, null, '0010002', 'b', '要件b', '実装必須機能', null],
          [null, null, null, '0010002', 'c', '要件c', '実装必須機能', null],
          [null, null, null, '0230004', 'd', '要件d', 'オプション', null],
          [null, null, null, '0010005', 'e', null, '不可', null],
        ],
      },
    ])
    for (const extra of [[], ['--json']]) {
      const r = await runCli(['specs', 'import', path, '--db', db, ...extra])
      expect(r.exitCode).toBe(3)
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/)
      if (extra.length === 0) {
        expect(r.stderr).toContain('住民記録_第6.0版.xlsx › 機能要件!G4: 実装区分「必要」を判別できません')
        continue
      }
      const issues = (parseJson(r.stdout) as {error: {issues: {where: string; code: string}[]}}).error.issues
      expect(issues.map((i) => [i.code, i.where])).toEqual([
        ['UNKNOWN_CLASS', '住民記録_第6.0版.xlsx › 機能要件!G4'],
        ['MISSING_TEXT', '住民記録_第6.0版.xlsx › 機能要件!F8'],
        ['DUPLICATE_ID', '住民記録_第6.0版.xlsx › 機能要件!D6'],
      ])
    }
    const d = openDatabase(db)
    expect(listSpecVersions(d)).toEqual([])
    d.close()
  })

  it('names the missing column when a requirement sheet lacks 実装区分', async () => {
    const path = await workbook('住民記録_第6.0版.xlsx', [
      {
        name: '機能要件',
        header: ['機能ID', '機能名称', '機能要件', '備考'],
        rows: [['0010001', 'a', 'b', null]],
      },
    ])
    const r = await runCli(['specs', 'import', path, '--db', db, '--json'])
    expect(r.exitCode).toBe(3)
    const issues = (
      parseJson(r.stdout) as {error: {issues: {where: string; code: string; message: string}[]}}
    ).error.issues
    expect(issues[0]).toMatchObject({code: 'MISSING_COLUMN', where: '住民記録_第6.0版.xlsx › 機能要件!1行目'})
    expect(issues[0]!.message).toContain('「実装区分」')
  })

  it('refuses a workbook without any requirement header', async () => {
    const path = await workbook('住民記録_第6.0版.xlsx', [
      {name: 'メモ', header: ['何か', 'メモ'], rows: [['x', 'y']]},
    ])
    const r = await runCli(['specs', 'import', path, '--db', db, '--json'])
    expect(r.exitCode).toBe(3)
    expect((parseJson(r.stdout) as {error: {issues: {code: string}[]}}).error.issues[0]!.code).toBe(
      'MISSING_HEADER',
    )
  })

  it.each([
    ['an empty file', 'empty.xlsx', Buffer.alloc(0), 'EMPTY_FILE'],
    [
      'a password-protected workbook',
      'locked.xlsx',
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
      'UNSUPPORTED_XLS',
    ],
    ['an .xls file', 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'UNSUPPORTED_XLS'],
    [
      'a malformed XML',
      'juki-9.0.xml',
      Buffer.from(
        '<?xml version="1.0"?>\n<standardSpec business="住民基本台帳">\n  <title>x</titel>\n</standardSpec>',
      ),
      'MALFORMED_XML',
    ],
  ])('rejects %s with exit 3 and a Japanese message', async (_name, file, bytes, code) => {
    const path = join(tmp.dir, file)
    writeFileSync(path, bytes)
    const r = await runCli(['specs', 'import', path, '--db', db, '--json'])
    expect(r.exitCode).toBe(3)
    const err = (parseJson(r.stdout) as {error: {issues: {code: string; where: string; message: string}[]}})
      .error
    expect(err.issues[0]!.code).toBe(code)
    expect(err.issues[0]!.where.startsWith(file)).toBe(true)
    expect(err.issues[0]!.message).toMatch(/[ぁ-んァ-ン一-龯]/)
    if (code === 'MALFORMED_XML') expect(err.issues[0]!.where).toBe('juki-9.0.xml:3:11')
    expect(existsSync(db)).toBe(false)
  })
})

describe('hyojun specs import (versions, folders)', () => {
  it('refuses to re-import a version unless --replace; --dry-run writes nothing', async () => {
    const path = await jukiAnnex()
    const first = await runCli(['specs', 'import', path, '--dry-run', '--db', db, '--json'])
    expect(SpecImportResultSchema.parse(parseJson(first.stdout)).imported).toHaveLength(1)
    expect(existsSync(db)).toBe(false)
    expect((await runCli(['specs', 'import', path, '--db', db])).exitCode).toBe(0)
    const again = await runCli(['specs', 'import', path, '--db', db, '--json'])
    expect(again.exitCode).toBe(1)
    expect((parseJson(again.stdout) as {error: {code: string}}).error.code).toBe('SPEC_VERSION_EXISTS')

    const other = await jukiAnnex('改訂.xlsx', '住民記録システム標準仕様書【第7.0版】')
    const dry = await runCli(['specs', 'import', other, '--dry-run', '--db', db, '--json'])
    expect(dry.exitCode).toBe(0)
    expect(SpecImportResultSchema.parse(parseJson(dry.stdout))).toMatchObject({
      dryRun: true,
      imported: [{version: '7.0'}],
    })

    const replaced = await runCli(['specs', 'import', path, '--replace', '--db', db, '--json'])
    expect(SpecImportResultSchema.parse(parseJson(replaced.stdout)).imported[0]!.replaced).toBe(true)
    const d = openDatabase(db)
    expect(listSpecVersions(d).map((v) => [v.version, v.requirements])).toEqual([['6.0', 4]])
    d.close()
  })

  it('imports a folder all-or-nothing: one bad file and nothing is written', async () => {
    await jukiAnnex('a_住民記録_第6.0版.xlsx')
    writeFileSync(join(tmp.dir, 'b_bad.xml'), '<?xml version="1.0"?>\n<!DOCTYPE x>\n<standardSpec/>')
    writeFileSync(join(tmp.dir, '~$a_住民記録_第6.0版.xlsx'), 'lock file')
    const r = await runCli(['specs', 'import', tmp.dir, '--db', db, '--json'])
    expect(r.exitCode).toBe(3)
    const issues = (parseJson(r.stdout) as {error: {issues: {where: string; code: string}[]}}).error.issues
    expect(issues).toEqual([expect.objectContaining({where: 'b_bad.xml:2:1', code: 'DOCTYPE_NOT_ALLOWED'})])
    const d = openDatabase(db)
    expect(listSpecVersions(d)).toEqual([])
    d.close()
  })

  it('checks a single XML file against --business; in a folder --business is for the Excel annexes', async () => {
    const xml = join(tmp.dir, 'juki-5.0.xml')
    copyFileSync(join(ROOT, 'specs', 'juki-5.0.xml'), xml)
    const r = await runCli(['specs', 'import', xml, '--business', '介護保険', '--db', db, '--json'])
    expect(r.exitCode).toBe(3)
    expect((parseJson(r.stdout) as {error: {issues: {code: string}[]}}).error.issues[0]!.code).toBe(
      'BUSINESS_MISMATCH',
    )
    await workbook('別紙.xlsx', [
      {name: '機能要件', header: ['ID', '要件', '区分'], rows: [['0230001', '登録できること。', '必須']]},
    ])
    const folder = await runCli([
      'specs',
      'import',
      tmp.dir,
      '--business',
      '介護保険',
      '--version',
      '4.0',
      '--db',
      db,
      '--json',
    ])
    expect(folder.exitCode, folder.stdout).toBe(0)
    expect(
      SpecImportResultSchema.parse(parseJson(folder.stdout)).imported.map((i) => [i.businessId, i.version]),
    ).toEqual([
      ['juki', '5.0'],
      ['kaigo', '4.0'],
    ])
  })

  it('skipExisting skips versions already imported (hyojun run)', async () => {
    const {importSpecs} = await import('../src/standard/spec-import.service.js')
    const path = await jukiAnnex()
    await importSpecs({dbPath: db, path})
    const r = await importSpecs({dbPath: db, path, skipExisting: true})
    expect(r.imported).toEqual([])
    expect(r.skipped).toEqual([
      {business: '住民基本台帳', businessId: 'juki', version: '6.0', file: '別紙1_機能要件.xlsx'},
    ])
  })
})
