import {describe, expect, it} from 'vitest'
import type {Requirement} from '../standard/spec.schema.js'
import {
  buildRequirementIndex,
  DEFAULT_MATCHER_CONFIG,
  effectiveClass,
  matchCustomization,
  reviewReasonLabels,
  splitRequirementIds,
} from './matcher.js'
import {findBusinessMentions} from './business-mentions.js'
import {SYNONYM_GROUPS} from './synonyms.js'
import {addPlainBigrams, canonicalize, compileSynonyms, normalizeForMatch} from './text-features.js'

function req(
  id: string,
  name: string,
  text: string,
  cls: Requirement['class'] = 'mandatory',
  extra: Partial<Requirement> = {},
): Requirement {
  return {id, path: ['住民記録'], name, text, class: cls, variants: [], note: null, ...extra}
}

const SPEC: Requirement[] = [
  req('0010001', '住民票の写しの世帯全員交付', '世帯全員を記載した住民票の写しを一括して発行できること。'),
  req(
    '0010002',
    '支援措置対象者の注意喚起',
    '支援措置の対象者について証明書発行時に注意喚起を表示できること。',
  ),
  req('0010003', '転入届の受付', '転入届を受け付け、前住所地からの転出証明書の情報を登録できること。'),
  req('0010004', '住民票コードの付番', '住民票コードを住基ネットから取得して付番できること。', 'optional'),
  req(
    '0010005',
    '独自項目の追加',
    '住民票に標準仕様書に定めのない独自の管理項目を追加する機能は実装しないこと。',
    'prohibited',
  ),
  req('0010006', '広域交付', '他団体の住民の住民票の写しを広域交付できること。', 'optional', {
    variants: [{category: '指定都市', class: 'mandatory'}],
  }),
  req('0010007', '印鑑登録証の再交付', '印鑑登録証を亡失した場合に窓口で再交付できること。', 'mandatory'),
  req('0010008', '印鑑登録証の再交付', '印鑑登録証を亡失した場合に郵送で再交付できること。', 'optional'),
]

const index = buildRequirementIndex(SPEC)

describe('synonyms', () => {
  const table = compileSynonyms([
    ['住民基本台帳', '住基'],
    ['住基ネット', '住民基本台帳ネットワーク'],
    ['注意喚起', 'アラート', '警告'],
  ])
  it.each([
    ['住基の異動', '|住民基本台帳|の異動'],
    ['住基ネット連携', '|住基ネット|連携'],
    ['アラートを出す', '|注意喚起|を出す'],
    ['ｱﾗｰﾄ表示', '|注意喚起|表示'],
    ['', ''],
  ])('%s → %s (longest member first, NFKC first)', (input, expected) => {
    expect(canonicalize(normalizeForMatch(input), table).text).toBe(expected)
  })
})

describe('matchCustomization', () => {
  it.each([
    // staff wording → requirement
    ['世帯連記の住民票を出したい', '窓口で世帯まとめて印刷', '0010001', 'fit'],
    ['DV対象者のアラート', '証明書を出すときに警告メッセージを出す', '0010002', 'fit'],
    ['住基ネットからコード取得', '住民票コードを自動でつける', '0010004', 'option'],
    ['住民票に市独自の項目を追加', '独自欄を増やして管理したい', '0010005', 'prohibited'],
  ])('%s → %s', (name, description, id, verdict) => {
    const m = matchCustomization(index, {name, description})
    expect(m.requirementId).toBe(id)
    expect(m.verdict).toBe(verdict)
    expect(m.method).toBe('auto')
    expect(m.candidates[0]?.requirementId).toBe(id)
    expect(m.candidates.length).toBeLessThanOrEqual(3)
  })

  it('calls unrelated work outside, with no requirement', () => {
    const m = matchCustomization(index, {
      name: '敬老祝金の対象者抽出',
      description: '100歳到達者へ祝い金を贈呈',
    })
    expect(m.verdict).toBe('outside')
    expect(m.requirementId).toBeNull()
    expect(m.score).toBeLessThan(DEFAULT_MATCHER_CONFIG.outsideBelow)
  })

  it('gives an empty text no match and asks for review', () => {
    const m = matchCustomization(index, {name: '', description: '  　'})
    expect(m).toMatchObject({verdict: 'outside', score: 0, needsReview: true, candidates: []})
    expect(m.reviewReasons).toContain('empty-text')
  })

  it('uses an explicit 関連機能ID with score 1, even against the text', () => {
    const m = matchCustomization(index, {
      name: '世帯連記',
      description: '世帯全員の写し',
      requirementId: '0010007',
    })
    expect(m).toMatchObject({
      requirementId: '0010007',
      method: 'explicit',
      score: 1,
      verdict: 'fit',
      needsReview: false,
    })
    expect(m.candidates[0]).toMatchObject({requirementId: '0010007', score: 1})
  })

  it('reports an unknown 関連機能ID and falls back to the text', () => {
    const m = matchCustomization(index, {
      name: 'DV対象者のアラート',
      description: '',
      requirementId: '0019999',
    })
    expect(m.unknownRequirementIds).toEqual(['0019999'])
    expect(m.method).toBe('auto')
    expect(m.requirementId).toBe('0010002')
    expect(m.needsReview).toBe(true)
    expect(m.reviewReasons).toContain('unknown-id')
  })

  it('flags nearly tied candidates of different 実装区分', () => {
    const m = matchCustomization(index, {name: '印鑑登録証の再交付', description: '亡失時'})
    expect(
      m.candidates
        .slice(0, 2)
        .map((c) => c.requirementId)
        .sort(),
    ).toEqual(['0010007', '0010008'])
    expect(m.reviewReasons).toContain('tie')
    expect(m.needsReview).toBe(true)
  })

  it('flags a close call between two candidates of the SAME 実装区分 and names both (issue 9: 不受理申出 vs 交付制限)', () => {
    const requirements = [
      req(
        '0030001',
        '不受理申出の照合',
        '不受理申出がある者について届出の受付時に照合し警告を表示できること。',
      ),
      req(
        '0030002',
        '交付制限対象者の警告',
        '交付制限の対象者について証明書の交付時に照合し警告を表示できること。',
      ),
      req('0030003', '戸籍の附票の写しの作成', '戸籍の附票の写しを作成できること。'),
    ]
    const close = buildRequirementIndex(requirements)
    const text = {name: '照合アラート', description: '窓口で照合して警告を表示する'}
    const m = matchCustomization(close, text)
    expect(m.candidates[0]!.requirementClass).toBe(m.candidates[1]!.requirementClass)
    expect(m.reviewReasons).toContain('close')
    expect(m.needsReview).toBe(true)
    expect(reviewReasonLabels(m).join()).toMatch(/上位2候補が拮抗（003000[12] と 003000[12]）/)
    // With the rule off (ratio above 1) the same match is not flagged for this reason.
    const off = matchCustomization(buildRequirementIndex(requirements, {config: {closeRatio: 1.01}}), text)
    expect(off.reviewReasons).not.toContain('close')
  })

  describe('class-aware siblings (same 機能名称 or same 大・中項目, another 実装区分)', () => {
    const group = ['住民記録', '氏名']
    const SIBS: Requirement[] = [
      req('0010101', '氏名のふりがなの記載', '氏名のふりがなを記載し管理できること。', 'mandatory', {
        path: group,
      }),
      req('0010102', 'ふりがなのひらがな併記', '氏名のふりがなをひらがなで併記できること。', 'optional', {
        path: group,
      }),
      req('0010103', '転入届の受付', '転入届を受け付けできること。', 'mandatory', {
        path: ['住民記録', '異動'],
      }),
    ]
    const text = {name: '氏名ふりがなの記載', description: 'ふりがなを管理する'}
    const run = (siblingRatio: number) =>
      matchCustomization(buildRequirementIndex(SIBS, {config: {siblingRatio}}), text)

    it('asks for review naming both rows when the sibling scores within the margin', () => {
      const m = run(0.3)
      expect(m.requirementId).toBe('0010101')
      expect(m.reviewReasons).toContain('sibling')
      expect(m.sibling).toMatchObject({
        best: {requirementId: '0010101', requirementClass: 'mandatory'},
        sibling: {requirementId: '0010102', requirementClass: 'optional'},
        relation: 'group',
      })
      const label = reviewReasonLabels(m).find((l) => l.includes('実装区分が異なる'))
      expect(label).toContain('0010101（実装必須機能）')
      expect(label).toContain('0010102（標準オプション機能）')
    })

    it('does not flag a sibling far below the best', () => {
      const m = run(1.01)
      expect(m.sibling).toBeNull()
      expect(m.reviewReasons).not.toContain('sibling')
    })

    it('shows the best candidate of each 実装区分', () => {
      const m = run(0.3)
      expect(m.bestByClass.map((c) => [c.requirementId, c.requirementClass])).toEqual([
        ['0010101', 'mandatory'],
        ['0010102', 'optional'],
      ])
    })
  })

  describe('decision table (score = cosine, coverage, scorer agreement)', () => {
    const text = {name: 'DV対象者のアラート', description: '証明書を出すときに警告'}
    const base = matchCustomization(index, text)
    const s = base.score
    const run = (config: Partial<typeof DEFAULT_MATCHER_CONFIG>) =>
      matchCustomization(buildRequirementIndex(SPEC, {config}), text)
    it('is a case both scorers agree on', () => {
      expect(base.scorersAgree).toBe(true)
      expect(base.coverage).toBeGreaterThan(0)
    })
    it.each([
      ['covered, confident', {confidentAt: s - 0.01, confidentCoverage: 0}, 'fit', false],
      ['covered, low score: review with candidates', {confidentAt: s + 0.01}, 'fit', true],
      [
        'covered, low coverage: review',
        {confidentAt: s - 0.01, confidentCoverage: base.coverage + 0.01},
        'fit',
        true,
      ],
      [
        'nothing plausible, but both scorers point at it: outside for review',
        {outsideBelow: s + 0.01, outsideCoverage: 1},
        'outside',
        true,
      ],
      [
        'mostly words the spec never uses, cosine under the cut: outside for review',
        {outsideUnseen: 0, outsideUnseenBelow: s + 0.01},
        'outside',
        true,
      ],
      [
        'the same with a cosine over the cut: covered',
        {outsideUnseen: 0, outsideUnseenBelow: s - 0.01, confidentAt: s - 0.01, confidentCoverage: 0},
        'fit',
        false,
      ],
    ] as const)('%s', (_label, config, verdict, review) => {
      const m = run(config)
      expect(m.verdict).toBe(verdict)
      expect(m.needsReview).toBe(review)
      expect(m.score).toBe(s)
      expect(m.candidates[0]?.requirementId).toBe('0010002')
    })
  })

  it('applies the 団体区分 variant', () => {
    const city = matchCustomization(index, {name: '広域交付', description: '他団体の住民の住民票の写し'})
    const seirei = matchCustomization(buildRequirementIndex(SPEC, {kind: '指定都市'}), {
      name: '広域交付',
      description: '他団体の住民の住民票の写し',
    })
    expect([city.verdict, seirei.verdict]).toEqual(['option', 'fit'])
  })

  it('keeps scores (cosines) in [0, 1], distinct candidates in fused order, the first one chosen', () => {
    const m = matchCustomization(index, {name: '住民票', description: '住民票 住民票 住民票の写し 世帯全員'})
    const scores = m.candidates.map((c) => c.score)
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true)
    expect(new Set(m.candidates.map((c) => c.requirementId)).size).toBe(m.candidates.length)
    expect(m.requirementId).toBe(m.candidates[0]!.requirementId)
    expect(m.score).toBe(scores[0])
  })
})

describe('other 業務 mentions', () => {
  const KOJIN: Requirement[] = [
    req(
      '0100215',
      '窓口相談用の住民税額試算',
      '窓口相談用に収入・控除の仮入力から住民税額を試算し、課税データに影響を与えずに結果を表示できること。',
      'optional',
    ),
    req(
      '0100801',
      '他業務への所得情報提供',
      '国民健康保険、介護保険、保育等の標準準拠システムへ、所得情報と課税・非課税区分を標準準拠システム間連携で提供できること。',
    ),
    req('0100201', '所得の計算', '給与所得、公的年金等に係る雑所得その他の所得を計算できること。'),
    req('0100205', '所得控除の計算', '社会保険料控除、生命保険料控除等の所得控除を計算できること。'),
  ]
  const kojin = buildRequirementIndex(KOJIN, {businessId: 'kojin-juminzei'})

  it('flags a customization about another 業務 and drops the score when its 名称 names it', () => {
    const text = {name: '国保税の試算', description: '国保税がいくらになるか住民税の画面で一緒に試算'}
    const m = matchCustomization(kojin, text)
    expect(m.needsReview).toBe(true)
    expect(m.reviewReasons).toContain('other-business')
    expect(m.otherBusinesses.map((b) => b.business)).toEqual(['国民健康保険'])
    expect(reviewReasonLabels(m)).toContain('他業務（国民健康保険）への言及')
    const plain = matchCustomization(
      buildRequirementIndex(KOJIN, {businessId: 'kojin-juminzei', config: {otherBusinessPenalty: 1}}),
      text,
    )
    expect(plain.requirementId).toBe('0100215')
    expect(m.score).toBeLessThan(plain.score)
  })

  it('flags (review only) a mention in the 内容 alone: 介護保険料 in a 後期高齢者医療 list', () => {
    const koki = buildRequirementIndex([
      req('0250201', '保険料の期割', '広域連合が決定した保険料を納期ごとに期割し、納付書を作成できること。'),
      req('0250301', '保険料の収納', '保険料の収納情報を管理できること。'),
    ])
    const m = matchCustomization(koki, {name: '保険料の期割', description: '介護保険料と同じ納期で期割する'})
    expect(m.otherBusinesses.map((b) => b.business)).toEqual(['介護保険'])
    expect(m.needsReview).toBe(true)
  })

  it('does not flag a 業務 the chosen requirement also mentions (他業務連携)', () => {
    const m = matchCustomization(kojin, {
      name: '国保への所得連携',
      description: '国保の所得・課税区分を連携で渡す',
    })
    expect(m.requirementId).toBe('0100801')
    expect(m.reviewReasons).not.toContain('other-business')
  })

  it.each([
    ['the 業務 itself', '市県民税の税額試算', '個人住民税がいくらになるか窓口で試算'],
    ['保育 (保育料算定用の税額提供)', '保育料算定用の所得提供', '保育課へ所得割額を渡す'],
    ['年金 (公的年金)', '公的年金の所得計算', '年金収入から雑所得を計算'],
    ['生保 (生命保険料控除)', '生保控除の計算', '生保・地震保険料控除を住民税の基準で計算'],
  ])('does not flag %s', (_label, name, description) => {
    expect(matchCustomization(kojin, {name, description}).reviewReasons).not.toContain('other-business')
  })

  it('infers the 業務 from the requirement IDs when not told (住基 in a 住民基本台帳 spec)', () => {
    const m = matchCustomization(index, {name: '住基の世帯全員の写し', description: '住民記録から一括発行'})
    expect(m.reviewReasons).not.toContain('other-business')
  })

  it.each([
    ['法人市民税の申告受付', 'kojin-juminzei', ['hojin-juminzei']],
    ['国保連へ受給者台帳を送る', 'kaigo', []],
    ['戸籍の附票の記載', 'juki', ['koseki-fuhyo']],
    ['支援措置・保護の対象者', 'juki', []],
    ['軽四と固資の税額', 'kojin-juminzei', ['keijidosha', 'kotei-shisan']],
  ])('findBusinessMentions(%j) reads the longest term first', (text, own, ids) => {
    expect(findBusinessMentions(text, own).map((m) => m.businessId)).toEqual(ids)
  })
})

describe('synonym groups (src/fitgap/synonyms.ts)', () => {
  const table = compileSynonyms(SYNONYM_GROUPS)
  // Every member must reach its own group's concept: a member listed in two groups, or swallowed
  // by a longer member of another group, silently merges words this group keeps apart.
  it.each(SYNONYM_GROUPS.flatMap((g, gi) => g.map((member) => [g[0]!, member, gi] as const)))(
    '%s ← %s',
    (_head, member, gi) => {
      expect(canonicalize(normalizeForMatch(member), table).concepts).toEqual([gi])
    },
  )

  it.each([
    ['削除', '消除'],
    ['発行', '出力'],
    ['発行', '交付'],
    ['出力', '印刷'],
    ['入力', '登録'],
    ['表示', '画面'],
    ['修正', '更正'],
    ['一覧', '名簿'],
    ['団体独自', '独自'],
    ['被保険者証', '資格者証'],
    ['住所地特例', '特別徴収'],
  ])('keeps %s and %s apart (the official text distinguishes them)', (a, b) => {
    const concept = (w: string) => canonicalize(normalizeForMatch(w), table).concepts
    expect(concept(a).length === 0 || concept(b).length === 0 || concept(a)[0] !== concept(b)[0]).toBe(true)
  })
})

describe('plain bigrams (the synonym-free scorer)', () => {
  it.each([
    ['住民票を交付', ['住民', '民票', '票を', 'を交', '交付']],
    ['税', ['税']],
    ['EUC、CSV', ['a:euc', 'a:csv']],
    ['', []],
  ])('%s', (text, terms) => {
    const out = new Map<string, number>()
    addPlainBigrams(out, normalizeForMatch(text))
    expect([...out.keys()].sort()).toEqual([...terms].sort())
  })
})

describe('helpers', () => {
  it.each([
    ['0010001、0010002', ['0010001', '0010002']],
    ['００１０００１', ['0010001']],
    ['', []],
    [null, []],
  ])('splitRequirementIds(%j)', (cell, ids) => expect(splitRequirementIds(cell)).toEqual(ids))

  it('effectiveClass takes the variant for the category only', () => {
    const r = SPEC[5]!
    expect([effectiveClass(r, '一般市'), effectiveClass(r, '指定都市')]).toEqual(['optional', 'mandatory'])
  })
})
