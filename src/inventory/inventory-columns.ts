import type {ColumnDef} from '../sources/table.js'

/**
 * Columns of the two lists, found by header name. The first name is the template's
 * label; the rest are the variants staff write. headerKey() already ignores units in
 * brackets, spaces, line breaks and ・, so 「年間運用経費（千円）」 matches 年間運用経費.
 */

export type SystemField =
  | 'id'
  | 'name'
  | 'businesses'
  | 'vendor'
  | 'product'
  | 'hosting'
  | 'contractStart'
  | 'contractEnd'
  | 'contractPeriod'
  | 'annualCostYen'
  | 'initialCostYen'
  | 'users'
  | 'records'
  | 'links'
  | 'status'
  | 'plannedMigration'
  | 'department'
  | 'note'
  | 'baselineAnnualCostYen'

export const SYSTEM_COLUMNS: readonly ColumnDef<SystemField>[] = [
  {key: 'id', names: ['システムID', 'システム番号', 'システム管理番号', '管理番号', 'システムコード']},
  {
    key: 'name',
    names: ['システム名称', 'システム名', '名称', '業務システム名', '業務システム名称', 'システム'],
    required: true,
  },
  {
    key: 'businesses',
    names: ['対象業務', '標準化対象業務', '業務', '業務名', '対象事務', '標準化対象事務', '所管業務'],
  },
  {
    key: 'vendor',
    names: [
      '事業者',
      '事業者名',
      'ベンダ',
      'ベンダー',
      'ベンダ名',
      'ベンダー名',
      '業者',
      '業者名',
      '保守業者',
      '受託事業者',
      '委託先',
    ],
  },
  {
    key: 'product',
    names: [
      '製品・パッケージ名',
      '製品名',
      'パッケージ名',
      '製品',
      'パッケージ',
      '製品・パッケージ',
      '製品パッケージ名',
      'パッケージ製品名',
    ],
  },
  {key: 'hosting', names: ['稼働環境', '運用形態', '設置場所', '稼働場所', '設置形態', '稼働形態', '環境']},
  {
    key: 'contractStart',
    names: [
      '契約開始',
      '契約開始日',
      '契約期間開始',
      '契約期間開始日',
      '契約開始年月日',
      '開始',
      '開始日',
      '契約期間自',
      '契約期間から',
    ],
  },
  {
    key: 'contractEnd',
    names: [
      '契約満了',
      '契約満了日',
      '契約終了',
      '契約終了日',
      '契約期限',
      '契約期間満了',
      '契約期間終了',
      '契約期間満了日',
      '契約期間終了日',
      '満了',
      '満了日',
      '終了',
      '終了日',
      '契約期間至',
      '契約期間まで',
    ],
  },
  /** One cell for both ends (令和7年4月1日～令和12年3月31日); used only without 開始 / 満了 columns. */
  {key: 'contractPeriod', names: ['契約期間', '契約期間（自～至）']},
  {
    key: 'annualCostYen',
    names: [
      '年間運用経費',
      '運用経費',
      '年間経費',
      '保守費',
      '年間保守費',
      '保守料',
      '年間保守料',
      '運用保守費',
      '年間運用保守費',
      'ランニングコスト',
    ],
  },
  {
    key: 'initialCostYen',
    names: ['初期導入費', '導入費', '初期費用', '導入経費', '初期導入経費', '構築費', 'イニシャルコスト'],
  },
  {key: 'users', names: ['利用者数', '利用者', 'ユーザ数', 'ユーザー数', '利用職員数', '職員数']},
  {key: 'records', names: ['データ件数', '件数', '対象件数', 'レコード数', '管理件数']},
  {key: 'links', names: ['連携先', '連携システム', '連携先システム', '連携']},
  {key: 'status', names: ['移行状況', '状況', '進捗', '進捗状況', 'ステータス', '移行ステータス']},
  {
    key: 'plannedMigration',
    names: ['移行予定日', '移行予定', '移行予定時期', '移行時期', '移行予定年月', '移行予定年月日'],
  },
  {
    key: 'department',
    names: ['所管課', '所管', '担当課', '主管課', '所管部署', '担当部署', '所属', '所管課名'],
  },
  {key: 'note', names: ['備考', '摘要', '特記事項', 'メモ']},
  {
    key: 'baselineAnnualCostYen',
    names: [
      '平成30年度運用経費',
      '基準年度経費',
      '基準年度運用経費',
      'H30運用経費',
      'H30年度運用経費',
      '平成30年度経費',
      '平成30年度年間運用経費',
      'FY2018運用経費',
    ],
  },
]

export type CustomizationField =
  | 'id'
  | 'system'
  | 'business'
  | 'name'
  | 'description'
  | 'requirementId'
  | 'annualCostYen'
  | 'developmentCostYen'
  | 'frequency'
  | 'department'
  | 'note'

export const CUSTOMIZATION_COLUMNS: readonly ColumnDef<CustomizationField>[] = [
  {
    key: 'id',
    names: [
      '管理番号',
      'No.',
      'No',
      'NO.',
      'ID',
      '番号',
      '項番',
      'カスタマイズ番号',
      '管理No',
      'カスタマイズID',
    ],
    required: true,
  },
  {key: 'system', names: ['システム名', 'システム名称', 'システム', '対象システム', 'システムID']},
  {key: 'business', names: ['業務', '業務名', '対象業務']},
  {
    key: 'name',
    names: ['名称', 'カスタマイズ名', 'カスタマイズ名称', '件名', 'カスタマイズ項目', '項目名', '機能名'],
    required: true,
  },
  {key: 'description', names: ['内容', '概要', '説明', 'カスタマイズ内容', '詳細', '内容・概要']},
  {
    key: 'requirementId',
    names: ['関連機能ID', '機能ID', '関連機能', '対応機能ID', '機能要件ID', '標準仕様書機能ID'],
  },
  {key: 'annualCostYen', names: ['年間保守費', '保守費', '年間保守料', '保守料', '年間運用経費', '運用経費']},
  {key: 'developmentCostYen', names: ['開発費', '開発費用', '開発経費', '改修費', '構築費', '導入費']},
  {key: 'frequency', names: ['利用頻度', '頻度', '使用頻度', '利用回数']},
  {key: 'department', names: ['担当課', '所管課', '利用課', '要望課', '担当部署', '所管']},
  {key: 'note', names: ['備考', '摘要', '特記事項', 'メモ']},
]

/** Japanese label per field, for messages and the change report. */
export function labelOf<K extends string>(defs: readonly ColumnDef<K>[], key: K): string {
  return defs.find((d) => d.key === key)?.names[0] ?? key
}
