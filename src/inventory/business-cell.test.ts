import {describe, expect, it} from 'vitest'
import {parseBusinessCell} from './business-cell.js'

describe('parseBusinessCell', () => {
  it.each([
    ['住民基本台帳', ['住民基本台帳']],
    ['住民記録', ['住民基本台帳']],
    ['戸籍附票', ['戸籍の附票']],
    ['住民記録\n印鑑登録\n選挙人名簿管理', ['住民基本台帳', '印鑑登録', '選挙人名簿管理']],
    ['子ども・子育て支援', ['子ども・子育て支援']],
    ['児童手当・子ども・子育て支援・就学', ['児童手当', '子ども・子育て支援', '就学']],
    ['子ども・子育て支援／児童扶養手当', ['子ども・子育て支援', '児童扶養手当']],
    ['個人市民税、固定資産税・都市計画税、軽自動車税', ['個人住民税', '固定資産税', '軽自動車税']],
    ['国保,後期高齢', ['国民健康保険', '後期高齢者医療']],
    ['介護保険 障害者福祉', ['介護保険', '障害者福祉']],
    ['学齢簿編製\n（就学援助含む）', ['就学']],
    ['住民基本台帳（住基ネット除く）', ['住民基本台帳']],
    ['住民記録、住民基本台帳', ['住民基本台帳']],
    ['印鑑登録、', ['印鑑登録']],
    ['－', []],
    ['-', []],
    ['', []],
    ['対象外', []],
  ])('%j → %j', (text, names) => {
    const r = parseBusinessCell(text)
    expect(r.unknown).toEqual([])
    expect(r.businesses.map((b) => b.name)).toEqual(names)
  })

  it('reports names that are no 業務 with suggestions, keeping the known ones', () => {
    const r = parseBusinessCell('住民基本台帳、財務会計、介護保健')
    expect(r.businesses.map((b) => b.name)).toEqual(['住民基本台帳'])
    expect(r.unknown.map((u) => u.text)).toEqual(['財務会計', '介護保健'])
    expect(r.unknown[1]!.suggestions).toContain('介護保険')
  })
})
