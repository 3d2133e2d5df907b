/**
 * The fictional municipality of the bundled sample data. 汐見川市 is not a real
 * city; every vendor and product name in scripts/sample/ is invented as well.
 */
export const CITY = {
  name: '汐見川市',
  kana: 'しおみがわし',
  prefecture: '（架空）',
  kind: '一般市',
  population: 112_340,
  households: 51_870,
  /** 台帳の基準日 (令和8年10月1日). */
  asOf: '令和8年10月1日',
  fiscalYear: '令和8年度',
} as const
