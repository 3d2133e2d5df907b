/**
 * `JSON.stringify(value, null, 2)`, written in chunks instead of built as one string. A prefecture-scale
 * `fitgap --json` (350,000 lines) is hundreds of megabytes of text: as one string it comes close to V8's
 * string-length limit, and oclif's own logJson then re-tokenises it to colour it (millions of token
 * objects). The top levels are walked here; every deeper value is stringified natively and re-indented,
 * so the text is byte for byte what JSON.stringify would give.
 */
const CHUNK_CHARS = 1 << 20
/** Levels walked by hand; below this, one native JSON.stringify per value. */
const WALK_DEPTH = 3

type Sink = (text: string) => void

class Chunker {
  private parts: string[] = []
  private size = 0
  constructor(private readonly sink: Sink) {}
  push(text: string): void {
    this.parts.push(text)
    this.size += text.length
    if (this.size >= CHUNK_CHARS) this.flush()
  }
  flush(): void {
    if (this.parts.length === 0) return
    this.sink(this.parts.join(''))
    this.parts = []
    this.size = 0
  }
}

/** What JSON.stringify does with a value before writing it (toJSON, e.g. Date). */
function prepared(value: unknown, key: string): unknown {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as {toJSON?: unknown}).toJSON === 'function'
  )
    return (value as {toJSON: (k: string) => unknown}).toJSON(key)
  return value
}

/** Values an object property is left out for (and an array element becomes null for). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

function emit(raw: unknown, key: string, indent: string, depth: number, out: Chunker): void {
  const value = prepared(raw, key)
  if (value === null || typeof value !== 'object' || depth >= WALK_DEPTH) {
    const text = JSON.stringify(value, null, 2) as string | undefined
    out.push(text === undefined ? 'null' : indent === '' ? text : text.replaceAll('\n', `\n${indent}`))
    return
  }
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    if (value.length === 0) return out.push('[]')
    out.push('[\n')
    for (let i = 0; i < value.length; i++) {
      out.push(inner)
      const el: unknown = value[i]
      emit(omitted(el) ? null : el, String(i), inner, depth + 1, out)
      out.push(i < value.length - 1 ? ',\n' : '\n')
    }
    return out.push(`${indent}]`)
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).filter((k) => !omitted(prepared(record[k], k)))
  if (keys.length === 0) return out.push('{}')
  out.push('{\n')
  keys.forEach((k, i) => {
    out.push(`${inner}${JSON.stringify(k)}: `)
    emit(record[k], k, inner, depth + 1, out)
    out.push(i < keys.length - 1 ? ',\n' : '\n')
  })
  out.push(`${indent}}`)
}

/** Write `JSON.stringify(value, null, 2) + '\n'` to `sink` in chunks of about a megabyte. */
export function writePrettyJson(value: unknown, sink: Sink): void {
  const out = new Chunker(sink)
  emit(value, '', '', 0, out)
  out.push('\n')
  out.flush()
}
