import {XMLParser, XMLValidator} from 'fast-xml-parser'
import type {DataIssue} from '../errors.js'
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
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    return fail(
      `${file}:${valid.err.line}:${valid.err.col}`,
      'MALFORMED_XML',
      `XML の構文が正しくありません（${valid.err.msg}）`,
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
    return fail(file, 'MALFORMED_XML', `XML を読み取れません（${(error as Error).message}）`)
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
