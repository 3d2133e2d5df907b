/** Local calendar date YYYY-MM-DD (report dates are read by people in Japan). */
export function localDate(now: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}
