/**
 * Evaluate the Fit&Gap matcher on the labelled set (test/fixtures/fitgap-eval.json)
 * against the latest bundled 住民基本台帳 spec.
 *
 *   npx tsx scripts/fitgap-eval.ts               top-1 / top-3 / verdict accuracy
 *   npx tsx scripts/fitgap-eval.ts --compare     the same for each feature mode (bigram / segmenter / both)
 *   npx tsx scripts/fitgap-eval.ts --calibrate   fit the score calibration (Platt) on the set
 *   npx tsx scripts/fitgap-eval.ts --misses      list the items the matcher gets wrong
 */
import {readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {evaluateMatcher, fitLogistic, type EvalItem} from '../src/fitgap/evaluate.js'
import {DEFAULT_MATCHER_CONFIG, type MatcherConfig} from '../src/fitgap/matcher.js'
import {readSpecXml} from '../src/standard/spec-xml.js'
import type {SpecDocument} from '../src/standard/spec.schema.js'

const ROOT = resolve(import.meta.dirname, '..')
export const EVAL_SPEC_FILE = 'juki-6.0.xml'

export function loadEvalSpec(): SpecDocument {
  const path = join(ROOT, 'specs', EVAL_SPEC_FILE)
  const {doc, issues} = readSpecXml(readFileSync(path, 'utf8'), EVAL_SPEC_FILE)
  if (!doc) throw new Error(`${EVAL_SPEC_FILE}: ${issues.map((i) => i.message).join('; ')}`)
  return doc
}

export function loadEvalItems(): EvalItem[] {
  return JSON.parse(readFileSync(join(ROOT, 'test/fixtures/fitgap-eval.json'), 'utf8')) as EvalItem[]
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`

function main(): void {
  const args = new Set(process.argv.slice(2))
  const spec = loadEvalSpec()
  const items = loadEvalItems()
  const outside = items.filter((i) => i.expected === 'outside').length
  console.log(
    `${spec.business} 第${spec.version}版 (${spec.requirements.length} 要件) / 評価 ${items.length} 件（うち outside ${outside}）`,
  )
  const modes: MatcherConfig['mode'][] = args.has('--compare')
    ? ['bigram', 'segmenter', 'both']
    : [DEFAULT_MATCHER_CONFIG.mode]
  for (const mode of modes) {
    const started = process.hrtime.bigint()
    const r = evaluateMatcher(spec, items, {config: {mode}})
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    console.log(
      `${mode.padEnd(9)} top-1 ${pct(r.top1)}  top-3 ${pct(r.top3)}  verdict ${pct(r.verdictAccuracy)}  needsReview ${pct(r.needsReview)}  (${ms.toFixed(0)} ms)`,
    )
    if (args.has('--calibrate')) {
      const points = r.outcomes.map((o) => ({x: o.rawScore, y: o.bestCandidateCorrect}))
      const c = fitLogistic(points)
      console.log(
        `  calibration: a=${c.a.toFixed(2)} b=${c.b.toFixed(2)} (raw at p=0.5: ${(-c.b / c.a).toFixed(3)})`,
      )
    }
    if (args.has('--misses')) {
      for (const o of r.outcomes.filter((x) => !x.top1 || x.verdict !== x.expectedVerdict)) {
        const item = items.find((i) => i.id === o.id)!
        console.log(
          `  ✗ ${o.id} ${item.name} | 期待 ${item.expected === 'outside' ? 'outside' : item.expected.join('/')} (${o.expectedVerdict}) | 結果 ${o.best ?? '-'} ${o.verdict} raw=${o.rawScore.toFixed(3)} score=${o.score.toFixed(2)}${o.top3 ? ' [top3内]' : ''}`,
        )
      }
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main()
