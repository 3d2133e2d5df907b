/**
 * 比較分析表 workbook benchmark (run by hand): N synthetic Fit&Gap lines over 20 業務 written by the
 * one workbook writer. Prints wall time and peak RSS.
 *
 *   npx tsx bench/workbook.bench.ts            350,000 lines (prefecture scale)
 *   npx tsx bench/workbook.bench.ts 10000      municipal scale
 */
import {mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {BUSINESSES} from '../src/catalog/catalog.js'
import {summarizeLines} from '../src/fitgap/analyze.js'
import type {FitgapLine} from '../src/fitgap/fitgap.schema.js'
import {writeFitgapWorkbook} from '../src/fitgap/fitgap.report.js'

const count = Number(process.argv[2] ?? 350_000)
const VERDICTS = ['fit', 'option', 'prohibited', 'outside'] as const
const CLASSES = ['mandatory', 'optional', 'prohibited', null] as const

const lines: FitgapLine[] = []
for (let i = 0; i < count; i++) {
  const b = BUSINESSES[i % BUSINESSES.length]!
  const v = i % 4
  const reqId = `${b.code}${String((i % 1500) + 1).padStart(4, '0')}`
  lines.push({
    customizationId: `C${i}`,
    systemId: `S${i % 300}`,
    system: `${b.name}システム${i % 15}`,
    business: b.name,
    businessId: b.id,
    specVersion: '5.0',
    name: `帳票の様式変更その${i}`,
    description: '窓口で出す通知書の様式を市独自に変えて、宛名の下に担当課の電話番号を印字するようにした',
    requirementId: v === 3 ? null : reqId,
    requirementName: v === 3 ? null : '通知書の作成',
    requirementText: v === 3 ? null : '各種通知書を作成し、発行履歴を管理できること。',
    requirementClass: CLASSES[v]!,
    score: ((i * 37) % 100) / 100,
    method: 'auto',
    verdict: VERDICTS[v]!,
    needsReview: i % 9 === 0,
    stale: false,
    candidates: [0, 1, 2].map((k) => ({
      requirementId: `${b.code}${String(((i + k) % 1500) + 1).padStart(4, '0')}`,
      requirementName: '通知書の作成',
      requirementClass: 'mandatory' as const,
      score: 0.9 - k * 0.1,
    })),
    annualCostYen: 120_000,
    review: null,
  } as FitgapLine)
}
const summary = summarizeLines(lines)
const dir = mkdtempSync(join(tmpdir(), 'hyojun-wb-bench-'))
let peak = 0
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
const t0 = performance.now()
const out = await writeFitgapWorkbook(join(dir, '比較分析表.xlsx'), lines, summary, {
  municipality: 'ベンチ市',
  date: '2026-12-02',
})
const ms = performance.now() - t0
clearInterval(timer)
peak = Math.max(peak, process.memoryUsage().rss)
console.log(
  `${count.toLocaleString()} lines → ${out.sheets.length} sheets, ${(statSync(out.path).size / 1e6).toFixed(1)} MB: ` +
    `${(ms / 1000).toFixed(1)} s, peak RSS ${(peak / 1e6).toFixed(0)} MB`,
)
rmSync(dir, {recursive: true, force: true})
