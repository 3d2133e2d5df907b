import {XMLParser, XMLValidator} from 'fast-xml-parser'
import type {DataIssue} from '../errors.js'
import {clip} from '../text/display.js'
import {
  validateDraft,
  type DraftResult,
  type FormDraft,
  type RecordPlace,
  type RequirementDraft,
} from './spec-draft.js'

/**
 * The hyojun spec XML format (specs/README.md) → SpecDocument.
 * fast-xml-parser accepts mismatched tags silently, so the text is validated
 * first (line and column); DOCTYPE is refused (entity expansion).
 */

type XmlNode = Record<string | symbol, unknown>
const META = XMLParser.getMetaDataSymbol() as symbol

/** Offset → `file:line:col` (1-based). */
function locator(text: string, file: string): (offset: number | undefined) => string {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  return (offset) => {
    if (offset === undefined) return file
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return `${file}:${lo + 1}:${offset - starts[lo]! + 1}`
  }
}

function str(v: unknown): string {
  if (v === undefined || v === null) return ''
  if (typeof v === 'object') {
    const t = (v as XmlNode)['#text']
    return t === undefined ? '' : String(t)
  }
  return String(v)
}

function nodes(v: unknown): XmlNode[] {
  if (v === undefined || v === null || v === '') return []
  return (Array.isArray(v) ? v : [v]).map((n) => (typeof n === 'object' && n !== null ? (n as XmlNode) : {}))
}

function fail(where: string, code: string, message: string): DraftResult {
  return {issues: [{where, code, message}], warnings: []}
}

/** Labels TextDecoder does not know, for the encodings Japanese tools write. */
const ENCODING_ALIASES: Readonly<Record<string, string>> = {
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  'windows-31j': 'shift_jis',
  sjis: 'shift_jis',
}

/**
 * Spec XML bytes → text: a BOM wins (UTF-8, UTF-16 LE/BE), else the
 * declared encoding (Shift_JIS and friends), else strict UTF-8. Bytes that
 * do not decode are an issue, never mojibake.
 */
export function decodeSpecXml(buf: Buffer, file: string): {text: string} | {issue: DataIssue} {
  const fail = (message: string): {issue: DataIssue} => ({
    issue: {where: file, code: 'INVALID_ENCODING', message},
  })
  let label = 'utf-8'
  let bytes: Uint8Array = buf
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) bytes = buf.subarray(3)
  else if (buf[0] === 0xff && buf[1] === 0xfe) [label, bytes] = ['utf-16le', buf.subarray(2)]
  else if (buf[0] === 0xfe && buf[1] === 0xff) [label, bytes] = ['utf-16be', buf.subarray(2)]
  else {
    const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(
      buf.subarray(0, 200).toString('latin1'),
    )
    if (declared) label = declared[1]!.toLowerCase()
  }
  label = ENCODING_ALIASES[label] ?? label
  try {
    return {text: new TextDecoder(label, {fatal: true}).decode(bytes)}
  } catch (error) {
    // RangeError: a label TextDecoder does not know; TypeError: bytes that do not decode.
    if (error instanceof RangeError)
      return fail(`文字コード「${label}」には対応していません。UTF-8 で保存し直してください`)
    return fail(
      label === 'utf-8'
        ? 'UTF-8 として読み取れない文字があります。UTF-8 で保存し直すか、XML 宣言に encoding="Shift_JIS" などを記載してください'
        : `宣言された文字コード「${label}」として読み取れない文字があります`,
    )
  }
}

/** Spec XML files above this size are refused (the bundled specs are ~40 KB). */
export const MAX_SPEC_XML_BYTES = 20 * 1024 * 1024

const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos'])

/**
 * References per file: fast-xml-parser decodes them slowly (2 million took 30 s), and a spec has
 * little use for them (the bundled ones hold none).
 */
export const MAX_XML_REFERENCES = 100_000

/**
 * Why a code point must not come out of a character reference (or stand in the text): NUL and other
 * C0/C1 controls, surrogates, non-characters, beyond U+10FFFF, bidi overrides that reorder what a
 * reader sees. undefined when it is fine.
 */
function badCodePoint(cp: number): string | undefined {
  if (!Number.isFinite(cp) || cp > 0x10ffff) return 'Unicode の範囲（U+10FFFF まで）を超えています'
  if (cp >= 0xd800 && cp <= 0xdfff) return '単独のサロゲートは文字ではありません'
  if (cp === 0) return 'NUL 文字は使えません'
  if ((cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || (cp >= 0x7f && cp <= 0x9f))
    return '制御文字は使えません'
  if (cp === 0xfffe || cp === 0xffff) return '文字ではないコード（非文字）です'
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x061c)
    return '表示順を入れ替える双方向制御文字（bidi）は使えません'
  return undefined
}

const RAW_BAD =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const U = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`

/**
 * References and characters fast-xml-parser would let through: an entity that is not one of XML's
 * five (there is no DTD to define it), numeric references to NUL, surrogates, out-of-range code
 * points, controls and bidi overrides; the same characters written directly.
 */
function checkCharacters(text: string, at: (offset: number) => string): DataIssue | undefined {
  let refs = 0
  for (const m of text.matchAll(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_][\w.-]*);?/g)) {
    const ref = m[1]!
    if (++refs > MAX_XML_REFERENCES)
      return {
        where: at(m.index),
        code: 'TOO_MANY_REFERENCES',
        message: `文字参照・実体参照が多すぎます（上限 ${MAX_XML_REFERENCES.toLocaleString('en-US')} 個）。文字をそのまま UTF-8 で書いてください`,
      }
    if (!m[0].endsWith(';'))
      return {
        where: at(m.index),
        code: 'BAD_REFERENCE',
        message: `「&」の後の参照が「;」で終わっていません（${m[0].slice(0, 20)}）`,
      }
    if (!ref.startsWith('#')) {
      if (PREDEFINED.has(ref)) continue
      return {
        where: at(m.index),
        code: 'UNDEFINED_ENTITY',
        message: `未定義の実体参照「&${ref.slice(0, 40)};」があります（XML で使えるのは &amp; &lt; &gt; &quot; &apos; と数値参照だけです）`,
      }
    }
    const digits = ref.startsWith('#x') ? ref.slice(2) : ref.slice(1)
    const cp = digits.length > 8 ? Infinity : Number.parseInt(digits, ref.startsWith('#x') ? 16 : 10)
    const why = badCodePoint(cp)
    if (why)
      return {
        where: at(m.index),
        code: 'BAD_CHARACTER_REFERENCE',
        message: `文字参照「&${ref.slice(0, 20)};」${Number.isFinite(cp) && cp <= 0x10ffff ? `（${U(cp)}）` : ''}は取り込めません: ${why}`,
      }
  }
  const raw = RAW_BAD.exec(text)
  if (raw) {
    const cp = raw[0].codePointAt(0) ?? 0
    return {
      where: at(raw.index),
      code: 'BAD_CHARACTER',
      message: `使えない文字（${U(cp)}）があります: ${badCodePoint(cp) ?? '非文字です'}`,
    }
  }
  return undefined
}

/** Parse and check one spec XML text. `file` is the name shown in messages. */
export function readSpecXml(input: string, file: string): DraftResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const at = locator(text, file)
  if (text.trim() === '') return fail(file, 'EMPTY_FILE', 'ファイルが空です')
  const doctype = /<!DOCTYPE/i.exec(text)
  if (doctype) {
    return fail(
      at(doctype.index),
      'DOCTYPE_NOT_ALLOWED',
      '<!DOCTYPE> を含む XML は取り込めません（安全のため）',
    )
  }
  const bad = checkCharacters(text, (o) => at(o))
  if (bad) return {issues: [bad], warnings: []}
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    return fail(
      `${file}:${valid.err.line}:${valid.err.col}`,
      'MALFORMED_XML',
      `XML の構文が正しくありません（${clip(valid.err.msg, 120)}）`,
    )
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    htmlEntities: true,
    captureMetaData: true,
    isArray: (name) => name === 'requirement' || name === 'form' || name === 'variant',
  })
  let parsed: XmlNode
  try {
    parsed = parser.parse(text) as XmlNode
  } catch (error) {
    // fast-xml-parser throws on tags like <__proto__> and on nesting deeper than its limit;
    // its English message is not for users.
    const msg = (error as Error).message
    return fail(
      file,
      'MALFORMED_XML',
      /proto|constructor/i.test(msg)
        ? 'XML に使えない要素名・属性名（__proto__ / constructor など）があります'
        : /nest|depth/i.test(msg)
          ? 'XML の入れ子が深すぎます'
          : 'XML を読み取れません（構造が正しくありません）',
    )
  }
  const root = parsed['standardSpec']
  if (typeof root !== 'object' || root === null) {
    return fail(
      file,
      'NOT_A_SPEC',
      'ルート要素 <standardSpec> がありません（specs/README.md の形式で記述してください）',
    )
  }
  const spec = root as XmlNode
  const rootWhere = at((spec[META] as {startIndex?: number} | undefined)?.startIndex)
  const where = (n: XmlNode): string => at((n[META] as {startIndex?: number} | undefined)?.startIndex)
  const structural: DataIssue[] = []
  const section = (name: 'requirements' | 'forms', child: string): XmlNode[] => {
    const s = spec[name]
    if (s === undefined) {
      structural.push({where: rootWhere, code: 'MISSING_ELEMENT', message: `<${name}> 要素がありません`})
      return []
    }
    return typeof s === 'object' && s !== null ? nodes((s as XmlNode)[child]) : []
  }
  const reqNodes = section('requirements', 'requirement')
  const formNodes = section('forms', 'form')
  if (str(spec['title']).trim() === '') {
    structural.push({
      where: rootWhere,
      field: '仕様書名',
      code: 'MISSING_ELEMENT',
      message: '<title> がありません',
    })
  }
  const requirements: RequirementDraft[] = reqNodes.map((n) => ({
    id: str(n['@id']).trim(),
    major: str(n['@major']),
    middle: str(n['@middle']),
    minor: str(n['@minor']),
    name: str(n['name']).trim(),
    text: str(n['text']).trim(),
    class: str(n['@class']),
    variants: nodes(n['variant']).map((v) => ({
      category: str(v['@category']).trim(),
      class: str(v['@class']),
    })),
    note: str(n['note']).trim(),
  }))
  const reqPlaces: RecordPlace[] = reqNodes.map((n) => ({where: where(n)}))
  reqNodes.forEach((n, i) => {
    if (str(n['@major']).trim() === '') {
      structural.push({
        where: reqPlaces[i]!.where,
        field: '大項目',
        code: 'MISSING_MAJOR',
        message: '大項目（major 属性）が空です',
      })
    }
  })
  const forms: FormDraft[] = formNodes.map((n) => ({
    id: str(n['@id']).trim(),
    name: str(n['name']).trim(),
    type: str(n['@type']).trim(),
    class: str(n['@class']),
    note: str(n['note']).trim(),
  }))
  const result = validateDraft(
    {
      business: str(spec['@business']).trim(),
      version: str(spec['@version']).trim(),
      published: str(spec['@published']).trim(),
      effective: str(spec['@effective']).trim(),
      title: str(spec['title']),
      publishedRequired: true,
      requirements,
      forms,
    },
    {
      file,
      header: {business: rootWhere, version: rootWhere, published: rootWhere, effective: rootWhere},
      requirements: reqPlaces,
      forms: formNodes.map((n) => ({where: where(n)})),
    },
  )
  if (structural.length === 0) return result
  return {issues: [...structural, ...result.issues], warnings: result.warnings}
}
