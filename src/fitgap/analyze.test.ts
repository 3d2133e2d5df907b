import {describe, expect, it} from 'vitest'
import {disagreementWarnings, HIGH_DISAGREEMENT, summarizeLines} from './analyze.js'
import type {FitgapLine} from './fitgap.schema.js'

function line(
  i: number,
  businessId: string,
  scorersAgree: boolean | null,
  method: FitgapLine['method'] = 'auto',
): FitgapLine {
  return {
    customizationId: `C${i}`,
    systemId: 'S1',
    system: 'システム',
    business: businessId === 'juki' ? '住民基本台帳' : '介護保険',
    businessId,
    specVersion: '1.0',
    name: '名称',
    description: '',
    requirementId: null,
    requirementName: null,
    requirementText: null,
    requirementClass: null,
    score: 0,
    method,
    verdict: 'outside',
    needsReview: false,
    stale: false,
    candidates: [],
    scorersAgree,
    annualCostYen: null,
    review: null,
  }
}

describe('scorer disagreement per 業務 (no labels needed)', () => {
  // 住基: 30 automatic lines, 6 disagree (20 %); 介護: 30 automatic lines, 18 disagree (60 %), plus
  // explicit and review lines and a blank one that do not count.
  const lines = [
    ...Array.from({length: 30}, (_, i) => line(i, 'juki', i >= 6)),
    ...Array.from({length: 30}, (_, i) => line(100 + i, 'kaigo', i >= 18)),
    line(200, 'kaigo', true, 'explicit'),
    line(201, 'kaigo', false, 'review'),
    line(202, 'kaigo', null),
  ]
  const summary = summarizeLines(lines)

  it('is the share of automatic matches whose scorers put different requirements first', () => {
    expect(summary.map((s) => [s.businessId, s.scorerDisagreement])).toEqual([
      ['juki', 0.2],
      ['kaigo', 0.6],
    ])
  })

  it('warns only for the 業務 above the threshold', () => {
    expect(HIGH_DISAGREEMENT).toBeGreaterThan(0.2)
    const w = disagreementWarnings(summary, lines)
    expect(w).toHaveLength(1)
    expect(w[0]).toMatch(/^介護保険: 自動照合の 60% で/)
  })

  it('says nothing on a handful of lines', () => {
    const few = lines.filter((l) => l.businessId === 'kaigo').slice(0, 10)
    expect(disagreementWarnings(summarizeLines(few), few)).toEqual([])
  })
})
