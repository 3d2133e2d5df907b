import {describe, expect, it} from 'vitest'
import {BUSINESSES, findBusiness, resolveBusiness, suggestBusiness} from './catalog.js'
import {UserError} from '../errors.js'

describe('catalog', () => {
  it('has the 20 業務, 17 of them original, unique ids and codes', () => {
    expect(BUSINESSES).toHaveLength(20)
    expect(BUSINESSES.filter((b) => b.original17)).toHaveLength(17)
    expect(new Set(BUSINESSES.map((b) => b.id)).size).toBe(20)
    expect(new Set(BUSINESSES.map((b) => b.code)).size).toBe(20)
  })

  it('no alias resolves to two 業務', () => {
    const seen = new Map<string, string>()
    for (const b of BUSINESSES) {
      for (const a of [b.name, b.id, ...b.aliases]) {
        expect(seen.get(a.normalize('NFKC')), `${a}`).toBeUndefined()
        seen.set(a.normalize('NFKC'), b.id)
      }
    }
  })

  it.each([
    ['住民記録', '住民基本台帳'],
    ['住民基本台帳', '住民基本台帳'],
    ['juki', '住民基本台帳'],
    ['戸籍附票', '戸籍の附票'],
    ['国保', '国民健康保険'],
    ['介護', '介護保険'],
    ['後期高齢', '後期高齢者医療'],
    ['子育て支援', '子ども・子育て支援'],
    ['選挙', '選挙人名簿管理'],
    ['ｊｕｋｉ', '住民基本台帳'],
    [' 住民 記録 ', '住民基本台帳'],
    ['011', '介護保険'],
  ])('resolves %s → %s', (input, name) => {
    expect(findBusiness(input)?.name).toBe(name)
  })

  it('suggests close names for a typo', () => {
    expect(suggestBusiness('住民基本台長')).toContain('住民基本台帳')
    expect(suggestBusiness('介護保健')).toContain('介護保険')
  })

  it('throws a usage error with suggestions for an unknown 業務', () => {
    try {
      resolveBusiness('介護保健')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(UserError)
      const e = error as UserError
      expect(e.exitCode).toBe(2)
      expect(e.message).toContain('もしかして')
      expect(e.message).toContain('介護保険')
    }
  })
})
