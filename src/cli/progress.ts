/** Progress event a long-running service may report (services never print). */
export interface ProgressEvent {
  /** Japanese step label, e.g. 「Fit&Gap 判定中」. */
  readonly step: string
  readonly done: number
  readonly total: number
}
export type ProgressListener = (event: ProgressEvent) => void

/** Where progress goes: stderr, or a fake stream in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean
  write(text: string): unknown
}

export interface ProgressOptions {
  /** Default process.stderr (progress never goes to stdout, so --json output stays clean). */
  readonly stream?: ProgressStream
  /** Draw a bar redrawn in place; default: whether the stream is a terminal. */
  readonly tty?: boolean
  /**
   * Without a terminal, one plain line per step (「Fit&Gap 判定中（350,000 件）」) for steps of at least
   * this many items; default Infinity (silent): short runs in scripts and CI stay quiet.
   */
  readonly plainFrom?: number
  /** Clock in ms (tests); default Date.now. */
  readonly now?: () => number
}

const WIDTH = 20
const count = (n: number): string => n.toLocaleString('en-US')

/**
 * A progress display for commands: on a terminal a bar on one line, redrawn at most every 100 ms
 * and whenever the step changes; elsewhere plain step lines for long steps, or nothing.
 * Call `end()` to clear the bar.
 */
export function createProgress(options: ProgressOptions = {}): {update: ProgressListener; end: () => void} {
  const stream = options.stream ?? process.stderr
  const tty = options.tty ?? stream.isTTY === true
  const plainFrom = options.plainFrom ?? Number.POSITIVE_INFINITY
  const now = options.now ?? Date.now
  let last = 0
  let lastStep: string | undefined
  let shown = false
  const update: ProgressListener = ({step, done, total}) => {
    const newStep = step !== lastStep
    lastStep = step
    if (!tty) {
      if (newStep && total >= plainFrom) stream.write(`${step}（${count(total)} 件）\n`)
      return
    }
    const t = now()
    if (!newStep && t - last < 100 && done < total) return
    last = t
    if (total <= 0) {
      // A step without a count (reading): its name only.
      stream.write(`\r\u001b[2K${step}…`)
    } else {
      const share = Math.min(1, done / total)
      const filled = Math.round(share * WIDTH)
      stream.write(
        `\r\u001b[2K${step} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${Math.floor(share * 100)}% (${count(done)}/${count(total)})`,
      )
    }
    shown = true
  }
  const end = (): void => {
    if (shown) stream.write('\r\u001b[2K')
    shown = false
  }
  return {update, end}
}

/** A bar on stderr only when it is a terminal (and `enabled`); nothing otherwise. */
export function ttyProgress(enabled = process.stderr.isTTY === true): {
  update: ProgressListener
  end: () => void
} {
  return enabled ? createProgress({tty: true}) : {update: () => undefined, end: () => undefined}
}
