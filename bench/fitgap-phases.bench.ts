/**
 * `hyojun fitgap --output` phase by phase on a prepared database (run by hand): the service as the
 * command runs it, timed at its progress events — read customizations, match, store, write the
 * 比較分析表 — with CPU time (user + system) and peak RSS per phase. Works on a copy of the database.
 *
 *   npx tsx bench/workload.ts /tmp/w 350000 && (import it: see bench/pipeline.bench.ts --keep)
 *   npx tsx bench/fitgap-phases.bench.ts path/to/hyojun.db         prefecture scale: 350,000 × 30,000
 *   node --expose-gc --import tsx bench/fitgap-phases.bench.ts DB   also live heap after each phase
 *
 * Wall time depends on what else runs on the machine; CPU time is steadier. Prints the load average.
 */
import {copyFileSync, mkdtempSync, rmSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {runFitgap, type FitgapProgress} from '../src/fitgap/fitgap.service.js'

const source = process.argv[2]
if (!source) throw new Error('usage: npx tsx bench/fitgap-phases.bench.ts HYOJUN_DB')
const dir = mkdtempSync(join(tmpdir(), 'hyojun-phases-'))
const db = join(dir, 'hyojun.db')
copyFileSync(resolve(source), db)

const gc = (globalThis as {gc?: () => void}).gc
interface Phase {
  name: string
  wall: number
  cpu: number
  peakRss: number
  heapAfter: number | null
}
const phases: Phase[] = []
let current: {name: string; t0: number; c0: NodeJS.CpuUsage; peak: number} | null = null
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`
const timer = setInterval(() => {
  if (current) current.peak = Math.max(current.peak, process.memoryUsage().rss)
}, 20)
function close(): void {
  if (!current) return
  const c = process.cpuUsage(current.c0)
  const peakRss = Math.max(current.peak, process.memoryUsage().rss)
  gc?.()
  phases.push({
    name: current.name,
    wall: performance.now() - current.t0,
    cpu: (c.user + c.system) / 1000,
    peakRss,
    heapAfter: gc ? process.memoryUsage().heapUsed : null,
  })
  current = null
}
function open(name: string): void {
  close()
  current = {name, t0: performance.now(), c0: process.cpuUsage(), peak: process.memoryUsage().rss}
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
)
const t0 = performance.now()
const c0 = process.cpuUsage()
try {
  open('start')
  const result = await runFitgap({
    dbPath: db,
    output: join(dir, '比較分析表.xlsx'),
    onProgress: ({phase}: FitgapProgress) => {
      if (phase !== current?.name) open(phase)
    },
  })
  close()
  const all = process.cpuUsage(c0)
  console.log(`${result.results.length.toLocaleString()} customizations, ${result.summary.length} 業務`)
  for (const p of phases)
    console.log(
      `  ${p.name.padEnd(6)} ${(p.wall / 1000).toFixed(1).padStart(6)} s wall ${(p.cpu / 1000).toFixed(1).padStart(6)} s CPU` +
        `  peak RSS ${mb(p.peakRss).padStart(8)}${p.heapAfter === null ? '' : `  heap after ${mb(p.heapAfter)}`}`,
    )
  console.log(
    `  total  ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s wall ${((all.user + all.system) / 1e6).toFixed(1).padStart(6)} s CPU` +
      `  peak RSS ${mb(Math.max(...phases.map((p) => p.peakRss)))}  (load average now ${loadavg()[0]!.toFixed(2)})`,
  )
} finally {
  clearInterval(timer)
  rmSync(dir, {recursive: true, force: true})
}
