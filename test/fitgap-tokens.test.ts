import {describe, expect, it} from 'vitest'
import {loadEvalItems, loadEvalSpec} from '../scripts/fitgap-eval.js'
import {
  buildRequirementIndex,
  DEFAULT_MATCHER_CONFIG,
  matchCustomization,
  rankRequirements,
} from '../src/fitgap/matcher.js'

// The third scorer: BM25 over words (Intl.Segmenter), customizations split by the spec's own words.
describe('word scorer', () => {
  const spec = loadEvalSpec('juki')
  const item = (id: string) => loadEvalItems('juki').find((i) => i.id === id)!
  const noWords = {fusion: {...DEFAULT_MATCHER_CONFIG.fusion, token: 0}}

  it('ranks a requirement the character scorers miss first (住基 eval item E094)', () => {
    const e094 = item('E094')
    const expected = e094.expected as readonly string[]
    const withWords = buildRequirementIndex(spec.requirements)
    const without = buildRequirementIndex(spec.requirements, {config: noWords})
    expect(withWords.token).not.toBeNull()
    expect(without.token).toBeNull()
    expect(rankRequirements(withWords, e094).tokenFirst).not.toBeUndefined()
    expect(rankRequirements(without, e094).tokenFirst).toBeUndefined()
    expect(expected).toContain(matchCustomization(withWords, e094).requirementId)
    expect(expected).not.toContain(matchCustomization(without, e094).requirementId)
  })

  it('flags scorers that disagree on the requirement only when their choices differ in 実装区分 (E001)', () => {
    const e001 = item('E001')
    const byClass = matchCustomization(buildRequirementIndex(spec.requirements), e001)
    const byRow = matchCustomization(
      buildRequirementIndex(spec.requirements, {config: {agreement: 'pair'}}),
      e001,
    )
    expect(byClass.verdict).toBe(byRow.verdict)
    expect(byRow.reviewReasons).toContain('disagreement')
    expect(byClass.reviewReasons).not.toContain('disagreement')
  })
})
