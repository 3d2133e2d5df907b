/**
 * Evaluate the Fit&Gap matcher on the labelled set (test/fixtures/fitgap-eval.json)
 * against the latest bundled 住民基本台帳 spec.
 *
 *   npx tsx scripts/fitgap-eval.ts               top-1 / top-3 / verdict accuracy
 *   npx tsx scripts/fitgap-eval.ts --compare     the same for each feature mode (bigram / segmenter / both)
 *   npx tsx scripts/fitgap-eval.ts --calibrate   fit the score calibration (Platt) on the set
 *   npx tsx scripts/fitgap-eval.ts --misses      list the items the matcher gets wrong
 *   npx tsx scripts/fitgap-eval.ts --set kojin   the same on the independent 個人住民税 set
 *                                                (test/fixtures/fitgap-eval-kojin.json, not used for tuning
 *                                                the calibration); combines with the options above
 *   npx tsx scripts/fitgap-eval.ts --sample      out-of-sample: the sample city's customizations of all
 *                                                20 業務 (scripts/sample/answer-key.json, written by the
 *                                                sample-data author, not used for tuning) against the
 *                                                latest bundled spec of each 業務
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {evaluateMatcher, fitLogistic, type EvalItem, type EvalReport} from '../src/fitgap/evaluate.js'
import {DEFAULT_MATCHER_CONFIG, type MatcherConfig} from '../src/fitgap/matcher.js'
import {readSpecXml} from '../src/standard/spec-xml.js'
import type {SpecDocument} from '../src/standard/spec.schema.js'
import {openDatabase} from '../src/db/database.js'
import {importCustomizations, importInventory} from '../src/inventory/inventory-import.service.js'
import {listCustomizations} from '../src/inventory/inventory.repository.js'
import {importSpecs} from '../src/standard/spec-import.service.js'
import {loadSpec} from '../src/standard/spec.repository.js'

const ROOT = resolve(import.meta.dirname, '..')

/**
 * The labelled sets: `juki` (the default; the calibration was fitted on it) and `kojin`, an
 * independent set for 個人住民税 written from the spec alone, without looking at the matcher.
 */
export const EVAL_SETS = {
  juki: {specFile: 'juki-6.0.xml', itemsFile: 'test/fixtures/fitgap-eval.json'},
  kojin: {specFile: 'kojin-juminzei-5.0.xml', itemsFile: 'test/fixtures/fitgap-eval-kojin.json'},
} as const
export type EvalSetName = keyof typeof EVAL_SETS
export const EVAL_SPEC_FILE = EVAL_SETS.juki.specFile

export function loadEvalSpec(set: EvalSetName = 'juki'): SpecDocument {
  const file = EVAL_SETS[set].specFile
  const {doc, issues} = readSpecXml(readFileSync(join(ROOT, 'specs', file), 'utf8'), file)
  if (!doc) throw new Error(`${file}: ${issues.map((i) => i.message).join('; ')}`)
  return doc
}

export function loadEvalItems(set: EvalSetName = 'juki'): EvalItem[] {
  return JSON.parse(readFileSync(join(ROOT, EVAL_SETS[set].itemsFile), 'utf8')) as EvalItem[]
}

function isEvalSetName(x: string | undefined): x is EvalSetName {
  return x !== undefined && Object.hasOwn(EVAL_SETS, x)
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`

interface AnswerKeyItem {
  readonly system: string
  readonly id: string
  readonly business: string
  readonly expected: 'fit' | 'prohibited' | 'outside'
  readonly requirementId: string | null
  readonly idWritten: boolean
}

/** Per-業務 and overall accuracy on the sample city (customizations without a written 関連機能ID). */
async function sampleEval(misses: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hyojun-eval-'))
  const dbPath = join(dir, 'eval.db')
  try {
    await importSpecs({dbPath, path: join(ROOT, 'specs'), skipExisting: true})
    await importInventory({dbPath, file: join(ROOT, 'inventory/systems.xlsx')})
    for (const f of ['customizations.xlsx', 'customizations-gakureibo.csv']) {
      await importCustomizations({dbPath, file: join(ROOT, 'inventory', f)})
    }
    const key = JSON.parse(
      readFileSync(join(ROOT, 'scripts/sample/answer-key.json'), 'utf8'),
    ) as AnswerKeyItem[]
    const db = openDatabase(dbPath)
    const customizations = listCustomizations(db)
    const byBusiness = new Map<string, {spec: SpecDocument; items: EvalItem[]}>()
    for (const k of key.filter((x) => !x.idWritten)) {
      const c = customizations.find((x) => x.system === k.system && x.id === k.id)
      if (!c) throw new Error(`answer key ${k.system} ${k.id} is not in the sample lists`)
      let entry = byBusiness.get(c.businessId)
      if (!entry) {
        const spec = loadSpec(db, c.businessId)
        if (!spec) throw new Error(`no spec for ${c.business}`)
        entry = {spec, items: []}
        byBusiness.set(c.businessId, entry)
      }
      entry.items.push({
        id: `${k.system}/${k.id}`,
        name: c.name,
        description: c.description,
        expected: k.expected === 'outside' || k.requirementId === null ? 'outside' : [k.requirementId],
      })
    }
    db.close()
    let n = 0
    const sums = {top1: 0, top3: 0, verdict: 0, review: 0}
    for (const {spec, items} of byBusiness.values()) {
      const r = evaluateMatcher(spec, items)
      n += r.items
      sums.top1 += r.top1 * r.items
      sums.top3 += r.top3 * r.items
      sums.verdict += r.verdictAccuracy * r.items
      sums.review += r.needsReview * r.items
      console.log(
        `${spec.business.padEnd(10, '　')} 第${spec.version}版 ${String(r.items).padStart(3)} 件  top-1 ${pct(r.top1)}  top-3 ${pct(r.top3)}  verdict ${pct(r.verdictAccuracy)}`,
      )
      if (misses) printMisses(r, items)
    }
    console.log(
      `全体 ${n} 件  top-1 ${pct(sums.top1 / n)}  top-3 ${pct(sums.top3 / n)}  verdict ${pct(sums.verdict / n)}  needsReview ${pct(sums.review / n)}`,
    )
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

function printMisses(r: EvalReport, items: readonly EvalItem[]): void {
  for (const o of r.outcomes.filter((x) => !x.top1 || x.verdict !== x.expectedVerdict)) {
    const item = items.find((i) => i.id === o.id)!
    console.log(
      `  ✗ ${o.id} ${item.name} | 期待 ${item.expected === 'outside' ? 'outside' : item.expected.join('/')} (${o.expectedVerdict}) | 結果 ${o.best ?? '-'} ${o.verdict} raw=${o.rawScore.toFixed(3)} score=${o.score.toFixed(2)}${o.top3 ? ' [top3内]' : ''}${o.needsReview ? ' [要確認]' : ''}`,
    )
  }
}

function main(): void {
  const argv = process.argv.slice(2)
  const args = new Set(argv)
  if (args.has('--sample')) {
    void sampleEval(args.has('--misses'))
    return
  }
  let set: EvalSetName = 'juki'
  const setAt = argv.indexOf('--set')
  if (setAt >= 0) {
    const name = argv[setAt + 1]
    if (!isEvalSetName(name)) {
      console.error(`--set: expected one of ${Object.keys(EVAL_SETS).join(', ')}`)
      process.exitCode = 2
      return
    }
    set = name
  }
  const spec = loadEvalSpec(set)
  const items = loadEvalItems(set)
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
    if (args.has('--misses')) printMisses(r, items)
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main()
