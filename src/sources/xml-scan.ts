/**
 * A minimal pull scanner for the XML parts of an .xlsx (worksheets, shared strings, styles,
 * workbook, relationships): elements, attributes and text, nothing else. No DTDs (a DOCTYPE is
 * refused, so no entity can expand), only the five predefined entities and character
 * references, line ends normalized as XML requires (CR LF and CR → LF). Well-formedness is
 * checked only as far as reading needs (a tag must close; an unknown entity is an error): the
 * parts were already size-capped by zip-guard, and every reader of them copes with unexpected
 * elements by ignoring them.
 */
export class XmlScanError extends Error {}

export const Token = {End: 0, Open: 1, Close: 2, Text: 3} as const
export type Token = (typeof Token)[keyof typeof Token]

const LT = 60
const GT = 62
const SLASH = 47
const QUOTE = 34
const APOS = 39
const COLON = 58

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

const NAMED: Readonly<Record<string, string>> = {lt: '<', gt: '>', amp: '&', quot: '"', apos: "'"}

/** Decode entities and character references (text or attribute value as written in the file). */
export function decodeXml(raw: string): string {
  let s = raw
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n')
  if (!s.includes('&')) return s
  return s.replace(/&([^;&<]*);?/g, (whole: string, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlScanError(`unterminated entity reference: ${whole.slice(0, 20)}`)
    const named = NAMED[ref]
    if (named !== undefined) return named
    const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref)
    if (m) {
      const code = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2])
      if (code <= 0x10ffff) return String.fromCodePoint(code)
    }
    throw new XmlScanError(`unknown entity: &${ref.slice(0, 20)};`)
  })
}

export class XmlScanner {
  private pos = 0
  /** Local name (prefix removed) of the current Open/Close token. */
  name = ''
  /** The current Open token is `<x/>`. */
  selfClosing = false
  private attrStart = 0
  private attrEnd = 0
  private textStart = 0
  private textEnd = 0
  private cdata: string | undefined

  constructor(private readonly s: string) {
    if (s.charCodeAt(0) === 0xfeff) this.pos = 1
  }

  /** The next token (whitespace-only text included; empty text never). */
  next(): Token {
    const s = this.s
    const start = this.pos
    if (start >= s.length) return Token.End
    if (s.charCodeAt(start) !== LT) {
      let lt = s.indexOf('<', start)
      if (lt < 0) lt = s.length
      this.textStart = start
      this.textEnd = lt
      this.cdata = undefined
      this.pos = lt
      return Token.Text
    }
    const c1 = s.charCodeAt(start + 1)
    if (c1 === 33) {
      // <!-- comment -->, <![CDATA[ … ]]>, <!DOCTYPE …>
      if (s.startsWith('<!--', start)) {
        const end = s.indexOf('-->', start + 4)
        if (end < 0) throw new XmlScanError('unterminated comment')
        this.pos = end + 3
        return this.next()
      }
      if (s.startsWith('<![CDATA[', start)) {
        const end = s.indexOf(']]>', start + 9)
        if (end < 0) throw new XmlScanError('unterminated CDATA section')
        this.cdata = s.slice(start + 9, end).replace(/\r\n?/g, '\n')
        this.pos = end + 3
        if (this.cdata === '') return this.next()
        return Token.Text
      }
      throw new XmlScanError('DOCTYPE or declaration in a workbook part')
    }
    if (c1 === 63) {
      // <?xml … ?>
      const end = s.indexOf('?>', start + 2)
      if (end < 0) throw new XmlScanError('unterminated processing instruction')
      this.pos = end + 2
      return this.next()
    }
    const closing = c1 === SLASH
    let i = closing ? start + 2 : start + 1
    const nameStart = i
    let localStart = i
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c === GT || c === SLASH || isSpace(c)) break
      if (c === COLON) localStart = i + 1
    }
    if (i === nameStart) throw new XmlScanError(`malformed tag at offset ${start}`)
    this.name = s.slice(localStart, i)
    if (closing) {
      const end = s.indexOf('>', i)
      if (end < 0) throw new XmlScanError('unterminated end tag')
      this.pos = end + 1
      return Token.Close
    }
    // Attributes run to the first '>' outside quotes.
    this.attrStart = i
    let quote = 0
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (quote !== 0) {
        if (c === quote) quote = 0
      } else if (c === QUOTE || c === APOS) quote = c
      else if (c === GT) break
    }
    if (i >= s.length) throw new XmlScanError('unterminated start tag')
    this.selfClosing = s.charCodeAt(i - 1) === SLASH
    this.attrEnd = this.selfClosing ? i - 1 : i
    this.pos = i + 1
    return Token.Open
  }

  /** Decoded text of the current Text token. */
  text(): string {
    return this.cdata ?? decodeXml(this.s.slice(this.textStart, this.textEnd))
  }

  /** Attribute offsets of the current Open token, parsed on first use: [nameStart, nameEnd, valueStart, valueEnd]*. */
  private attrOffsets: number[] = []
  private attrsParsedAt = -1

  private parseAttrs(): void {
    const s = this.s
    const end = this.attrEnd
    const out = this.attrOffsets
    out.length = 0
    let i = this.attrStart
    while (i < end) {
      while (i < end && isSpace(s.charCodeAt(i))) i++
      if (i >= end) break
      const nameStart = i
      while (i < end && s.charCodeAt(i) !== 61 && !isSpace(s.charCodeAt(i))) i++
      const nameEnd = i
      while (i < end && isSpace(s.charCodeAt(i))) i++
      if (s.charCodeAt(i) !== 61) throw new XmlScanError('attribute without a value')
      i++
      while (i < end && isSpace(s.charCodeAt(i))) i++
      const q = s.charCodeAt(i)
      if (q !== QUOTE && q !== APOS) throw new XmlScanError('unquoted attribute value')
      const valueEnd = s.indexOf(q === QUOTE ? '"' : "'", i + 1)
      if (valueEnd < 0 || valueEnd > end) throw new XmlScanError('unterminated attribute value')
      out.push(nameStart, nameEnd, i + 1, valueEnd)
      i = valueEnd + 1
    }
    this.attrsParsedAt = this.attrStart
  }

  /** Decoded value of attribute `qname` (as written, prefix included: `r:id`) of the current Open token. */
  attr(qname: string): string | undefined {
    if (this.attrsParsedAt !== this.attrStart) this.parseAttrs()
    const s = this.s
    const a = this.attrOffsets
    for (let k = 0; k < a.length; k += 4) {
      const nameStart = a[k]!
      if (a[k + 1]! - nameStart !== qname.length || !s.startsWith(qname, nameStart)) continue
      const raw = s.slice(a[k + 2], a[k + 3])
      // Attribute values: CR/LF/TAB are normalized to spaces (XML 1.0 §3.3.3).
      return decodeXml(/[\r\n\t]/.test(raw) ? raw.replace(/\r\n|[\r\n\t]/g, ' ') : raw)
    }
    return undefined
  }

  /** Skip to the end of the element just opened (nothing to skip when it was self-closing). */
  skipElement(): void {
    if (this.selfClosing) return
    let depth = 1
    for (;;) {
      const t = this.next()
      if (t === Token.End) throw new XmlScanError(`unterminated element ${this.name}`)
      if (t === Token.Open && !this.selfClosing) depth++
      else if (t === Token.Close && --depth === 0) return
    }
  }
}
