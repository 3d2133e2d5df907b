import {describe, expect, it} from 'vitest'
import {evaluateGroups, loadEvalGroups, type EvalSetName, type SetFigures} from '../scripts/fitgap-eval.js'

/**
 * Floors a little below the figures measured with `npx tsx scripts/fitgap-eval.ts --set <set>` (five
 * figures each): a ranker, synonym or decision regression fails here. Every matcher parameter is
 * chosen on the dev sets juki, kojin, sample and official (all in-sample; official was untuned
 * through the first matcher round of session 18 and is in-sample since its second round). Review and silent-error rates are
 * ceilings. Raised (ceilings lowered) only where a figure improved.
 */
// `fresh` (the held-out 国民健康保険 set) has no floors on purpose: a failing floor would invite tuning on it.
// It is scored once per matcher change and reported in README (last: 80.2 / 92.8 / 85.5 / 28.0 / 3.1).
const FLOORS: Record<
  Exclude<EvalSetName, 'fresh'>,
  {min: Partial<SetFigures>; max: Partial<SetFigures>; hard: number}
> = {
  // measured 99.2 / 99.2 / 99.2 %, review 8.1 %, silent 0.0 % (123 items; session 18 round 1: 97.6 / 97.6 / 97.6 / 13.0 / 0.0)
  juki: {
    min: {top1: 0.98, top3: 0.98, verdictAccuracy: 0.98},
    max: {needsReview: 0.11, silentErrors: 0.02},
    hard: 0.18,
  },
  // measured 93.5 / 95.7 / 94.2 %, review 22.5 %, silent 2.2 % (138 items; session 18 round 1: 89.9 / 92.0 / 91.3 / 26.1 / 2.2)
  kojin: {
    min: {top1: 0.92, top3: 0.94, verdictAccuracy: 0.93},
    max: {needsReview: 0.25, silentErrors: 0.04},
    hard: 0.25,
  },
  // measured 92.9 / 96.8 / 94.1 %, review 11.7 %, silent 2.9 % (410 items, 20 業務; session 18 round 1: 92.2 / 95.9 / 93.4 / 13.7 / 2.9)
  sample: {
    min: {top1: 0.92, top3: 0.95, verdictAccuracy: 0.93},
    max: {needsReview: 0.14, silentErrors: 0.04},
    hard: 0.15,
  },
  // In-sample since session 18 round 2 (tuned on with the others): 87.4 / 93.9 / 90.0 %, review 27.7 %,
  // silent 2.6 % (231 items; session 18 round 1, then untuned: 85.3 / 91.3 / 87.9 / 31.2 / 2.6).
  official: {
    min: {top1: 0.86, top3: 0.92, verdictAccuracy: 0.88},
    max: {needsReview: 0.3, silentErrors: 0.04},
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
