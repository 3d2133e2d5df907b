import {BUSINESSES} from '../catalog/catalog.js'
import {
  CATEGORY_LABEL,
  FEE_KEYS,
  FEE_LABELS,
  PARAMETERS,
  monthText,
  type Assumptions,
  type BusinessRate,
  type CategoryRate,
  type ParameterDef,
  type PopulationBand,
} from './assumptions.js'
import type {AnySheetSpec, ColumnSpec} from '../reports/workbook-writer.js'

/**
 * The 経費前提 workbook (`hyojun cost template`): every parameter with unit, default,
 * source and 入力要領. Sheet names and headers are what `hyojun cost import` reads.
 */

export const ASSUMPTION_SHEETS = {
  parameters: '前提条件',
  businessRates: '業務別単価',
  systemRates: 'システム別単価',
  bands: '人口区分',
  categories: '一時経費区分',
} as const

export const PARAMETER_HEADERS = {
  key: 'キー',
  label: '項目',
  value: '値',
  unit: '単位',
  default: '既定値',
  source: '出典・根拠',
} as const
/** A column headed 「シナリオ：名称」 holds a user scenario (blank cells = same as 値). */
export const SCENARIO_PREFIX = 'シナリオ：'

export const RATE_HEADERS = {
  business: '業務',
  system: 'システム',
  standardFeeYen: `${FEE_LABELS.standardFeeYen}（千円/年）`,
  cloudFeeYen: `${FEE_LABELS.cloudFeeYen}（千円/年）`,
  lineFeeYen: `${FEE_LABELS.lineFeeYen}（千円/年）`,
  operationFeeYen: `${FEE_LABELS.operationFeeYen}（千円/年）`,
  oneTimeYen: '移行一時経費（千円）',
  source: '出典・根拠',
} as const

export const BAND_HEADERS = {
  min: '人口（以上）',
  max: '人口（未満）',
  runningFactor: '運用経費の係数',
  oneTimeFactor: '一時経費の係数',
  subsidyCapYen: '補助上限額（千円）',
  source: '出典・根拠',
} as const

export const CATEGORY_HEADERS = {
  category: '区分',
  share: '構成比',
  eligible: '補助対象',
  source: '出典・根拠',
} as const

const thousand = (yen: number): number => yen / 1000

function paramValue(p: ParameterDef, v: number | null): string | number | null {
  if (v === null) return null
  return p.kind === 'month' ? monthText(v) : v
}

function parameterSheet(a: Assumptions): AnySheetSpec {
  const columns: ColumnSpec<ParameterDef>[] = [
    {header: PARAMETER_HEADERS.key, width: 18, value: (p) => p.key},
    {header: PARAMETER_HEADERS.label, width: 34, value: (p) => p.label},
    {
      header: PARAMETER_HEADERS.value,
      width: 12,
      kind: 'number',
      editable: true,
      value: (p) => paramValue(p, a.parameters[p.key]?.value ?? p.default),
    },
    {header: PARAMETER_HEADERS.unit, width: 14, value: (p) => p.unit},
    {header: PARAMETER_HEADERS.default, width: 10, kind: 'number', value: (p) => paramValue(p, p.default)},
    {header: PARAMETER_HEADERS.source, width: 60, kind: 'longtext', value: (p) => p.source},
    {header: `${SCENARIO_PREFIX}独自試算`, width: 16, kind: 'number', editable: true, value: () => null},
  ]
  return {
    name: ASSUMPTION_SHEETS.parameters,
    title: [
      '経費試算の前提条件',
      '「値」を自団体の値に置き換えてください。「要確認」は国の数値が年度ごとに変わるもの、「hyojun 既定値」は開発チームの仮定です。',
      `右端の「${SCENARIO_PREFIX}名称」列に値を入れると独自のシナリオになります（空欄は「値」と同じ。列は増やせます）`,
    ],
    columns,
    rows: PARAMETERS,
  }
}

function businessSheet(a: Assumptions): AnySheetSpec {
  const byId = new Map(a.businessRates.map((r) => [r.businessId, r]))
  const rows = BUSINESSES.map((b) => ({name: b.name, rate: byId.get(b.id)})).filter(
    (r): r is {name: string; rate: BusinessRate} => r.rate !== undefined,
  )
  return {
    name: ASSUMPTION_SHEETS.businessRates,
    title: [
      '業務別の移行後運用経費（年額）と移行一時経費',
      '人口区分「10万人以上20万人未満」の団体を 1.0 とした単価です（他の人口区分は「人口区分」シートの係数を掛けます）。1つのシステムが複数業務を扱う場合は業務ごとの単価の合計です。',
    ],
    columns: [
      {header: RATE_HEADERS.business, width: 18, value: (r) => r.name},
      ...FEE_KEYS.map((k): ColumnSpec<{name: string; rate: BusinessRate}> => ({
        header: RATE_HEADERS[k],
        width: 14,
        kind: 'yen',
        editable: true,
        value: (r) => thousand(r.rate[k]),
      })),
      {
        header: RATE_HEADERS.oneTimeYen,
        width: 14,
        kind: 'yen',
        editable: true,
        value: (r) => thousand(r.rate.oneTimeYen),
      },
      {header: RATE_HEADERS.source, width: 70, kind: 'longtext', value: (r) => r.rate.source},
    ],
    rows,
    headerHeight: 45,
  }
}

function systemSheet(a: Assumptions): AnySheetSpec {
  type Row = Assumptions['systemRates'][number]
  return {
    name: ASSUMPTION_SHEETS.systemRates,
    title: [
      'システム別の単価（任意）',
      '事業者の見積がある場合に入力します。入力したシステムは業務別単価の代わりにこの値を使います（システム台帳のシステムIDまたは名称）。',
    ],
    columns: [
      {header: RATE_HEADERS.system, width: 28, editable: true, value: (r: Row) => r.system},
      ...FEE_KEYS.map((k): ColumnSpec<Row> => ({
        header: RATE_HEADERS[k],
        width: 14,
        kind: 'yen',
        editable: true,
        value: (r) => thousand(r[k]),
      })),
      {
        header: RATE_HEADERS.oneTimeYen,
        width: 14,
        kind: 'yen',
        editable: true,
        value: (r: Row) => (r.oneTimeYen === null ? null : thousand(r.oneTimeYen)),
      },
      {header: RATE_HEADERS.source, width: 40, kind: 'longtext', editable: true, value: (r: Row) => r.source},
    ],
    rows: a.systemRates,
    headerHeight: 45,
  }
}

function bandSheet(a: Assumptions): AnySheetSpec {
  return {
    name: ASSUMPTION_SHEETS.bands,
    title: [
      '人口区分ごとの単価の係数と補助上限額',
      '区分は 0 人から切れ目なく並べ、最後の区分の「人口（未満）」は空欄にします。',
    ],
    columns: [
      {
        header: BAND_HEADERS.min,
        width: 12,
        kind: 'integer',
        editable: true,
        value: (b: PopulationBand) => b.min,
      },
      {
        header: BAND_HEADERS.max,
        width: 12,
        kind: 'integer',
        editable: true,
        value: (b: PopulationBand) => b.max,
      },
      {
        header: BAND_HEADERS.runningFactor,
        width: 12,
        kind: 'number',
        editable: true,
        value: (b: PopulationBand) => b.runningFactor,
      },
      {
        header: BAND_HEADERS.oneTimeFactor,
        width: 12,
        kind: 'number',
        editable: true,
        value: (b: PopulationBand) => b.oneTimeFactor,
      },
      {
        header: BAND_HEADERS.subsidyCapYen,
        width: 16,
        kind: 'yen',
        editable: true,
        value: (b: PopulationBand) => thousand(b.subsidyCapYen),
      },
      {header: BAND_HEADERS.source, width: 60, kind: 'longtext', value: (b: PopulationBand) => b.source},
    ],
    rows: a.bands,
  }
}

function categorySheet(a: Assumptions): AnySheetSpec {
  return {
    name: ASSUMPTION_SHEETS.categories,
    title: [
      '移行一時経費の区分',
      '構成比は合計 1（100%）にします。「旧システム契約の延長・解約」は契約期間と移行時期から計算するため構成比はありません。',
    ],
    columns: [
      {header: CATEGORY_HEADERS.category, width: 30, value: (c: CategoryRate) => CATEGORY_LABEL[c.key]},
      {
        header: CATEGORY_HEADERS.share,
        width: 10,
        kind: 'number',
        editable: true,
        value: (c: CategoryRate) => (c.key === 'contract' ? null : c.share),
      },
      {
        header: CATEGORY_HEADERS.eligible,
        width: 10,
        editable: true,
        list: ['○', '×'],
        value: (c: CategoryRate) => (c.eligible ? '○' : '×'),
      },
      {header: CATEGORY_HEADERS.source, width: 60, kind: 'longtext', value: (c: CategoryRate) => c.source},
    ],
    rows: a.categories,
  }
}

interface Help {
  readonly sheet: string
  readonly item: string
  readonly how: string
}

const HELP: readonly Help[] = [
  {
    sheet: ASSUMPTION_SHEETS.parameters,
    item: '値',
    how: '数値で入力します。比率は 0.3 または 30% のどちらでも可。年月は 2029-01 または 令和11年1月。負の値・文字・補助率 100% 超・為替レート 0 は取込時にエラーになります',
  },
  {
    sheet: ASSUMPTION_SHEETS.parameters,
    item: `${SCENARIO_PREFIX}名称`,
    how: '独自シナリオ。列見出しの「：」の後がシナリオ名です。値を変えたい行だけ入力し、空欄は「値」と同じになります。組込みのシナリオ（base・円安・クラウド利用料増・移行1年遅延）と同じ名前は使えません',
  },
  {
    sheet: ASSUMPTION_SHEETS.businessRates,
    item: '各単価',
    how: '千円単位。0 の場合は 0 と入力します（空欄はエラー）。業務名は標準化対象20業務の名称（別名可）',
  },
  {
    sheet: ASSUMPTION_SHEETS.systemRates,
    item: 'システム',
    how: 'システム台帳のシステムIDまたはシステム名称。移行一時経費は空欄可（空欄は業務別単価で計算）',
  },
  {
    sheet: ASSUMPTION_SHEETS.bands,
    item: '人口（以上）・人口（未満）',
    how: '団体の人口（hyojun init --population）が入る区分の係数と補助上限額を使います',
  },
  {
    sheet: ASSUMPTION_SHEETS.categories,
    item: '補助対象',
    how: '○（補助対象）または ×（対象外）。補助金 = 補助対象経費 × 補助率（上限額まで）',
  },
]

function helpSheet(): AnySheetSpec {
  return {
    name: '入力要領',
    title: ['入力要領', '取り込み: hyojun cost import 経費前提.xlsx（--dry-run で検査のみ）'],
    columns: [
      {header: 'シート', width: 16, value: (h: Help) => h.sheet},
      {header: '項目', width: 22, value: (h: Help) => h.item},
      {header: '入力方法', width: 80, kind: 'longtext', value: (h: Help) => h.how},
    ],
    rows: HELP,
  }
}

export function costAssumptionSheets(a: Assumptions): AnySheetSpec[] {
  return [parameterSheet(a), businessSheet(a), systemSheet(a), bandSheet(a), categorySheet(a), helpSheet()]
}
