import {z} from 'zod'

/**
 * Renders a `--json` result schema (zod) as a field table for README.md, and finds fields an output carries
 * that its schema does not document. Both walk zod's JSON Schema (the public, stable view of a schema)
 * rather than zod internals.
 */

/** The subset of JSON Schema (draft 2020-12) that z.toJSONSchema produces for our result schemas. */
interface JsonSchema {
  readonly type?: string | readonly string[]
  readonly enum?: readonly unknown[]
  readonly const?: unknown
  readonly anyOf?: readonly JsonSchema[]
  readonly properties?: Readonly<Record<string, JsonSchema>>
  readonly required?: readonly string[]
  readonly additionalProperties?: JsonSchema | boolean
  readonly items?: JsonSchema | false
  readonly prefixItems?: readonly JsonSchema[]
  readonly description?: string
  readonly format?: string
  readonly pattern?: string
}

export interface FieldRow {
  /** Dotted path from the top of the document: `results[].candidates[].score`, `constraints.busySeasons.<キー>`. */
  readonly path: string
  readonly type: string
  /** The field may be absent (not `required`); null is shown in `type`. */
  readonly optional: boolean
  readonly description: string
}

function toJsonSchema(schema: z.ZodType): JsonSchema {
  // io 'output': the document as the command prints it (defaults applied, transforms' results).
  return z.toJSONSchema(schema, {io: 'output', unrepresentable: 'any'}) as JsonSchema
}

/** The alternatives of a schema with null split off: `string | null` → [[string], true]. */
function splitNull(s: JsonSchema): {readonly parts: readonly JsonSchema[]; readonly nullable: boolean} {
  if (s.anyOf) {
    const parts = s.anyOf.filter((p) => p.type !== 'null')
    return {parts, nullable: parts.length < s.anyOf.length}
  }
  if (Array.isArray(s.type) && s.type.includes('null')) {
    const rest = (s.type as readonly string[]).filter((t) => t !== 'null')
    return {parts: [{...s, type: rest.length === 1 ? rest[0] : rest}], nullable: true}
  }
  return {parts: [s], nullable: false}
}

function isRecord(s: JsonSchema): boolean {
  return s.type === 'object' && s.properties === undefined && typeof s.additionalProperties === 'object'
}

/** `^\d{4}-\d{2}$` → `YYYY-MM`; digit runs → `数字 N 桁`; anything else as the regular expression. */
function patternLabel(pattern: string): string {
  const known: Readonly<Record<string, string>> = {
    '^\\d{4}-\\d{2}-\\d{2}$': 'YYYY-MM-DD',
    '^\\d{4}-\\d{2}$': 'YYYY-MM',
  }
  const digits = /^\^\\d\{(\d+)\}\$$/.exec(pattern)
  return known[pattern] ?? (digits ? `数字 ${digits[1]} 桁` : `/${pattern}/`)
}

/** One alternative as a short type name; nested objects are named `object` and listed as their own rows. */
function typeName(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ')
  if (s.const !== undefined) return JSON.stringify(s.const)
  if (s.anyOf) return s.anyOf.map(typeName).join(' | ')
  if (Array.isArray(s.type)) return (s.type as readonly string[]).join(' | ')
  if (s.type === 'array') {
    if (s.prefixItems) return `[${s.prefixItems.map(typeName).join(', ')}]`
    const items = s.items === false || s.items === undefined ? {} : s.items
    const inner = typeName(items)
    return inner.includes(' | ') ? `(${inner})[]` : `${inner}[]`
  }
  if (isRecord(s)) return `{[キー]: ${typeName(s.additionalProperties as JsonSchema)}}`
  if (s.type === 'string' && s.pattern !== undefined) return `string（${patternLabel(s.pattern)}）`
  return typeof s.type === 'string' ? s.type : 'any'
}

function typeOf(s: JsonSchema): string {
  const {parts, nullable} = splitNull(s)
  const name = parts.map(typeName).join(' | ')
  return nullable ? `${name} | null` : name
}

/** Children of a field that get their own rows: object properties, array items that are objects, record values. */
interface Descriptions {
  /** Top-level field → description (the registry's). */
  readonly top: Readonly<Partial<Record<string, string>>>
  /** Field name → description, for any field whose schema has no `.describe()` (one vocabulary everywhere). */
  readonly glossary: Readonly<Partial<Record<string, string>>>
}

function children(s: JsonSchema, path: string, out: FieldRow[], d: Descriptions): void {
  for (const part of splitNull(s).parts) {
    if (part.properties) {
      const required = new Set(part.required ?? [])
      for (const [name, child] of Object.entries(part.properties)) {
        const p = path === '' ? name : `${path}.${name}`
        out.push({
          path: p,
          type: typeOf(child),
          optional: !required.has(name),
          description:
            (path === '' ? d.top[name] : undefined) ??
            child.description ??
            (Object.hasOwn(d.glossary, name) ? d.glossary[name] : undefined) ??
            '',
        })
        children(child, p, out, d)
      }
    } else if (part.type === 'array' && part.items && !part.prefixItems) {
      children(part.items, `${path}[]`, out, d)
    } else if (isRecord(part)) {
      children(part.additionalProperties as JsonSchema, `${path}.<キー>`, out, d)
    }
  }
}

/**
 * Every field of a result document, depth first in declaration order. A field's description is, in order:
 * `topLevel` (top-level fields only), the schema's `.describe()`, the `glossary` entry for its name.
 */
export function contractFields(
  schema: z.ZodType,
  topLevel: Readonly<Partial<Record<string, string>>> = {},
  glossary: Readonly<Partial<Record<string, string>>> = {},
): FieldRow[] {
  const out: FieldRow[] = []
  children(toJsonSchema(schema), '', out, {top: topLevel, glossary})
  return out
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ')
}

/** A Markdown table of the fields (README). */
export function renderFieldTable(rows: readonly FieldRow[]): string[] {
  return [
    '| フィールド | 型 | 省略 | 説明 |',
    '|---|---|---|---|',
    ...rows.map(
      (r) => `| \`${r.path}\` | ${cell(r.type)} | ${r.optional ? 'あり' : ''} | ${cell(r.description)} |`,
    ),
  ]
}

/**
 * Paths of fields present in `value` that the schema does not declare (`$.results[3].extra`). zod's
 * `parse` drops unknown keys silently, so a test needs this to catch an output that grew a field the
 * README does not document.
 */
export function undocumentedFields(schema: z.ZodType, value: unknown): string[] {
  const out: string[] = []
  walk(toJsonSchema(schema), value, '$', out)
  return out
}

function walk(s: JsonSchema, value: unknown, path: string, out: string[]): void {
  if (value === null || value === undefined) return
  const {parts} = splitNull(s)
  if (Array.isArray(value)) {
    const arrays = parts.filter((p) => p.type === 'array')
    for (const [i, v] of value.entries()) {
      for (const a of arrays) {
        const item = a.prefixItems?.[i] ?? (a.items === false ? undefined : a.items)
        if (item) walk(item, v, `${path}[${i}]`, out)
      }
    }
    return
  }
  if (typeof value !== 'object') return
  const objects = parts.filter((p) => p.type === 'object' || p.properties !== undefined)
  if (objects.length === 0) return
  for (const [key, v] of Object.entries(value)) {
    const declared = objects.map((o) => o.properties?.[key]).find((c) => c !== undefined)
    const rest = objects.map((o) => o.additionalProperties).find((a) => typeof a === 'object')
    if (declared) walk(declared, v, `${path}.${key}`, out)
    else if (rest && typeof rest === 'object') walk(rest, v, `${path}.${key}`, out)
    else out.push(`${path}.${key}`)
  }
}
