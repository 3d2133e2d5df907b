/**
 * Line breaking for Japanese terminal text (help, hints) with 禁則処理: no line starts with closing punctuation
 * (。、）」…), no line ends with an opening bracket, and ASCII words (Excel, --output, hyojun) are never split.
 * Widths are terminal columns: East Asian wide characters count 2.
 */

/** Characters that must not start a line (行頭禁則). */
const NO_LINE_START = new Set([
  ...'、。，．,.・：；:;？！?!）)」』】〕］]｝}〉》ー…‥ゝゞ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ％%',
])
/** Characters that must not end a line (行末禁則). */
const NO_LINE_END = new Set([...'（(「『【〔［[｛{〈《'])

/** Terminal columns of a text: East Asian wide/fullwidth characters count 2. */
export function textWidth(text: string): number {
  let w = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    w +=
      cp >= 0x1100 &&
      (cp <= 0x115f ||
        (cp >= 0x2e80 && cp <= 0xa4cf) ||
        (cp >= 0xac00 && cp <= 0xd7a3) ||
        (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) ||
        (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) ||
        cp >= 0x20000)
        ? 2
        : 1
  }
  return w
}

/** Units that are never split: a run of non-space ASCII (a word, a flag, a path), one space run, or one character. */
function tokens(line: string): string[] {
  return line.match(/[\x21-\x7e]+|[ \t]+|[^\x21-\x7e \t]/gu) ?? []
}

const isSpace = (t: string): boolean => /^[ \t]+$/.test(t)

function breakParagraph(line: string, width: number): string[] {
  const out: string[] = []
  let cur: string[] = []
  let curWidth = 0
  const flush = (): void => {
    while (cur.length > 0 && isSpace(cur[cur.length - 1]!)) cur.pop()
    out.push(cur.join(''))
    cur = []
    curWidth = 0
  }
  for (const tok of tokens(line)) {
    const w = textWidth(tok)
    if (curWidth + w <= width || cur.length === 0) {
      if (!(cur.length === 0 && isSpace(tok) && out.length > 0)) {
        cur.push(tok)
        curWidth += w
      }
      continue
    }
    if (isSpace(tok)) {
      flush()
      continue
    }
    // 追い出し: carry the last unit down with a character that may not start a line, and an opening
    // bracket that may not end one (never the whole line).
    const carried: string[] = []
    const first = [...tok][0]!
    if (NO_LINE_START.has(first)) {
      // Carry units down until the new line starts with one that may start a line (「。」」 moves as a block).
      while (cur.length > 1) {
        const unit = cur.pop()!
        carried.unshift(unit)
        if (!isSpace(unit) && !NO_LINE_START.has([...unit][0]!)) break
      }
    }
    while (cur.length > 1 && NO_LINE_END.has(cur[cur.length - 1]!)) carried.unshift(cur.pop()!)
    flush()
    for (const c of [...carried, tok]) {
      cur.push(c)
      curWidth += textWidth(c)
    }
  }
  if (cur.length > 0 || out.length === 0) flush()
  return out
}

/** Wrap `text` to `width` columns, keeping its own line breaks. */
export function wrapJapanese(text: string, width: number): string {
  const w = Math.max(10, width)
  return text
    .split('\n')
    .flatMap((line) => breakParagraph(line, w))
    .join('\n')
}
