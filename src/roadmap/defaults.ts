import {PHASES, type Assumptions, type PhaseName} from './roadmap.schema.js'

/**
 * Default planning assumptions (計画前提), used when no 計画前提.xlsx was imported. Each value is
 * documented in the README and on the 前提条件 sheet; a city overrides them with `hyojun roadmap import`.
 */
export const DEFAULT_PHASE_MONTHS: Readonly<Record<PhaseName, number>> = {
  [PHASES[0]]: 6,
  [PHASES[1]]: 2,
  [PHASES[2]]: 3,
  [PHASES[3]]: 4,
  [PHASES[4]]: 8,
  [PHASES[5]]: 4,
  [PHASES[6]]: 2,
  [PHASES[7]]: 1,
  [PHASES[8]]: 2,
}

/** What each phase stands for (template and 前提条件 sheet). */
export const PHASE_NOTES: Readonly<Record<PhaseName, string>> = {
  [PHASES[0]]: '推進体制、現行システム調査、標準仕様書との比較分析（Fit&Gap）、移行計画の作成',
  [PHASES[1]]: '情報提供依頼（見積・移行方式の把握）。予算要求の根拠になるため予算要求の前に行う',
  [PHASES[2]]: '翌年度予算の要求（既定では9〜11月に開始）',
  [PHASES[3]]: 'RFP作成、事業者選定、契約（予算の執行開始）',
  [PHASES[4]]: '移行設計、データ移行（中間標準レイアウト）、文字同定',
  [PHASES[5]]: '他システム・共通機能との連携テスト、総合テスト',
  [PHASES[6]]: '職員研修、並行稼働・リハーサル',
  [PHASES[7]]: '本番切替（この段階の最後の月を本番移行月とする）',
  [PHASES[8]]: '旧システムのデータ消去・機器撤去・契約終了',
}

/** No cutover in these months, with the reason shown on the 前提条件 sheet. */
export const DEFAULT_BUSY_SEASONS: Readonly<Record<string, {months: readonly number[]; reason: string}>> = {
  住民基本台帳: {months: [3, 4], reason: '年度末・年度初めの住民異動（転入転出の集中）'},
  印鑑登録: {months: [3, 4], reason: '住民異動の集中（住民基本台帳と同じ）'},
  戸籍: {months: [3, 4], reason: '年度末・年度初めの届出の集中'},
  戸籍の附票: {months: [3, 4], reason: '住民異動の集中（住民基本台帳と同じ）'},
  選挙人名簿管理: {months: [], reason: '選挙の日程は計画前提ブックで指定する'},
  個人住民税: {months: [1, 2, 3, 4, 5, 6], reason: '給与支払報告書・申告受付と当初賦課（1〜6月）'},
  法人住民税: {months: [4, 5], reason: '3月決算法人の申告（5月）'},
  固定資産税: {months: [1, 2, 3, 4], reason: '賦課期日（1月1日）から当初課税（4月）まで'},
  軽自動車税: {months: [3, 4, 5], reason: '賦課期日（4月1日）と当初課税（5月）'},
  国民健康保険: {months: [3, 4, 6, 7], reason: '年度切替と本算定（6〜7月）'},
  国民年金: {months: [3, 4], reason: '年度切替'},
  障害者福祉: {months: [3, 4], reason: '年度切替（受給者証の更新）'},
  後期高齢者医療: {months: [3, 4, 7, 8], reason: '年度切替、本算定（7月）と被保険者証の更新（8月）'},
  介護保険: {months: [3, 4, 6, 7], reason: '年度切替と本算定（7月）'},
  児童手当: {months: [3, 4, 6], reason: '年度切替と定期支払・現況確認（6月）'},
  健康管理: {months: [4, 5], reason: '各種検診・予防接種の年度開始'},
  就学: {months: [1, 2, 3, 4], reason: '就学通知（1月）から入学（4月）まで'},
  児童扶養手当: {months: [3, 4, 8], reason: '年度切替と現況届（8月）'},
  生活保護: {months: [3, 4], reason: '年度切替（基準改定）'},
  '子ども・子育て支援': {months: [1, 2, 3, 4], reason: '4月入所の利用調整（1〜3月）と年度切替'},
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  phaseMonths: {...DEFAULT_PHASE_MONTHS},
  gapItemsPerMonth: 10,
  gapMaxMonths: 6,
  recordsPerMonth: 100000,
  sizeMaxMonths: 4,
  busySeasons: Object.fromEntries(Object.entries(DEFAULT_BUSY_SEASONS).map(([b, s]) => [b, [...s.months]])),
  bundles: [
    {name: '住民記録系', businesses: ['住民基本台帳', '印鑑登録', '戸籍の附票']},
    {name: '税務', businesses: ['個人住民税', '法人住民税', '固定資産税', '軽自動車税']},
  ],
  samePackageTogether: true,
  commonFirst: true,
  commonKeywords: ['宛名', '庁内データ連携', '連携基盤'],
  dependencies: [],
  vendorCapacity: 2,
  vendorCapacityByVendor: {},
  staffCapacity: 4,
  budgetRequestMonths: [9, 10, 11],
  supplementaryBudget: false,
  deadline: '2031-03-31',
  plannedIsDeadlineForSpecial: true,
  preferredCutoverMonths: [1, 5],
  preferredMaxWait: 1,
  tightSlackMonths: 6,
  systems: [],
}
