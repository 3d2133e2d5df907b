/**
 * Builds the bundled sample data of the fictional 汐見川市:
 *   inventory/systems.xlsx            システム台帳（業務システム一覧）
 *   inventory/customizations.xlsx     カスタマイズ一覧
 *   inventory/customizations-gakureibo.csv  旧学齢簿システムから出力したカスタマイズ一覧（CP932）
 *   scripts/sample/answer-key.json    the intended match of every customization (for matcher tests)
 *
 * Run: npx tsx scripts/sample/build.ts
 * The generator checks its own data first: system names, 機能ID against the latest bundled spec, counts.
 */
import {mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {resolve} from 'node:path'
import ExcelJS from 'exceljs'
import {XMLParser} from 'fast-xml-parser'
import iconv from 'iconv-lite'
import {CITY} from './city.js'
import {
  FUKUSHI_GROUPS,
  HOKEN_GROUPS,
  JUKI_GROUPS,
  KODOMO_GROUPS,
  KENKO_GROUPS,
  TAX_GROUPS,
} from './customizations/index.js'
import {SHUGAKU} from './customizations/shugaku.js'
import type {Group, Item} from './customizations/types.js'
import {SYSTEMS, type DateCell, type SystemRow} from './systems.js'

const ROOT = resolve(import.meta.dirname, '../..')
const OUT = resolve(ROOT, 'inventory')

const THIN: Partial<ExcelJS.Borders> = {
  top: {style: 'thin'},
  left: {style: 'thin'},
  bottom: {style: 'thin'},
  right: {style: 'thin'},
}
const HEADER_FILL: ExcelJS.Fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: 'FFD9E1F2'}}
const TOTAL_FILL: ExcelJS.Fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: 'FFF2F2F2'}}
const FONT = '游ゴシック'
/** Excel's 和暦 display format for real date cells. */
const WAREKI_FMT = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@'

function dateValue(d: DateCell): string | Date | null {
  if (d === null) return null
  if (typeof d === 'string') return d
  const [y, m, day] = d.date
  return new Date(Date.UTC(y, m - 1, day))
}

/** "12,480" → 12480; numbers as is; anything else → 0 (for the 合計 row only). */
function amount(v: number | string | null): number {
  if (v === null) return 0
  if (typeof v === 'number') return v
  const n = Number(v.replace(/,/g, ''))
  return Number.isFinite(n) ? n : 0
}

async function writeWorkbook(wb: ExcelJS.Workbook, file: string): Promise<void> {
  const tmp = `${file}.tmp`
  await wb.xlsx.writeFile(tmp)
  renameSync(tmp, file)
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook()
  wb.creator = `${CITY.name} 総務部情報政策課`
  wb.lastModifiedBy = `${CITY.name} 情報政策課`
  // Fixed timestamps keep the output reproducible.
  wb.created = new Date(Date.UTC(2026, 8, 28, 0, 0, 0))
  wb.modified = new Date(Date.UTC(2026, 9, 1, 0, 0, 0))
  return wb
}

// ---------------------------------------------------------------------------
// systems.xlsx
// ---------------------------------------------------------------------------

const SYSTEM_COLUMNS: readonly {label: string; width: number}[] = [
  {label: '管理番号', width: 10},
  {label: 'システム名称', width: 30},
  {label: '対象業務', width: 22},
  {label: '事業者', width: 26},
  {label: '製品・パッケージ名', width: 30},
  {label: '稼働環境', width: 16},
  {label: '開始', width: 15},
  {label: '満了', width: 15},
  {label: '年間運用経費（千円）', width: 14},
  {label: '初期導入費（千円）', width: 14},
  {label: '利用者数', width: 9},
  {label: 'データ件数', width: 11},
  {label: '連携先', width: 40},
  {label: '移行状況', width: 12},
  {label: '移行予定日', width: 15},
  {label: '所管課', width: 18},
  {label: '備考', width: 48},
  {label: '平成30年度運用経費（千円）', width: 14},
]
const CONTRACT_COL = 7 // G: 開始, H: 満了

function systemCells(s: SystemRow): (string | number | Date | null)[] {
  return [
    s.id,
    s.name,
    s.businesses === '' ? null : s.businesses,
    s.vendor,
    s.product,
    s.provider === undefined ? s.env : `${s.env}（${s.provider}）`,
    dateValue(s.start),
    dateValue(s.end),
    s.annual,
    s.initial,
    s.users,
    s.records,
    s.links.length > 0 ? s.links.join('、') : null,
    s.status === '' ? null : s.status,
    dateValue(s.planned),
    s.dept,
    s.note === '' ? null : s.note,
    s.baseline ?? null,
  ]
}

async function buildSystems(): Promise<void> {
  const wb = newWorkbook()
  const ws = wb.addWorksheet('業務システム一覧', {
    views: [{state: 'frozen', xSplit: 2, ySplit: 4}],
    pageSetup: {orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0},
  })
  ws.columns = SYSTEM_COLUMNS.map((c) => ({width: c.width}))

  ws.getCell('A1').value = `${CITY.fiscalYear} 情報システム台帳`
  ws.getCell('A1').font = {name: FONT, size: 14, bold: true}
  ws.getCell('A2').value = `作成：総務部情報政策課（${CITY.asOf}現在）`
  ws.getCell('A2').font = {name: FONT, size: 10}

  // Two-row header: 契約期間 over 開始 / 満了, every other label merged vertically.
  const h1 = ws.getRow(3)
  const h2 = ws.getRow(4)
  SYSTEM_COLUMNS.forEach((c, i) => {
    const col = i + 1
    if (col === CONTRACT_COL) h1.getCell(col).value = '契約期間'
    else if (col !== CONTRACT_COL + 1) h1.getCell(col).value = c.label
    if (col === CONTRACT_COL || col === CONTRACT_COL + 1) h2.getCell(col).value = c.label
  })
  SYSTEM_COLUMNS.forEach((_, i) => {
    const col = i + 1
    if (col !== CONTRACT_COL && col !== CONTRACT_COL + 1) ws.mergeCells(3, col, 4, col)
  })
  ws.mergeCells(3, CONTRACT_COL, 3, CONTRACT_COL + 1)
  for (const r of [h1, h2]) {
    r.height = 20
    for (let col = 1; col <= SYSTEM_COLUMNS.length; col++) {
      const cell = r.getCell(col)
      cell.font = {name: FONT, size: 10, bold: true}
      cell.fill = HEADER_FILL
      cell.border = THIN
      cell.alignment = {vertical: 'middle', horizontal: 'center', wrapText: true}
    }
  }

  let r = 5
  const body = (cells: (string | number | Date | null)[]): void => {
    const row = ws.getRow(r++)
    cells.forEach((v, i) => {
      const cell = row.getCell(i + 1)
      cell.value = v
      cell.font = {name: FONT, size: 10}
      cell.border = THIN
      cell.alignment = {vertical: 'top', wrapText: true}
      if (v instanceof Date) cell.numFmt = WAREKI_FMT
      if (typeof v === 'number') cell.numFmt = '#,##0'
      if (typeof v === 'number' || (i >= 8 && i <= 11) || i === 17)
        cell.alignment = {vertical: 'top', horizontal: 'right'}
    })
  }
  for (const s of SYSTEMS) {
    body(systemCells(s))
    // One blank row between the 標準化対象 systems and the rest, as the ledger is kept.
    if (s.id === 'SYS-014') r++
  }
  const annual = SYSTEMS.reduce((a, s) => a + amount(s.annual), 0)
  const initial = SYSTEMS.reduce((a, s) => a + amount(s.initial), 0)
  const total = ws.getRow(r)
  ws.mergeCells(r, 1, r, 8)
  total.getCell(1).value = '合計'
  total.getCell(9).value = annual
  total.getCell(10).value = initial
  total.getCell(18).value = SYSTEMS.reduce((a, s) => a + amount(s.baseline ?? null), 0)
  for (let col = 1; col <= SYSTEM_COLUMNS.length; col++) {
    const cell = total.getCell(col)
    cell.font = {name: FONT, size: 10, bold: true}
    cell.border = THIN
    cell.fill = TOTAL_FILL
    if (col === 1) cell.alignment = {horizontal: 'center'}
    if (col === 9 || col === 10 || col === 18) cell.numFmt = '#,##0'
  }
  mkdirSync(OUT, {recursive: true})
  await writeWorkbook(wb, resolve(OUT, 'systems.xlsx'))
  console.log(`systems.xlsx: ${SYSTEMS.length} systems, 年間運用経費 ${annual.toLocaleString()} 千円`)
}

function checkSystems(): void {
  const names = new Set<string>()
  for (const s of SYSTEMS) {
    if (names.has(s.name)) throw new Error(`duplicate system name ${s.name}`)
    names.add(s.name)
  }
  for (const s of SYSTEMS) {
    for (const l of s.links) if (!names.has(l)) throw new Error(`${s.id}: unknown 連携先 ${l}`)
  }
  const covered = new Set(SYSTEMS.flatMap((s) => s.covers))
  if (covered.size !== 20) {
    console.warn(`warning: systems cover ${covered.size} of 20 業務 (${[...covered].join(' ')})`)
  }
}

// ---------------------------------------------------------------------------
// customizations
// ---------------------------------------------------------------------------

/** Groups written to customizations.xlsx, in ledger order. */
const XLSX_GROUPS: readonly Group[] = [
  ...JUKI_GROUPS,
  ...TAX_GROUPS,
  ...HOKEN_GROUPS,
  ...FUKUSHI_GROUPS,
  ...KODOMO_GROUPS,
  ...KENKO_GROUPS,
]
const CSV_GROUPS: readonly Group[] = [SHUGAKU]

/** 管理番号 prefix per system (unique within a system). */
const PREFIX: Readonly<Record<string, string>> = {
  住民情報システム: 'JK',
  戸籍情報システム: 'KS',
  戸籍附票システム: 'FH',
  税務総合システム: 'ZM',
  国民健康保険システム: 'KH',
  国民年金システム: 'NK',
  後期高齢者医療システム: 'KK',
  '福祉総合システム（介護・障害）': 'FK',
  介護認定審査支援システム: 'NT',
  '子ども・子育て支援システム': 'KO',
  '児童手当・児童扶養手当システム': 'JT',
  生活保護システム: 'SH',
  健康管理システム: 'KE',
  '学齢簿・就学援助システム': 'GK',
}

interface SpecReq {
  readonly id: string
  readonly cls: 'mandatory' | 'optional' | 'prohibited'
  readonly name: string
}

/** Latest bundled spec per 業務 name: requirement ID → requirement. */
function loadSpecs(): Map<string, {version: string; reqs: Map<string, SpecReq>}> {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    isArray: (n) => n === 'requirement' || n === 'form' || n === 'variant',
  })
  const out = new Map<string, {version: string; reqs: Map<string, SpecReq>}>()
  const dir = resolve(ROOT, 'specs')
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.xml'))) {
    const doc = parser.parse(readFileSync(resolve(dir, f), 'utf8')) as {
      standardSpec: {
        business: string
        version: string
        requirements: {requirement: {id: string; class: SpecReq['cls']; name: string}[]}
      }
    }
    const spec = doc.standardSpec
    const prev = out.get(spec.business)
    if (prev && Number(prev.version) >= Number(spec.version)) continue
    const reqs = new Map<string, SpecReq>()
    for (const r of spec.requirements.requirement) reqs.set(r.id, {id: r.id, cls: r.class, name: r.name})
    out.set(spec.business, {version: spec.version, reqs})
  }
  return out
}

type Kind = 'fit' | 'prohibited' | 'outside'
interface Ref {
  readonly kind: Kind
  readonly id: string | null
  readonly shown: boolean
}

function parseRef(ref: string): Ref {
  if (ref === 'X') return {kind: 'outside', id: null, shown: false}
  if (ref.startsWith('P')) return {kind: 'prohibited', id: ref.slice(1), shown: false}
  if (ref.startsWith('=')) return {kind: 'fit', id: ref.slice(1), shown: true}
  return {kind: 'fit', id: ref, shown: false}
}

/** Deterministic pseudo-random numbers from a string (FNV-1a + xorshift). */
function rng(seed: string): () => number {
  let h = 0x811c9dc5
  for (const ch of seed) {
    h ^= ch.codePointAt(0)!
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return () => {
    h ^= h << 13
    h >>>= 0
    h ^= h >>> 17
    h ^= h << 5
    h >>>= 0
    return h / 0x100000000
  }
}

interface CustRow {
  readonly id: string
  readonly system: string
  readonly business: string
  readonly businessCell: string
  readonly name: string
  readonly content: string
  readonly requirementId: string | null
  readonly annual: number | string | null
  readonly dev: number | string | null
  readonly freq: string
  readonly dept: string
  readonly note: string
  readonly ref: Ref
}

function costs(
  item: Item,
  kind: Kind,
  index: number,
): {annual: number | string | null; dev: number | string | null; note?: string} {
  const r = rng(item[0])
  const [lo, hi] = kind === 'fit' ? [280, 3600] : kind === 'prohibited' ? [900, 6400] : [1200, 8800]
  const dev = Math.round((lo + (hi - lo) * r() * r()) / 10) * 10
  const annual = Math.round((dev * (0.06 + 0.14 * r())) / 10) * 10
  // About one in thirteen old customizations has no known development cost.
  if (index % 13 === 7) return {annual, dev: null, note: '開発費不明（旧システムからの継続）'}
  const asText = (n: number): number | string => (n >= 1000 && r() < 0.12 ? n.toLocaleString('en-US') : n)
  return {annual: annual === 0 ? null : asText(annual), dev: asText(dev)}
}

function expandGroups(groups: readonly Group[]): CustRow[] {
  const counters = new Map<string, number>()
  const out: CustRow[] = []
  let global = 0
  for (const g of groups) {
    const prefix = PREFIX[g.system]
    if (!prefix) throw new Error(`no 管理番号 prefix for ${g.system}`)
    g.items.forEach((item, i) => {
      const n = (counters.get(g.system) ?? 0) + 1
      counters.set(g.system, n)
      const ref = parseRef(item[2])
      const c = costs(item, ref.kind, global++)
      const note = [item[4], c.note].filter((x): x is string => x !== undefined && x !== '').join('。')
      out.push({
        id: `${prefix}-${String(n).padStart(3, '0')}`,
        system: g.system,
        business: g.business,
        businessCell: g.labels[i % g.labels.length]!,
        name: item[0],
        content: item[1],
        requirementId: ref.shown ? ref.id : null,
        annual: c.annual,
        dev: c.dev,
        freq: item[3],
        dept: g.depts[i % g.depts.length]!,
        note,
        ref,
      })
    })
  }
  return out
}

function checkCustomizations(rows: readonly CustRow[]): void {
  const specs = loadSpecs()
  const systems = new Map(SYSTEMS.map((s) => [s.name, s]))
  const errors: string[] = []
  for (const r of rows) {
    const sys = systems.get(r.system)
    if (!sys) errors.push(`${r.id}: unknown system ${r.system}`)
    else {
      if (!sys.covers.includes(r.business)) errors.push(`${r.id}: ${r.system} does not cover ${r.business}`)
      if (sys.covers.length > 1 && r.businessCell === '')
        errors.push(`${r.id}: 業務 required for ${r.system}`)
    }
    if (r.ref.id === null) continue
    const spec = specs.get(r.business)
    if (!spec) {
      errors.push(`${r.id}: no bundled spec for ${r.business}`)
      continue
    }
    const req = spec.reqs.get(r.ref.id)
    if (!req) errors.push(`${r.id}: ${r.ref.id} is not in ${r.business} ${spec.version}`)
    else if ((req.cls === 'prohibited') !== (r.ref.kind === 'prohibited')) {
      errors.push(`${r.id}: ${r.ref.id} is ${req.cls} but the item is marked ${r.ref.kind}`)
    }
  }
  if (errors.length > 0) throw new Error(`customization data errors:\n${errors.join('\n')}`)
}

const CUST_COLUMNS: readonly {label: string; width: number}[] = [
  {label: '管理番号', width: 10},
  {label: 'システム名', width: 26},
  {label: '業務', width: 14},
  {label: 'カスタマイズ名称', width: 30},
  {label: '内容', width: 60},
  {label: '関連機能ID', width: 11},
  {label: '年間保守費（千円）', width: 11},
  {label: '開発費（千円）', width: 11},
  {label: '利用頻度', width: 9},
  {label: '担当課', width: 20},
  {label: '備考', width: 30},
]

function custCells(r: CustRow): (string | number | null)[] {
  return [
    r.id,
    r.system,
    r.businessCell === '' ? null : r.businessCell,
    r.name,
    r.content,
    r.requirementId,
    r.annual,
    r.dev,
    r.freq,
    r.dept,
    r.note === '' ? null : r.note,
  ]
}

async function buildCustomizationsXlsx(rows: readonly CustRow[]): Promise<void> {
  const wb = newWorkbook()
  const ws = wb.addWorksheet('カスタマイズ一覧', {views: [{state: 'frozen', xSplit: 0, ySplit: 3}]})
  ws.columns = CUST_COLUMNS.map((c) => ({width: c.width}))
  ws.getCell('A1').value = `${CITY.fiscalYear} 標準化対象業務システム カスタマイズ一覧（${CITY.name}）`
  ws.getCell('A1').font = {name: FONT, size: 14, bold: true}
  ws.getCell('A2').value =
    `各課照会結果を情報政策課で取りまとめ（${CITY.asOf}現在）※学齢簿・就学援助システムは別ファイル`
  ws.getCell('A2').font = {name: FONT, size: 10}
  const header = ws.getRow(3)
  CUST_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1)
    cell.value = c.label
    cell.font = {name: FONT, size: 10, bold: true}
    cell.fill = HEADER_FILL
    cell.border = THIN
    cell.alignment = {vertical: 'middle', horizontal: 'center', wrapText: true}
  })
  header.height = 30
  rows.forEach((r, idx) => {
    const row = ws.getRow(4 + idx)
    custCells(r).forEach((v, i) => {
      const cell = row.getCell(i + 1)
      cell.value = v
      cell.font = {name: FONT, size: 10}
      cell.border = THIN
      cell.alignment = {vertical: 'top', wrapText: i === 3 || i === 4 || i === 10}
      if (i === 5) cell.numFmt = '@'
      if (i === 6 || i === 7) {
        cell.alignment = {vertical: 'top', horizontal: 'right'}
        if (typeof v === 'number') cell.numFmt = '#,##0'
      }
    })
  })
  ws.autoFilter = {from: {row: 3, column: 1}, to: {row: 3 + rows.length, column: CUST_COLUMNS.length}}
  await writeWorkbook(wb, resolve(OUT, 'customizations.xlsx'))
}

function csvField(v: string | number | null): string {
  if (v === null) return ''
  const s = String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** The old 学齢簿 system's export: CP932, CRLF, its own header spelling. */
function buildCustomizationsCsv(rows: readonly CustRow[]): void {
  const header = [
    '管理No',
    'システム名',
    '業務',
    'カスタマイズ名称',
    '内容',
    '関連機能ID',
    '年間保守費(千円)',
    '開発費(千円)',
    '利用頻度',
    '担当課',
    '備考',
  ]
  const lines = [header.join(',')]
  for (const r of rows) {
    const dept = r.dept === '学校教育課（学務係）' ? '学校教育課（学務係　髙橋）' : r.dept
    lines.push(
      custCells({...r, dept})
        .map(csvField)
        .join(','),
    )
  }
  const text = `${lines.join('\r\n')}\r\n`
  const back = new TextDecoder('shift_jis').decode(iconv.encode(text, 'cp932'))
  if (back !== text) throw new Error('customizations CSV has characters outside CP932')
  writeFileSync(resolve(OUT, 'customizations-gakureibo.csv'), iconv.encode(text, 'cp932'))
}

function report(all: readonly CustRow[], xlsxRows: readonly CustRow[], csvRows: readonly CustRow[]): void {
  const byBusiness = new Map<string, number>()
  for (const r of all) byBusiness.set(r.business, (byBusiness.get(r.business) ?? 0) + 1)
  const pct = (n: number): string => `${n} (${((n / all.length) * 100).toFixed(1)}%)`
  console.log(
    `customizations.xlsx: ${xlsxRows.length} rows; customizations-gakureibo.csv: ${csvRows.length} rows`,
  )
  for (const [b, n] of [...byBusiness].sort((a, z) => z[1] - a[1])) console.log(`  ${b}: ${n}`)
  console.log(`  関連機能ID written: ${pct(all.filter((r) => r.requirementId !== null).length)}`)
  console.log(`  expected fit: ${pct(all.filter((r) => r.ref.kind === 'fit').length)}`)
  console.log(`  expected 実装不可: ${pct(all.filter((r) => r.ref.kind === 'prohibited').length)}`)
  console.log(`  expected outside: ${pct(all.filter((r) => r.ref.kind === 'outside').length)}`)
}

function writeAnswerKey(all: readonly CustRow[]): void {
  const key = all.map((r) => ({
    system: r.system,
    id: r.id,
    business: r.business,
    name: r.name,
    expected: r.ref.kind,
    requirementId: r.ref.id,
    idWritten: r.requirementId !== null,
  }))
  writeFileSync(resolve(import.meta.dirname, 'answer-key.json'), `${JSON.stringify(key, null, 2)}\n`)
}

async function main(): Promise<void> {
  checkSystems()
  const xlsxRows = expandGroups(XLSX_GROUPS)
  const csvRows = expandGroups(CSV_GROUPS)
  const all = [...xlsxRows, ...csvRows]
  checkCustomizations(all)
  const xlsxSystems = new Set(xlsxRows.map((r) => r.system))
  for (const r of csvRows) if (xlsxSystems.has(r.system)) throw new Error(`${r.system} is in both lists`)
  await buildSystems()
  await buildCustomizationsXlsx(xlsxRows)
  buildCustomizationsCsv(csvRows)
  writeAnswerKey(all)
  report(all, xlsxRows, csvRows)
}

await main()
