/** How often staff use a customization. */
export type Freq = '毎日' | '月次' | '年次' | '随時'

/**
 * One customization as staff describe it: [名称, 内容, ref, 利用頻度, 備考?].
 * ref says what a good matcher should find (it is not all written to the file):
 *  - '0120002'  corresponds to this requirement of the latest bundled spec (関連機能ID left blank)
 *  - '=0120002' same, and the ID is also written in the 関連機能ID column
 *  - 'P0121301' the spec classes it as 実装不可 (this prohibited requirement)
 *  - 'X'        outside the standard entirely (市独自施策, 庁内独自集計 …)
 */
export type Item = readonly [name: string, content: string, ref: string, freq: Freq, note?: string]

export interface Group {
  /** Canonical 業務 name (catalog). */
  readonly business: string
  /** システム名称, exactly as in systems.xlsx. */
  readonly system: string
  /** Values written in the 業務 column, used in turn ('' = left blank). */
  readonly labels: readonly string[]
  /** 担当課 values, used in turn. */
  readonly depts: readonly string[]
  readonly items: readonly Item[]
}
