// Preloaded into probe children: on exit, record the peak resident set size (KiB) and the time since start.
import {writeFileSync} from 'node:fs'
import {performance} from 'node:perf_hooks'

const out = process.env.HYOJUN_PROBE_STATS
const start = performance.now()
if (out)
  process.on('exit', () => {
    writeFileSync(
      out,
      JSON.stringify({maxRssKiB: process.resourceUsage().maxRSS, ms: Math.round(performance.now() - start)}),
    )
  })
