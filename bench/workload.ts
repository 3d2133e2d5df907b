/**
 * The municipal workload for bench/pipeline.bench.ts (and the Python peer):
 * 20 業務 × N requirements as official-style Excel annexes (機能ID = national
 * 業務ID + serial, 大項目 / 中項目 / 小項目 / 機能名称 / 要件 / 実装区分, long
 * 「〜できること。」 sentences built from fragments of the bundled specs), a
 * システム台帳 with one system per 業務, and a カスタマイズ一覧 of M rows.
 * Deterministic (seeded PRNG). Large lists are written with the streaming writer; above 100,000
 * customizations (the import's per-sheet limit) the list is one file per system.
 *
 *   npx tsx bench/workload.ts DIR [customizations=10000] [requirementsPerBusiness=1500]
 */
import {mkdirSync, readFileSync, readdirSync} from 'node:fs'
import {join, resolve} from 'node:path'
import ExcelJS from 'exceljs'
import {BUSINESSES} from '../src/catalog/catalog.js'

const ROOT = resolve(import.meta.dirname, '..')

export interface WorkloadOptions {
  readonly customizations: number
  readonly requirementsPerBusiness: number
}

export interface Workload {
  readonly specsDir: string
  readonly inventory: string
  /** The first (with ≤ 100,000 customizations the only) カスタマイズ一覧. */
  readonly customizations: string
  /** Every カスタマイズ一覧 file: one per system above MAX_ROWS_PER_FILE customizations. */
  readonly customizationFiles: readonly string[]
}

/** Rows `customizations import` reads from one sheet (src/sources/zip-guard.ts). */
const MAX_ROWS_PER_FILE = 100_000

/** Deterministic PRNG (mulberry32): the same data on every run (shared by the benches). */
export function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CLASS_LABELS = ['実装必須機能', '実装必須機能', '実装必須機能', '標準オプション機能', '実装不可機能']
const STAFF = [
  'したい',
  'を改修',
  'の画面を変更',
  '帳票を追加',
  'アラートを出す',
  'をまとめて処理',
  '独自様式',
  'EUCで出力',
]

function fragments(): {phrases: string[]; names: string[]} {
  const phrases: string[] = []
  const names: string[] = []
  for (const f of readdirSync(join(ROOT, 'specs')).filter((x) => x.endsWith('.xml'))) {
    const xml = readFileSync(join(ROOT, 'specs', f), 'utf8')
    for (const m of xml.matchAll(/<text>([^<]+)<\/text>/g))
      phrases.push(...m[1]!.split(/[、。]/).filter((s) => s.length > 3 && !s.endsWith('できること')))
    for (const m of xml.matchAll(/<name>([^<]+)<\/name>/g)) names.push(m[1]!)
  }
  return {phrases, names}
}

interface GenRequirement {
  id: string
  name: string
  text: string
}

export async function generateWorkload(dir: string, options: WorkloadOptions): Promise<Workload> {
  const rand = rng(42)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const {phrases, names} = fragments()
  const specsDir = join(dir, 'specs')
  mkdirSync(specsDir, {recursive: true})
  const reqs: GenRequirement[][] = []

  for (const b of BUSINESSES) {
    const file = join(specsDir, `${b.name}_機能要件_第9.0版.xlsx`)
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({filename: file, useSharedStrings: false})
    const ws = wb.addWorksheet('機能要件')
    ws.addRow([`${b.name}システム標準仕様書【第9.0版】 別紙 機能要件一覧（2026年4月1日）`]).commit()
    ws.addRow([]).commit()
    ws.addRow(['機能ID', '大項目', '中項目', '小項目', '機能名称', '要件', '実装区分', '備考']).commit()
    const list: GenRequirement[] = []
    let major = '',
      middle = '',
      minor = '',
      name = ''
    for (let i = 0; i < options.requirementsPerBusiness; i++) {
      if (i % 150 === 0) major = `${(i / 150 + 1).toFixed(0)}．${pick(names)}`
      if (i % 30 === 0) middle = pick(names)
      if (i % 6 === 0) minor = pick(names)
      if (i % 3 === 0) name = pick(names)
      const id = `${b.code}${String(i + 1).padStart(4, '0')}`
      const clauses = 2 + Math.floor(rand() * 3)
      const text = `${name}について、${Array.from({length: clauses}, () => pick(phrases)).join('、')}ことができること。`
      list.push({id, name, text})
      ws.addRow([
        id,
        major,
        middle,
        minor,
        name,
        text,
        pick(CLASS_LABELS),
        rand() < 0.1 ? '法改正に伴い追加' : null,
      ]).commit()
    }
    reqs.push(list)
    await wb.commit()
  }

  const inventory = join(dir, 'システム台帳.xlsx')
  {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({filename: inventory, useSharedStrings: false})
    const ws = wb.addWorksheet('業務システム一覧')
    ws.addRow(['令和8年度 情報システム台帳（ベンチ市）']).commit()
    ws.addRow([
      '管理番号',
      'システム名称',
      '対象業務',
      '事業者',
      '稼働環境',
      '年間運用経費（千円）',
      '移行状況',
      '所管課',
    ]).commit()
    BUSINESSES.forEach((b, i) =>
      ws
        .addRow([
          `SYS-${String(i + 1).padStart(3, '0')}`,
          `${b.name}システム`,
          b.name,
          'ベンチ情報システム株式会社',
          'ガバメントクラウド',
          1000 + i * 100,
          '移行中',
          '情報政策課',
        ])
        .commit(),
    )
    await wb.commit()
  }

  // `customizations import` reads at most 100,000 rows per sheet: above that, one file per system
  // (importing a system's list replaces only that system's customizations, so the files add up).
  const split = options.customizations > MAX_ROWS_PER_FILE
  const customizationFiles = split
    ? BUSINESSES.map((b) => join(dir, `カスタマイズ一覧_${b.name}.xlsx`))
    : [join(dir, 'カスタマイズ一覧.xlsx')]
  const sheets = customizationFiles.map((file) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({filename: file, useSharedStrings: false})
    const ws = wb.addWorksheet('カスタマイズ一覧')
    ws.addRow(['令和8年度 標準化対象業務システム カスタマイズ一覧（ベンチ市）']).commit()
    ws.addRow([
      '管理番号',
      'システム名',
      '業務',
      'カスタマイズ名称',
      '内容',
      '関連機能ID',
      '年間保守費（千円）',
      '担当課',
    ]).commit()
    return {wb, ws}
  })
  for (let i = 0; i < options.customizations; i++) {
    const bi = i % BUSINESSES.length
    const b = BUSINESSES[bi]!
    const near = pick(reqs[bi]!)
    const outside = rand() < 0.2
    const first = near.text.split('、')[1] ?? near.text
    sheets[split ? bi : 0]!.ws.addRow([
      `C${String(i + 1).padStart(6, '0')}`,
      `${b.name}システム`,
      b.name,
      outside ? `${pick(names)}${pick(STAFF)}` : `${near.name}${pick(STAFF)}`,
      outside ? `${pick(phrases)}ように${pick(STAFF)}。` : `${first}ように${pick(STAFF)}。`,
      rand() < 0.1 ? near.id : null,
      Math.floor(rand() * 100) * 10,
      '情報政策課',
    ]).commit()
  }
  for (const {wb} of sheets) await wb.commit()
  return {specsDir, inventory, customizations: customizationFiles[0]!, customizationFiles}
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [dir, c, r] = process.argv.slice(2)
  if (!dir) throw new Error('usage: npx tsx bench/workload.ts DIR [customizations] [requirementsPerBusiness]')
  const w = await generateWorkload(resolve(dir), {
    customizations: Number(c ?? 10_000),
    requirementsPerBusiness: Number(r ?? 1500),
  })
  console.log(JSON.stringify(w))
}
