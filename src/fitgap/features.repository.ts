import type {Db} from '../db/database.js'
import type {RequirementFeatures, TermLists} from './requirement-features.js'

/** Stored matcher features per spec version (table spec_features, migrations 008 and 010). */

function blob(a: Int32Array | Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength)
}

// Copy: a Buffer from SQLite may start at an offset that is not 4-byte aligned.
function int32s(b: Buffer): Int32Array {
  return new Int32Array(new Uint8Array(b).buffer)
}
function float32s(b: Buffer): Float32Array {
  return new Float32Array(new Uint8Array(b).buffer)
}

function specVersionId(db: Db, businessId: string, version: string): number | undefined {
  const row = db
    .prepare('SELECT id FROM spec_version WHERE business_id = :businessId AND version = :version')
    .get({businessId, version}) as {id: number} | undefined
  return row?.id
}

/** Store (or replace) the features of one imported version. Call inside the import's transaction. */
export function saveRequirementFeatures(
  db: Db,
  businessId: string,
  version: string,
  f: RequirementFeatures,
): void {
  const id = specVersionId(db, businessId, version)
  if (id === undefined) throw new Error(`spec version ${businessId} ${version} is not stored`)
  db.prepare(
    `INSERT OR REPLACE INTO spec_features (spec_version_id, fingerprint, docs, terms_json,
        vocab_start, vocab_term, vocab_tf, plain_start, plain_term, plain_tf, mentions_json,
        token_start, token_term, token_tf)
     VALUES (:id, :fingerprint, :docs, :terms, :vs, :vt, :vf, :ps, :pt, :pf, :mentions,
        :ts, :tt, :tf)`,
  ).run({
    id,
    fingerprint: f.fingerprint,
    docs: f.docs,
    terms: JSON.stringify(f.terms),
    vs: blob(f.vocab.start),
    vt: blob(f.vocab.term),
    vf: blob(f.vocab.tf),
    ps: blob(f.plain.start),
    pt: blob(f.plain.term),
    pf: blob(f.plain.tf),
    mentions: JSON.stringify(f.mentions),
    ts: blob(f.tokens.start),
    tt: blob(f.tokens.term),
    tf: blob(f.tokens.tf),
  })
}

interface FeatureRow {
  fingerprint: string
  docs: number
  terms_json: string
  vocab_start: Buffer
  vocab_term: Buffer
  vocab_tf: Buffer
  plain_start: Buffer
  plain_term: Buffer
  plain_tf: Buffer
  mentions_json: string
  token_start: Buffer | null
  token_term: Buffer | null
  token_tf: Buffer | null
}

/** The stored features of one version, or null (imported before migration 008). */
export function loadRequirementFeatures(
  db: Db,
  businessId: string,
  version: string,
): RequirementFeatures | null {
  const row = db
    .prepare(
      `SELECT f.* FROM spec_features f JOIN spec_version v ON v.id = f.spec_version_id
        WHERE v.business_id = :businessId AND v.version = :version`,
    )
    .get({businessId, version}) as FeatureRow | undefined
  // Versions stored before migration 010 have no word tokens: recomputed (their fingerprint is older too).
  if (!row?.token_start || !row.token_term || !row.token_tf) return null
  const lists = (start: Buffer, term: Buffer, tf: Buffer): TermLists => ({
    start: int32s(start),
    term: int32s(term),
    tf: float32s(tf),
  })
  return {
    fingerprint: row.fingerprint,
    docs: row.docs,
    terms: JSON.parse(row.terms_json) as string[],
    vocab: lists(row.vocab_start, row.vocab_term, row.vocab_tf),
    plain: lists(row.plain_start, row.plain_term, row.plain_tf),
    tokens: lists(row.token_start, row.token_term, row.token_tf),
    mentions: JSON.parse(row.mentions_json) as string[][],
  }
}
