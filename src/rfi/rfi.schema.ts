import {z} from 'zod'

/** `hyojun rfi … --json` contracts (README JSON table). Amounts are integer 円. */

export const RfiExportResultSchema = z.object({
  /** Absolute path of the output folder. */
  output: z.string(),
  workbooks: z.array(
    z.object({
      business: z.string(),
      businessId: z.string(),
      specVersion: z.string(),
      /** Absolute path of 「RFI_<業務>_<団体名>.xlsx」. */
      file: z.string(),
      functions: z.number().int(),
      forms: z.number().int(),
      outside: z.number().int(),
      /** Optional requirements asked as 要 (a customization maps to them). */
      neededOptions: z.number().int(),
    }),
  ),
  warnings: z.array(z.string()),
})
export type RfiExportResult = z.infer<typeof RfiExportResultSchema>

export const FindingSchema = z.object({where: z.string(), code: z.string(), message: z.string()})

export const RfiImportResultSchema = z.object({
  file: z.string(),
  vendor: z.string(),
  business: z.string(),
  businessId: z.string(),
  specVersion: z.string(),
  dryRun: z.boolean(),
  /** A previous answer of this vendor for this 業務 was replaced (false under --dry-run). */
  replaced: z.boolean(),
  answered: z.number().int(),
  blank: z.number().int(),
  questions: z.object({functions: z.number().int(), forms: z.number().int(), outside: z.number().int()}),
  /** 標準不適合の疑い, 実装不可機能の提供, 必要なオプションが×, 概算 … (kept; shown in the comparison). */
  findings: z.array(FindingSchema),
  warnings: z.array(z.string()),
})
export type RfiImportResult = z.infer<typeof RfiImportResultSchema>

export const RfiVendorSchema = z.object({
  vendor: z.string(),
  answered: z.number().int(),
  blank: z.number().int(),
  mandatoryNotMet: z.number().int(),
  prohibitedOffered: z.number().int(),
  neededOptionsMet: z.number().int(),
  neededOptionsTotal: z.number().int(),
  neededOptionsMissing: z.number().int(),
  outsideCovered: z.number().int(),
  outsideTotal: z.number().int(),
  oneTimeYen: z.number().int().nullable(),
  annualYen: z.number().int().nullable(),
  annualByYearYen: z.array(z.number().int().nullable()),
  fiveYearYen: z.number().int().nullable(),
  blankCosts: z.number().int(),
  score: z.number(),
  rank: z.number().int(),
  qualified: z.boolean(),
  flags: z.array(z.string()),
  specVersion: z.string(),
  sourceFile: z.string(),
  importedAt: z.string(),
})

export const RfiCompareResultSchema = z.object({
  businesses: z.array(
    z.object({
      business: z.string(),
      businessId: z.string(),
      specVersion: z.string(),
      vendors: z.array(RfiVendorSchema),
    }),
  ),
  weights: z.object({neededOptions: z.number(), outside: z.number(), cost: z.number()}),
  /** 円 per dollar used where a vendor priced in dollars without a rate. */
  fxRate: z.number(),
  output: z.string().nullable(),
  warnings: z.array(z.string()),
})
export type RfiCompareResult = z.infer<typeof RfiCompareResultSchema>
export type RfiBusinessComparison = RfiCompareResult['businesses'][number]

/** RFI status per 業務 for summaries (CIO report): who answered and what is flagged. */
export const RfiStatusSchema = z.object({
  business: z.string(),
  businessId: z.string(),
  specVersion: z.string(),
  vendorsAnswered: z.number().int(),
  vendors: z.array(
    z.object({
      vendor: z.string(),
      rank: z.number().int(),
      score: z.number(),
      qualified: z.boolean(),
      fiveYearYen: z.number().int().nullable(),
      flags: z.array(z.string()),
    }),
  ),
  /** Vendors with at least one flag. */
  flaggedVendors: z.number().int(),
  /** Vendors without a mandatory △/× or a prohibited function offered. */
  qualifiedVendors: z.number().int(),
  lowestFiveYearYen: z.number().int().nullable(),
  lastImportedAt: z.string(),
})
export type RfiStatus = z.infer<typeof RfiStatusSchema>
