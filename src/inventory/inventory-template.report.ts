import {BUSINESSES} from '../catalog/catalog.js'
import {HOSTINGS, MIGRATION_STATUSES} from './inventory.schema.js'
import type {AnySheetSpec, ColumnKind, ColumnSpec, SheetSpec} from '../reports/workbook-writer.js'

/** Empty input forms in the preferred layout, with an 入力要領 sheet and dropdowns. */

export type TemplateKind = 'systems' | 'customizations' | 'both'

interface FieldHelp {
  readonly header: string
  readonly required: boolean
  readonly kind?: ColumnKind
  readonly width: number
  readonly list?: readonly string[]
  readonly help: string
  readonly example: string
}

const SYSTEM_FIELDS: readonly FieldHelp[] = [
  {
    header: 'システムID',
    required: false,
    width: 8,
    help: '台帳内で一意の番号。空欄の場合は SYS-001 形式で自動採番し、同じ名称のシステムには再取込後も同じIDを使います',
    example: 'SYS-001',
  },
  {
    header: 'システム名称',
    required: true,
    width: 16,
    help: 'システムの名称（台帳内で重複不可）。カスタマイズ一覧のシステム名と一致させてください',
    example: '住民情報システム',
  },
  {
    header: '対象業務',
    required: false,
    width: 14,
    help: '標準化対象の20業務のうち、このシステムが扱う業務。複数の場合は「、」または改行で区切る。対象外のシステムは「－」',
    example: '住民基本台帳、印鑑登録',
  },
  {
    header: '事業者',
    required: false,
    width: 12,
    help: '保守・運用の事業者名',
    example: '○○システムズ株式会社',
  },
  {
    header: '製品・パッケージ名',
    required: false,
    width: 14,
    help: '製品名・パッケージ名',
    example: '○○住民記録 標準準拠版',
  },
  {
    header: '稼働環境',
    required: false,
    width: 12,
    list: HOSTINGS,
    help: `一覧から選択（${HOSTINGS.join(' / ')}）。ガバメントクラウドの場合は「ガバメントクラウド（AWS）」のように括弧内にクラウド事業者を書けます`,
    example: 'ガバメントクラウド',
  },
  {
    header: '契約開始',
    required: false,
    width: 10,
    help: '日付（令和7年4月1日、R7.4.1、2025/04/01 のいずれの書き方も可）',
    example: '令和7年4月1日',
  },
  {
    header: '契約満了',
    required: false,
    width: 10,
    help: '日付（存在しない日付はエラーになります）',
    example: '令和12年3月31日',
  },
  {
    header: '年間運用経費（千円）',
    required: false,
    kind: 'yen',
    width: 12,
    help: '年間の運用経費（保守料・利用料等）。単位は見出しのとおり千円。「12,480千円」のようにセルに単位を書いた場合はそれに従います',
    example: '12,480',
  },
  {
    header: '初期導入費（千円）',
    required: false,
    kind: 'yen',
    width: 12,
    help: '導入時の費用（千円）',
    example: '35,000',
  },
  {
    header: '平成30年度運用経費（千円）',
    required: false,
    kind: 'yen',
    width: 12,
    help: '平成30年度（2018年度）の年間運用経費（千円）。国の目標「平成30年度比で少なくとも3割削減」の基準値です（hyojun cost estimate で使用）。不明の場合は空欄（0 とは扱わず、削減率の計算から除外します）',
    example: '10,560',
  },
  {header: '利用者数', required: false, kind: 'integer', width: 10, help: '利用職員数（人）', example: '120'},
  {
    header: 'データ件数',
    required: false,
    kind: 'integer',
    width: 10,
    help: '管理しているデータ件数',
    example: '125,000',
  },
  {
    header: '連携先',
    required: false,
    width: 14,
    help: 'データ連携している他システムの名称。複数の場合は「、」で区切る',
    example: '税務総合システム、団体内統合宛名システム',
  },
  {
    header: '移行状況',
    required: false,
    width: 12,
    list: MIGRATION_STATUSES,
    help: `一覧から選択（${MIGRATION_STATUSES.join(' / ')}）。標準化対象外のシステムは空欄`,
    example: '移行作業中',
  },
  {
    header: '移行予定日',
    required: false,
    width: 12,
    help: '日付、または年月（令和8年1月）・年度末（令和7年度末）・未定',
    example: '令和8年1月4日',
  },
  {header: '所管課', required: false, width: 10, help: 'システムを所管する課', example: '市民課'},
  {header: '備考', required: false, kind: 'longtext', width: 12, help: '自由記述', example: ''},
]

const CUSTOMIZATION_FIELDS: readonly FieldHelp[] = [
  {
    header: '管理番号',
    required: true,
    width: 10,
    help: 'システム内で一意の番号。再取込しても同じカスタマイズには同じ番号を使ってください（Fit&Gap の判定結果はこの番号で引き継ぎます）',
    example: 'C-001',
  },
  {
    header: 'システム名',
    required: true,
    width: 24,
    help: 'システム台帳のシステム名称（またはシステムID）',
    example: '住民情報システム',
  },
  {
    header: '業務',
    required: false,
    width: 18,
    list: BUSINESSES.map((b) => b.name),
    help: '一覧から1つ選択。システムの対象業務が1つだけの場合は空欄可',
    example: '住民基本台帳',
  },
  {header: '名称', required: true, width: 28, help: 'カスタマイズの名称', example: '転入時の独自帳票出力'},
  {
    header: '内容',
    required: false,
    kind: 'longtext',
    width: 36,
    help: 'カスタマイズの内容（Fit&Gap 分析で標準仕様書の機能要件と照合します）',
    example: '転入届受付時に市独自の案内文書を自動印刷する',
  },
  {
    header: '関連機能ID',
    required: false,
    width: 12,
    help: '対応する標準仕様書の機能ID（7桁、先頭の0も入力）。分かる場合のみ',
    example: '0010001',
  },
  {
    header: '年間保守費（千円）',
    required: false,
    kind: 'yen',
    width: 14,
    help: 'このカスタマイズの年間保守費（千円）',
    example: '240',
  },
  {
    header: '開発費（千円）',
    required: false,
    kind: 'yen',
    width: 14,
    help: '開発費（千円）',
    example: '1,800',
  },
  {header: '利用頻度', required: false, width: 12, help: '例: 毎日 / 月次 / 年次 / 随時', example: '毎日'},
  {header: '担当課', required: false, width: 14, help: '利用している課', example: '市民課'},
  {header: '備考', required: false, kind: 'longtext', width: 30, help: '自由記述', example: ''},
]

function formSheet(
  name: string,
  title: string,
  fields: readonly FieldHelp[],
): SheetSpec<Record<string, never>> {
  const columns: ColumnSpec<Record<string, never>>[] = fields.map((f) => ({
    header: f.header,
    value: () => null,
    kind: f.kind,
    width: f.width,
    editable: true,
    list: f.list,
  }))
  return {
    name,
    title: [
      title,
      '※ 見出し行より上の行・合計行・「※」で始まる注記行は取り込まれません。入力方法は「入力要領」シートを参照してください',
    ],
    columns,
    rows: [],
    // Printed to be filled in by hand: ruled rows, A3 landscape so that every column stays readable (≥ 8 pt).
    ruledRows: TEMPLATE_RULED_ROWS,
    paper: 'A3',
    printHeader: {left: title, right: '団体名：　　　　　　　　　記入日：　　年　　月　　日'},
    printFooter: {left: '{sheet}', center: '{page} / {pages} ページ'},
  }
}

/** Ruled empty rows on each printed form (one A3 page). */
export const TEMPLATE_RULED_ROWS = 30

interface HelpRow {
  readonly sheet: string
  readonly field: FieldHelp
}

function helpSheet(parts: readonly {sheet: string; fields: readonly FieldHelp[]}[]): SheetSpec<HelpRow> {
  return {
    name: '入力要領',
    title: [
      '入力要領',
      '見出しの名称は変えずに入力してください（列の並べ替え・追加は可。別の見出しを使う場合は --mapping で対応を指定）',
    ],
    columns: [
      {header: 'シート', width: 16, value: (r) => r.sheet},
      {header: '項目', width: 20, value: (r) => r.field.header},
      {header: '必須', width: 6, value: (r) => (r.field.required ? '○' : '')},
      {header: '入力方法', kind: 'longtext', width: 70, value: (r) => r.field.help},
      {header: '記入例', width: 30, value: (r) => r.field.example},
    ],
    rows: parts.flatMap((p) => p.fields.map((field) => ({sheet: p.sheet, field}))),
    portrait: false,
  }
}

export const SYSTEMS_SHEET = '業務システム一覧'
export const CUSTOMIZATIONS_SHEET = 'カスタマイズ一覧'

/** Sheets of the template of `kind`. */
export function inventoryTemplateSheets(kind: TemplateKind): AnySheetSpec[] {
  const parts: {sheet: string; fields: readonly FieldHelp[]; title: string}[] = []
  if (kind !== 'customizations')
    parts.push({sheet: SYSTEMS_SHEET, fields: SYSTEM_FIELDS, title: 'システム台帳'})
  if (kind !== 'systems')
    parts.push({sheet: CUSTOMIZATIONS_SHEET, fields: CUSTOMIZATION_FIELDS, title: 'カスタマイズ一覧'})
  return [...parts.map((p) => formSheet(p.sheet, p.title, p.fields)), helpSheet(parts)]
}
