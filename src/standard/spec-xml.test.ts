import {describe, expect, it} from 'vitest'
import {readSpecXml} from './spec-xml.js'

const head = '<?xml version="1.0" encoding="UTF-8"?>\n'
function xml(
  reqs: string,
  forms = '<form id="F001001" type="証明書" class="mandatory"><name>住民票の写し</name></form>',
  attrs = 'business="住民基本台帳" version="5.0" published="2024-03-29"',
): string {
  return `${head}<standardSpec ${attrs}>\n<title>住民記録システム標準仕様書</title>\n<requirements>\n${reqs}\n</requirements>\n<forms>${forms}</forms>\n</standardSpec>\n`
}
const ok =
  '<requirement id="0010001" class="mandatory" major="住民データ管理" middle="記載"><name>登録</name><text>登録できること。\n二行目。</text></requirement>'

describe('readSpecXml', () => {
  it('reads a valid spec, keeping IDs as strings and multi-line text', () => {
    const r = readSpecXml(
      xml(
        `${ok}\n<requirement id="0010002" class="optional" major="証明書発行"><name>広域交付</name><text>&#x3042;&amp;</text><variant category="指定都市" class="mandatory"/><note>備考</note></requirement>`,
      ),
      'juki-5.0.xml',
    )
    expect(r.issues).toEqual([])
    expect(r.doc).toMatchObject({
      businessId: 'juki',
      business: '住民基本台帳',
      version: '5.0',
      effective: null,
    })
    expect(r.doc!.requirements[0]).toEqual({
      id: '0010001',
      path: ['住民データ管理', '記載'],
      name: '登録',
      text: '登録できること。\n二行目。',
      class: 'mandatory',
      variants: [],
      note: null,
    })
    expect(r.doc!.requirements[1]).toMatchObject({
      text: 'あ&',
      variants: [{category: '指定都市', class: 'mandatory'}],
      note: '備考',
    })
    expect(r.doc!.forms).toEqual([
      {id: 'F001001', name: '住民票の写し', type: '証明書', class: 'mandatory', note: null},
    ])
  })

  it.each([
    ['mismatched tags', xml(ok.replace('</name>', '</nam>')), 'MALFORMED_XML', /^t\.xml:5:\d+$/],
    [
      'a DOCTYPE',
      `${head}<!DOCTYPE x [<!ENTITY a "b">]>\n<standardSpec/>`,
      'DOCTYPE_NOT_ALLOWED',
      /^t\.xml:2:1$/,
    ],
    ['an empty file', '', 'EMPTY_FILE', /^t\.xml$/],
    ['another root element', `${head}<spec/>`, 'NOT_A_SPEC', /^t\.xml$/],
    [
      'an undefined entity without a DOCTYPE',
      xml(ok.replace('登録</name>', '登録&nbsp;</name>')),
      'UNDEFINED_ENTITY',
      /^t\.xml:5:\d+$/,
    ],
    ['a reference to NUL', xml(ok.replace('二行目。', '&#0;')), 'BAD_CHARACTER_REFERENCE', /^t\.xml:6:\d+$/],
    [
      'a reference to a lone surrogate',
      xml(ok.replace('二行目。', '&#xD83D;')),
      'BAD_CHARACTER_REFERENCE',
      /^t\.xml:6:\d+$/,
    ],
    [
      'a reference beyond U+10FFFF',
      xml(ok.replace('二行目。', '&#x110000;')),
      'BAD_CHARACTER_REFERENCE',
      /^t\.xml:6:\d+$/,
    ],
    [
      'a bidi override reference',
      xml(ok.replace('二行目。', '&#8238;')),
      'BAD_CHARACTER_REFERENCE',
      /^t\.xml:6:\d+$/,
    ],
    ['a raw ESC character', xml(ok.replace('二行目。', '\u001b[2J')), 'BAD_CHARACTER', /^t\.xml:6:\d+$/],
    [
      '2 million references',
      xml(ok.replace('二行目。', '&#x3042;'.repeat(2_000_000))),
      'TOO_MANY_REFERENCES',
      /^t\.xml:6:\d+$/,
    ],
    [
      'a __proto__ element',
      xml(ok.replace('<name>', '<__proto__>x</__proto__><name>')),
      'MALFORMED_XML',
      /^t\.xml/,
    ],
  ])('rejects %s with its place', (_name, text, code, where) => {
    const r = readSpecXml(text, 't.xml')
    expect(r.doc).toBeUndefined()
    expect(r.issues[0]?.code).toBe(code)
    expect(r.issues[0]?.where).toMatch(where)
  })

  it('collects every meaning issue with line and column', () => {
    const r = readSpecXml(
      xml(
        [
          ok,
          '<requirement id="0010001" class="mandatory" major="a"><name>重複</name><text>x</text></requirement>',
          '<requirement id="0060003" class="必要" major="a"><name>n</name><text>x</text></requirement>',
          '<requirement id="12345" class="optional" major="a"><name>n</name><text></text></requirement>',
        ].join('\n'),
        '<form id="F1" type="帳票" class="mandatory"><name>x</name></form>',
        'business="住民基本台帳" version="五" published="2024-02-30"',
      ),
      't.xml',
    )
    expect(r.doc).toBeUndefined()
    const got = r.issues.map((i) => [i.code, i.where])
    expect(got).toEqual(
      expect.arrayContaining([
        ['INVALID_VERSION', 't.xml:2:1'],
        ['INVALID_DATE', 't.xml:2:1'],
        ['DUPLICATE_ID', 't.xml:7:1'],
        ['UNKNOWN_CLASS', 't.xml:8:1'],
        ['INVALID_ID', 't.xml:9:1'],
        ['MISSING_TEXT', 't.xml:9:1'],
        ['UNKNOWN_FORM_TYPE', 't.xml:11:8'],
      ]),
    )
    expect(r.issues).toHaveLength(7)
    // Another 業務's 業務ID is a warning, never a refusal (the ID table is inferred).
    expect(r.warnings).toEqual([
      expect.stringMatching(/^t\.xml:8:1: 機能ID「0060003」は選挙人名簿管理の業務ID 006/),
    ])
    expect(r.issues.find((i) => i.code === 'UNKNOWN_CLASS')?.message).toContain('「必要」')
  })

  it.each([
    ['選挙人名簿管理', ['0060001', '0050001', '0070001', '0080001', '0090001']],
    ['個人住民税', ['0100001', '0140001', '0150001', '0160001']],
    ['固定資産税', ['0120001', '0140002', '0160002']],
    ['就学', ['0170001', '0180001']],
    ['生活保護', ['0210001', '0350001']],
  ])('accepts every national 業務ID of %s without a warning', (business, ids) => {
    const reqs = ids
      .map(
        (id) =>
          `<requirement id="${id}" class="mandatory" major="a"><name>n${id}</name><text>x</text></requirement>`,
      )
      .join('\n')
    const r = readSpecXml(
      xml(reqs, undefined, `business="${business}" version="1.0" published="2024-03-29"`),
      't.xml',
    )
    expect(r.issues).toEqual([])
    expect(r.doc?.requirements.map((q) => q.id)).toEqual(ids)
    expect(r.warnings).toEqual([])
  })

  it('rejects an unknown 業務', () => {
    const r = readSpecXml(xml(ok, undefined, 'business="水道" version="5.0" published="2024-03-29"'), 't.xml')
    expect(r.issues.map((i) => i.code)).toEqual(['UNKNOWN_BUSINESS'])
  })
})
