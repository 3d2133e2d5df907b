/**
 * The 20 標準化対象業務 (17 fixed by the デジタル・ガバメント実行計画 of 2020-12-25,
 * plus 印鑑登録, 戸籍, 戸籍の附票). `code` is the 3-digit prefix of a 機能ID in our
 * bundled specs (業務ID 001 = 住民基本台帳 …; inferred, see NOTES.md §C).
 */
export type BusinessGroup = '住民' | '税' | '福祉' | '子ども' | '健康' | '教育' | '戸籍'

export interface Business {
  /** Stable identifier used in files and JSON (romanized). */
  readonly id: string
  /** 3-digit 業務 code, the first three digits of a 機能ID. */
  readonly code: string
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
    name: '住民基本台帳',
    aliases: ['住民記録', '住基', '住記', '住民基本台帳事務', '住民情報'],
    original17: true,
    group: '住民',
    spec: '住民記録システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'senkyo',
    code: '002',
    name: '選挙人名簿管理',
    aliases: ['選挙', '選挙人名簿', '選挙管理', '選挙人名簿システム'],
    original17: true,
    group: '住民',
    spec: '選挙人名簿管理システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'kotei-shisan',
    code: '003',
    name: '固定資産税',
    aliases: ['固定資産', '固資', '固定資産税・都市計画税', '固定'],
    original17: true,
    group: '税',
    spec: '税務システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'kojin-juminzei',
    code: '004',
    name: '個人住民税',
    aliases: ['住民税', '個人市民税', '市民税', '個人住民税（市県民税）', '市県民税', '個住'],
    original17: true,
    group: '税',
    spec: '税務システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'hojin-juminzei',
    code: '005',
    name: '法人住民税',
    aliases: ['法人市民税', '法人税', '法住'],
    original17: true,
    group: '税',
    spec: '税務システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'keijidosha',
    code: '006',
    name: '軽自動車税',
    aliases: ['軽自', '軽自税', '軽自動車'],
    original17: true,
    group: '税',
    spec: '税務システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'kokuho',
    code: '007',
    name: '国民健康保険',
    aliases: ['国保', '国民健康保険税', '国保税', '国民健康保険料'],
    original17: true,
    group: '健康',
    spec: '国民健康保険システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'kokumin-nenkin',
    code: '008',
    name: '国民年金',
    aliases: ['年金', '国年'],
    original17: true,
    group: '福祉',
    spec: '国民年金システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'shogaisha-fukushi',
    code: '009',
    name: '障害者福祉',
    aliases: ['障害福祉', '障がい者福祉', '障害者福祉サービス', '障害'],
    original17: true,
    group: '福祉',
    spec: '障害者福祉システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'koki-korei',
    code: '010',
    name: '後期高齢者医療',
    aliases: ['後期高齢', '後期高齢者', '後期'],
    original17: true,
    group: '健康',
    spec: '後期高齢者医療システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'kaigo',
    code: '011',
    name: '介護保険',
    aliases: ['介護', '介護保険事務'],
    original17: true,
    group: '福祉',
    spec: '介護保険システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'jido-teate',
    code: '012',
    name: '児童手当',
    aliases: ['児手', '子ども手当'],
    original17: true,
    group: '子ども',
    spec: '児童手当システム標準仕様書',
    ministry: 'こども家庭庁',
  },
  {
    id: 'kenko-kanri',
    code: '013',
    name: '健康管理',
    aliases: ['健康', '保健', '健康管理事務', '健診'],
    original17: true,
    group: '健康',
    spec: '健康管理システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'shugaku',
    code: '014',
    name: '就学',
    aliases: ['学齢簿', '学齢簿編製', '就学事務', '学事'],
    original17: true,
    group: '教育',
    spec: '就学事務システム（学齢簿編製等）標準仕様書',
    ministry: '文部科学省',
  },
  {
    id: 'jido-fuyo',
    code: '015',
    name: '児童扶養手当',
    aliases: ['児扶', '児童扶養'],
    original17: true,
    group: '子ども',
    spec: '児童扶養手当システム標準仕様書',
    ministry: 'こども家庭庁',
  },
  {
    id: 'seikatsu-hogo',
    code: '016',
    name: '生活保護',
    aliases: ['生保', '保護'],
    original17: true,
    group: '福祉',
    spec: '生活保護システム標準仕様書',
    ministry: '厚生労働省',
  },
  {
    id: 'kodomo-kosodate',
    code: '017',
    name: '子ども・子育て支援',
    aliases: ['子育て支援', '子ども子育て支援', '子ども・子育て', '保育', '子育て'],
    original17: true,
    group: '子ども',
    spec: '子ども・子育て支援システム標準仕様書',
    ministry: 'こども家庭庁',
  },
  {
    id: 'inkan',
    code: '018',
    name: '印鑑登録',
    aliases: ['印鑑', '印鑑証明'],
    original17: false,
    group: '住民',
    spec: '印鑑登録システム標準仕様書',
    ministry: '総務省',
  },
  {
    id: 'koseki',
    code: '019',
    name: '戸籍',
    aliases: ['戸籍情報', '戸籍事務'],
    original17: false,
    group: '戸籍',
    spec: '戸籍情報システム標準仕様書',
    ministry: '法務省',
  },
  {
    id: 'koseki-fuhyo',
    code: '020',
    name: '戸籍の附票',
    aliases: ['戸籍附票', '附票'],
    original17: false,
    group: '戸籍',
    spec: '戸籍附票システム標準仕様書',
    ministry: '総務省',
  },
]
