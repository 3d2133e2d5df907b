/**
 * The notice every sheet of a report carries in its title line when the report is built from the bundled
 * sample city or the bundled specs (fictional summaries written by us, not the official text). Any report
 * (比較分析表, cost, roadmap, RFI, summary) passes it to `writeWorkbook(…, {notice})`.
 */
export interface DataOrigin {
  /** The inventory is the bundled sample city. */
  readonly sample: boolean
  /** At least one spec used is a bundled one. */
  readonly bundledSpecs: boolean
}

export const SAMPLE_NOTICE = 'サンプル（架空の団体のデータ）'
export const BUNDLED_SPECS_NOTICE = '同梱仕様書（架空の要約）'

export function dataNotice(origin: DataOrigin): string | undefined {
  const parts = [origin.sample ? SAMPLE_NOTICE : '', origin.bundledSpecs ? BUNDLED_SPECS_NOTICE : ''].filter(
    (p) => p !== '',
  )
  return parts.length > 0 ? `【${parts.join('・')}】` : undefined
}
