/**
 * Import time and peak memory for 30,000 requirements in Excel annexes.
 * Run by hand: `npx tsx bench/specs-import.bench.ts [total] [perWorkbook]`.
 * A 機能ID is a 3-digit 業務 code + a 4-digit serial, so one 業務's spec holds
 * at most 9,999 requirements: the total is spread over workbooks of
 * `perWorkbook` rows (default 4 × 7,500), one 業務 each, imported as a folder
 * (one transaction). The workbooks are generated first; the import runs in a
 * fresh child process so its maxRSS is the import's own peak.
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {BUSINESSES} from '../src/catalog/catalog.js'
import {writeWorkbook, type ColumnSpec} from '../src/reports/workbook-writer.js'
import {importSpecs} from '../src/standard/spec-import.service.js'

interface Row {
  major: string
  middle: string
  id: string
  name: string
  text: string
  cls: string
  note: string
}

const LABELS = ['【類型1：実装必須機能】', '【類型3：標準オプション機能】', '【類型2：実装不可機能】']

async function generate(path: string, code: string, title: string, rows: number): Promise<void> {
  const data: Row[] = []
  for (let i = 1; i <= rows; i++) {
    const r = i % 20
    data.push({
      major: i % 500 === 1 ? `大項目${Math.ceil(i / 500)}` : '',
      middle: i % 25 === 1 ? `中項目${Math.ceil(i / 25)}` : '',
      id: `${code}${String(i).padStart(4, '0')}`,
      name: `住民票記載事項の登録${i}`,
      text: `住民票の記載事項（氏名、生年月日、性別、住所、世帯主の氏名及び続柄等）を登録し、管理できること。\n異動履歴（${i}）を保持すること。`,
      cls: LABELS[r < 15 ? 0 : r < 19 ? 1 : 2]!,
      note: i % 7 === 0 ? '指定都市は区役所間の運用を考慮する。' : '',
    })
  }
  const columns: ColumnSpec<Row>[] = [
    {header: '大項目', width: 16, value: (r) => r.major},
    {header: '中項目', width: 16, value: (r) => r.middle},
    {header: '機能ID', width: 10, value: (r) => r.id},
    {header: '機能名称', width: 24, value: (r) => r.name},
    {header: '機能要件', width: 60, kind: 'longtext', value: (r) => r.text},
    {header: '実装区分', width: 20, value: (r) => r.cls},
    {header: '備考', width: 30, value: (r) => r.note},
  ]
  await writeWorkbook(path, [
    {name: '機能要件', title: [`${title}【第9.0版】`, '令和7年3月31日 公表'], columns, rows: data},
  ])
}

async function measure(folder: string, db: string): Promise<void> {
  const t0 = performance.now()
  const r = await importSpecs({dbPath: db, path: folder})
  const ms = performance.now() - t0
  const mem = process.memoryUsage()
  console.log(
    JSON.stringify({
      workbooks: r.imported.length,
      requirements: r.imported.reduce((n, i) => n + i.requirements, 0),
      importMs: Math.round(ms),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      heapUsedMBAtEnd: Math.round(mem.heapUsed / 2 ** 20),
    }),
  )
}

if (process.argv[2] === '--measure') {
  await measure(process.argv[3]!, process.argv[4]!)
} else {
  const total = Number(process.argv[2] ?? 30000)
  const per = Math.min(Number(process.argv[3] ?? 7500), 9999)
  const dir = mkdtempSync(join(tmpdir(), 'hyojun-bench-'))
  try {
    const folder = join(dir, 'annexes')
    mkdirSync(folder)
    const t0 = performance.now()
    let bytes = 0
    for (let done = 0, k = 0; done < total; k++) {
      const b = BUSINESSES[k]
      if (!b) throw new Error('too many rows for 20 業務')
      const rows = Math.min(per, total - done)
      const file = join(folder, `${b.name}_機能要件_第9.0版.xlsx`)
      await generate(file, b.code, b.spec, rows)
      bytes += statSync(file).size
      done += rows
    }
    console.log(
      `generated ${total} requirements in ${Math.ceil(total / per)} workbooks: ${Math.round(performance.now() - t0)} ms, ${(bytes / 2 ** 20).toFixed(1)} MB`,
    )
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, '--measure', folder, join(dir, 'bench.db')],
      {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']},
    )
    process.stdout.write(child.stdout)
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}
