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
  requirementId: z.string().nullable(),
  requirementName: z.string().nullable(),
  requirementText: z.string().nullable(),
  /** 実装区分 for the municipality's 団体区分. */
  requirementClass: RequirementClassSchema.nullable(),
  score: z.number().min(0).max(1),
  method: MethodSchema,
  verdict: VerdictSchema,
  needsReview: z.boolean(),
  /** Why a person must look, in Japanese (「他業務（国民健康保険）への言及」); added field, may be absent. */
  reviewReasons: z.array(z.string()).optional(),
  /** A review decision whose requirement changed or vanished in the current spec. */
  stale: z.boolean(),
  candidates: z.array(CandidateSchema),
  /**
   * The best automatic candidate of each 実装区分 (added field, may be absent): a mandatory row and
   * its optional or prohibited sibling side by side.
   */
  bestByClass: z.array(CandidateSchema).optional(),
  /** Whether the matcher's two scorers put the same requirement first (added; null when no candidate). */
  scorersAgree: z.boolean().nullable().optional(),
  annualCostYen: z.number().nullable(),
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
  total: z.number().int(),
  fit: z.number().int(),
  option: z.number().int(),
  prohibited: z.number().int(),
  outside: z.number().int(),
  needsReview: z.number().int(),
  /** (fit + option) / total; 0 when total is 0. */
  fitRate: z.number().min(0).max(1),
  /** Yearly maintenance cost (円) of customizations the standard absorbs (fit + option). */
  retirableAnnualCostYen: z.number(),
  /**
   * Share of automatically matched customizations whose two scorers put different requirements
   * first (added field; needs no labels). High values mean the list is hard for the matcher.
   */
  scorerDisagreement: z.number().min(0).max(1).optional(),
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
