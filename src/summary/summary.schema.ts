import {z} from 'zod'

/**
 * `hyojun report --json`: the CIO summary (移行計画サマリ). Every block names the stored analysis it
 * came from (`source`); a block whose analysis was never run is null (cost, roadmap, rfi) or says
 * `available: false` (fitgap) — never zeros.
 */

export const STATUS_KEYS = ['done', 'inProgress', 'special', 'notStarted', 'unregistered'] as const
export type StatusKey = (typeof STATUS_KEYS)[number]
export const STATUS_LABEL: Readonly<Record<StatusKey, string>> = {
  done: '移行済',
  inProgress: '移行作業中',
  special: '特定移行支援',
  notStarted: '未着手',
  unregistered: 'システム未登録',
}

const yen = z.number().int()

export const BusinessStatusSchema = z.object({
  business: z.string(),
  businessId: z.string(),
  status: z.enum(STATUS_KEYS),
  statusLabel: z.string(),
  systems: z.array(z.string()),
})

export const SummaryStatusSchema = z.object({
  /** 業務 counts by status (20 業務 in all). */
  counts: z.object({
    done: z.number().int(),
    inProgress: z.number().int(),
    special: z.number().int(),
    notStarted: z.number().int(),
    unregistered: z.number().int(),
  }),
  businesses: z.array(BusinessStatusSchema),
  /** システム台帳, as last imported (date). */
  source: z.string(),
})

export const SummaryFitgapSchema = z.object({
  available: z.boolean(),
  /** 比較分析表 of date X; null when never run. */
  source: z.string().nullable(),
  analyzedAt: z.string().nullable(),
  total: z.number().int().nullable(),
  fit: z.number().int().nullable(),
  option: z.number().int().nullable(),
  prohibited: z.number().int().nullable(),
  outside: z.number().int().nullable(),
  needsReview: z.number().int().nullable(),
  retirableAnnualCostYen: yen.nullable(),
  businesses: z.array(
    z.object({
      business: z.string(),
      total: z.number().int(),
      fit: z.number().int(),
      option: z.number().int(),
      prohibited: z.number().int(),
      outside: z.number().int(),
      needsReview: z.number().int(),
    }),
  ),
})

export const SummaryCostSchema = z.object({
  source: z.string(),
  scenario: z.string(),
  createdAt: z.string(),
  baselineAnnualYen: yen.nullable(),
  currentAnnualYen: yen,
  afterAnnualYen: yen,
  /** 移行後 of the systems that have a 平成30年度 figure (what reductionRate compares). */
  afterAnnualComparedYen: yen,
  reductionRate: z.number().nullable(),
  targetRate: z.number(),
  meetsTarget: z.boolean().nullable(),
  gapToTargetYen: yen.nullable(),
  oneTimeYen: yen,
  subsidyYen: yen,
  netOneTimeYen: yen,
  scenarios: z.array(
    z.object({
      name: z.string(),
      afterAnnualYen: yen,
      reductionRate: z.number().nullable(),
      meetsTarget: z.boolean().nullable(),
    }),
  ),
})

export const SummaryRoadmapSchema = z.object({
  source: z.string(),
  today: z.string(),
  deadline: z.string(),
  createdAt: z.string(),
  /** Cutovers in the 12 months from `asOf`. */
  nextCutovers: z.array(z.object({system: z.string(), businesses: z.array(z.string()), cutover: z.string()})),
  late: z.array(z.object({system: z.string(), reason: z.string()})),
  atRisk: z.array(z.object({system: z.string(), reason: z.string()})),
  lastCutover: z.string().nullable(),
})

export const SummaryRfiSchema = z.object({
  source: z.string(),
  businesses: z.array(
    z.object({
      business: z.string(),
      vendors: z.number().int(),
      topVendor: z.string().nullable(),
      flagged: z.array(z.string()),
    }),
  ),
})

export const SummarySectionSchema = z.object({heading: z.string(), lines: z.array(z.string())})

export const SummaryResultSchema = z.object({
  municipality: z
    .object({
      name: z.string(),
      code: z.string(),
      population: z.number().int().nullable(),
      kind: z.string().nullable(),
    })
    .nullable(),
  asOf: z.string(),
  status: SummaryStatusSchema,
  fitgap: SummaryFitgapSchema,
  cost: SummaryCostSchema.nullable(),
  roadmap: SummaryRoadmapSchema.nullable(),
  rfi: SummaryRfiSchema.nullable(),
  risks: z.array(z.string()),
  /** PNG files written (one per chart). */
  charts: z.array(z.string()),
  /** The sentences of the サマリ sheet, by heading. */
  sections: z.array(SummarySectionSchema),
  output: z.string().nullable(),
  warnings: z.array(z.string()),
})
export type SummaryResult = z.infer<typeof SummaryResultSchema>
export type SummaryStatus = z.infer<typeof SummaryStatusSchema>
export type SummaryFitgap = z.infer<typeof SummaryFitgapSchema>
export type SummaryCost = z.infer<typeof SummaryCostSchema>
export type SummaryRoadmap = z.infer<typeof SummaryRoadmapSchema>
export type SummaryRfi = z.infer<typeof SummaryRfiSchema>
export type SummarySection = z.infer<typeof SummarySectionSchema>
