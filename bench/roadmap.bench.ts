/**
 * Roadmap benchmark (run by hand): the scheduler over a generated inventory of one city (300 systems) and of
 * 35 municipalities' worth (10,000 systems, capacities scaled by 35), plus ロードマップ.xlsx for the city size.
 *
 *   npx tsx bench/roadmap.bench.ts            300 and 10,000
 *   npx tsx bench/roadmap.bench.ts 2000       one size
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {BUSINESSES} from '../src/catalog/catalog.js'
import {writeRoadmapWorkbook} from '../src/roadmap/roadmap.report.js'
import {DEFAULT_ASSUMPTIONS} from '../src/roadmap/defaults.js'
import {scheduleRoadmap, type ScheduleSystem} from '../src/roadmap/schedule.js'
import {rng} from './workload.js'

/**
 * One city of `size` systems: one system per 業務 plus subsystems (about 12%), 共通機能 and related systems with
 * a 移行状況 (about 5%), the rest outside the standard (財務会計, 図書館 …: no 業務, no status, out of scope).
 * In scope: 70% 移行済, 15% 移行作業中, 10% 特定移行支援, 5% 未着手 (the national picture at the end of 2026).
 */
function city(size: number, cityNo: number, rand: () => number): ScheduleSystem[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const vendors = Array.from({length: 12}, (_, i) => `ベンダー${((i + cityNo * 5) % 40) + 1}`)
  const month = (k: number): string => {
    const m = 2025 * 12 + k
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`
  }
  const status = (): string => {
    const r = rand()
    return r < 0.7 ? '移行済' : r < 0.85 ? '移行作業中' : r < 0.95 ? '特定移行支援' : '未着手'
  }
  const standard = Math.max(BUSINESSES.length, Math.round(size * 0.12))
  const related = Math.round(size * 0.05)
  return Array.from({length: size}, (_, i) => {
    const vendor = pick(vendors)
    const inScope = i < standard + related
    return {
      id: `C${cityNo}-SYS-${i + 1}`,
      name: i === standard ? `団体内統合宛名システム（${cityNo}）` : `システム${cityNo}-${i + 1}`,
      businesses: i < standard ? [BUSINESSES[i % BUSINESSES.length]!.name] : [],
      vendor,
      product: rand() < 0.2 ? `${vendor}パッケージ（${cityNo}）` : null,
      status: inScope ? status() : null,
      contractEnd: `${month(Math.floor(rand() * 72))}-28`,
      planned: rand() < 0.6 ? month(12 + Math.floor(rand() * 36)) : null,
      links: [],
      records: Math.floor(rand() * 400_000),
      gaps: rand() < 0.5 ? {outside: Math.floor(rand() * 30), prohibited: Math.floor(rand() * 10)} : null,
    }
  })
}

function inventory(n: number, municipalities: number): ScheduleSystem[] {
  const rand = rng(n)
  const per = Math.ceil(n / municipalities)
  return Array.from({length: municipalities}, (_, k) => city(Math.min(per, n - k * per), k + 1, rand)).flat()
}

function time<T>(fn: () => T): {ms: number; value: T} {
  const t0 = performance.now()
  const value = fn()
  return {ms: performance.now() - t0, value}
}

const sizes = process.argv[2] ? [Number(process.argv[2])] : [300, 10_000]
for (const n of sizes) {
  const municipalities = Math.max(1, Math.round(n / 286))
  const systems = inventory(n, municipalities)
  const assumptions = {
    ...DEFAULT_ASSUMPTIONS,
    staffCapacity: DEFAULT_ASSUMPTIONS.staffCapacity * municipalities,
    // One flat list of 35 cities: 業務 bundles and 共通機能 ordering are per city, so they are off here
    // (they would tie every city's 税 systems into one bundle).
    commonFirst: municipalities === 1,
    bundles: municipalities === 1 ? DEFAULT_ASSUMPTIONS.bundles : [],
  }
  const runs: number[] = []
  let out = scheduleRoadmap({today: '2026-12-01', systems, assumptions})
  for (let i = 0; i < 5; i++) {
    const r = time(() => scheduleRoadmap({today: '2026-12-01', systems, assumptions}))
    runs.push(r.ms)
    out = r.value
  }
  runs.sort((a, b) => a - b)
  const late = out.infeasible.length
  console.log(
    `${n.toLocaleString()} systems (${municipalities} municipalities): schedule median ${runs[2]!.toFixed(0)} ms ` +
      `(min ${runs[0]!.toFixed(0)}, max ${runs[4]!.toFixed(0)}); ${out.items.filter((i) => !i.done).length} planned, ` +
      `${late} late, ${out.constraints.dependencies.length} dependencies, ${out.constraints.bundles.length} bundles`,
  )
  if (n <= 2000) {
    const dir = mkdtempSync(join(tmpdir(), 'hyojun-roadmap-bench-'))
    const t0 = performance.now()
    await writeRoadmapWorkbook(
      join(dir, 'ロードマップ.xlsx'),
      {...out, assumptionsSource: 'bench', output: null},
      assumptions,
    )
    console.log(`  ロードマップ.xlsx: ${(performance.now() - t0).toFixed(0)} ms`)
    rmSync(dir, {recursive: true, force: true})
  }
}
