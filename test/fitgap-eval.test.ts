import {describe, expect, it} from 'vitest'
import {evaluateMatcher} from '../src/fitgap/evaluate.js'
import {loadEvalItems, loadEvalSpec} from '../scripts/fitgap-eval.js'

// Floors a little below the measured numbers (97.6% / 98.4% / 97.6% on 123 items,
// `npx tsx scripts/fitgap-eval.ts`): a ranker or synonym regression fails here.
describe('Fit&Gap matcher on the labelled evaluation set (住民基本台帳, latest bundled spec)', () => {
  const spec = loadEvalSpec()
  const items = loadEvalItems()

  it('has a realistic set: ≥ 100 items, ~20% outside or prohibited', () => {
    expect(items.length).toBeGreaterThanOrEqual(100)
    const r = evaluateMatcher(spec, items)
    const hard = r.outcomes.filter(
      (o) => o.expectedVerdict === 'outside' || o.expectedVerdict === 'prohibited',
    )
    expect(hard.length / items.length).toBeGreaterThanOrEqual(0.18)
  })

  it('keeps top-1, top-3 and verdict accuracy above their floors', () => {
    const r = evaluateMatcher(spec, items)
    expect(r.top1).toBeGreaterThanOrEqual(0.94)
    expect(r.top3).toBeGreaterThanOrEqual(0.96)
    expect(r.verdictAccuracy).toBeGreaterThanOrEqual(0.94)
  })
})

// An independent set for 個人住民税 (test/fixtures/fitgap-eval-kojin.json), written from the spec in
// staff vocabulary before looking at the matcher; the calibration was not fitted on it. Floors a few
// points below the numbers measured with `npx tsx scripts/fitgap-eval.ts --set kojin`: 87.7% / 97.1% /
// 89.1% on 138 items before any tuning, 90.6% / 97.1% / 92.8% after the 税務 synonym groups.
describe('Fit&Gap matcher on the independent evaluation set (個人住民税)', () => {
  const spec = loadEvalSpec('kojin')
  const items = loadEvalItems('kojin')

  it('has a realistic set: ≥ 100 items, ~30% outside or prohibited', () => {
    expect(items.length).toBeGreaterThanOrEqual(100)
    const r = evaluateMatcher(spec, items)
    const hard = r.outcomes.filter(
      (o) => o.expectedVerdict === 'outside' || o.expectedVerdict === 'prohibited',
    )
    expect(hard.length / items.length).toBeGreaterThanOrEqual(0.25)
  })

  it('keeps top-1, top-3 and verdict accuracy above their floors', () => {
    const r = evaluateMatcher(spec, items)
    expect(r.top1).toBeGreaterThanOrEqual(0.87)
    expect(r.top3).toBeGreaterThanOrEqual(0.94)
    expect(r.verdictAccuracy).toBeGreaterThanOrEqual(0.89)
  })
})
