import {z} from 'zod'
import {RequirementClassSchema} from '../standard/spec.schema.js'

/** `hyojun fitgap --json` contract (and the stored/report line). */

export const VerdictSchema = z.enum(['fit', 'option', 'prohibited', 'outside'])
export const MethodSchema = z.enum(['explicit', 'auto', 'review'])

export const CandidateSchema = z.object({
  requirementId: z.string(),
  score: z.number().min(0).max(1),
  requirementClass: RequirementClassSchema,
  requirementName: z.string(),
})

export const FitgapLineSchema = z.object({
  customizationId: z.string(),
  systemId: z.string(),
  system: z.string(),
  /** Official 業務 name (住民基本台帳). */
  business: z.string(),
  businessId: z.string(),
  specVersion: z.string(),
  name: z.string(),
  description: z.string(),
  requirementId: z.string().nullable().describe('対応づけた標準仕様書の機能ID（標準外は null）'),
  requirementName: z.string().nullable(),
  requirementText: z.string().nullable(),
  /** 実装区分 for the municipality's 団体区分. */
  requirementClass:
    RequirementClassSchema.nullable().describe('対応する要件の実装区分（団体区分に応じたもの）'),
  score: z.number().min(0).max(1).describe('対応づけの確からしさ（0〜1）'),
  method: MethodSchema.describe(
    'explicit = 一覧に機能IDの記載あり、auto = 自動の突合、review = 担当課のレビュー結果',
  ),
  verdict: VerdictSchema.describe(
    'fit = 標準で実現、option = 標準オプション機能で実現、prohibited = 実装不可機能に当たる、outside = 標準外（独自施策）',
  ),
  needsReview: z.boolean().describe('要確認（担当課が確かめるべき判定）'),
  /** Why a person must look, in Japanese (「他業務（国民健康保険）への言及」); added field, may be absent. */
  reviewReasons: z.array(z.string()).optional().describe('要確認の理由'),
  /** A review decision whose requirement changed or vanished in the current spec. */
  stale: z.boolean().describe('レビュー結果の要件が現行の版で変わった・なくなった'),
  candidates: z.array(CandidateSchema).describe('自動の突合の候補（上位から）'),
  /**
   * The best automatic candidate of each 実装区分 (added field, may be absent): a mandatory row and
   * its optional or prohibited sibling side by side.
   */
  bestByClass: z.array(CandidateSchema).optional().describe('実装区分ごとの最上位の候補'),
  /** Whether the matcher's two scorers put the same requirement first (added; null when no candidate). */
  scorersAgree: z
    .boolean()
    .nullable()
    .optional()
    .describe('2 つの採点方式の第 1 候補が一致した（候補なしは null）'),
  annualCostYen: z.number().nullable().describe('カスタマイズの年間保守費（円）'),
  review: z
    .object({
      verdict: VerdictSchema,
      requirementId: z.string().nullable(),
      policy: z.string().nullable(),
      reviewer: z.string().nullable(),
    })
    .nullable(),
})
export type FitgapLine = z.infer<typeof FitgapLineSchema>

export const FitgapSummarySchema = z.object({
  business: z.string(),
  businessId: z.string(),
  specVersion: z.string(),
  total: z.number().int().describe('判定したカスタマイズの件数'),
  fit: z.number().int(),
  option: z.number().int(),
  prohibited: z.number().int(),
  outside: z.number().int(),
  needsReview: z.number().int().describe('要確認の件数'),
  /** (fit + option) / total; 0 when total is 0. */
  fitRate: z.number().min(0).max(1).describe('（fit + option）÷ total'),
  /** Yearly maintenance cost (円) of customizations the standard absorbs (fit + option). */
  retirableAnnualCostYen: z
    .number()
    .describe('標準で吸収できる（fit・option）カスタマイズの年間保守費の合計（円）'),
  /**
   * Share of automatically matched customizations whose two scorers put different requirements
   * first (added field; needs no labels). High values mean the list is hard for the matcher.
   */
  scorerDisagreement: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('2 つの採点方式の第 1 候補が食い違った割合'),
})
export type FitgapSummary = z.infer<typeof FitgapSummarySchema>

export const FitgapResultSchema = z.object({
  results: z.array(FitgapLineSchema),
  summary: z.array(FitgapSummarySchema),
  warnings: z.array(z.string()),
  /** Absolute path of the 比較分析表 written, or null. */
  output: z.string().nullable(),
  /** The customizations analysed are the bundled sample city (added field). */
  sample: z.boolean().optional(),
  /** At least one spec used is a bundled (fictional summary) spec (added field). */
  bundledSpecs: z.boolean().optional(),
})
export type FitgapResult = z.infer<typeof FitgapResultSchema>

/** `hyojun fitgap review-export --json`. */
export const ReviewExportResultSchema = z.object({
  output: z.string(),
  rows: z.number().int(),
  /** Rows that already carry a human decision (prefilled). */
  reviewed: z.number().int(),
  warnings: z.array(z.string()),
})
export type ReviewExportResult = z.infer<typeof ReviewExportResultSchema>

/** `hyojun fitgap review-import --json`. */
export const ReviewImportResultSchema = z.object({
  file: z.string(),
  imported: z.array(
    z.object({
      systemId: z.string(),
      customizationId: z.string(),
      business: z.string(),
      verdict: VerdictSchema,
      requirementId: z.string().nullable(),
    }),
  ),
  /** Rows left blank in 判定 (the machine's judgement stays). */
  undecided: z.number().int(),
  /** --dry-run: checked, nothing registered (added field). */
  dryRun: z.boolean().optional(),
  warnings: z.array(z.string()),
})
export type ReviewImportResult = z.infer<typeof ReviewImportResultSchema>
