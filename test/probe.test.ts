/**
 * The hostile-file probe (issue list in README「入力の上限」): every case from test/hostile/cases.ts is
 * generated into a temp folder and imported by the real CLI in a child process with a V8 heap cap,
 * so an out-of-memory parser kills only the child. Each run must end with the expected exit code
 * (never 134 / a heap crash), a Japanese message naming the file, bounded time and peak memory, and
 * — for refusals — a database byte-for-byte as before.
 * Times include the CLI's start-up (oclif + TypeScript from source, about 2–3 s on an idle machine);
 * the report at the end prints the measured numbers.
 */
import {spawn} from 'node:child_process'
import {copyFileSync, existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {casePath, PROBE_CASES, type ProbeCase} from './hostile/cases.js'
import {makeTempDir, ROOT, runCli} from './helpers.js'

const HEAP_MB = 512
/** Wall-clock limit per child, start-up included (generous: CI machines are shared). */
const TIMEOUT_MS = 90_000
/** Peak RSS limit per child: the heap cap plus native memory (zlib, SQLite, buffers). */
const MAX_RSS_MB = 1200

let tmp: {dir: string; cleanup: () => void}
let baseDb: string
const measured: {name: string; exit: number | null; ms: number; rssMB: number}[] = []

beforeAll(async () => {
  tmp = makeTempDir('hyojun-probe-')
  baseDb = join(tmp.dir, 'base.db')
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('台帳')
  ws.addRow(['システム名称', '対象業務'])
  ws.addRow(['住民情報システム', '住民記録'])
  const ledger = join(tmp.dir, '台帳.xlsx')
  await wb.xlsx.writeFile(ledger)
  expect((await runCli(['inventory', 'import', ledger, '--db', baseDb])).exitCode).toBe(0)
})

afterAll(() => {
  const worst = [...measured].sort((a, b) => b.ms - a.ms).slice(0, 8)
  process.stderr.write(
    `\nprobe: ${measured.length} cases; slowest (ms, peak RSS MB):\n${worst.map((m) => `  ${m.ms} ms  ${m.rssMB} MB  exit ${m.exit}  ${m.name}`).join('\n')}\n`,
  )
  tmp.cleanup()
})

function run(
  args: string[],
  stats: string,
): Promise<{exit: number | null; signal: string | null; stdout: string; stderr: string; ms: number}> {
  return new Promise((resolve) => {
    const start = performance.now()
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${HEAP_MB}`,
        '--import',
        join(ROOT, 'test/hostile/peak.mjs'),
        join(ROOT, 'bin/dev.js'),
        ...args,
      ],
      {cwd: tmp.dir, env: {...process.env, HYOJUN_PROBE_STATS: stats, NODE_OPTIONS: ''}},
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
    child.on('close', (exit, signal) => {
      clearTimeout(timer)
      resolve({exit, signal, stdout, stderr, ms: Math.round(performance.now() - start)})
    })
  })
}

async function probe(c: ProbeCase): Promise<void> {
  const file = casePath(tmp.dir, c)
  await c.build(file)
  const db = join(tmp.dir, `${c.file}.db`)
  copyFileSync(baseDb, db)
  const before = readFileSync(db)
  const stats = join(tmp.dir, `${c.file}.stats.json`)
  const args = c.command === 'specs' ? ['specs', 'import', file] : ['customizations', 'import', file]
  const r = await run([...args, '--db', db, '--json'], stats)
  rmSync(file, {force: true})
  const s = existsSync(stats)
    ? (JSON.parse(readFileSync(stats, 'utf8')) as {maxRssKiB: number})
    : {maxRssKiB: 0}
  const rssMB = Math.round(s.maxRssKiB / 1024)
  measured.push({name: c.name, exit: r.exit, ms: r.ms, rssMB})
  expect(r.signal, `${c.name}: killed (${r.ms} ms)`).toBeNull()
  expect(r.stderr).not.toMatch(/heap out of memory|FATAL ERROR/)
  expect(r.exit, `${c.name}: ${r.stdout.slice(0, 400)}${r.stderr.slice(0, 400)}`).toBe(c.exit)
  expect(rssMB).toBeLessThan(MAX_RSS_MB)
  if (c.exit === 0) return
  const out = JSON.parse(r.stdout) as {
    error: {code: string; message: string; issues?: {where: string; code: string; message: string}[]}
  }
  // specs import reports per-file problems under one INVALID_DATA: the file's own code is in its issues.
  const codes = [out.error.code, ...(out.error.issues ?? []).map((x) => x.code)]
  expect(
    codes.some((x) => c.codes?.includes(x)),
    `${c.name}: got ${codes.join(',')} ${out.error.message}`,
  ).toBe(true)
  // Japanese, names the file, no internal error or raw English from a library.
  expect(out.error.message + JSON.stringify(out.error.issues ?? [])).toContain(c.file)
  expect(out.error.message).toMatch(/[ぁ-んァ-ヶ一-龠]/)
  expect(out.error.message).not.toContain('内部エラー')
  expect((out.error.issues ?? []).length).toBeLessThanOrEqual(1001)
  expect(r.stdout.length).toBeLessThan(2_000_000)
  expect(readFileSync(db).equals(before), `${c.name}: database changed`).toBe(true)
}

/** Two children at a time: the machine has two cores, and each child may use its whole heap. */
let running = 0
const waiting: (() => void)[] = []
async function limited(fn: () => Promise<void>): Promise<void> {
  if (running >= 2) await new Promise<void>((r) => waiting.push(r))
  running++
  try {
    await fn()
  } finally {
    running--
    waiting.shift()?.()
  }
}

describe.concurrent('hostile-file probe', () => {
  for (const c of PROBE_CASES) it(c.name, () => limited(() => probe(c)), 10 * TIMEOUT_MS)
})

describe('probe bookkeeping', () => {
  it('every case has a distinct file name', () => {
    const names = PROBE_CASES.map((c) => c.file)
    expect(new Set(names).size).toBe(names.length)
    writeFileSync(join(tmp.dir, 'ok'), '')
  })
})
