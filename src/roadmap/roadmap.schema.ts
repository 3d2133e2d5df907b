import {z} from 'zod'

/** The nine phases, in order (grouped from the 総務省 手順書's steps). Names are a contract (template, JSON). */
export const PHASES = [
  '計画立案（現行調査・Fit&Gap・移行計画）',
  'RFI',
  '予算要求',
  '調達・契約',
  '移行設計・データ移行・文字同定',
  '連携・総合テスト',
  '研修・並行稼働',
  '本番移行',
  '旧システム撤去',
] as const
export type PhaseName = (typeof PHASES)[number]
export const PLAN_PHASE: PhaseName = PHASES[0]
export const RFI_PHASE: PhaseName = PHASES[1]
export const BUDGET_PHASE: PhaseName = PHASES[2]
export const PROCURE_PHASE: PhaseName = PHASES[3]
/** Phases that occupy staff (移行作業), contiguous up to and including the cutover. */
export const WORK_PHASES: readonly PhaseName[] = [PHASES[4], PHASES[5], PHASES[6], PHASES[7]]
export const CUTOVER_PHASE: PhaseName = PHASES[7]
export const RETIRE_PHASE: PhaseName = PHASES[8]

export const ROADMAP_STATUSES = ['未着手', '移行作業中', '移行済', '特定移行支援'] as const

const ym = z.string().regex(/^\d{4}-\d{2}$/)
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const monthNo = z.number().int().min(1).max(12)

/** Per-system facts the planning workbook may give (they win over the inventory and the defaults). */
export const SystemAssumptionSchema = z.object({
  systemId: z.string().min(1),
  status: z.enum(ROADMAP_STATUSES).nullable(),
  /** Phase the system is in now (移行作業中); null: inferred. */
  currentPhase: z.enum(PHASES).nullable(),
  /** Months left in the current phase; null: its whole duration. */
  remainingMonths: z.number().int().min(1).max(120).nullable(),
  /** Deadline for this system (ISO date); null: the general rule. */
  deadline: isoDate.nullable(),
})
export type SystemAssumption = z.infer<typeof SystemAssumptionSchema>

/** Planning assumptions (計画前提). Every field has a documented default (see defaults.ts). */
export const AssumptionsSchema = z.object({
  /** Months per phase, in PHASES order. */
  phaseMonths: z.record(z.string(), z.number().int().min(0).max(60)),
  /** Fit&Gap items outside the standard or prohibited (対象外・実装不可) per extra month of 計画立案 and 調達・契約. */
  gapItemsPerMonth: z.number().int().min(1),
  gapMaxMonths: z.number().int().min(0).max(24),
  /** Records (住民・世帯など) per extra month of 移行設計・データ移行・文字同定. */
  recordsPerMonth: z.number().int().min(1),
  sizeMaxMonths: z.number().int().min(0).max(24),
  /** 業務 → months with no cutover. */
  busySeasons: z.record(z.string(), z.array(monthNo)),
  /** 業務 groups whose systems cut over in the same month. */
  bundles: z.array(z.object({name: z.string(), businesses: z.array(z.string())})),
  /** Systems of the same vendor and product (one package) cut over together. */
  samePackageTogether: z.boolean(),
  /** 共通機能 systems (宛名・庁内連携) cut over before every 業務 system. */
  commonFirst: z.boolean(),
  /** Name fragments that mark a 共通機能 system. */
  commonKeywords: z.array(z.string()),
  /** Extra orderings: 業務 name, system id or system name. */
  dependencies: z.array(z.object({before: z.string(), after: z.string(), reason: z.string().nullable()})),
  /** Cutovers per vendor per month. */
  vendorCapacity: z.number().int().min(1),
  vendorCapacityByVendor: z.record(z.string(), z.number().int().min(1)),
  /** Systems in 移行作業 (移行設計 … 本番移行) at once. */
  staffCapacity: z.number().int().min(1),
  /** Months in which the 予算要求 phase may start (the autumn before the fiscal year). */
  budgetRequestMonths: z.array(monthNo).min(1),
  /** 補正予算: spending may start right after the request instead of the next April. */
  supplementaryBudget: z.boolean(),
  /** General deadline (特定移行支援: about 2030年度末). */
  deadline: isoDate,
  /** A 特定移行支援 system's 移行予定 (its registered completion) is its deadline when earlier. */
  plannedIsDeadlineForSpecial: z.boolean(),
  /** Months with long holidays preferred for a cutover (年末年始, 連休). */
  preferredCutoverMonths: z.array(monthNo),
  /** At most this many months' wait for a preferred month. */
  preferredMaxWait: z.number().int().min(0).max(6),
  /** Slack below this is a risk. */
  tightSlackMonths: z.number().int().min(0),
  systems: z.array(SystemAssumptionSchema),
})
export type Assumptions = z.infer<typeof AssumptionsSchema>

export const PhaseSpanSchema = z.object({name: z.string(), start: ym, end: ym})
export type PhaseSpan = z.infer<typeof PhaseSpanSchema>

export const BLOCKERS = [
  'duration',
  'budgetCycle',
  'busySeason',
  'dependency',
  'vendorCapacity',
  'staffCapacity',
  'dependencyCycle',
] as const
export type Blocker = (typeof BLOCKERS)[number]

export const RoadmapItemSchema = z.object({
  systemId: z.string(),
  system: z.string(),
  businesses: z.array(z.string()),
  vendor: z.string().nullable(),
  status: z.string().nullable(),
  phases: z.array(PhaseSpanSchema).describe('工程（開始月・終了月）'),
  /** Month of 本番移行 (YYYY-MM); for 移行済 the 移行予定 month if known; null when no month was found. */
  cutover: ym.nullable().describe('本番移行の月（決められないときは null）'),
  contractEnd: isoDate.nullable(),
  /** This system's deadline (ISO date). */
  deadline: isoDate.describe('このシステムの移行期限'),
  /** Deadline month − cutover month (negative: late); null without a cutover. */
  slackMonths: z.number().int().nullable().describe('期限までの余裕の月数（負は超過）'),
  onTime: z.boolean().describe('期限内に移行できる'),
  /** Why each date is what it is (Japanese). */
  reasons: z.array(z.string()).describe('各日付の根拠'),
  risks: z.array(z.string()),
  /** Added: phase the plan starts from, the 同時移行 group, where the deadline came from. */
  currentPhase: z.string().nullable().describe('計画の起点となる工程'),
  group: z.array(z.string()).describe('同時に移行するシステム'),
  deadlineSource: z.string().describe('期限の出所'),
  done: z.boolean().describe('移行済み'),
})
export type RoadmapItem = z.infer<typeof RoadmapItemSchema>

export const InfeasibleSchema = z.object({
  systemId: z.string(),
  reason: z.string(),
  /** Added: the first constraint that pushes the cutover past the deadline, and by how many months. */
  blockedBy: z.enum(BLOCKERS).describe('期限を越えさせた最初の制約'),
  overMonths: z.number().int().nullable().describe('期限を越える月数'),
})
export type Infeasible = z.infer<typeof InfeasibleSchema>

export const ConstraintsSchema = z.object({
  busySeasons: z.record(z.string(), z.array(monthNo)).describe('業務 → 移行を避ける月'),
  /** Default cutovers per vendor per month (vendorCapacityByVendor overrides it). */
  vendorCapacity: z.number().int().describe('事業者 1 社が同じ月に移行できるシステム数'),
  staffCapacity: z.number().int().describe('職員が同時に担当できるシステム数'),
  /** [before systemId, after systemId]: after cuts over in a later month. */
  dependencies: z.array(z.tuple([z.string(), z.string()])).describe('[先のシステム, 後のシステム]'),
  /** Added fields. */
  vendorCapacityByVendor: z.record(z.string(), z.number().int()),
  /** System ids that cut over in the same month. */
  bundles: z.array(z.array(z.string())).describe('同じ月に移行するシステムの組'),
  /** Phases counted for staffCapacity (from the start of the first to the cutover). */
  workPhases: z.array(z.string()),
  budget: z.object({
    requestMonths: z.array(monthNo),
    supplementaryBudget: z.boolean(),
    requestPhase: z.string(),
    /** The first spending phase: starts in a fiscal year after the request (unless supplementaryBudget). */
    spendingPhase: z.string(),
  }),
})
export type Constraints = z.infer<typeof ConstraintsSchema>

/** `hyojun roadmap --json`. */
export const RoadmapResultSchema = z.object({
  today: isoDate,
  /** The general deadline. */
  deadline: isoDate,
  items: z.array(RoadmapItemSchema),
  infeasible: z.array(InfeasibleSchema),
  constraints: ConstraintsSchema,
  /** Added. */
  assumptionsSource: z.string(),
  warnings: z.array(z.string()),
  output: z.string().nullable(),
})
export type RoadmapResult = z.infer<typeof RoadmapResultSchema>

/** `hyojun roadmap template --json`. */
export const RoadmapTemplateResultSchema = z.object({
  path: z.string(),
  sheets: z.array(z.string()),
  /** '既定値' or the file the assumptions were imported from. */
  source: z.string(),
})
export type RoadmapTemplateResult = z.infer<typeof RoadmapTemplateResultSchema>

/** `hyojun roadmap import --json`. */
export const RoadmapImportResultSchema = z.object({
  file: z.string(),
  dryRun: z.boolean(),
  written: z.boolean(),
  /** Parameters that differ from the defaults, as 項目 → 値 text. */
  changed: z.array(z.object({item: z.string(), value: z.string(), default: z.string()})),
  systems: z.number().int(),
  warnings: z.array(z.string()),
})
export type RoadmapImportResult = z.infer<typeof RoadmapImportResultSchema>
