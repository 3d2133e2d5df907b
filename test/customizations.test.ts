import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {
  CustomizationImportResultSchema,
  CustomizationListResultSchema,
  InventoryShowResultSchema,
} from '../src/inventory/inventory.schema.js'
import {makeTempDir, parseJson, runCli} from './helpers.js'
import {parseContract} from './contract.js'

let tmp: {dir: string; cleanup: () => void}
let db: string
beforeEach(async () => {
  tmp = makeTempDir('hyojun-custom-')
  db = join(tmp.dir, 'hyojun.db')
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('台帳')
  ws.addRow(['システム名称', '対象業務'])
  ws.addRow(['住民情報システム', '住民記録、印鑑登録'])
  ws.addRow(['税務総合システム', '個人住民税'])
  ws.addRow(['子ども・子育て支援システム', '子ども・子育て支援'])
  ws.addRow(['財務会計システム', '－'])
  const file = join(tmp.dir, '台帳.xlsx')
  await wb.xlsx.writeFile(file)
  const r = await runCli(['inventory', 'import', file, '--db', db])
  expect(r.exitCode).toBe(0)
})
afterEach(() => tmp.cleanup())

/**
 * Shift_JIS (CP932) encoder for tests, built from the decoder: Node has none built in.
 * Every double-byte code is decoded once and the map reversed.
 */
const SJIS = (() => {
  const map = new Map<string, number[]>()
  const dec = new TextDecoder('shift_jis')
  const leads = [
    ...Array.from({length: 0x1f}, (_, i) => 0x81 + i),
    ...Array.from({length: 0x1d}, (_, i) => 0xe0 + i),
  ]
  for (const a of leads) {
    for (let b = 0x40; b <= 0xfc; b++) {
      if (b === 0x7f) continue
      const ch = dec.decode(Uint8Array.of(a, b))
      if (ch.length === 1 && ch !== '\uFFFD' && !map.has(ch)) map.set(ch, [a, b])
    }
  }
  for (let b = 0xa1; b <= 0xdf; b++) map.set(dec.decode(Uint8Array.of(b)), [b])
  return map
})()

function encodeSjis(text: string): Buffer {
  const out: number[] = []
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    if (cp < 0x80) out.push(cp)
    else {
      const bytes = SJIS.get(ch)
      if (!bytes) throw new Error(`not in CP932: ${ch}`)
      out.push(...bytes)
    }
  }
  return Buffer.from(out)
}

const CSV = [
  '管理番号,システム名,業務,カスタマイズ名,概要,関連機能ID,年間保守費（千円）,開発費（千円）',
  'C-001,住民情報システム,住民記録,転入時の独自帳票,"転入届の受付時に、市独自の案内文書を印刷する",0010001,"1,200",500',
  'C-002,住民情報システム,印鑑登録,印鑑証明の独自様式,"改行を含む\n説明文",,０,',
  'C-003,子ども・子育て支援システム,,保育料の独自減免,第3子以降の保育料を市独自に減免する,1700012,240,"1,800"',
  '合計,,,,,,"1,440","2,300"',
].join('\r\n')

function counts(): number {
  const d = new Database(db, {readonly: true})
  const n = d.prepare('SELECT count(*) FROM customization').pluck().get() as number
  d.close()
  return n
}

describe('hyojun customizations import', () => {
  it.each([
    ['Shift_JIS (CP932)', 'shift_jis', (t: string) => encodeSjis(t)],
    [
      'UTF-8 with BOM',
      'utf-8-bom',
      (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]),
    ],
    ['UTF-8', 'utf-8', (t: string) => Buffer.from(t, 'utf8')],
  ])('imports a %s CSV with quoted commas and line breaks', async (_label, encoding, encode) => {
    const file = join(tmp.dir, 'カスタマイズ.csv')
    writeFileSync(file, encode(CSV))
    const r = await runCli(['customizations', 'import', file, '--db', db, '--json'])
    expect(r.exitCode).toBe(0)
    const out = parseContract('customizations import', r.stdout)
    expect(out).toMatchObject({encoding, format: 'csv', customizations: 3, skippedRows: 1})
    expect(out.warnings).toEqual(['カスタマイズ.csv 5行目: 合計行のため取り込みませんでした'])
    expect(out.systems).toEqual([
      {id: 'SYS-001', name: '住民情報システム', customizations: 2},
      {id: 'SYS-003', name: '子ども・子育て支援システム', customizations: 1},
    ])
    const list = parseContract(
      'customizations list',
      (await runCli(['customizations', 'list', '--db', db, '--json'])).stdout,
    )
    expect(list.customizations).toEqual([
      {
        id: 'C-001',
        systemId: 'SYS-001',
        system: '住民情報システム',
        businessId: 'juki',
        business: '住民基本台帳',
        name: '転入時の独自帳票',
        description: '転入届の受付時に、市独自の案内文書を印刷する',
        requirementId: '0010001',
        annualCostYen: 1_200_000,
        developmentCostYen: 500_000,
        frequency: null,
        department: null,
        note: null,
      },
      expect.objectContaining({
        id: 'C-002',
        business: '印鑑登録',
        description: '改行を含む\n説明文',
        requirementId: null,
        annualCostYen: 0,
        developmentCostYen: null,
      }),
      // 業務 blank: the system's only 業務.
      expect.objectContaining({
        id: 'C-003',
        business: '子ども・子育て支援',
        businessId: 'kodomo-kosodate',
        developmentCostYen: 1_800_000,
      }),
    ])
  })

  it('refuses a blank 業務 for a system with several 業務, an unknown system and a bad 機能ID, writing nothing', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('一覧')
    ws.addRow(['カスタマイズ一覧（令和8年4月）'])
    ws.addRow([])
    ws.addRow(['No.', 'システム名', '業務', '件名', '内容', '機能ID', '金額（千円）', '金額（千円）'])
    ws.addRow(['No.', 'システム名', '業務', '件名', '内容', '機能ID', '年間保守費', '開発費'])
    ws.addRow([1, '住民情報システム', null, '独自帳票', '窓口で使う独自帳票', 10001, 10, 20])
    ws.addRow([2, '住民情報システ', '住民記録', '独自CSV', 'EUC用のCSV', null, null, null])
    ws.addRow([3, '税務総合システム', null, '独自通知', '独自の通知書', '12345678', null, null])
    ws.addRow([4, '財務会計システム', null, '独自伝票', '伝票の独自様式', null, null, null])
    const file = join(tmp.dir, 'カスタマイズ一覧.xlsx')
    await wb.xlsx.writeFile(file)
    const r = await runCli(['customizations', 'import', file, '--db', db, '--json'])
    expect(r.exitCode).toBe(3)
    const issues = (
      parseJson(r.stdout) as {error: {issues: {where: string; code: string; message: string}[]}}
    ).error.issues
    expect(issues.map((i) => `${i.where} ${i.code}`)).toEqual([
      'カスタマイズ一覧.xlsx › 一覧!C5 BUSINESS_AMBIGUOUS',
      'カスタマイズ一覧.xlsx › 一覧!B6 UNKNOWN_SYSTEM',
      'カスタマイズ一覧.xlsx › 一覧!F7 INVALID_REQUIREMENT_ID',
      'カスタマイズ一覧.xlsx › 一覧!C8 BUSINESS_UNKNOWN',
    ])
    expect(issues[0]!.message).toContain('業務を特定できません')
    expect(issues[0]!.message).toContain('住民基本台帳、印鑑登録')
    expect(issues[1]!.message).toContain('もしかして: 住民情報システム')
    expect(counts()).toBe(0)

    // Fixed: the group header 金額（千円） gives the unit, 10001 keeps its leading zeros.
    ws.getCell('C5').value = '住民基本台帳'
    ws.getCell('B6').value = '住民情報システム'
    ws.getCell('F7').value = null
    ws.spliceRows(8, 1)
    await wb.xlsx.writeFile(file)
    const ok = await runCli(['customizations', 'import', file, '--db', db, '--json'])
    expect(ok.exitCode).toBe(0)
    const list = CustomizationListResultSchema.parse(
      parseJson(
        (await runCli(['customizations', 'list', '--system', '住民情報システム', '--db', db, '--json']))
          .stdout,
      ),
    )
    expect(
      list.customizations.map((c) => [c.id, c.requirementId, c.annualCostYen, c.developmentCostYen]),
    ).toEqual([
      ['1', '0010001', 10_000, 20_000],
      ['2', null, null, null],
    ])
  })

  it('replaces only the systems in the file, keeps ids and reports changed fields', async () => {
    const a = join(tmp.dir, 'a.csv')
    writeFileSync(a, CSV)
    await runCli(['customizations', 'import', a, '--db', db])
    const b = join(tmp.dir, 'b.csv')
    writeFileSync(
      b,
      [
        '管理番号,業務,名称,内容,年間保守費（円）',
        'T-1,個人住民税,独自の税額試算,窓口での試算帳票,50000',
      ].join('\n'),
    )
    const rb = await runCli([
      'customizations',
      'import',
      b,
      '--system',
      '税務総合システム',
      '--db',
      db,
      '--json',
    ])
    expect(rb.exitCode).toBe(0)
    expect(counts()).toBe(4)

    const a2 = join(tmp.dir, 'a2.csv')
    writeFileSync(
      a2,
      [
        '管理番号,システム名,業務,カスタマイズ名,概要,関連機能ID,年間保守費（千円）,開発費（千円）',
        'C-001,住民情報システム,住民記録,転入時の独自帳票,"転入届の受付時に、市独自の案内文書を印刷する",0010001,"1,500",500',
        'C-004,住民情報システム,住民記録,住所の独自チェック,方書の独自チェック,,,',
      ].join('\n'),
    )
    const dry = CustomizationImportResultSchema.parse(
      parseJson((await runCli(['customizations', 'import', a2, '--dry-run', '--db', db, '--json'])).stdout),
    )
    expect(dry.written).toBe(false)
    expect(counts()).toBe(4)
    const r = CustomizationImportResultSchema.parse(
      parseJson((await runCli(['customizations', 'import', a2, '--db', db, '--json'])).stdout),
    )
    expect(r.changes).toEqual(dry.changes)
    expect(r.changes.added).toEqual([
      {id: 'C-004', systemId: 'SYS-001', system: '住民情報システム', name: '住所の独自チェック'},
    ])
    expect(r.changes.removed).toEqual([
      {id: 'C-002', systemId: 'SYS-001', system: '住民情報システム', name: '印鑑証明の独自様式'},
    ])
    expect(r.changes.changed).toEqual([
      {
        id: 'C-001',
        systemId: 'SYS-001',
        system: '住民情報システム',
        name: '転入時の独自帳票',
        fields: [{field: 'annualCostYen', label: '年間保守費', before: 1_200_000, after: 1_500_000}],
      },
    ])
    // The 子ども・子育て支援 list (C-003, not in this file) and the 税務 list stay.
    const all = CustomizationListResultSchema.parse(
      parseJson((await runCli(['customizations', 'list', '--db', db, '--json'])).stdout),
    )
    expect(all.customizations.map((c) => `${c.systemId}/${c.id}`)).toEqual([
      'SYS-001/C-001',
      'SYS-001/C-004',
      'SYS-002/T-1',
      'SYS-003/C-003',
    ])
    const tax = CustomizationListResultSchema.parse(
      parseJson(
        (await runCli(['customizations', 'list', '--business', '住民税', '--db', db, '--json'])).stdout,
      ),
    )
    expect(tax.customizations).toEqual([
      expect.objectContaining({id: 'T-1', business: '個人住民税', annualCostYen: 50_000}),
    ])

    const show = InventoryShowResultSchema.parse(
      parseJson((await runCli(['inventory', 'show', '住民情報システム', '--db', db, '--json'])).stdout),
    )
    expect(show.customizations.map((c) => c.id)).toEqual(['C-001', 'C-004'])
  })

  it('needs the inventory first', async () => {
    const other = join(tmp.dir, 'empty.db')
    const file = join(tmp.dir, 'a.csv')
    writeFileSync(file, CSV)
    const r = await runCli(['customizations', 'import', file, '--db', other, '--json'])
    expect(r.exitCode).toBe(1)
    expect((parseJson(r.stdout) as {error: {code: string}}).error.code).toBe('INVENTORY_NOT_IMPORTED')
  })

  it('deletes a removed system’s customizations with the inventory re-import and says so', async () => {
    const file = join(tmp.dir, 'a.csv')
    writeFileSync(file, CSV)
    await runCli(['customizations', 'import', file, '--db', db])
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('台帳')
    ws.addRow(['システム名称', '対象業務'])
    ws.addRow(['住民情報システム', '住民記録、印鑑登録'])
    const ledger = join(tmp.dir, 'v2.xlsx')
    await wb.xlsx.writeFile(ledger)
    const r = await runCli(['inventory', 'import', ledger, '--db', db, '--json'])
    const out = parseJson(r.stdout) as {
      changes: {removed: {name: string; customizationsRemoved: number}[]}
      warnings: string[]
    }
    expect(out.changes.removed).toContainEqual({
      id: 'SYS-003',
      name: '子ども・子育て支援システム',
      customizationsRemoved: 1,
    })
    expect(out.warnings).toContain(
      'システム「子ども・子育て支援システム」（SYS-003）が台帳からなくなったため、そのカスタマイズ 1 件も削除しました',
    )
    expect(counts()).toBe(2)
  })
})
