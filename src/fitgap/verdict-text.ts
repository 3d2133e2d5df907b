import {normalizeKey, suggestClosest} from '../text/normalize.js'
import {VERDICT_LABEL, VERDICTS, type Verdict} from './matcher.js'

/**
 * What a reviewer may type in the 判定 column: the dropdown label, its part before the parenthesis, the usual
 * short forms, or the JSON code. Typos get the nearest label as a suggestion.
 */
const SHORT_FORMS: Readonly<Record<Verdict, readonly string[]>> = {
  fit: ['標準機能', '標準', '標準で対応', '実装必須機能'],
  option: ['標準オプション', 'オプション', 'オプションで対応', '標準オプション機能'],
  prohibited: ['実装不可', '不可', '廃止', '実装不可機能'],
  outside: ['標準外', '独自施策', '独自施策システム'],
}

const BY_TEXT = new Map<string, Verdict>(
  VERDICTS.flatMap((v) =>
    [VERDICT_LABEL[v], VERDICT_LABEL[v].replace(/（.*$/, ''), v, ...SHORT_FORMS[v]].map(
      (t) => [normalizeKey(t), v] as const,
    ),
  ),
)

export type VerdictText =
  {readonly verdict: Verdict} | {readonly verdict: undefined; readonly nearest: string[]}

export function parseVerdictText(text: string): VerdictText {
  const verdict = BY_TEXT.get(normalizeKey(text).replace(/\(.*$/, '')) ?? BY_TEXT.get(normalizeKey(text))
  if (verdict) return {verdict}
  const labels = VERDICTS.map((v) => VERDICT_LABEL[v])
  const forms = VERDICTS.flatMap((v) => [VERDICT_LABEL[v].replace(/（.*$/, ''), ...SHORT_FORMS[v]])
  const nearest = suggestClosest(text, forms, 3)
    .map((f) => VERDICT_LABEL[BY_TEXT.get(normalizeKey(f))!])
    .filter((l, i, all) => all.indexOf(l) === i && labels.includes(l))
  return {verdict: undefined, nearest}
}
