import type {Db} from '../db/database.js'
import {businessByCode, findBusiness} from '../catalog/catalog.js'
import type {Requirement, RequirementClass, SpecDocument, SpecForm} from './spec.schema.js'

export interface SpecVersionSummary {
  businessId: string
  business: string
  version: string
  published: string
  effective: string | null
  requirements: number
  mandatory: number
  optional: number
  prohibited: number
  forms: number
}

interface VersionRow {
  id: number
  business_id: string
  business_code: string
  version: string
  published: string
  effective: string | null
  title: string
}

const ORDER = 'ORDER BY v.business_code, v.version_major, v.version_minor'

function businessName(businessId: string, code: string): string {
  return findBusiness(businessId)?.name ?? businessByCode(code)?.name ?? businessId
}

/** Every imported version: by 業務 code, then 版 ascending (numeric X.Y). */
export function listSpecVersions(db: Db, businessId?: string): SpecVersionSummary[] {
  const rows = db
    .prepare(
      `SELECT v.business_id, v.business_code, v.version, v.published, v.effective,
              (SELECT count(*) FROM spec_requirement r WHERE r.spec_version_id = v.id) AS requirements,
              (SELECT count(*) FROM spec_requirement r WHERE r.spec_version_id = v.id AND r.class = 'mandatory') AS mandatory,
              (SELECT count(*) FROM spec_requirement r WHERE r.spec_version_id = v.id AND r.class = 'optional') AS optional,
              (SELECT count(*) FROM spec_requirement r WHERE r.spec_version_id = v.id AND r.class = 'prohibited') AS prohibited,
              (SELECT count(*) FROM spec_form f WHERE f.spec_version_id = v.id) AS forms
         FROM spec_version v
        WHERE (:businessId IS NULL OR v.business_id = :businessId)
        ${ORDER}`,
    )
    .all({businessId: businessId ?? null}) as (Omit<SpecVersionSummary, 'businessId' | 'business'> & {
    business_id: string
    business_code: string
  })[]
  return rows.map(({business_id, business_code, ...r}) => ({
    businessId: business_id,
    business: businessName(business_id, business_code),
    version: r.version,
    published: r.published,
    effective: r.effective,
    requirements: r.requirements,
    mandatory: r.mandatory,
    optional: r.optional,
    prohibited: r.prohibited,
    forms: r.forms,
  }))
}

/** Versions of one 業務, ascending. */
export function specVersionsOf(db: Db, businessId: string): string[] {
  return (
    db
      .prepare(`SELECT v.version FROM spec_version v WHERE v.business_id = :businessId ${ORDER}`)
      .all({businessId}) as {version: string}[]
  ).map((r) => r.version)
}

export function hasSpecVersion(db: Db, businessId: string, version: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM spec_version WHERE business_id = :businessId AND version = :version')
      .get({businessId, version}) !== undefined
  )
}

/** One version with its requirements and forms in file order; version omitted → latest. */
export function loadSpec(db: Db, businessId: string, version?: string): SpecDocument | undefined {
  const v = (
    version === undefined
      ? db
          .prepare(
            `SELECT * FROM spec_version v WHERE v.business_id = :businessId
              ORDER BY v.version_major DESC, v.version_minor DESC LIMIT 1`,
          )
          .get({businessId})
      : db
          .prepare('SELECT * FROM spec_version WHERE business_id = :businessId AND version = :version')
          .get({businessId, version})
  ) as VersionRow | undefined
  if (!v) return undefined
  const requirements = (
    db
      .prepare(
        `SELECT requirement_id, major, middle, minor, name, text, class, variants_json, note
           FROM spec_requirement WHERE spec_version_id = :id ORDER BY seq`,
      )
      .all({id: v.id}) as {
      requirement_id: string
      major: string | null
      middle: string | null
      minor: string | null
      name: string
      text: string
      class: RequirementClass
      variants_json: string
      note: string | null
    }[]
  ).map((r): Requirement => ({
    id: r.requirement_id,
    path: [r.major, r.middle, r.minor].filter((p): p is string => p !== null && p !== ''),
    name: r.name,
    text: r.text,
    class: r.class,
    variants: JSON.parse(r.variants_json) as Requirement['variants'],
    note: r.note,
  }))
  const forms = (
    db
      .prepare(
        `SELECT form_id AS id, name, type, class, note FROM spec_form WHERE spec_version_id = :id ORDER BY seq`,
      )
      .all({id: v.id}) as SpecForm[]
  ).map((f) => ({...f}))
  return {
    businessId: v.business_id,
    business: businessName(v.business_id, v.business_code),
    version: v.version,
    published: v.published,
    effective: v.effective,
    title: v.title,
    requirements,
    forms,
  }
}

/** Delete one version (with its requirements and forms). Call inside a transaction. */
export function deleteSpecVersion(db: Db, businessId: string, version: string): void {
  db.prepare('DELETE FROM spec_version WHERE business_id = :businessId AND version = :version').run({
    businessId,
    version,
  })
}

/** Insert one version. Call inside the import's transaction. */
export function insertSpec(
  db: Db,
  doc: SpecDocument,
  meta: {businessCode: string; sourceFile: string; importedAt: string},
): void {
  const [major = 0, minor = 0] = doc.version.split('.').map(Number)
  const info = db
    .prepare(
      `INSERT INTO spec_version (business_id, business_code, version, version_major, version_minor,
                                 published, effective, title, source_file, imported_at)
       VALUES (:businessId, :businessCode, :version, :major, :minor, :published, :effective, :title, :sourceFile, :importedAt)`,
    )
    .run({
      businessId: doc.businessId,
      businessCode: meta.businessCode,
      version: doc.version,
      major,
      minor,
      published: doc.published,
      effective: doc.effective,
      title: doc.title,
      sourceFile: meta.sourceFile,
      importedAt: meta.importedAt,
    })
  const specVersionId = Number(info.lastInsertRowid)
  const insertReq = db.prepare(
    `INSERT INTO spec_requirement (spec_version_id, seq, requirement_id, major, middle, minor, name, text, class, variants_json, note)
     VALUES (:specVersionId, :seq, :id, :major, :middle, :minor, :name, :text, :class, :variants, :note)`,
  )
  doc.requirements.forEach((r, seq) => {
    insertReq.run({
      specVersionId,
      seq,
      id: r.id,
      major: r.path[0] ?? null,
      middle: r.path[1] ?? null,
      minor: r.path[2] ?? null,
      name: r.name,
      text: r.text,
      class: r.class,
      variants: JSON.stringify(r.variants),
      note: r.note,
    })
  })
  const insertForm = db.prepare(
    `INSERT INTO spec_form (spec_version_id, seq, form_id, name, type, class, note)
     VALUES (:specVersionId, :seq, :id, :name, :type, :class, :note)`,
  )
  doc.forms.forEach((f, seq) => {
    insertForm.run({specVersionId, seq, id: f.id, name: f.name, type: f.type, class: f.class, note: f.note})
  })
}
