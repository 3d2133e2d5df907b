/**
 * The assumptions of the cost estimate: what each parameter means, its unit, its
 * default and where the default comes from. Defaults are deliberately not rosy:
 * national figures change every year and are marked 要確認 with the year they
 * come from; hyojun's own estimates say so. Pure data, no I/O.
 */

export const PARAMETER_KEYS = [
  'fxRate',
  'fxReferenceRate',
  'usdShare',
  'cloudFeeIncrease',
  'delayMonths',
  'outsideKeepShare',
  'extensionPremium',
  'terminationRate',
  'subsidyRate',
  'targetRate',
  'baseYear',
  'horizonYears',
  'defaultCutover',
  'population',
] as const
export type ParameterKey = (typeof PARAMETER_KEYS)[number]

export type ParameterKind = 'number' | 'ratio' | 'integer' | 'month'

export interface ParameterDef {
  readonly key: ParameterKey
  readonly label: string
  readonly unit: string
  readonly kind: ParameterKind
  /** null: no default (population comes from `hyojun init`). */
  readonly default: number | null
  readonly source: string
  /** Inclusive bounds checked on import. */
  readonly min: number
  readonly max?: number
  /** Zero is refused (a rate of 0 円/USD makes no sense). */
  readonly positive?: boolean
  readonly help: string
}

/** 'month' parameters are stored as YYYYMM numbers (202901 = 2029-01). */
export const PARAMETERS: readonly ParameterDef[] = [
  {
    key: 'fxRate',
    label: '為替レート',
    unit: '円/USD',
    kind: 'number',
    default: 150,
    min: 0,
    positive: true,
    source:
      '要確認（2026年）: 試算時点の想定。国のガバメントクラウド利用料の試算では 1ドル139円と160円の両方が用いられた',
    help: 'ガバメントクラウド利用料のドル建て部分を円に換算するレート',
  },
  {
    key: 'fxReferenceRate',
    label: '単価の前提為替レート',
    unit: '円/USD',
    kind: 'number',
    default: 150,
    min: 0,
    positive: true,
    source:
      'hyojun 既定値: 業務別単価のガバメントクラウド利用料を見積もった為替レート（単価と同じ時点の値にする）',
    help: '業務別単価・システム別単価のガバメントクラウド利用料が前提としている為替レート',
  },
  {
    key: 'usdShare',
    label: 'ガバメントクラウド利用料のドル建て割合',
    unit: '比率（0～1）',
    kind: 'ratio',
    default: 1,
    min: 0,
    max: 1,
    source:
      '要確認（2024年）: ガバメントクラウドの利用料はクラウド事業者のドル建て価格に基づくため全額ドル建てと仮定',
    help: '為替の影響を受ける割合。1 = 全額ドル建て',
  },
  {
    key: 'cloudFeeIncrease',
    label: 'ガバメントクラウド利用料の増加率',
    unit: '比率',
    kind: 'ratio',
    default: 0,
    min: 0,
    source: 'hyojun 既定値: 単価どおり（シナリオ「クラウド利用料増」では +0.3）',
    help: '単価に対する増加率。0.3 = 30% 増',
  },
  {
    key: 'delayMonths',
    label: '移行の遅延',
    unit: '月',
    kind: 'integer',
    default: 0,
    min: 0,
    max: 120,
    source: 'hyojun 既定値: 移行予定どおり（シナリオ「移行1年遅延」では 12）',
    help: '未移行システムの移行時期を遅らせる月数。遅延中は新旧システムの二重稼働になります',
  },
  {
    key: 'outsideKeepShare',
    label: '標準外カスタマイズの独自施策システムへの移行割合',
    unit: '比率（0～1）',
    kind: 'ratio',
    default: 1,
    min: 0,
    max: 1,
    source:
      'hyojun 既定値: Fit&Gap で標準外（outside）のカスタマイズは全件を独自施策システムで維持（業務見直しによる廃止を見込まない）',
    help: '標準外カスタマイズの年間保守費のうち、独自施策システムの運用経費として残る割合',
  },
  {
    key: 'extensionPremium',
    label: '旧契約延長の割増率',
    unit: '比率',
    kind: 'ratio',
    default: 0.1,
    min: 0,
    source:
      '要確認（2026年）: 短期の延長契約は割高になりやすいため 10% 増と仮定。事業者の見積で置き換えること',
    help: '契約満了が移行より前の場合、延長期間の月額経費に掛ける割増',
  },
  {
    key: 'terminationRate',
    label: '中途解約時の支払割合',
    unit: '比率（0～1）',
    kind: 'ratio',
    default: 1,
    min: 0,
    max: 1,
    source: 'hyojun 既定値: 契約満了まで全額支払う（二重稼働）と仮定。解約金の条項があればその割合',
    help: '契約満了が移行より後の場合、移行後の残期間の経費のうち支払う割合（1 = 満了まで二重に支払う）',
  },
  {
    key: 'subsidyRate',
    label: '補助率（デジタル基盤改革支援補助金）',
    unit: '比率（0～1）',
    kind: 'ratio',
    default: 1,
    min: 0,
    max: 1,
    source: '要確認（2023年度）: 標準準拠システムへの移行経費は上限額の範囲内で定額（10/10）とされている',
    help: '補助対象経費に対する補助の割合',
  },
  {
    key: 'targetRate',
    label: '運用経費の削減目標',
    unit: '比率（0～1）',
    kind: 'ratio',
    default: 0.3,
    min: 0,
    max: 1,
    source: '地方公共団体情報システム標準化基本方針（2022年10月閣議決定）: 平成30年度比で少なくとも3割削減',
    help: '基準年度の運用経費に対する削減率の目標',
  },
  {
    key: 'baseYear',
    label: '基準年度',
    unit: '年度（西暦）',
    kind: 'integer',
    default: 2018,
    min: 2000,
    max: 2100,
    source: '地方公共団体情報システム標準化基本方針（2022年10月閣議決定）: 平成30年度',
    help: '削減目標の基準年度。システム台帳の「平成30年度運用経費」列の年度',
  },
  {
    key: 'horizonYears',
    label: '計画期間',
    unit: '年度数',
    kind: 'integer',
    default: 5,
    min: 1,
    max: 15,
    source: '国の運用経費の検証に合わせ5年間（要確認・2024年）',
    help: '年度別の資金計画に含める年度数（試算日の年度から）',
  },
  {
    key: 'defaultCutover',
    label: '移行予定が不明なシステムの移行年月',
    unit: '年月',
    kind: 'month',
    default: 202901,
    min: 190001,
    source:
      'hyojun 既定値: 特定移行支援システムの移行期限（概ね令和12年度末、要確認）より前の仮置き。ロードマップか台帳の移行予定日で置き換えること',
    help: 'ロードマップにも台帳の移行予定日にも移行時期がないシステムに使う年月（例: 2029-01 または 令和11年1月）',
  },
  {
    key: 'population',
    label: '人口（未登録時）',
    unit: '人',
    kind: 'integer',
    default: null,
    min: 0,
    positive: true,
    source: 'hyojun init で登録した人口を優先。未登録の場合のみこの値を使う',
    help: '人口区分（単価の係数・補助上限額）を決める人口',
  },
]

export const PARAMETER_BY_KEY: ReadonlyMap<ParameterKey, ParameterDef> = new Map(
  PARAMETERS.map((p) => [p.key, p]),
)

export const FEE_KEYS = ['standardFeeYen', 'cloudFeeYen', 'lineFeeYen', 'operationFeeYen'] as const
export type FeeKey = (typeof FEE_KEYS)[number]
export const FEE_LABELS: Readonly<Record<FeeKey, string>> = {
  standardFeeYen: '標準準拠システム利用料',
  cloudFeeYen: 'ガバメントクラウド利用料',
  lineFeeYen: '接続回線',
  operationFeeYen: '運用管理補助',
}

export type Fees = Readonly<Record<FeeKey, number>>

export interface BusinessRate extends Fees {
  readonly businessId: string
  /** One-time migration cost of the 業務 (all categories except contracts), yen. */
  readonly oneTimeYen: number
  readonly source: string
}

export interface SystemRate extends Fees {
  /** System id or name as written. */
  readonly system: string
  readonly oneTimeYen: number | null
  readonly source: string
}

export interface PopulationBand {
  readonly min: number
  /** Exclusive; null = no upper bound. */
  readonly max: number | null
  readonly runningFactor: number
  readonly oneTimeFactor: number
  readonly subsidyCapYen: number
  readonly source: string
}

export const ONE_TIME_CATEGORIES = [
  {key: 'dataMigration', label: 'データ移行'},
  {key: 'characters', label: '文字同定・外字'},
  {key: 'environment', label: '環境構築'},
  {key: 'integration', label: '連携構築・独自施策システム改修'},
  {key: 'testing', label: 'テスト・並行稼働'},
  {key: 'training', label: '研修'},
  {key: 'pmo', label: 'PMO・支援'},
  {key: 'contract', label: '旧システム契約の延長・解約'},
] as const
export type CategoryKey = (typeof ONE_TIME_CATEGORIES)[number]['key']
export const CATEGORY_LABEL: Readonly<Record<CategoryKey, string>> = Object.fromEntries(
  ONE_TIME_CATEGORIES.map((c) => [c.key, c.label]),
) as Record<CategoryKey, string>

export interface CategoryRate {
  readonly key: CategoryKey
  /** Share of a system's one-time cost; the contract category is computed from contracts (share 0). */
  readonly share: number
  readonly eligible: boolean
  readonly source: string
}

export interface ScenarioDef {
  readonly name: string
  readonly description: string
  /** Absolute values that replace the base parameters. */
  readonly overrides: Partial<Record<ParameterKey, number>>
}

export interface Assumptions {
  readonly origin: 'default' | 'imported'
  /** Imported file name, or null for defaults. */
  readonly file: string | null
  readonly parameters: Readonly<
    Record<ParameterKey, {readonly value: number | null; readonly source: string}>
  >
  /** User scenarios (columns of the 前提条件 sheet). */
  readonly scenarios: readonly ScenarioDef[]
  readonly businessRates: readonly BusinessRate[]
  readonly systemRates: readonly SystemRate[]
  readonly bands: readonly PopulationBand[]
  readonly categories: readonly CategoryRate[]
}

const K = 1000
const OWN_RATE_SOURCE =
  'hyojun 既定値（仮定・2026年）: 人口10万～20万人の一般市を想定した概算。国の公表単価ではない。事業者の見積で置き換えること（要確認）'

/** Per 業務, 千円 per year (band 10万～20万人) and one-time 千円: [標準, GC, 回線, 運用, 一時]. */
const RATE_TABLE: readonly (readonly [string, number, number, number, number, number])[] = [
  ['juki', 18_000, 7_000, 1_200, 3_600, 70_000],
  ['inkan', 1_200, 400, 0, 200, 5_000],
  ['senkyo', 3_000, 1_000, 0, 500, 12_000],
  ['koseki', 9_600, 2_400, 600, 1_400, 30_000],
  ['koseki-fuhyo', 1_800, 600, 0, 300, 4_000],
  ['kojin-juminzei', 16_000, 6_000, 600, 3_000, 55_000],
  ['kotei-shisan', 12_000, 4_500, 0, 2_000, 45_000],
  ['keijidosha', 2_400, 800, 0, 400, 8_000],
  ['hojin-juminzei', 2_400, 700, 0, 400, 8_000],
  ['kokuho', 10_800, 4_200, 600, 2_000, 40_000],
  ['kokumin-nenkin', 1_800, 600, 0, 300, 8_000],
  ['koki-korei', 3_600, 1_400, 0, 600, 14_000],
  ['kaigo', 14_400, 5_400, 600, 2_400, 50_000],
  ['shogaisha-fukushi', 7_200, 2_600, 0, 1_200, 25_000],
  ['jido-teate', 2_400, 900, 0, 400, 8_000],
  ['jido-fuyo', 1_500, 500, 0, 300, 5_000],
  ['seikatsu-hogo', 5_400, 2_000, 300, 900, 15_000],
  ['kenko-kanri', 5_400, 2_000, 300, 900, 20_000],
  ['shugaku', 1_800, 600, 0, 300, 7_000],
  ['kodomo-kosodate', 9_000, 3_200, 300, 1_500, 35_000],
]

const BAND_SOURCE =
  '要確認（2023年度）: 補助上限額は人口規模に応じて国が定める（令和5年度補正後の基金規模から hyojun が概算した値）。単価の係数は hyojun の仮定'

export const DEFAULT_BANDS: readonly PopulationBand[] = [
  {
    min: 0,
    max: 10_000,
    runningFactor: 0.35,
    oneTimeFactor: 0.4,
    subsidyCapYen: 150_000 * K,
    source: BAND_SOURCE,
  },
  {
    min: 10_000,
    max: 30_000,
    runningFactor: 0.5,
    oneTimeFactor: 0.55,
    subsidyCapYen: 230_000 * K,
    source: BAND_SOURCE,
  },
  {
    min: 30_000,
    max: 50_000,
    runningFactor: 0.7,
    oneTimeFactor: 0.7,
    subsidyCapYen: 300_000 * K,
    source: BAND_SOURCE,
  },
  {
    min: 50_000,
    max: 100_000,
    runningFactor: 0.85,
    oneTimeFactor: 0.85,
    subsidyCapYen: 380_000 * K,
    source: BAND_SOURCE,
  },
  {
    min: 100_000,
    max: 200_000,
    runningFactor: 1,
    oneTimeFactor: 1,
    subsidyCapYen: 480_000 * K,
    source: BAND_SOURCE,
  },
  {
    min: 200_000,
    max: 500_000,
    runningFactor: 1.6,
    oneTimeFactor: 1.5,
    subsidyCapYen: 800_000 * K,
    source: BAND_SOURCE,
  },
  {
    min: 500_000,
    max: null,
    runningFactor: 2.8,
    oneTimeFactor: 2.5,
    subsidyCapYen: 1_600_000 * K,
    source: BAND_SOURCE,
  },
]

const SHARE_SOURCE =
  'hyojun 既定値（仮定）: 移行一時経費の区分別構成比の目安。事業者の見積の内訳で置き換えること'
const ELIGIBLE_SOURCE = '要確認（2023年度）: 標準準拠システムへの移行に要する経費は補助対象'

export const DEFAULT_CATEGORIES: readonly CategoryRate[] = [
  {key: 'dataMigration', share: 0.25, eligible: true, source: `${SHARE_SOURCE}。${ELIGIBLE_SOURCE}`},
  {key: 'characters', share: 0.08, eligible: true, source: `${SHARE_SOURCE}。${ELIGIBLE_SOURCE}`},
  {key: 'environment', share: 0.17, eligible: true, source: `${SHARE_SOURCE}。${ELIGIBLE_SOURCE}`},
  {
    key: 'integration',
    share: 0.18,
    eligible: true,
    source: `${SHARE_SOURCE}。${ELIGIBLE_SOURCE}（独自施策システム側の改修は対象外の場合あり）`,
  },
  {key: 'testing', share: 0.14, eligible: true, source: `${SHARE_SOURCE}。${ELIGIBLE_SOURCE}`},
  {key: 'training', share: 0.03, eligible: true, source: `${SHARE_SOURCE}。${ELIGIBLE_SOURCE}`},
  {key: 'pmo', share: 0.15, eligible: true, source: `${SHARE_SOURCE}。${ELIGIBLE_SOURCE}`},
  {
    key: 'contract',
    share: 0,
    eligible: false,
    source:
      '契約期間と移行時期から計算（構成比なし）。旧システムの延長・解約に係る経費は補助対象外と仮定（要確認・2023年度）',
  },
]

/** The built-in defaults (no assumptions workbook imported). */
export function defaultAssumptions(): Assumptions {
  const parameters = Object.fromEntries(
    PARAMETERS.map((p) => [p.key, {value: p.default, source: p.source}]),
  ) as Record<ParameterKey, {value: number | null; source: string}>
  return {
    origin: 'default',
    file: null,
    parameters,
    scenarios: [],
    businessRates: RATE_TABLE.map(([businessId, s, c, l, o, one]) => ({
      businessId,
      standardFeeYen: s * K,
      cloudFeeYen: c * K,
      lineFeeYen: l * K,
      operationFeeYen: o * K,
      oneTimeYen: one * K,
      source: OWN_RATE_SOURCE,
    })),
    systemRates: [],
    bands: DEFAULT_BANDS,
    categories: DEFAULT_CATEGORIES,
  }
}

/** 202901 → '2029-01'. */
export function monthText(yyyymm: number): string {
  return `${String(Math.floor(yyyymm / 100)).padStart(4, '0')}-${String(yyyymm % 100).padStart(2, '0')}`
}
