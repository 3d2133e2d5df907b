/**
 * The municipal pipeline, run as a user runs it (run by hand, after `npm run build`):
 * the BUILT CLI as child processes on a fresh --db in a temp dir —
 * inventory import → specs import DIR → customizations import → fitgap --output —
 * against the Python peer (bench/peer/pipeline.py: openpyxl read_only/write_only,
 * sqlite3 between steps, per-業務 character-bigram BM25 top 3) in the same run.
 *
 *   npm run build && npx tsx bench/pipeline.bench.ts                 20 業務 × 1,500 requirements, 10,000 customizations
 *   npx tsx bench/pipeline.bench.ts --customizations 350000 --no-peer   prefecture scale (one カスタマイズ一覧 per system)
 *   options: --customizations N  --requirements N (per 業務)  --repeat N  --no-peer  --keep
 *
 * Peak RSS comes from GNU time (/usr/bin/time -f %M) when present. The peer is skipped with
 * a message when python3 with openpyxl is missing (PYTHON=... picks the interpreter).
 * Wall times depend on what else runs on the machine: repeat, and note `uptime`.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {generateWorkload, type Workload} from './workload.js'

const ROOT = resolve(import.meta.dirname, '..')
const argv = process.argv.slice(2)
const option = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? Number(argv[i + 1]) : fallback
}
const customizations = option('customizations', 10_000)
const requirementsPerBusiness = option('requirements', 1500)
const repeat = option('repeat', 1)
const withPeer = !argv.includes('--no-peer')
const keep = argv.includes('--keep')
const GNU_TIME = '/usr/bin/time'

interface StepResult {
  step: string
  seconds: number
  /** Peak resident set size of the child, MB (null without GNU time). */
  peakMb: number | null
  /** User + system CPU seconds of the child (null without GNU time): steadier than wall time under load. */
  cpu: number | null
}

/** Run one command; wall time measured here, peak RSS from GNU time's %M (KB) on the last stderr line. */
function run(step: string, cmd: string, args: string[], cwd: string): StepResult {
  const timed = existsSync(GNU_TIME)
  const t0 = performance.now()
  const r = timed
    ? spawnSync(GNU_TIME, ['-f', '__PEAK_KB__ %M %U %S', cmd, ...args], {
        cwd,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      })
    : spawnSync(cmd, args, {cwd, encoding: 'utf8', maxBuffer: 1 << 28})
  const seconds = (performance.now() - t0) / 1000
  if (r.status !== 0) {
    throw new Error(`${step} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}\n${r.stdout.slice(-2000)}`)
  }
  const peak = /__PEAK_KB__ (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr)
  return {
    step,
    seconds,
    peakMb: peak ? Number(peak[1]) / 1024 : null,
    cpu: peak ? Number(peak[2]) + Number(peak[3]) : null,
  }
}

function findPython(): string | null {
  for (const py of [process.env.PYTHON, 'python3', '/usr/bin/python3']) {
    if (!py) continue
    const r = spawnSync(py, ['-c', 'import openpyxl'], {encoding: 'utf8'})
    if (r.status === 0) return py
  }
  return null
}

const STEPS = ['inventory import', 'specs import', 'customizations import', 'fitgap --output'] as const

/** Steps run once per file (customizations import above 100,000 rows) as one: times and CPU add up, peak is the highest. */
function combine(step: string, parts: readonly StepResult[]): StepResult {
  return {
    step,
    seconds: parts.reduce((a, x) => a + x.seconds, 0),
    peakMb: parts.some((x) => x.peakMb === null) ? null : Math.max(...parts.map((x) => x.peakMb!)),
    cpu: parts.some((x) => x.cpu === null) ? null : parts.reduce((a, x) => a + x.cpu!, 0),
  }
}

function hyojun(dir: string, w: Workload): StepResult[] {
  const db = join(dir, 'hyojun.db')
  rmSync(db, {force: true})
  const bin = join(ROOT, 'bin', 'run.js')
  const cli = (step: string, ...args: string[]): StepResult =>
    run(step, process.execPath, [bin, ...args, '--db', db], dir)
  return [
    cli(STEPS[0], 'inventory', 'import', w.inventory),
    cli(STEPS[1], 'specs', 'import', w.specsDir),
    combine(
      STEPS[2],
      w.customizationFiles.map((f) => cli(STEPS[2], 'customizations', 'import', f)),
    ),
    cli(STEPS[3], 'fitgap', '--output', join(dir, '比較分析表.xlsx')),
  ]
}

function peer(python: string, dir: string, w: Workload): StepResult[] {
  if (w.customizationFiles.length > 1)
    throw new Error('the peer reads one カスタマイズ一覧: run with --no-peer')
  const db = join(dir, 'peer.db')
  rmSync(db, {force: true})
  const script = join(ROOT, 'bench', 'peer', 'pipeline.py')
  const py = (step: string, ...args: string[]): StepResult =>
    run(step, python, [script, ...args, '--db', db], dir)
  return [
    py(STEPS[0], 'inventory', w.inventory),
    py(STEPS[1], 'specs', w.specsDir),
    py(STEPS[2], 'customizations', w.customizations),
    py(STEPS[3], 'fitgap', '--output', join(dir, 'peer.xlsx')),
  ]
}

const fmtS = (s: number): string => `${s.toFixed(2)} s`.padStart(9)
const fmtCpu = (s: number | null): string => (s === null ? '—' : `${s.toFixed(2)} s`).padStart(9)
const fmtMb = (mb: number | null): string => (mb === null ? '—' : `${mb.toFixed(0)} MB`).padStart(8)

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist')))
    throw new Error('dist/ がありません。先に npm run build を実行してください')
  const dir = mkdtempSync(join(tmpdir(), 'hyojun-pipeline-'))
  try {
    const g0 = performance.now()
    const w = await generateWorkload(dir, {customizations, requirementsPerBusiness})
    console.log(
      `workload: 20 業務 × ${requirementsPerBusiness} requirements, ${customizations} customizations ` +
        `(generated in ${((performance.now() - g0) / 1000).toFixed(1)} s, in ${dir})`,
    )
    const python = withPeer ? findPython() : null
    if (withPeer && python === null)
      console.log('peer skipped: python3 with openpyxl not found (Debian: apt-get install python3-openpyxl)')
    for (let round = 1; round <= repeat; round++) {
      const load = loadavg().map((l) => l.toFixed(2))
      console.log(`\nround ${round}/${repeat}  load average ${load.join(' ')}  (${new Date().toISOString()})`)
      const h = hyojun(dir, w)
      const p = python ? peer(python, dir, w) : null
      const header = ['step'.padEnd(22), 'hyojun'.padStart(9), 'cpu'.padStart(9), 'peak'.padStart(8)]
      if (p)
        header.push('peer'.padStart(9), 'cpu'.padStart(9), 'peak'.padStart(8), 'peer/hyojun'.padStart(12))
      console.log(header.join('  '))
      const rows = h.map((hs, i) => ({hs, ps: p?.[i]}))
      const total = (xs: StepResult[]): StepResult => ({
        step: 'total',
        seconds: xs.reduce((a, x) => a + x.seconds, 0),
        peakMb: xs.some((x) => x.peakMb === null) ? null : Math.max(...xs.map((x) => x.peakMb!)),
        cpu: xs.some((x) => x.cpu === null) ? null : xs.reduce((a, x) => a + x.cpu!, 0),
      })
      rows.push({hs: total(h), ps: p ? total(p) : undefined})
      for (const {hs, ps} of rows) {
        const cells = [hs.step.padEnd(22), fmtS(hs.seconds), fmtCpu(hs.cpu), fmtMb(hs.peakMb)]
        if (ps)
          cells.push(
            fmtS(ps.seconds),
            fmtCpu(ps.cpu),
            fmtMb(ps.peakMb),
            `${(ps.seconds / hs.seconds).toFixed(2)}×`.padStart(12),
          )
        console.log(cells.join('  '))
      }
    }
    if (keep) console.log(`\nkept ${dir}`)
  } finally {
    if (!keep) rmSync(dir, {recursive: true, force: true})
  }
}

await main()
