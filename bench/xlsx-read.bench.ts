/**
 * .xlsx reading: hyojun's reader (src/sources/xlsx.ts: zip-guard + xlsx-grid) against exceljs'
 * in-memory reader it replaced (test/xlsx-reference.ts), on the municipal workload's workbooks
 * (20 spec annexes of 1,500 requirements, a カスタマイズ一覧 of 10,000 rows). Both must give the same
 * grids (checked here too); CPU time is reported next to wall time because the machine may be shared.
 *
 *   npx tsx bench/xlsx-read.bench.ts [--customizations N] [--requirements N]
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {isDeepStrictEqual} from 'node:util'
import {readXlsx} from '../src/sources/xlsx.js'
import {readWithExceljs} from '../test/xlsx-reference.js'
import {generateWorkload} from './workload.js'

const argv = process.argv.slice(2)
const option = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? Number(argv[i + 1]) : fallback
}

const cpuSeconds = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

async function measure<T>(fn: () => Promise<T>): Promise<{value: T; wall: number; cpu: number}> {
  const c0 = cpuSeconds()
  const t0 = performance.now()
  const value = await fn()
  return {value, wall: (performance.now() - t0) / 1000, cpu: cpuSeconds() - c0}
}

const dir = mkdtempSync(join(tmpdir(), 'hyojun-xlsx-read-'))
try {
  const w = await generateWorkload(dir, {
    customizations: option('customizations', 10_000),
    requirementsPerBusiness: option('requirements', 1500),
  })
  const groups = {
    'specs (20 workbooks)': readdirSync(w.specsDir).map((f) => join(w.specsDir, f)),
    カスタマイズ一覧: [w.customizations],
  }
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  console.log(['files'.padEnd(22), 'hyojun wall', 'cpu', 'exceljs wall', 'cpu', 'same grid'].join('  '))
  for (const [label, files] of Object.entries(groups)) {
    const ours = await measure(async () => Promise.all(files.map((f) => readXlsx(f))))
    const theirs = await measure(async () => {
      const out = []
      for (const f of files) out.push(await readWithExceljs(readFileSync(f)))
      return out
    })
    const same = ours.value.every((g, i) => isDeepStrictEqual(g.sheets, theirs.value[i]))
    console.log(
      [
        label.padEnd(22),
        `${ours.wall.toFixed(2)} s`.padStart(11),
        `${ours.cpu.toFixed(2)} s`.padStart(7),
        `${theirs.wall.toFixed(2)} s`.padStart(12),
        `${theirs.cpu.toFixed(2)} s`.padStart(7),
        String(same).padStart(9),
      ].join('  '),
    )
  }
} finally {
  rmSync(dir, {recursive: true, force: true})
}
