import type {FieldChange} from './inventory.schema.js'

export interface FieldDef<T> {
  readonly field: keyof T & string
  readonly label: string
}

export interface RecordDiff<T extends object> {
  readonly added: readonly T[]
  readonly removed: readonly T[]
  readonly changed: readonly {
    readonly before: T
    readonly after: T
    readonly fields: readonly FieldChange[]
  }[]
  readonly unchanged: number
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** What a new edition of a list changes, matched by `key`, compared on `fields`. */
export function diffRecords<T extends object>(
  before: readonly T[],
  after: readonly T[],
  key: (t: T) => string,
  fields: readonly FieldDef<T>[],
): RecordDiff<T> {
  const old = new Map(before.map((t) => [key(t), t]))
  const next = new Set(after.map(key))
  const added: T[] = []
  const changed: {before: T; after: T; fields: FieldChange[]}[] = []
  let unchanged = 0
  for (const a of after) {
    const b = old.get(key(a))
    if (b === undefined) {
      added.push(a)
      continue
    }
    const diffs = fields
      .filter((f) => !same(b[f.field], a[f.field]))
      .map((f) => ({field: f.field, label: f.label, before: b[f.field] ?? null, after: a[f.field] ?? null}))
    if (diffs.length > 0) changed.push({before: b, after: a, fields: diffs})
    else unchanged++
  }
  const removed = before.filter((b) => !next.has(key(b)))
  return {added, removed, changed, unchanged}
}
