import {z} from 'zod'

/** 稼働環境 values (template dropdown; other text is kept with a warning). */
export const HOSTINGS = [
  'オンプレミス',
  'データセンター',
  '自治体クラウド',
  'ガバメントクラウド',
  'SaaS',
] as const
/** 移行状況 values. */
export const MIGRATION_STATUSES = ['未着手', '移行作業中', '移行済', '特定移行支援'] as const

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const yen = z.number().int().nonnegative()

export const SystemRecordSchema = z.object({
  /** Stable id: the list's システムID column, else SYS-001… kept by name across re-imports. */
  id: z.string().min(1),
  name: z.string().min(1),
  /** Official 業務 names (empty: a system outside the 20, e.g. 財務会計). */
  businesses: z.array(z.string()),
  businessIds: z.array(z.string()),
  vendor: z.string().nullable(),
  product: z.string().nullable(),
  hosting: z.string().nullable(),
  contractStart: isoDate.nullable(),
  contractEnd: isoDate.nullable(),
  annualCostYen: yen.nullable(),
  initialCostYen: yen.nullable(),
  users: z.number().int().nonnegative().nullable(),
  records: z.number().int().nonnegative().nullable(),
  /** Other systems this one exchanges data with, as written. */
  links: z.array(z.string()),
  status: z.string().nullable(),
  /** ISO date, or YYYY-MM when the list gives only a month. */
  plannedMigration: z.string().nullable(),
  department: z.string().nullable(),
  note: z.string().nullable(),
  /** 平成30年度（FY2018）運用経費, the 3割削減 baseline; null when not given (never 0 for blank). */
  baselineAnnualCostYen: yen.nullable(),
  /** Cloud provider from a 稼働環境 cell such as 「ガバメントクラウド（AWS）」; null when none written. */
  hostingProvider: z.string().nullable(),
})
export type SystemRecord = z.infer<typeof SystemRecordSchema>

export const CustomizationRecordSchema = z.object({
  /** 管理番号 (unique per system). */
  id: z.string().min(1),
  systemId: z.string().min(1),
  /** System name. */
  system: z.string().min(1),
  businessId: z.string().min(1),
  business: z.string().min(1),
  name: z.string().min(1),
  description: z.string(),
  /** 7-digit 機能ID, leading zeros kept. */
  requirementId: z
    .string()
    .regex(/^\d{7}$/)
    .nullable(),
  annualCostYen: yen.nullable(),
  developmentCostYen: yen.nullable(),
  frequency: z.string().nullable(),
  department: z.string().nullable(),
  note: z.string().nullable(),
})
export type CustomizationRecord = z.infer<typeof CustomizationRecordSchema>

const FieldChangeSchema = z.object({
  /** JSON field name, e.g. annualCostYen. */
  field: z.string(),
  /** Column label, e.g. 年間運用経費. */
  label: z.string(),
  before: z.unknown(),
  after: z.unknown(),
})
export type FieldChange = z.infer<typeof FieldChangeSchema>

const SystemRefSchema = z.object({id: z.string(), name: z.string()})

export const SystemChangesSchema = z.object({
  added: z.array(SystemRefSchema),
  removed: z.array(SystemRefSchema.extend({customizationsRemoved: z.number().int()})),
  changed: z.array(SystemRefSchema.extend({fields: z.array(FieldChangeSchema)})),
})

const CustomizationRefSchema = z.object({
  id: z.string(),
  systemId: z.string(),
  system: z.string(),
  name: z.string(),
})

export const CustomizationChangesSchema = z.object({
  added: z.array(CustomizationRefSchema),
  removed: z.array(CustomizationRefSchema),
  changed: z.array(CustomizationRefSchema.extend({fields: z.array(FieldChangeSchema)})),
})

const ImportCommon = {
  /** File name as given. */
  file: z.string(),
  format: z.enum(['xlsx', 'csv']),
  sheet: z.string(),
  /** CSV encoding detected (null for .xlsx). */
  encoding: z.enum(['utf-8', 'utf-8-bom', 'shift_jis', 'utf-16le', 'utf-16be']).nullable(),
  /** Excel row number of the (last) header row. */
  headerRow: z.number().int(),
  /** Column label in the file → field it was read as. */
  columns: z.record(z.string(), z.string()),
  dryRun: z.boolean(),
  /** False for --dry-run. */
  written: z.boolean(),
  /** Rows skipped (totals, notes, blanks); each is also in warnings. */
  skippedRows: z.number().int(),
  unchanged: z.number().int(),
  warnings: z.array(z.string()),
}

export const InventoryImportResultSchema = z.object({
  ...ImportCommon,
  /** Systems in the file (= in the inventory after import). */
  systems: z.number().int(),
  changes: SystemChangesSchema,
})
export type InventoryImportResult = z.infer<typeof InventoryImportResultSchema>

export const CustomizationImportResultSchema = z.object({
  ...ImportCommon,
  customizations: z.number().int(),
  /** Systems whose customization list this file replaced. */
  systems: z.array(z.object({id: z.string(), name: z.string(), customizations: z.number().int()})),
  changes: CustomizationChangesSchema,
})
export type CustomizationImportResult = z.infer<typeof CustomizationImportResultSchema>

export const InventoryListResultSchema = z.object({systems: z.array(SystemRecordSchema)})
export type InventoryListResult = z.infer<typeof InventoryListResultSchema>

export const InventoryShowResultSchema = z.object({
  system: SystemRecordSchema,
  customizations: z.array(CustomizationRecordSchema),
})
export type InventoryShowResult = z.infer<typeof InventoryShowResultSchema>

export const CustomizationListResultSchema = z.object({customizations: z.array(CustomizationRecordSchema)})
export type CustomizationListResult = z.infer<typeof CustomizationListResultSchema>

export const TemplateResultSchema = z.object({
  path: z.string(),
  kind: z.enum(['systems', 'customizations', 'both']),
  sheets: z.array(z.string()),
})
export type TemplateResult = z.infer<typeof TemplateResultSchema>
