/** Progress event a long-running service may report (services never print). */
export interface ProgressEvent {
  /** Japanese step label, e.g. 「Fit&Gap分析」. */
  readonly step: string
  readonly done: number
  readonly total: number
}
export type ProgressListener = (event: ProgressEvent) => void

/**
 * A progress line on stderr, only when stderr is a TTY (never in pipes, CI or
 * files), redrawn at most every 100 ms. Call `end()` to clear it.
 */
export function ttyProgress(enabled = process.stderr.isTTY === true): {
  update: ProgressListener
  end: () => void
} {
  let last = 0
  let shown = false
  const update: ProgressListener = ({step, done, total}) => {
    if (!enabled) return
    const now = Date.now()
    if (now - last < 100 && done < total) return
    last = now
    const pct = total > 0 ? Math.floor((done / total) * 100) : 0
    const width = 20
    const filled = total > 0 ? Math.round((done / total) * width) : 0
    process.stderr.write(
      `\r\u001b[2K${step} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct}% (${done}/${total})`,
    )
    shown = true
  }
  const end = (): void => {
    if (shown) process.stderr.write('\r\u001b[2K')
    shown = false
  }
  return {update, end}
}
