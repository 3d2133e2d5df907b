/**
 * The 20 標準化対象業務 (17 fixed by the デジタル・ガバメント実行計画 of 2020-12-25,
 * plus 印鑑登録, 戸籍, 戸籍の附票).
 *
 * A real 機能ID is the national 3-digit 業務ID plus a 4-digit serial (0010001…).
 * The 業務ID comes from デジタル庁「地方公共団体の基幹業務システムの統一・標準化における
 * 各種IDの管理方針」 and is not the order of the 20-業務 list. Some 業務 span several
 * IDs (選挙 005–009, the 税 業務 share 収納 014 / 滞納 015 / 地方税共通 016, 就学 =
 * 学齢簿編製 017 + 就学援助 018, 生活保護 includes レセプト管理 035). The table is
 * inferred from public files (see the README 業務ID section), not confirmed against the
 * policy itself: spec import accepts every ID of a 業務 and only warns about others.
 */
export type BusinessGroup = '住民' | '税' | '福祉' | '子ども' | '健康' | '教育' | '戸籍'

export interface Business {
  /** Stable identifier used in files and JSON (romanized). */
  readonly id: string
  /**
   * Primary national 業務ID (3 digits): the prefix of most of the 業務's 機能IDs and
   * of our bundled specs. Unique per 業務; `businessIds[0]`.
   */
  readonly code: string
  /** Every national 業務ID whose 機能IDs belong to this 業務's spec, primary first. */
  readonly businessIds: readonly string[]
  /** Official name of the 標準化対象事務. */
  readonly name: string
  /** Names staff actually write. */
  readonly aliases: readonly string[]
  /** One of the original 17 業務. */
  readonly original17: boolean
  readonly group: BusinessGroup
  /** Name of the standard specification. */
  readonly spec: string
  /** Ministry that publishes the spec. */
  readonly ministry: string
}

export const BUSINESSES: readonly Business[] = [
  {
    id: 'juki',
    code: '001',
    businessIds: ['001'],
    name: '住民基本台帳',
    aliases: ['住民記録', '住基', '住記', '住民基本台帳事務', '住民情報'],
    original17: true,
    group: '住民',
    spec: '住民記録システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'senkyo',
    code: '006',
    businessIds: ['006', '005', '007', '008', '009'],
    name: '選挙人名簿管理',
    aliases: ['選挙', '選挙人名簿', '選挙管理', '選挙人名簿システム'],
    original17: true,
    group: '住民',
    spec: '選挙人名簿管理システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'kotei-shisan',
    code: '012',
    businessIds: ['012', '014', '015', '016'],
    name: '固定資産税',
    aliases: ['固定資産', '固資', '固定資産税・都市計画税', '固定'],
    original17: true,
    group: '税',
    spec: '税務システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'kojin-juminzei',
    code: '010',
    businessIds: ['010', '014', '015', '016'],
    name: '個人住民税',
    aliases: ['住民税', '個人市民税', '市民税', '個人住民税（市県民税）', '市県民税', '個住'],
    original17: true,
    group: '税',
    spec: '税務システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'hojin-juminzei',
    code: '011',
    businessIds: ['011', '014', '015', '016'],
    name: '法人住民税',
    aliases: ['法人市民税', '法人税', '法住'],
    original17: true,
    group: '税',
    spec: '税務システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'keijidosha',
    code: '013',
    businessIds: ['013', '014', '015', '016'],
    name: '軽自動車税',
    aliases: ['軽自', '軽自税', '軽自動車'],
    original17: true,
    group: '税',
    spec: '税務システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'kokuho',
    code: '024',
    businessIds: ['024'],
    name: '国民健康保険',
    aliases: ['国保', '国民健康保険税', '国保税', '国民健康保険料'],
    original17: true,
    group: '健康',
    spec: '国民健康保険システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'kokumin-nenkin',
    code: '026',
    businessIds: ['026'],
    name: '国民年金',
    aliases: ['年金', '国年'],
    original17: true,
    group: '福祉',
    spec: '国民年金システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'shogaisha-fukushi',
    code: '022',
    businessIds: ['022'],
    name: '障害者福祉',
    aliases: ['障害福祉', '障がい者福祉', '障害者福祉サービス', '障害'],
    original17: true,
    group: '福祉',
    spec: '障害者福祉システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'koki-korei',
    code: '025',
    businessIds: ['025'],
    name: '後期高齢者医療',
    aliases: ['後期高齢', '後期高齢者', '後期'],
    original17: true,
    group: '健康',
    spec: '後期高齢者医療システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'kaigo',
    code: '023',
    businessIds: ['023'],
    name: '介護保険',
    aliases: ['介護', '介護保険事務'],
    original17: true,
    group: '福祉',
    spec: '介護保険システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'jido-teate',
    code: '027',
    businessIds: ['027'],
    name: '児童手当',
    aliases: ['児手', '子ども手当'],
    original17: true,
    group: '子ども',
    spec: '児童手当システム標準仕様書',
    ministry: 'こども家庭庁',
  },
  {
    id: 'kenko-kanri',
    code: '019',
    businessIds: ['019'],
    name: '健康管理',
    aliases: ['健康', '保健', '健康管理事務', '健診'],
    original17: true,
    group: '健康',
    spec: '健康管理システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'shugaku',
    code: '017',
    businessIds: ['017', '018'],
    name: '就学',
    aliases: ['学齢簿', '学齢簿編製', '就学事務', '学事'],
    original17: true,
    group: '教育',
    spec: '就学事務システム（学齢簿編製等）標準仕様書',
    ministry: '文部科学省',
  },
  {
    id: 'jido-fuyo',
    code: '020',
    businessIds: ['020'],
    name: '児童扶養手当',
    aliases: ['児扶', '児童扶養'],
    original17: true,
    group: '子ども',
    spec: '児童扶養手当システム標準仕様書',
    ministry: 'こども家庭庁',
  },
  {
    id: 'seikatsu-hogo',
    code: '021',
    businessIds: ['021', '035'],
    name: '生活保護',
    aliases: ['生保', '保護'],
    original17: true,
    group: '福祉',
    spec: '生活保護システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'kodomo-kosodate',
    code: '028',
    businessIds: ['028'],
    name: '子ども・子育て支援',
    aliases: ['子育て支援', '子ども子育て支援', '子ども・子育て', '保育', '子育て'],
    original17: true,
    group: '子ども',
    spec: '子ども・子育て支援システム標準仕様書',
    ministry: 'こども家庭庁',
  },
  {
    id: 'inkan',
    code: '002',
    businessIds: ['002'],
    name: '印鑑登録',
    aliases: ['印鑑', '印鑑証明'],
    original17: false,
    group: '住民',
    spec: '印鑑登録システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'koseki',
    code: '003',
    businessIds: ['003'],
    name: '戸籍',
    aliases: ['戸籍情報', '戸籍事務'],
    original17: false,
    group: '戸籍',
    spec: '戸籍情報システム標準仕様書',
    ministry: '法務省',
  },
  {
    id: 'koseki-fuhyo',
    code: '004',
    businessIds: ['004'],
    name: '戸籍の附票',
    aliases: ['戸籍附票', '附票'],
    original17: false,
    group: '戸籍',
    spec: '戸籍附票システム標準仕様書',
    ministry: '総務省',
  },
]

export interface NationalBusinessId {
  /** 3-digit national 業務ID. */
  readonly id: string
  readonly label: string
  /** `common`: a 共通機能 (共通機能標準仕様書), not one of the 20 業務. */
  readonly scope: 'business' | 'common'
}

const NATIONAL_ROWS: readonly (readonly [string, string, 'common'?])[] = [
  ['001', '住民基本台帳'],
  ['002', '印鑑登録'],
  ['003', '戸籍'],
  ['004', '戸籍の附票'],
  ['005', '選挙（共通）'],
  ['006', '選挙人名簿管理'],
  ['007', '期日前・不在者投票管理'],
  ['008', '当日投票管理'],
  ['009', '在外選挙管理'],
  ['010', '個人住民税'],
  ['011', '法人住民税'],
  ['012', '固定資産税'],
  ['013', '軽自動車税'],
  ['014', '収納管理'],
  ['015', '滞納管理'],
  ['016', '地方税（共通）'],
  ['017', '学齢簿編製'],
  ['018', '就学援助'],
  ['019', '健康管理'],
  ['020', '児童扶養手当'],
  ['021', '生活保護'],
  ['022', '障害者福祉'],
  ['023', '介護保険'],
  ['024', '国民健康保険'],
  ['025', '後期高齢者医療'],
  ['026', '国民年金'],
  ['027', '児童手当'],
  ['028', '子ども・子育て支援'],
  ['029', '申請管理', 'common'],
  ['030', '庁内データ連携', 'common'],
  ['031', '住登外者宛名番号管理', 'common'],
  ['032', '団体内統合宛名', 'common'],
  ['033', '職員認証', 'common'],
  ['034', 'EUC', 'common'],
  ['035', 'レセプト管理（生活保護）'],
  ['036', '統合収納管理', 'common'],
  ['037', '統合滞納管理', 'common'],
]

/** The national 業務IDs 001–037 as far as they are known (labels of 019 and 033 uncertain). */
export const NATIONAL_BUSINESS_IDS: readonly NationalBusinessId[] = NATIONAL_ROWS.map(
  ([id, label, scope]) => ({
    id,
    label,
    scope: scope ?? 'business',
  }),
)
