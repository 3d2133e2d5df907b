import {z} from 'zod'
import {resolveBusiness, type Business} from '../catalog/catalog.js'
import {withDatabase, type Db} from '../db/database.js'
import {ExitCode, UserError} from '../errors.js'
import {RequirementClassSchema, SpecFormSchema, versionLabel, type SpecDocument} from './spec.schema.js'
import {listSpecVersions, loadSpec, specVersionsOf} from './spec.repository.js'
import {normalizeVersion} from './spec-text.js'

export const SpecListResultSchema = z.object({
  specs: z.array(
    z.object({
      business: z.string(),
      businessId: z.string(),
      version: z.string(),
      published: z.string(),
      effective: z.string().nullable(),
      requirements: z.number().int(),
      mandatory: z.number().int(),
      optional: z.number().int(),
      prohibited: z.number().int(),
      forms: z.number().int(),
    }),
  ),
})
export type SpecListResult = z.infer<typeof SpecListResultSchema>

export const SpecShowResultSchema = z.object({
  business: z.string(),
  businessId: z.string(),
  version: z.string(),
  published: z.string(),
  effective: z.string().nullable(),
  title: z.string(),
  versions: z.array(z.string()),
  requirements: z.array(
    z.object({
      id: z.string(),
      path: z.array(z.string()),
      name: z.string(),
      text: z.string(),
      class: RequirementClassSchema,
      variants: z.array(z.object({category: z.string(), class: RequirementClassSchema})),
      note: z.string().nullable(),
    }),
  ),
  forms: z.array(SpecFormSchema),
})
export type SpecShowResult = z.infer<typeof SpecShowResultSchema>

export function listSpecsIn(db: Db, business?: Business): SpecListResult {
  return {specs: listSpecVersions(db, business?.id)}
}

export function listSpecs(options: {dbPath: string; business?: string}): SpecListResult {
  const business = options.business === undefined ? undefined : resolveBusiness(options.business)
  return withDatabase(options.dbPath, {write: false}, (db) => listSpecsIn(db, business))
}

/** Parse a --version flag value (第5.0版 / 5.0); usage error when unreadable. */
export function parseVersionFlag(input: string | undefined): string | undefined {
  if (input === undefined) return undefined
  const v = normalizeVersion(input)
  if (v === undefined) {
    throw new UserError(`版「${input}」を読み取れません（例: 5.0 または 第5.0版）`, {
      code: 'INVALID_VERSION',
      exitCode: ExitCode.usage,
    })
  }
  return v
}

/**
 * Load one version or explain what is missing (SPEC_NOT_IMPORTED /
 * SPEC_VERSION_NOT_FOUND, suggesting the imported versions with `flag`).
 */
export function requireSpec(db: Db, business: Business, version?: string, flag = '--version'): SpecDocument {
  const doc = loadSpec(db, business.id, version)
  if (doc) return doc
  const versions = specVersionsOf(db, business.id)
  if (versions.length === 0) {
    throw new UserError(`${business.name}の標準仕様書が取り込まれていません`, {
      code: 'SPEC_NOT_IMPORTED',
      suggestions: ['先に `hyojun specs import specs` を実行してください'],
    })
  }
  throw new UserError(
    `${business.name}の${versionLabel(version ?? '')}は取り込まれていません（取込済み: ${versions.map(versionLabel).join('、')}）`,
    {code: 'SPEC_VERSION_NOT_FOUND', suggestions: versions.map((v) => `${flag} ${v}`)},
  )
}

export function showSpecIn(db: Db, business: Business, version?: string): SpecShowResult {
  const doc = requireSpec(db, business, version)
  return {
    business: doc.business,
    businessId: doc.businessId,
    version: doc.version,
    published: doc.published,
    effective: doc.effective,
    title: doc.title,
    versions: specVersionsOf(db, business.id),
    requirements: doc.requirements,
    forms: doc.forms,
  }
}

export function showSpec(options: {dbPath: string; business: string; version?: string}): SpecShowResult {
  const business = resolveBusiness(options.business, (name) => `hyojun specs show ${name}`)
  const version = parseVersionFlag(options.version)
  return withDatabase(options.dbPath, {write: false}, (db) => showSpecIn(db, business, version))
}
