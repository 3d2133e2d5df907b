/**
 * Text from imported files shown to people: cut long values for messages, and never let a control
 * character or a bidi override reach a terminal (ESC [2J clears the screen, U+202E reverses what
 * follows). JSON output needs neither: JSON.stringify escapes C0 controls itself.
 */

/**
 * C0 controls except LF, DEL, C1 controls, bidi embeddings/overrides/isolates and marks,
 * and lone surrogates. Tab is included: it breaks table alignment.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Same set, for finding (not replacing) them; without the global flag (no lastIndex state). */
const UNSAFE_ONE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const escapeOne = (ch: string): string =>
  `\\u${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`

/** Terminal-safe text: each unsafe character becomes a visible `\u001B`-style escape; LF is kept. */
export function safeForTerminal(text: string): string {
  return text.replace(UNSAFE, escapeOne)
}

/**
 * The first character that must not be stored silently in imported text (tab, LF and CR are
 * ordinary in cells), or undefined. Returns its code point as `U+001B`.
 */
export function findControl(text: string): string | undefined {
  const m = UNSAFE_ONE.exec(text)
  return m ? `U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` : undefined
}

/** A value quoted in a message: at most `max` characters, cut with 「…」. */
export function clip(text: string, max = 60): string {
  if (text.length <= max) return text
  let out = ''
  for (const ch of text) {
    if (out.length + ch.length > max) break
    out += ch
  }
  return `${out}…（全 ${text.length.toLocaleString('en-US')} 文字）`
}
