import {describe, expect, it} from 'vitest'
import {evaluateGroups, loadEvalGroups, type EvalSetName, type SetFigures} from '../scripts/fitgap-eval.js'

/**
 * Floors a little below the figures measured with `npx tsx scripts/fitgap-eval.ts` (all sets, five
 * figures each): a ranker, synonym or decision regression fails here. Every matcher parameter was
 * chosen on `juki` alone (in-sample); the other sets are out-of-sample (see the script's header).
 * Review and silent-error rates are ceilings.
 */
// `fresh` (the held-out 国民健康保険 set) has no floors yet: nobody has scored it; the lead runs it once.
const FLOORS: Record<
  Exclude<EvalSetName, 'fresh'>,
  {min: Partial<SetFigures>; max: Partial<SetFigures>; hard: number}
> = {
  // measured 95.9 / 96.7 / 96.7 %, review 13.0 %, silent 0.0 % (123 items)
  juki: {
    min: {top1: 0.94, top3: 0.95, verdictAccuracy: 0.95},
    max: {needsReview: 0.16, silentErrors: 0.02},
    hard: 0.18,
  },
  // measured 88.4 / 92.0 / 89.1 %, review 25.4 %, silent 2.2 % (138 items)
  kojin: {
    min: {top1: 0.86, top3: 0.9, verdictAccuracy: 0.87},
    max: {needsReview: 0.28, silentErrors: 0.04},
    hard: 0.25,
  },
  // measured 92.0 / 95.6 / 93.2 %, review 15.4 %, silent 2.7 % (410 items, 20 業務)
  sample: {
    min: {top1: 0.9, top3: 0.93, verdictAccuracy: 0.91},
    max: {needsReview: 0.18, silentErrors: 0.04},
    hard: 0.15,
  },
  // Untuned: opened only after the parameters were frozen. Measured 83.1 / 92.2 / 86.1 %, review
  // 33.3 %, silent 2.6 % (231 items; the previous matcher: 80.1 / 92.2 / 85.7 %, review 13.9 %,
  // silent 8.2 %). Below the targets for top-1, top-3, verdict and review: see the README.
  official: {
    min: {top1: 0.81, top3: 0.9, verdictAccuracy: 0.84},
    max: {needsReview: 0.36, silentErrors: 0.04},
    hard: 0.25,
  },
}

// The sample set imports every bundled spec and the sample lists: load and evaluate each set once.
const evaluated = new Map<EvalSetName, ReturnType<typeof evaluateGroups>>()
async function evaluate(set: EvalSetName): Promise<ReturnType<typeof evaluateGroups>> {
  let r = evaluated.get(set)
  if (!r) evaluated.set(set, (r = evaluateGroups(await loadEvalGroups(set))))
  return r
}

describe.each(Object.keys(FLOORS) as (keyof typeof FLOORS)[])(
  'Fit&Gap matcher on the labelled set %s',
  (set) => {
    const floors = FLOORS[set]

    it('is a realistic set: ≥ 100 items, a share of them outside or prohibited', async () => {
      const {figures, reports} = await evaluate(set)
      expect(figures.items).toBeGreaterThanOrEqual(100)
      const hard = reports
        .flatMap((r) => r.report.outcomes)
        .filter((o) => o.expectedVerdict === 'outside' || o.expectedVerdict === 'prohibited')
      expect(hard.length / figures.items).toBeGreaterThanOrEqual(floors.hard)
    })

    it('keeps top-1, top-3, verdict accuracy, review rate and silent errors within their bounds', async () => {
      const {figures} = await evaluate(set)
      for (const [k, v] of Object.entries(floors.min))
        expect(figures[k as keyof SetFigures], k).toBeGreaterThanOrEqual(v)
      for (const [k, v] of Object.entries(floors.max))
        expect(figures[k as keyof SetFigures], k).toBeLessThanOrEqual(v)
    })
  },
)
