/**
 * Fit&Gap benchmark (run by hand): N customizations against M requirements in
 * 20 業務, generated from fragments of the bundled spec texts; matching plus
 * the 比較分析表 workbook.
 *
 *   npx tsx bench/fitgap.bench.ts                 10,000 × 30,000 (the target)
 *   npx tsx bench/fitgap.bench.ts 2500 7500       smaller, to see how time and memory scale
 *   npx tsx bench/fitgap.bench.ts --no-stored-features   tokenize the requirements inside fit/gap
 *                                                 (specs imported before migration 008)
 * Wall time depends on what else runs on the machine; the CPU time next to it is steadier.
 *   node --expose-gc --import tsx bench/fitgap.bench.ts   (steadier heap numbers)
 */
import {readdirSync, readFileSync, rmSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {analyzeBusiness, summarizeLines, type CustomizationInput} from '../src/fitgap/analyze.js'
import {DEFAULT_MATCHER_CONFIG} from '../src/fitgap/matcher.js'
import {extractRequirementFeatures} from '../src/fitgap/requirement-features.js'
import type {FitgapLine} from '../src/fitgap/fitgap.schema.js'
import {writeFitgapWorkbook} from '../src/fitgap/fitgap.report.js'
import type {Requirement, RequirementClass, SpecDocument} from '../src/standard/spec.schema.js'
import {BUSINESSES} from '../src/catalog/catalog.js'
import {rng} from './workload.js'

const ROOT = resolve(import.meta.dirname, '..')
const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const customizations = Number(positional[0] ?? 10_000)
const requirements = Number(positional[1] ?? 30_000)
/** Use features as `specs import` stores them (the default), or compute them inside fit/gap. */
const storedFeatures = !process.argv.includes('--no-stored-features')
const BUSINESS_COUNT = 20

const rand = rng(42)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!

// Phrase pool: clauses of every bundled requirement text and name.
const phrases: string[] = []
const names: string[] = []
for (const f of readdirSync(join(ROOT, 'specs')).filter((x) => x.endsWith('.xml'))) {
  const xml = readFileSync(join(ROOT, 'specs', f), 'utf8')
  for (const m of xml.matchAll(/<text>([^<]+)<\/text>/g))
    phrases.push(...m[1]!.split(/[、。]/).filter((s) => s.length > 3))
  for (const m of xml.matchAll(/<name>([^<]+)<\/name>/g)) names.push(m[1]!)
}
const STAFF = [
  'したい',
  'を改修',
  'の画面',
  '帳票を追加',
  'アラート',
  'まとめて',
  '窓口で',
  '独自に',
  'EUCで',
  '一覧を出す',
]
const CLASSES: RequirementClass[] = ['mandatory', 'mandatory', 'mandatory', 'optional', 'prohibited']

function makeSpec(b: number, count: number): SpecDocument {
  const business = BUSINESSES[b]!
  const reqs: Requirement[] = []
  for (let i = 0; i < count; i++) {
    reqs.push({
      id: `${business.code}${String(i + 1).padStart(4, '0')}`,
      path: [pick(names).slice(0, 6), pick(names).slice(0, 8)],
      name: `${pick(names)}（${i}）`,
      text: `${pick(phrases)}、${pick(phrases)}、${pick(phrases)}できること。`,
      class: pick(CLASSES),
      variants: [],
      note: null,
    })
  }
  return {
    businessId: business.id,
    business: business.name,
    version: '1.0',
    published: '2025-01-01',
    effective: null,
    title: `${business.name}標準仕様書（ベンチ用）`,
    requirements: reqs,
    forms: [],
  }
}

function makeCustomizations(spec: SpecDocument, count: number): CustomizationInput[] {
  return Array.from({length: count}, (_, i) => {
    const near = pick(spec.requirements)
    const outside = rand() < 0.2
    return {
      id: `C${String(i + 1).padStart(5, '0')}`,
      systemId: `SYS-${spec.businessId}`,
      system: `${spec.business}システム`,
      businessId: spec.businessId,
      business: spec.business,
      name: outside ? `${pick(STAFF)}${pick(names).slice(2)}` : `${near.name.slice(0, 8)}${pick(STAFF)}`,
      description: outside ? `${pick(phrases)}${pick(STAFF)}` : `${near.text.split('、')[0]}${pick(STAFF)}`,
      requirementId: rand() < 0.1 ? near.id : null,
      annualCostYen: Math.floor(rand() * 100) * 10_000,
    }
  })
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`
let peakRss = 0
let peakHeap = 0
const sample = (): void => {
  const m = process.memoryUsage()
  peakRss = Math.max(peakRss, m.rss)
  peakHeap = Math.max(peakHeap, m.heapUsed)
}
const timer = setInterval(sample, 20)

async function main(): Promise<void> {
  const perReq = Math.floor(requirements / BUSINESS_COUNT)
  const perCust = Math.floor(customizations / BUSINESS_COUNT)
  const t0 = performance.now()
  const specs = Array.from({length: BUSINESS_COUNT}, (_, b) => makeSpec(b, perReq))
  const custs = specs.map((s) => makeCustomizations(s, perCust))
  const tf0 = performance.now()
  const cf0 = process.cpuUsage()
  // What `specs import` stores (spec_features): computed once per spec version, not per run.
  const features = storedFeatures
    ? specs.map((s) => extractRequirementFeatures(s.requirements, DEFAULT_MATCHER_CONFIG))
    : specs.map(() => null)
  const featuresCpu = process.cpuUsage(cf0)
  const t1 = performance.now()
  sample()
  const baseRss = process.memoryUsage().rss
  const lines: FitgapLine[] = []
  const c1 = process.cpuUsage()
  // One 業務 at a time: its index is garbage once its customizations are matched.
  for (let b = 0; b < BUSINESS_COUNT; b++) {
    lines.push(
      ...analyzeBusiness({
        spec: specs[b]!,
        customizations: custs[b]!,
        reviews: new Map(),
        features: features[b],
      }).lines,
    )
    sample()
  }
  const summary = summarizeLines(lines)
  const fitgapCpu = process.cpuUsage(c1)
  const t2 = performance.now()
  const dir = mkdtempSync(join(tmpdir(), 'hyojun-bench-'))
  try {
    await writeFitgapWorkbook(join(dir, '比較分析表.xlsx'), lines, summary, {
      municipality: 'ベンチ市',
      date: '2026-01-01',
    })
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
  const t3 = performance.now()
  sample()
  clearInterval(timer)
  const counts = summary.reduce(
    (acc, s) => ({
      fit: acc.fit + s.fit,
      option: acc.option + s.option,
      prohibited: acc.prohibited + s.prohibited,
      outside: acc.outside + s.outside,
    }),
    {fit: 0, option: 0, prohibited: 0, outside: 0},
  )
  console.log(
    `customizations ${lines.length} × requirements ${perReq * BUSINESS_COUNT} (${BUSINESS_COUNT} 業務)`,
  )
  const cpu = (u: NodeJS.CpuUsage): string => `${((u.user + u.system) / 1000).toFixed(0)} ms CPU`
  console.log(`  generate      ${(tf0 - t0).toFixed(0)} ms (rss after ${mb(baseRss)})`)
  console.log(
    storedFeatures
      ? `  features      ${(t1 - tf0).toFixed(0)} ms, ${cpu(featuresCpu)} (at spec import, stored; not part of fitgap)`
      : '  features      computed inside fit/gap (--no-stored-features)',
  )
  console.log(
    `  fit/gap       ${(t2 - t1).toFixed(0)} ms, ${cpu(fitgapCpu)}  (${((t2 - t1) / lines.length).toFixed(2)} ms / customization)`,
  )
  console.log(`  workbook      ${(t3 - t2).toFixed(0)} ms`)
  console.log(`  peak rss ${mb(peakRss)}, peak heap ${mb(peakHeap)}`)
  console.log(`  verdicts ${JSON.stringify(counts)}`)
}

await main()
