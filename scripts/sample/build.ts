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
import {mkdirSync, renameSync} from 'node:fs'
import {resolve} from 'node:path'
import ExcelJS from 'exceljs'
import {CITY} from './city.js'
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
]
const CONTRACT_COL = 7 // G: 開始, H: 満了

function systemCells(s: SystemRow): (string | number | Date | null)[] {
  return [
    s.id,
    s.name,
    s.businesses === '' ? null : s.businesses,
    s.vendor,
    s.product,
    s.env,
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
  ]
}

async function buildSystems(): Promise<void> {
  const wb = newWorkbook()
  const ws = wb.addWorksheet('業務システム一覧', {
    views: [{state: 'frozen', xSplit: 2, ySplit: 4}],
    pageSetup: {orientation: 'landscape', paperSize: 8, fitToPage: true, fitToWidth: 1, fitToHeight: 0},
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
      if (typeof v === 'number' || (i >= 8 && i <= 11))
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
  for (let col = 1; col <= SYSTEM_COLUMNS.length; col++) {
    const cell = total.getCell(col)
    cell.font = {name: FONT, size: 10, bold: true}
    cell.border = THIN
    cell.fill = TOTAL_FILL
    if (col === 1) cell.alignment = {horizontal: 'center'}
    if (col === 9 || col === 10) cell.numFmt = '#,##0'
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

async function main(): Promise<void> {
  checkSystems()
  await buildSystems()
}

await main()
