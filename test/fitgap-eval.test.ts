import {describe, expect, it} from 'vitest'
import {evaluateGroups, loadEvalGroups, type EvalSetName, type SetFigures} from '../scripts/fitgap-eval.js'

/**
 * Floors a little below the figures measured with `npx tsx scripts/fitgap-eval.ts --set <set>` (five
 * figures each): a ranker, synonym or decision regression fails here. Every matcher parameter is
 * chosen on the dev sets juki, kojin and sample (in-sample); `official` is out-of-sample (seen once
 * after session 17's freeze and once after session 18's, never tuned on). Review and silent-error
 * rates are ceilings. Raised only where a figure went up.
 */
// `fresh` (the held-out 国民健康保険 set) has no floors yet: nobody has scored it; the lead runs it once.
const FLOORS: Record<
  Exclude<EvalSetName, 'fresh'>,
  {min: Partial<SetFigures>; max: Partial<SetFigures>; hard: number}
> = {
  // measured 97.6 / 97.6 / 97.6 %, review 13.0 %, silent 0.0 % (123 items; session 17: 95.9 / 96.7 / 96.7 / 13.0 / 0.0)
  juki: {
    min: {top1: 0.96, top3: 0.96, verdictAccuracy: 0.96},
    max: {needsReview: 0.16, silentErrors: 0.02},
    hard: 0.18,
  },
  // measured 89.9 / 92.0 / 91.3 %, review 26.1 %, silent 2.2 % (138 items; session 17: 88.4 / 92.0 / 89.1 / 26.1 / 2.2)
  kojin: {
    min: {top1: 0.88, top3: 0.9, verdictAccuracy: 0.89},
    max: {needsReview: 0.28, silentErrors: 0.04},
    hard: 0.25,
  },
  // measured 92.2 / 95.9 / 93.4 %, review 13.7 %, silent 2.9 % (410 items, 20 業務; session 17: 92.0 / 95.6 / 93.2 / 15.6 / 2.7)
  sample: {
    min: {top1: 0.91, top3: 0.94, verdictAccuracy: 0.92},
    max: {needsReview: 0.16, silentErrors: 0.04},
    hard: 0.15,
  },
  // Out-of-sample, untuned. Measured once after this freeze: 85.3 / 91.3 / 87.9 %, review 31.2 %,
  // silent 2.6 % (231 items; session 17: 83.1 / 92.2 / 86.1 %, review 33.8 %, silent 2.6 %). Still
  // below the targets for top-3, verdict and review: see the README.
  official: {
    min: {top1: 0.83, top3: 0.9, verdictAccuracy: 0.86},
    max: {needsReview: 0.34, silentErrors: 0.04},
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
