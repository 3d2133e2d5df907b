import {describe, expect, it} from 'vitest'
import {checkDigit, checkLocalCode} from './local-code.js'

describe('checkLocalCode', () => {
  it.each([
    ['042099', '宮城県'],
    ['131016', '東京都'],
    ['011002', '北海道'],
    ['271004', '大阪府'],
    ['472018', '沖縄県'],
  ])('accepts %s (%s)', (code, pref) => {
    expect(checkLocalCode(code)).toEqual({ok: true, code, prefecture: pref})
  })

  it('accepts full-width digits', () => {
    expect(checkLocalCode('０４２０９９').ok).toBe(true)
  })

  it('rejects a wrong check digit and says which digit is expected', () => {
    const r = checkLocalCode('042098')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toContain('検査数字は 9')
  })

  it.each(['04209', '0420999', 'abcdef', '', '482001', '002001'])('rejects malformed %s', (code) => {
    expect(checkLocalCode(code).ok).toBe(false)
  })
})

describe('checkDigit', () => {
  // remainder 0 → 11 − 0 = 11 → check 1; remainder 1 → 11 − 1 = 10 → check 0
  it('maps remainder 0 to 1', () => {
    // 1*6 + 1*5 + 0 + 0 + 0 = 11 → mod 11 = 0
    expect(checkDigit('11000')).toBe(1)
    expect(checkLocalCode('110001').ok).toBe(true)
  })
  it('maps remainder 1 to 0', () => {
    // 2*6 = 12 → mod 11 = 1
    expect(checkDigit('20000')).toBe(0)
    expect(checkLocalCode('200000').ok).toBe(true)
  })
  it('computes the documented examples', () => {
    expect(checkDigit('04209')).toBe(9)
    expect(checkDigit('13101')).toBe(6)
  })
})
