/**
 * Matching keys. NFKC is lossy (① → 1, ㈱ → (株)), so use these only to compare;
 * keep the original text for display.
 */
export function normalizeKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase()
}

/** NFKC + trim + collapse inner whitespace (for values, not keys). */
export function cleanText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[ \t\u3000]+/g, ' ')
    .trim()
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const s = [...a]
  const t = [...b]
  if (s.length === 0) return t.length
  if (t.length === 0) return s.length
  let prev = Array.from({length: t.length + 1}, (_, j) => j)
  for (let i = 1; i <= s.length; i++) {
    const cur = [i]
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
    }
    prev = cur
  }
  return prev[t.length]!
}

/** Inputs longer than this get no did-you-mean suggestion (characters). */
export const SUGGEST_MAX_INPUT = 100

/** Character bigrams of a key (a one-character key is its own bigram). */
function bigrams(key: string): Set<string> {
  const chars = [...key]
  if (chars.length < 2) return new Set(chars)
  const out = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!)
  return out
}

/** Dice coefficient of two keys' bigram sets (0–1). */
function bigramSimilarity(a: string, b: string): number {
  const x = bigrams(a)
  const y = bigrams(b)
  if (x.size === 0 || y.size === 0) return 0
  let common = 0
  for (const g of x) if (y.has(g)) common++
  return (2 * common) / (x.size + y.size)
}

/**
 * Closest candidates for a "did you mean" message. Ranked by shared character bigrams first (so
 * 学齢簿システム finds 学齢簿・就学援助システム before 図書館システム, which is fewer edits away but shares
 * only 「システム」), then by edit distance; containment either way counts as close.
 */
export function suggestClosest(input: string, candidates: readonly string[], limit = 3): string[] {
  // Bounded work per value: a 30,000-character cell would cost O(n·m) per candidate and row.
  if (input.length > SUGGEST_MAX_INPUT) return []
  const key = normalizeKey(input)
  if (key === '') return []
  const scored = candidates.map((c) => {
    const ck = normalizeKey(c).slice(0, SUGGEST_MAX_INPUT * 2)
    // Lengths alone already rule out a relative distance ≤ 0.6 unless one contains the other.
    const lk = key.length
    const lc = ck.length
    const contains = ck.includes(key) || key.includes(ck)
    if (!contains && Math.abs(lk - lc) / Math.max(lk, lc) > 0.6)
      return {c, d: Infinity, sim: 0, rel: Infinity}
    let d = editDistance(key, ck)
    if (contains) d = Math.min(d, 1)
    const sim = d <= 1 ? 1 : bigramSimilarity(key, ck)
    return {c, d, sim, rel: d / Math.max([...key].length, [...ck].length)}
  })
  return scored
    .filter((s) => s.rel <= 0.6 || s.sim >= 0.5)
    .sort((x, y) => y.sim - x.sim || x.d - y.d || x.c.localeCompare(y.c, 'ja'))
    .map((s) => s.c)
    .filter((c, i, all) => all.indexOf(c) === i)
    .slice(0, limit)
}
