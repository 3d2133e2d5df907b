/**
 * The cost lines an RFI asks for, in one place so they can be aligned with the cost estimate (src/cost/).
 * One-time categories follow the migration cost estimate; その他 catches what a vendor cannot place.
 */
export const ONE_TIME_CATEGORIES = [
  'データ移行',
  '文字同定・外字',
  '環境構築',
  '連携構築・独自施策システム改修',
  'テスト・並行稼働',
  '研修',
  'PMO・支援',
  '旧システム契約の延長・解約',
  'その他',
] as const
export type OneTimeCategory = (typeof ONE_TIME_CATEGORIES)[number]

/** Yearly running costs, asked for 5 years. ガバメントクラウド利用料 may be answered in dollars. */
export const ANNUAL_ITEMS = ['標準準拠システム利用料', 'ガバメントクラウド利用料', '保守'] as const
export type AnnualItem = (typeof ANNUAL_ITEMS)[number]

/** The one annual item a vendor may price in US dollars (cloud fees are billed in USD). */
export const USD_ITEM: AnnualItem = 'ガバメントクラウド利用料'

/** Years of running cost asked for (the national cost study's horizon). */
export const RUNNING_YEARS = 5

/** Units of the amount cells. */
export const UNIT_YEN = '千円'
export const UNIT_USD = '千ドル'
export const COST_UNITS = [UNIT_YEN, UNIT_USD] as const

/** Rows of the 前提・条件 block. */
export const FX_ITEM = '為替レート（1ドルあたり円）'
export const CONDITIONS_ITEM = '前提・条件'
