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

/**
 * Closest candidates for a "did you mean" message: by edit distance on keys,
 * also counting containment either way as close.
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
    if (!contains && Math.abs(lk - lc) / Math.max(lk, lc) > 0.6) return {c, d: Infinity, rel: Infinity}
    let d = editDistance(key, ck)
    if (contains) d = Math.min(d, 1)
    return {c, d, rel: d / Math.max([...key].length, [...ck].length)}
  })
  return scored
    .filter((s) => s.rel <= 0.6)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c, 'ja'))
    .map((s) => s.c)
    .filter((c, i, all) => all.indexOf(c) === i)
    .slice(0, limit)
}
