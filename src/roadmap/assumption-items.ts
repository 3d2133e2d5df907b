import type {Assumptions} from './roadmap.schema.js'
import {monthsLabel} from './months.js'

/** One row of the 全体設定 sheet: label (the contract with the workbook), how to show and read it. */
export interface SettingItem {
  readonly label: string
  readonly note: string
  readonly kind: 'date' | 'int' | 'bool' | 'months' | 'list'
  readonly min?: number
  readonly get: (a: Assumptions) => string | number | boolean | readonly number[] | readonly string[]
  readonly set: (a: Assumptions, v: never) => Assumptions
}

const item = <V>(
  label: string,
  kind: SettingItem['kind'],
  note: string,
  get: (a: Assumptions) => V,
  set: (a: Assumptions, v: V) => Assumptions,
  min?: number,
): SettingItem => ({label, kind, note, get: get as SettingItem['get'], set: set as SettingItem['set'], min})

export const SETTING_ITEMS: readonly SettingItem[] = [
  item(
    '期限',
    'date',
    '特定移行支援システムを含む全体の移行期限（和暦・西暦どちらでも可）',
    (a) => a.deadline,
    (a, v: string) => ({...a, deadline: v}),
  ),
  item(
    '特定移行支援の移行予定を期限とする',
    'bool',
    'はい: 特定移行支援システムは、登録した移行完了予定（システム台帳の移行予定）が早ければそれを期限とする',
    (a) => a.plannedIsDeadlineForSpecial,
    (a, v: boolean) => ({...a, plannedIsDeadlineForSpecial: v}),
  ),
  item(
    'ベンダーの同月移行上限（件）',
    'int',
    '1ベンダーが同じ月に本番移行できるシステム数',
    (a) => a.vendorCapacity,
    (a, v: number) => ({...a, vendorCapacity: v}),
    1,
  ),
  item(
    '職員の同時作業上限（件）',
    'int',
    '移行設計から本番移行までを同時に進められるシステム数',
    (a) => a.staffCapacity,
    (a, v: number) => ({...a, staffCapacity: v}),
    1,
  ),
  item(
    '予算要求の開始月',
    'months',
    '予算要求を始める月（例: 9〜11月）。執行は翌年度4月から',
    (a) => a.budgetRequestMonths,
    (a, v: number[]) => ({...a, budgetRequestMonths: v}),
  ),
  item(
    '補正予算',
    'bool',
    'はい: 補正予算で予算要求の翌月から執行できる',
    (a) => a.supplementaryBudget,
    (a, v: boolean) => ({...a, supplementaryBudget: v}),
  ),
  item(
    '連休のある月',
    'months',
    '本番移行に使いたい月（年末年始・大型連休。例: 1・5月）',
    (a) => a.preferredCutoverMonths,
    (a, v: number[]) => ({...a, preferredCutoverMonths: v}),
  ),
  item(
    '連休月を待つ上限（月）',
    'int',
    '最短の月から連休のある月まで待ってよい月数（0: 待たない）',
    (a) => a.preferredMaxWait,
    (a, v: number) => ({...a, preferredMaxWait: v}),
    0,
  ),
  item(
    '同一パッケージは同時移行',
    'bool',
    'はい: ベンダーと製品名が同じシステムは同じ月に本番移行',
    (a) => a.samePackageTogether,
    (a, v: boolean) => ({...a, samePackageTogether: v}),
  ),
  item(
    '共通機能を先に移行',
    'bool',
    'はい: 共通機能（宛名・庁内連携）は業務システムより前の月に本番移行',
    (a) => a.commonFirst,
    (a, v: boolean) => ({...a, commonFirst: v}),
  ),
  item(
    '共通機能とみなす名称',
    'list',
    'システム名にこの語を含むものを共通機能とする（「、」区切り）',
    (a) => a.commonKeywords,
    (a, v: string[]) => ({...a, commonKeywords: v}),
  ),
  item(
    'Fit&Gap 差異（件/1か月）',
    'int',
    '標準外・実装不可のこの件数ごとに計画立案と調達・契約を1か月延長',
    (a) => a.gapItemsPerMonth,
    (a, v: number) => ({...a, gapItemsPerMonth: v}),
    1,
  ),
  item(
    '差異による延長の上限（月）',
    'int',
    '',
    (a) => a.gapMaxMonths,
    (a, v: number) => ({...a, gapMaxMonths: v}),
    0,
  ),
  item(
    'データ件数（件/1か月）',
    'int',
    'データ件数がこの件数ごとに移行設計・データ移行を1か月延長',
    (a) => a.recordsPerMonth,
    (a, v: number) => ({...a, recordsPerMonth: v}),
    1,
  ),
  item(
    '規模による延長の上限（月）',
    'int',
    '',
    (a) => a.sizeMaxMonths,
    (a, v: number) => ({...a, sizeMaxMonths: v}),
    0,
  ),
  item(
    '余裕不足とみなす月数',
    'int',
    '期限までの余裕がこの月数未満ならリスクに挙げる',
    (a) => a.tightSlackMonths,
    (a, v: number) => ({...a, tightSlackMonths: v}),
    0,
  ),
]

/** A setting's value as written in the workbook. */
export function settingText(s: SettingItem, a: Assumptions): string | number {
  const v = s.get(a)
  if (typeof v === 'boolean') return v ? 'はい' : 'いいえ'
  if (s.kind === 'months') return monthsLabel(v as readonly number[])
  if (Array.isArray(v)) return v.join('、')
  return v as string | number
}

/** 9〜11月, 9,10,11, 1・5月, なし → month numbers; undefined when unreadable. */
export function parseMonthList(text: string): number[] | undefined {
  const t = text.normalize('NFKC').replace(/月/g, '').replace(/\s/g, '')
  if (t === '' || t === 'なし') return []
  const out: number[] = []
  for (const part of t.split(/[,、・/]/)) {
    if (part === '') continue
    const range = /^(\d{1,2})[〜~\-ー－](\d{1,2})$/.exec(part)
    if (range) {
      const from = Number(range[1])
      const to = Number(range[2])
      if (from < 1 || to > 12 || from > to) return undefined
      for (let m = from; m <= to; m++) out.push(m)
      continue
    }
    if (!/^\d{1,2}$/.test(part)) return undefined
    const m = Number(part)
    if (m < 1 || m > 12) return undefined
    out.push(m)
  }
  return [...new Set(out)].sort((a, b) => a - b)
}
