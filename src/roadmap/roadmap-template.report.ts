import {DEFAULT_BUSY_SEASONS, PHASE_NOTES} from './defaults.js'
import {SETTING_ITEMS, settingText, type SettingItem} from './assumption-items.js'
import {ASSUMPTION_SHEETS} from './assumptions-workbook.js'
import {PHASES, ROADMAP_STATUSES, type Assumptions} from './roadmap.schema.js'
import type {AnySheetSpec} from '../reports/workbook-writer.js'

/** Sheet names of 計画前提.xlsx (the import reads them by name). */
export const TEMPLATE_SHEETS = {guide: '入力要領', ...ASSUMPTION_SHEETS} as const

export interface TemplateSystem {
  readonly id: string
  readonly name: string
  readonly status: string | null
}

const GUIDE = [
  'この計画前提ブックは hyojun roadmap の前提条件です。値を書き換えて `hyojun roadmap import 計画前提.xlsx` で取り込みます（--dry-run で検査のみ）。',
  '取り込まなければ既定値（README と前提条件シートに記載）で計画します。取り込みは全部か無かで、誤りが1件でもあれば何も変更しません。',
  '全体設定: 期限、ベンダー・職員の上限、予算サイクル、連休月、期間の延長などのパラメータ。「値」列だけを書き換えてください。',
  '段階: 各段階の標準期間（月）。Fit&Gap の差異とデータ件数で自動的に延長します。',
  '繁忙期: 業務ごとに本番移行をしない月に「○」。',
  '同時移行: 同じ月に本番移行する業務のまとまり（業務名を「、」区切り）。',
  '依存関係: 先に移行するもの → 後に移行するもの（業務名、システムID またはシステム名）。',
  'ベンダー上限: ベンダー別の同月移行上限（全体設定の値と異なるベンダーのみ）。',
  'システム別: 状況・現在の段階・残り月数・期限を指定するシステムだけ記入（空欄はシステム台帳と既定の推定を使う）。',
]

const months = Array.from({length: 12}, (_, i) => i + 1)

export function roadmapTemplateSheets(a: Assumptions, systems: readonly TemplateSystem[]): AnySheetSpec[] {
  const overrides = new Map(a.systems.map((s) => [s.systemId, s]))
  const busyRows = [...new Set([...Object.keys(DEFAULT_BUSY_SEASONS), ...Object.keys(a.busySeasons)])]
  return [
    {
      name: TEMPLATE_SHEETS.guide,
      columns: [{header: '入力要領', width: 120, kind: 'longtext', value: (r: string) => r}],
      rows: GUIDE,
      portrait: true,
      autoFilter: false,
    },
    {
      name: TEMPLATE_SHEETS.settings,
      columns: [
        {header: '項目', width: 36, value: (r: SettingItem) => r.label},
        {header: '値', width: 22, editable: true, value: (r: SettingItem) => settingText(r, a)},
        {header: '説明', width: 80, kind: 'longtext', value: (r: SettingItem) => r.note},
      ],
      rows: SETTING_ITEMS,
      autoFilter: false,
    },
    {
      name: TEMPLATE_SHEETS.phases,
      columns: [
        {header: '段階', width: 40, value: (p: string) => p},
        {
          header: '期間（月）',
          width: 12,
          kind: 'integer',
          editable: true,
          value: (p: string) => a.phaseMonths[p] ?? 0,
        },
        {
          header: '内容',
          width: 80,
          kind: 'longtext',
          value: (p: string) => PHASE_NOTES[p as (typeof PHASES)[number]],
        },
      ],
      rows: [...PHASES],
      autoFilter: false,
    },
    {
      name: TEMPLATE_SHEETS.busy,
      columns: [
        {header: '業務', width: 20, value: (b: string) => b},
        ...months.map((m) => ({
          header: `${m}月`,
          width: 5,
          editable: true,
          list: ['○'],
          value: (b: string) => ((a.busySeasons[b] ?? []).includes(m) ? '○' : null),
        })),
        {header: '理由', width: 50, value: (b: string) => DEFAULT_BUSY_SEASONS[b]?.reason ?? ''},
      ],
      rows: busyRows,
      autoFilter: false,
    },
    {
      name: TEMPLATE_SHEETS.bundles,
      columns: [
        {
          header: 'グループ名',
          width: 20,
          editable: true,
          value: (g: Assumptions['bundles'][number]) => g.name,
        },
        {
          header: '業務',
          width: 70,
          editable: true,
          value: (g: Assumptions['bundles'][number]) => g.businesses.join('、'),
        },
      ],
      rows: a.bundles,
      autoFilter: false,
    },
    {
      name: TEMPLATE_SHEETS.dependencies,
      columns: [
        {
          header: '先に移行',
          width: 30,
          editable: true,
          value: (d: Assumptions['dependencies'][number]) => d.before,
        },
        {
          header: '後に移行',
          width: 30,
          editable: true,
          value: (d: Assumptions['dependencies'][number]) => d.after,
        },
        {
          header: '理由',
          width: 50,
          editable: true,
          value: (d: Assumptions['dependencies'][number]) => d.reason,
        },
      ],
      rows: a.dependencies,
      autoFilter: false,
    },
    {
      name: TEMPLATE_SHEETS.vendors,
      columns: [
        {header: 'ベンダー', width: 36, editable: true, value: (r: [string, number]) => r[0]},
        {
          header: '同月移行上限（件）',
          width: 18,
          kind: 'integer',
          editable: true,
          value: (r: [string, number]) => r[1],
        },
      ],
      rows: Object.entries(a.vendorCapacityByVendor),
      autoFilter: false,
    },
    {
      name: TEMPLATE_SHEETS.systems,
      columns: [
        {header: 'システムID', width: 12, value: (s: TemplateSystem) => s.id},
        {header: 'システム名', width: 32, value: (s: TemplateSystem) => s.name},
        {header: '台帳の移行状況', width: 14, value: (s: TemplateSystem) => s.status},
        {
          header: '状況',
          width: 14,
          editable: true,
          list: ROADMAP_STATUSES,
          value: (s: TemplateSystem) => overrides.get(s.id)?.status ?? null,
        },
        {
          header: '現在の段階',
          width: 36,
          editable: true,
          list: PHASES.map((p) => p.replace(/,/g, '、')),
          value: (s: TemplateSystem) => overrides.get(s.id)?.currentPhase ?? null,
        },
        {
          header: '残り月数',
          width: 10,
          kind: 'integer',
          editable: true,
          value: (s: TemplateSystem) => overrides.get(s.id)?.remainingMonths ?? null,
        },
        {
          header: '期限',
          width: 14,
          editable: true,
          value: (s: TemplateSystem) => overrides.get(s.id)?.deadline ?? null,
        },
      ],
      rows: systems,
      freezeColumns: 2,
    },
  ]
}
