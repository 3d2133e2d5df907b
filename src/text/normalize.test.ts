import {describe, expect, it} from 'vitest'
import {suggestClosest} from './normalize.js'

describe('suggestClosest (did-you-mean)', () => {
  const systems = ['図書館システム', '学齢簿・就学援助システム', '住民情報システム', '介護保険システム']

  it('ranks the system sharing the distinctive words first (issue 9: 学齢簿システム)', () => {
    expect(suggestClosest('学齢簿システム', systems)[0]).toBe('学齢簿・就学援助システム')
  })

  it.each([
    ['住民情報システ', '住民情報システム'],
    ['介護保健システム', '介護保険システム'],
    ['fitgpa', 'fitgap'],
    ['specs lst', 'specs list'],
  ])('%s → %s first', (input, expected) => {
    expect(
      suggestClosest(input, [...systems, 'fitgap', 'specs list', 'specs show', 'fitgap review-export'])[0],
    ).toBe(expected)
  })

  it('suggests nothing for an unrelated word', () => {
    expect(suggestClosest('財務会計', systems)).toEqual([])
  })
})
