import {describe, expect, it} from 'vitest'
import {
  BUSINESSES,
  NATIONAL_BUSINESS_IDS,
  businessByCode,
  businessesByNationalId,
  findBusiness,
  resolveBusiness,
  suggestBusiness,
} from './catalog.js'
import {UserError} from '../errors.js'

describe('catalog', () => {
  it('has the 20 業務, 17 of them original, unique ids and codes', () => {
    expect(BUSINESSES).toHaveLength(20)
    expect(BUSINESSES.filter((b) => b.original17)).toHaveLength(17)
    expect(new Set(BUSINESSES.map((b) => b.id)).size).toBe(20)
    expect(new Set(BUSINESSES.map((b) => b.code)).size).toBe(20)
  })

  it('carries the national 業務IDs: primary code first, every ID known, 共通機能 IDs owned by no 業務', () => {
    const known = new Map(NATIONAL_BUSINESS_IDS.map((n) => [n.id, n]))
    for (const b of BUSINESSES) {
      expect(b.businessIds[0], b.name).toBe(b.code)
      for (const id of b.businessIds) expect(known.get(id)?.scope, `${b.name} ${id}`).toBe('business')
    }
    const owned = new Set(BUSINESSES.flatMap((b) => b.businessIds))
    for (const n of NATIONAL_BUSINESS_IDS) expect(owned.has(n.id), n.id).toBe(n.scope === 'business')
    expect(
      Object.fromEntries(
        ['senkyo', 'kojin-juminzei', 'shugaku', 'seikatsu-hogo', 'kaigo'].map((id) => [
          id,
          findBusiness(id)?.businessIds,
        ]),
      ),
    ).toEqual({
      senkyo: ['006', '005', '007', '008', '009'],
      'kojin-juminzei': ['010', '014', '015', '016'],
      shugaku: ['017', '018'],
      'seikatsu-hogo': ['021', '035'],
      kaigo: ['023'],
    })
    expect(businessesByNationalId('014').map((b) => b.id)).toEqual([
      'kotei-shisan',
      'kojin-juminzei',
      'hojin-juminzei',
      'keijidosha',
    ])
    expect(businessByCode('018')?.id).toBe('shugaku')
    expect(businessByCode('029')).toBeUndefined()
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
    ['023', '介護保険'],
    ['010', '個人住民税'],
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
