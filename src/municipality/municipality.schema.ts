import {z} from 'zod'

export const MUNICIPALITY_KINDS = ['指定都市', '中核市', '一般市', '特別区', '町村'] as const
export type MunicipalityKind = (typeof MUNICIPALITY_KINDS)[number]

/** 団体区分 assumed when the workspace records none (and `hyojun init --kind`'s default). */
export const DEFAULT_MUNICIPALITY_KIND: MunicipalityKind = '一般市'

export const MunicipalitySchema = z.object({
  name: z.string().min(1),
  code: z.string().regex(/^\d{6}$/),
  prefecture: z.string(),
  population: z.number().int().nonnegative().nullable(),
  kind: z.enum(MUNICIPALITY_KINDS),
})
export type Municipality = z.infer<typeof MunicipalitySchema>

export const InitResultSchema = z.object({
  municipality: MunicipalitySchema,
  db: z.string(),
  created: z.boolean(),
  /** The profile before this run (null when it was created now). Added field. */
  previous: MunicipalitySchema.nullable().optional(),
})
export type InitResult = z.infer<typeof InitResultSchema>
