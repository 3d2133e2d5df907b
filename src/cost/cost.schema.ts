import {z} from 'zod'

/** The `hyojun cost estimate --json` contract (issue #12): field names are public. Integer yen throughout. */

const yen = z.number().int()

export const CostTotalsSchema = z.object({
  /** 平成30年度 running cost of the systems that have one. */
  baselineAnnualYen: yen,
  /** Running cost in the inventory today (all systems in scope). */
  currentAnnualYen: yen,
  /** Running cost after migration (all systems in scope). */
  afterAnnualYen: yen,
  /** (baseline − after) / baseline over the systems that have a baseline; null when none has. */
  reductionRate: z.number().nullable(),
  meetsTarget: z.boolean(),
  /** How much more must be cut to reach the target (0 when met). */
  gapToTargetYen: yen,
  oneTimeYen: yen,
  subsidyYen: yen,
  netOneTimeYen: yen,
  /** After-migration running cost of the systems that have a baseline (what the rate compares). */
  afterAnnualComparedYen: yen,
  /** baseline × (1 − targetRate): the most the compared systems may cost after migration. */
  targetAnnualYen: yen,
  /** One-time cost eligible for the subsidy, and the cap that applied. */
  eligibleOneTimeYen: yen,
  subsidyCapYen: yen,
})

export const CostBusinessSchema = z.object({
  business: z.string(),
  businessId: z.string(),
  systems: z.array(z.string()),
  /** Sum over this 業務's systems that have a baseline; null when none has one (never 0 for missing). */
  baselineAnnualYen: yen.nullable(),
  currentAnnualYen: yen,
  afterAnnualYen: yen,
  retiredCustomizationYen: yen,
  keptOutsideYen: yen,
  oneTimeYen: yen,
  subsidyYen: yen,
  reductionRate: z.number().nullable(),
})

export const CostSystemSchema = z.object({
  id: z.string(),
  name: z.string(),
  businesses: z.array(z.string()),
  migrated: z.boolean(),
  /** YYYY-MM of the first month on the new system. */
  cutover: z.string().describe('新システムの稼働開始月（YYYY-MM）'),
  cutoverSource: z
    .enum(['roadmap', 'inventory', 'parameter'])
    .describe('移行時期の出所（ロードマップ・台帳の移行予定日・前提条件）'),
  baselineAnnualYen: yen.nullable(),
  currentAnnualYen: yen,
  afterAnnualYen: yen,
  retiredCustomizationYen: yen,
  keptOutsideYen: yen,
  oneTimeYen: yen,
  /** Extension (contract ends before the cutover) or overlap (ends after it), in months. */
  extensionMonths: z.number().int().describe('現行契約の延長月数（契約満了が移行より前）'),
  overlapMonths: z.number().int().describe('二重稼働の月数（契約満了が移行より後）'),
  contractYen: yen,
  subsidyYen: yen,
})

export const CashFlowSchema = z.object({
  fiscalYear: z.number().int(),
  /** 令和9年度. */
  label: z.string(),
  oneTimeYen: yen,
  runningYen: yen,
  subsidyYen: yen,
  /** oneTime + running − subsidy. */
  netYen: yen,
})

export const ScenarioResultSchema = z.object({
  name: z.string(),
  description: z.string(),
  afterAnnualYen: yen,
  reductionRate: z.number().nullable(),
  meetsTarget: z.boolean(),
  gapToTargetYen: yen,
  oneTimeYen: yen,
  subsidyYen: yen,
  netOneTimeYen: yen,
})

export const AssumptionLineSchema = z.object({
  key: z.string(),
  label: z.string(),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  unit: z.string(),
  source: z.string(),
})

export const BreakdownLineSchema = z.object({
  /** 業務 name, or '' for system-wide lines. */
  business: z.string(),
  systemId: z.string(),
  system: z.string(),
  /** e.g. 平成30年度運用経費, 移行後運用経費（ガバメントクラウド利用料）, 一時経費（データ移行）. */
  item: z.string(),
  amountYen: yen,
  /** How the amount was computed, in words. */
  basis: z.string(),
  /** The inventory row or the parameter it came from. */
  source: z.string(),
})

export const CostEstimateResultSchema = z.object({
  baseYear: z.number().int(),
  targetRate: z.number(),
  /** The scenario the totals are for (base unless --scenario). */
  scenario: z.string(),
  /** Today's date the estimate was made for (YYYY-MM-DD). */
  asOf: z.string(),
  population: z.number().int().nullable(),
  /** 'default': no assumptions workbook imported; 'imported': the stored one. */
  assumptionsOrigin: z.enum(['default', 'imported']),
  totals: CostTotalsSchema,
  businesses: z.array(CostBusinessSchema),
  systems: z.array(CostSystemSchema),
  cashFlow: z.array(CashFlowSchema),
  scenarios: z.array(ScenarioResultSchema),
  assumptions: z.array(AssumptionLineSchema),
  breakdown: z.array(BreakdownLineSchema),
  warnings: z.array(z.string()),
  /** Workbook written with --output, else null. */
  output: z.string().nullable(),
  /** Id of the stored estimate run. */
  estimateId: z.number().int(),
})
export type CostEstimateResult = z.infer<typeof CostEstimateResultSchema>
export type CostEstimate = Omit<CostEstimateResult, 'output' | 'estimateId'>
export type CostTotals = z.infer<typeof CostTotalsSchema>
export type CostBusiness = z.infer<typeof CostBusinessSchema>
export type CostSystem = z.infer<typeof CostSystemSchema>
export type CashFlow = z.infer<typeof CashFlowSchema>
export type ScenarioResult = z.infer<typeof ScenarioResultSchema>
export type AssumptionLine = z.infer<typeof AssumptionLineSchema>
export type BreakdownLine = z.infer<typeof BreakdownLineSchema>

export const CostTemplateResultSchema = z.object({
  path: z.string(),
  sheets: z.array(z.string()),
})
export type CostTemplateResult = z.infer<typeof CostTemplateResultSchema>

export const CostImportResultSchema = z.object({
  file: z.string(),
  dryRun: z.boolean(),
  written: z.boolean(),
  /** Scalar parameters read (base column). */
  parameters: z.number().int(),
  businessRates: z.number().int(),
  systemRates: z.number().int(),
  populationBands: z.number().int(),
  categories: z.number().int(),
  /** User scenario names (columns of the 前提条件 sheet). */
  scenarios: z.array(z.string()),
  /** Parameters whose value differs from the built-in default. */
  changedFromDefault: z.array(z.object({key: z.string(), label: z.string(), value: z.number().nullable()})),
  warnings: z.array(z.string()),
})
export type CostImportResult = z.infer<typeof CostImportResultSchema>
