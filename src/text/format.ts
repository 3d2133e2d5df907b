import Table from 'cli-table3'
import {safeForTerminal} from '../text/display.js'

/** A plain aligned table (cli-table3 measures East Asian wide characters). */
export function renderTable(
  head: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  const table = new Table({
    head: head.map(safeForTerminal),
    style: {head: [], border: []},
    chars: {mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': ''},
  })
  // Escape control characters before measuring: widths then match what the terminal shows.
  for (const row of rows)
    table.push(row.map((c) => (c === null || c === undefined ? '' : safeForTerminal(String(c)))))
  return table.toString()
}

/** 1234567 → "1,234,567". */
export function formatYen(yen: number | null | undefined): string {
  return yen === null || yen === undefined ? '' : yen.toLocaleString('ja-JP')
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`
}
