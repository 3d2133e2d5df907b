import {z} from 'zod'

/**
 * The standard-spec model shared by every analysis (the yardstick).
 * Zod schemas are the source of truth; the types are derived from them.
 */

export const REQUIREMENT_CLASSES = ['mandatory', 'optional', 'prohibited'] as const
export const RequirementClassSchema = z.enum(REQUIREMENT_CLASSES)
export type RequirementClass = z.infer<typeof RequirementClassSchema>

/** Japanese label used in reports and human output. */
export const CLASS_LABEL: Readonly<Record<RequirementClass, string>> = {
  mandatory: '実装必須機能',
  optional: '標準オプション機能',
  prohibited: '実装不可機能',
}

export const FORM_TYPES = ['証明書', '通知書', '一覧・台帳', 'その他'] as const

export const RequirementSchema = z.object({
  /** 機能ID: 3-digit 業務 code + 4-digit serial, kept as a string. */
  id: z.string().regex(/^\d{7}$/),
  /** [大項目, 中項目?, 小項目?], non-empty entries only. */
  path: z.array(z.string().min(1)),
  name: z.string().min(1),
  text: z.string().min(1),
  class: RequirementClassSchema,
  variants: z.array(z.object({category: z.string().min(1), class: RequirementClassSchema})),
  note: z.string().nullable(),
})
export type Requirement = z.infer<typeof RequirementSchema>

export const SpecFormSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  type: z.string().min(1),
  class: RequirementClassSchema,
  note: z.string().nullable(),
})
export type SpecForm = z.infer<typeof SpecFormSchema>

export const SpecDocumentSchema = z.object({
  businessId: z.string(),
  business: z.string(),
  /** Normalized `X.Y` (displayed 第X.Y版). */
  version: z.string().regex(/^\d+\.\d+$/),
  /** ISO date; '' when an imported workbook does not say. */
  published: z.string(),
  effective: z.string().nullable(),
  title: z.string(),
  requirements: z.array(RequirementSchema),
  forms: z.array(SpecFormSchema),
})
export type SpecDocument = z.infer<typeof SpecDocumentSchema>

/** 第5.0版 for display. */
export function versionLabel(version: string): string {
  return `第${version}版`
}
