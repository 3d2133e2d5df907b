import type {z} from 'zod'
import {CatalogResultSchema} from '../catalog/catalog.service.js'
import {
  CostEstimateResultSchema,
  CostImportResultSchema,
  CostTemplateResultSchema,
} from '../cost/cost.schema.js'
import {
  FitgapResultSchema,
  ReviewExportResultSchema,
  ReviewImportResultSchema,
} from '../fitgap/fitgap.schema.js'
import {
  CustomizationImportResultSchema,
  CustomizationListResultSchema,
  InventoryImportResultSchema,
  InventoryListResultSchema,
  InventoryShowResultSchema,
  TemplateResultSchema,
} from '../inventory/inventory.schema.js'
import {InitResultSchema} from '../municipality/municipality.schema.js'
import {RunResultSchema} from '../pipeline/run.service.js'
import {RfiCompareResultSchema, RfiExportResultSchema, RfiImportResultSchema} from '../rfi/rfi.schema.js'
import {
  RoadmapImportResultSchema,
  RoadmapResultSchema,
  RoadmapTemplateResultSchema,
} from '../roadmap/roadmap.schema.js'
import {SpecDiffResultSchema} from '../standard/spec-diff.service.js'
import {SpecImportResultSchema} from '../standard/spec-import.service.js'
import {SpecListResultSchema, SpecShowResultSchema} from '../standard/spec-query.service.js'
import {SummaryResultSchema} from '../summary/summary.schema.js'
import {BackupResultSchema, DoctorResultSchema} from '../workspace/doctor.service.js'

/**
 * The `--json` contract of every command: the one list README.md's JSON section is generated from
 * (`npm run docs`), and that tests hold the commands to (every command with --json is listed here; each
 * one's real output parses against its schema and carries no field the schema does not declare).
 */
export interface JsonContract<S extends z.ZodObject = z.ZodObject> {
  readonly schema: S
  /** One or two Japanese sentences: what the document describes. */
  readonly summary: string
  /** Japanese description of top-level fields (nested ones use the schema's `.describe()`). */
  readonly fields: Partial<Record<keyof z.infer<S> & string, string>>
}

function contract<S extends z.ZodObject>(c: JsonContract<S>): JsonContract<S> {
  return c
}

const WARNINGS = '警告（標準エラー出力にも表示）'
const DRY_RUN = '`--dry-run` で実行した（検査だけで何も書き込んでいない）'
const WRITTEN = 'データベースに書き込んだ（`--dry-run` では false）'
/** Fields every table import (システム台帳・カスタマイズ一覧) reports the same way. */
const TABLE_IMPORT_FIELDS = {
  file: '指定したファイル名',
  headerRow: '見出し行の行番号（2 段見出しは下の行）',
  columns: 'ファイルの見出し → 読み取った項目',
  dryRun: DRY_RUN,
  written: WRITTEN,
  skippedRows: '読み飛ばした行（合計・注記・空行。各行は warnings にも出ます）',
} as const

/**
 * Japanese descriptions by field name, used wherever a field has no description of its own (top-level in a
 * contract, or `.describe()` in its schema): one vocabulary for the same name in every command.
 */
export const FIELD_GLOSSARY: Readonly<Partial<Record<string, string>>> = {
  business: '業務の正式名称',
  businessId: '業務の ID（`hyojun catalog` の `id`）',
  businesses: '業務',
  businessIds: '国の業務ID（3 桁）',
  specVersion: '標準仕様書の版（例 "6.0"）',
  version: '標準仕様書の版（例 "6.0"）',
  published: '公表日',
  effective: '適用日（不明は null）',
  system: 'システム名',
  systemId: 'システムの管理番号',
  customizationId: 'カスタマイズの管理番号',
  requirementId: '機能ID（7 桁）',
  requirementName: '機能名称',
  requirementText: '要件の本文',
  requirementClass: '実装区分',
  requirements: '機能要件（の数）',
  forms: '帳票要件（の数）',
  functions: '機能要件の質問数',
  outside: '標準外（独自要件）',
  mandatory: '実装必須機能の数',
  optional: '標準オプション機能の数',
  fit: 'Fit（標準で実現）の件数',
  option: '標準オプション機能で実現の件数',
  prohibited: '実装不可機能に当たる件数',
  class: '実装区分（mandatory = 実装必須、optional = 標準オプション、prohibited = 実装不可）',
  fromClass: '旧版の実装区分',
  toClass: '新版の実装区分',
  variants: '団体区分によって異なる実装区分',
  category: '団体区分',
  path: '機能の分類（大項目・中項目…）',
  before: '旧版の本文',
  after: '新版の本文',
  nameBefore: '旧版の機能名称（変わったときだけ）',
  wordDiff: '語単位の差分',
  text: '本文',
  note: '備考',
  vendor: '事業者名',
  product: '製品名',
  hosting: '稼働環境',
  hostingProvider: 'クラウド事業者（「ガバメントクラウド（AWS）」の括弧内）',
  contractStart: '契約開始日',
  contractEnd: '契約満了日',
  annualCostYen: '年間運用経費（円）',
  initialCostYen: '導入経費（円）',
  baselineAnnualCostYen: '平成30年度運用経費（円、未入力は null）',
  developmentCostYen: '開発経費（円）',
  users: '利用者数',
  records: 'データ件数',
  links: '連携先システム',
  plannedMigration: '移行予定日',
  department: '担当課',
  description: '内容',
  frequency: '利用頻度',
  prefecture: '都道府県',
  population: '人口（未登録は null）',
  baseYear: '基準年度（平成30年度 = 2018）',
  targetRate: '削減目標（0.3 = 3割）',
  scenario: 'シナリオ名',
  scenarios: 'シナリオ',
  asOf: 'データ基準日',
  assumptionsOrigin: '前提条件の出所（default = 既定値、imported = 取り込んだ前提条件）',
  baselineAnnualYen: '平成30年度運用経費（円）',
  currentAnnualYen: '現在の運用経費（円/年）',
  afterAnnualYen: '移行後の運用経費（円/年）',
  afterAnnualComparedYen: '移行後の運用経費のうち、基準値のあるシステムの分（円/年）',
  targetAnnualYen: '目標の運用経費（円/年）',
  reductionRate: '削減率（基準値がなければ null）',
  meetsTarget: '3割削減目標を達成する',
  gapToTargetYen: '目標達成に更に必要な年間削減額（円、達成時 0）',
  oneTimeYen: '一時経費（移行経費など、円）',
  subsidyYen: '補助金（円）',
  netOneTimeYen: '補助金を除いた一時経費（円）',
  eligibleOneTimeYen: '補助対象経費（円）',
  subsidyCapYen: '補助上限額（円）',
  retiredCustomizationYen: '廃止できるカスタマイズの保守費（円/年）',
  keptOutsideYen: '独自施策システムとして残る経費（円/年）',
  contractYen: '契約の延長・二重稼働・解約の経費（円）',
  runningYen: '運用経費（円）',
  netYen: '補助金を除いた所要額（円）',
  amountYen: '金額（円）',
  fiscalYear: '年度（西暦、4月始まり）',
  migrated: '移行済み',
  key: '前提条件の項目キー',
  label: '表示名',
  unit: '単位',
  source: '出典',
  basis: '計算の根拠',
  item: '項目',
  vendors: '事業者',
  answered: '回答のある質問数',
  blank: '未回答の質問数',
  blankCosts: '空欄の費用欄の数',
  mandatoryNotMet: '実装必須機能に ○ でない回答の数',
  prohibitedOffered: '実装不可機能を提供するとした回答の数',
  neededOptions: '要（カスタマイズが対応づく）とした標準オプション機能の数',
  neededOptionsMet: '要の標準オプション機能のうち提供できる数',
  neededOptionsTotal: '要の標準オプション機能の数',
  neededOptionsMissing: '要の標準オプション機能のうち提供できない数',
  outsideCovered: '独自要件のうち対応できる（対応不可以外の）回答の数',
  outsideTotal: '独自要件の数',
  annualYen: '年間経費（円、5 年平均）',
  annualByYearYen: '年度別の経費（円、1〜5 年目）',
  fiveYearYen: '5 年間の総経費（一時経費 + 運用経費、円）',
  score: '点数',
  rank: '順位',
  qualified: '実装必須機能をすべて満たす',
  flags: '指摘',
  sourceFile: '取り込んだ回答ブック',
  importedAt: '取込日時',
  where: '場所（ファイル › シート!セル）',
  code: 'コード',
  message: 'メッセージ',
  warnings: '警告（標準エラー出力にも表示）',
  reason: '理由',
  reasons: '理由',
  risks: 'リスク',
  createdAt: '作成日時',
  today: '基準日',
  deadline: '移行期限',
  cutover: '本番移行の月（YYYY-MM）',
  customizations: 'カスタマイズ',
  systems: 'システム',
  unchanged: '変わらなかった件数',
  added: '追加',
  removed: '削除',
  changed: '変更',
  reclassified: '実装区分の変更',
  fields: '変わった項目',
  field: '項目',
  customizationsRemoved: '一緒に削除されたカスタマイズの数',
  policy: '対応方針',
  reviewer: '確認者',
  detail: '内容',
  rows: '行数',
  sizeBytes: 'バイト数',
}

/** Command id (as typed, topics separated by a space) → its --json contract. Sorted like the command reference. */
export const JSON_CONTRACTS = {
  backup: contract({
    schema: BackupResultSchema,
    summary: 'データベースのバックアップの結果。',
    fields: {
      source: '元のデータベースの絶対パス',
      target: '作成したバックアップの絶対パス',
      sizeBytes: 'バックアップのバイト数',
    },
  }),
  catalog: contract({
    schema: CatalogResultSchema,
    summary:
      '標準化対象 20 業務の一覧。`businesses[].id` が他のコマンドの `businessId`、`code` は主たる国の業務ID 3 桁、`businessIds` はその業務の機能ID が取りうる国の業務ID すべて（「機能ID と業務ID」参照）。',
    fields: {businesses: '業務（`hyojun catalog` の順）'},
  }),
  'cost estimate': contract({
    schema: CostEstimateResultSchema,
    summary:
      '経費試算。`reductionRate` =（基準 − 移行後）÷ 基準（基準値のあるシステムのみ、なければ null）、`gapToTargetYen` = 目標達成に更に必要な年間削減額（達成時 0）、`fiscalYear` は西暦の年度（4月始まり）。',
    fields: {
      totals: '団体全体の合計と3割削減目標の判定',
      businesses: '業務ごとの内訳',
      systems: 'システムごとの移行時期と契約の扱い',
      cashFlow: '年度別所要額',
      scenarios: 'シナリオ比較',
      assumptions: '使った前提条件（出典付き）',
      breakdown: '金額の内訳（1 行 1 金額、根拠と出典付き）',
      warnings: WARNINGS,
      output: '書き出した経費試算ブックの絶対パス（`--output` なしは null）',
      estimateId: 'データベースに保存した試算の番号',
    },
  }),
  'cost import': contract({
    schema: CostImportResultSchema,
    summary: '経費試算の前提条件ブックの取込結果。',
    fields: {
      file: '取り込んだファイル',
      dryRun: DRY_RUN,
      written: WRITTEN,
      changedFromDefault: '既定値から変わった前提条件',
      warnings: WARNINGS,
    },
  }),
  'cost template': contract({
    schema: CostTemplateResultSchema,
    summary: '経費試算の前提条件ブック（様式）の出力結果。',
    fields: {path: '書き出したブックの絶対パス', sheets: 'シート名'},
  }),
  'customizations import': contract({
    schema: CustomizationImportResultSchema,
    summary: 'カスタマイズ一覧の取込結果（`inventory import` と共通のフィールドを含む）。',
    fields: {
      ...TABLE_IMPORT_FIELDS,
      customizations: 'ファイルのカスタマイズ件数',
      systems: 'カスタマイズ一覧を置き換えたシステム',
      changes: '取込前との差分',
      warnings: WARNINGS,
    },
  }),
  'customizations list': contract({
    schema: CustomizationListResultSchema,
    summary: '取込済みのカスタマイズ一覧。金額は円単位の整数。',
    fields: {customizations: 'カスタマイズ'},
  }),
  doctor: contract({
    schema: DoctorResultSchema,
    summary: 'データベースの診断（読み取り専用で開き、ファイルを変更しません）。',
    fields: {
      path: 'データベースの絶対パス',
      schemaVersion: 'データベースのスキーマ版（移行前の古い版もそのまま表示）',
      latestSchemaVersion: 'この hyojun のスキーマ版',
      integrity: '`PRAGMA integrity_check` の結果（正常は "ok"）',
      tables: '表ごとの行数',
      ok: '整合性・WAL・スキーマ版がすべて正常',
    },
  }),
  fitgap: contract({
    schema: FitgapResultSchema,
    summary:
      'Fit&Gap 判定。`fitRate` =（fit + option）÷ total、`retirableAnnualCostYen` = 標準で吸収できる（fit・option）カスタマイズの年間保守費の合計。',
    fields: {
      results: 'カスタマイズごとの判定',
      summary: '業務ごとの集計',
      warnings: WARNINGS,
      output: '書き出した比較分析表の絶対パス（`--output` なしは null）',
      sample: '分析した台帳が同梱のサンプル（架空の団体）',
      bundledSpecs: '同梱の仕様書（架空の要約）を使った',
    },
  }),
  'fitgap review-export': contract({
    schema: ReviewExportResultSchema,
    summary: 'レビューシート（担当課の確認用）の出力結果。',
    fields: {
      output: '書き出したブックの絶対パス',
      rows: '行数',
      reviewed: '判定が記入済みの行数',
      warnings: WARNINGS,
    },
  }),
  'fitgap review-import': contract({
    schema: ReviewImportResultSchema,
    summary: 'レビューシートの取込結果。',
    fields: {
      file: '取り込んだファイル',
      imported: '取り込んだ判定',
      undecided: '判定が空欄の行数（機械の判定のまま）',
      dryRun: DRY_RUN,
      warnings: WARNINGS,
    },
  }),
  init: contract({
    schema: InitResultSchema,
    summary: '団体の基本情報の登録結果。',
    fields: {
      municipality: '登録した団体',
      db: 'データベースの絶対パス',
      created: 'データベースを新しく作成した',
      previous: '変更前の団体情報（初回は null）',
    },
  }),
  'inventory import': contract({
    schema: InventoryImportResultSchema,
    summary: 'システム台帳の取込結果。',
    fields: {
      ...TABLE_IMPORT_FIELDS,
      systems: 'ファイルのシステム数（取込後の台帳のシステム数）',
      changes: '取込前との差分',
      warnings: WARNINGS,
    },
  }),
  'inventory list': contract({
    schema: InventoryListResultSchema,
    summary:
      '取込済みのシステム台帳。`baselineAnnualCostYen` は平成30年度運用経費（未入力は null）、`hostingProvider` は「ガバメントクラウド（AWS）」の括弧内。',
    fields: {systems: 'システム'},
  }),
  'inventory show': contract({
    schema: InventoryShowResultSchema,
    summary: '1 システムの台帳とそのカスタマイズ。',
    fields: {
      system: 'システム（`inventory list` の 1 件と同じ形）',
      customizations: 'そのシステムのカスタマイズ',
    },
  }),
  'inventory template': contract({
    schema: TemplateResultSchema,
    summary: 'システム台帳・カスタマイズ一覧の入力様式の出力結果。',
    fields: {path: '書き出したブックの絶対パス', kind: '様式の種類', sheets: 'シート名'},
  }),
  report: contract({
    schema: SummaryResultSchema,
    summary: 'CIO 向け移行計画サマリ。まだ作っていない分析（試算・ロードマップ・RFI）は null。',
    fields: {
      municipality: '団体（未登録は null）',
      asOf: 'データ基準日',
      status: '業務ごとの移行状況',
      fitgap: 'Fit&Gap の集計',
      cost: '最新の経費試算の要約',
      roadmap: '最新のロードマップの要約',
      rfi: 'RFI の比較の要約',
      risks: 'リスク（文）',
      charts: '書き出したグラフ（PNG）の絶対パス',
      sections: 'サマリシートの見出しと文',
      output: '書き出したサマリブックの絶対パス（`--output` なしは null）',
      warnings: WARNINGS,
    },
  }),
  'rfi compare': contract({
    schema: RfiCompareResultSchema,
    summary: '事業者の RFI 回答の比較・採点。金額は円単位の整数（未回答は null）。',
    fields: {
      businesses: '業務ごとの比較',
      weights: '採点の重み',
      fxRate: '換算に使った為替レート（円/ドル）',
      output: '書き出した RFI 比較表の絶対パス（`--output` なしは null）',
      warnings: WARNINGS,
    },
  }),
  'rfi export': contract({
    schema: RfiExportResultSchema,
    summary: '事業者に送る RFI 回答ブックの出力結果（業務ごとに 1 ブック）。',
    fields: {output: '出力フォルダの絶対パス', workbooks: '書き出したブック', warnings: WARNINGS},
  }),
  'rfi import': contract({
    schema: RfiImportResultSchema,
    summary: '記入済みの RFI 回答ブックの検査・取込結果。',
    fields: {
      file: '取り込んだファイル',
      vendor: '事業者名',
      dryRun: DRY_RUN,
      replaced: '同じ事業者・業務の回答を置き換えた',
      answered: '回答のある質問数',
      blank: '未回答の質問数',
      questions: '質問数（種類別）',
      findings: '回答の矛盾・注意点（取込は行います）',
      warnings: WARNINGS,
    },
  }),
  roadmap: contract({
    schema: RoadmapResultSchema,
    summary: '移行ロードマップ。月は `YYYY-MM`、日付は `YYYY-MM-DD`。',
    fields: {
      today: '計画の基準日（`--today`）',
      deadline: '全体の移行期限',
      items: 'システムごとの計画',
      infeasible: '期限までに計画できないシステムと理由',
      constraints: '計画に使った制約',
      assumptionsSource: '計画前提の出所（"既定値"、または取り込んだ計画前提のファイル名）',
      warnings: WARNINGS,
      output: '書き出したロードマップの絶対パス（`--output` なしは null）',
    },
  }),
  'roadmap import': contract({
    schema: RoadmapImportResultSchema,
    summary: '計画前提ブックの検査・取込結果。',
    fields: {
      file: '取り込んだファイル',
      dryRun: DRY_RUN,
      written: WRITTEN,
      changed: '既定値から変わった項目',
      systems: 'システム別の前提の件数',
      warnings: WARNINGS,
    },
  }),
  'roadmap template': contract({
    schema: RoadmapTemplateResultSchema,
    summary: '計画前提ブック（様式）の出力結果。',
    fields: {
      path: '書き出したブックの絶対パス',
      sheets: 'シート名',
      source: '様式に入れた前提の出所（"既定値"、または取り込んだ計画前提のファイル名）',
    },
  }),
  run: contract({
    schema: RunResultSchema,
    summary: '一括実行（取込・分析・全レポート）の結果。',
    fields: {
      db: 'データベースの絶対パス',
      schemaVersion: 'データベースのスキーマ版',
      steps: '実行した手順（省略した手順は理由付き）',
      reports: '書き出したレポートの絶対パス',
      warnings: WARNINGS,
      specs: '取り込んだ・既にあった仕様書の版の数',
      inventory: '分析した台帳',
      sample: '分析した台帳が同梱のサンプル（架空の団体）',
      bundledSpecs: '同梱の仕様書（架空の要約）を使った',
      fitgap: '業務ごとの Fit&Gap 集計（`fitgap` の `summary` と同じ形）',
    },
  }),
  'specs diff': contract({
    schema: SpecDiffResultSchema,
    summary: '標準仕様書の 2 つの版の比較（新旧対照表）。',
    fields: {
      from: '旧版',
      to: '新版',
      added: '追加された機能要件',
      removed: '削除された機能要件',
      changed: '本文が変わった機能要件',
      reclassified: '実装区分が変わった機能要件',
      forms: '帳票要件の差分',
      output: '書き出した新旧対照表の絶対パス（`--output` のときだけ）',
    },
  }),
  'specs import': contract({
    schema: SpecImportResultSchema,
    summary: '標準仕様書の取込結果。',
    fields: {
      db: 'データベースの絶対パス',
      dryRun: DRY_RUN,
      imported: '取り込んだ版',
      skipped: '取込済みのため飛ばした版',
      warnings: WARNINGS,
    },
  }),
  'specs list': contract({
    schema: SpecListResultSchema,
    summary: '取込済みの標準仕様書の版の一覧。',
    fields: {specs: '版（業務・版の順）'},
  }),
  'specs show': contract({
    schema: SpecShowResultSchema,
    summary: '標準仕様書の 1 つの版の要件。',
    fields: {
      versions: 'この業務の取込済みの版',
      requirements: '機能要件',
      forms: '帳票要件',
    },
  }),
} as const

export type ContractId = keyof typeof JSON_CONTRACTS

/** The contract of `id`, or undefined when none is registered (ids come from oclif or from a test). */
export function jsonContract(id: string): JsonContract | undefined {
  return Object.hasOwn(JSON_CONTRACTS, id) ? (JSON_CONTRACTS[id as ContractId] as JsonContract) : undefined
}
