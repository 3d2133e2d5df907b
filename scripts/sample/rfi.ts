/**
 * Builds the bundled RFI answers of three fictional vendors for two 業務 of 汐見川市:
 *   inventory/rfi/<事業者>/RFI_<業務>_汐見川市.xlsx
 * - あおば情報システム: clean (every mandatory ○, nothing prohibited offered, every cell answered);
 * - 北斗ソリューションズ: one mandatory requirement △ (customization) and one prohibited function ○,
 *   cloud fees in dollars with a stated rate, the cheapest;
 * - みなと電算: leaves answers and cost cells blank, and one needed option ×.
 * The workbooks are exported by hyojun itself from the bundled specs and sample inventory (機能IDs are
 * never hard-coded), then filled in by code. Run: npx tsx scripts/sample/rfi.ts
 */
import {mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {initWorkspace} from '../../src/municipality/municipality.service.js'
import {runPipeline} from '../../src/pipeline/run.service.js'
import {ANNUAL_ITEMS, ONE_TIME_CATEGORIES, USD_ITEM} from '../../src/rfi/cost-categories.js'
import {checkValue} from '../../src/rfi/questions.js'
import {exportRfi} from '../../src/rfi/rfi.service.js'
import {CITY} from './city.js'
import {fillRfiWorkbook, type CellValues, type FillPlan, type QuestionView} from './rfi-fill.js'

const ROOT = resolve(import.meta.dirname, '../..')
const OUT = resolve(ROOT, 'inventory/rfi')
export const RFI_SAMPLE_BUSINESSES = ['住民基本台帳', '介護保険'] as const

/** A stable number in [0, 1) from text: the same answers on every run, no randomness. */
function draw(...parts: string[]): number {
  return parseInt(checkValue(parts).slice(0, 8), 16) / 0x1_0000_0000
}

/** 千円 amounts per 業務 (住記 is the larger system). */
const BASE_ONE_TIME: Readonly<Record<string, number>> = {
  データ移行: 12_000,
  '文字同定・外字': 8_500,
  環境構築: 6_200,
  '連携構築・独自施策システム改修': 14_800,
  'テスト・並行稼働': 5_400,
  研修: 1_600,
  'PMO・支援': 4_200,
  '旧システム契約の延長・解約': 3_000,
  その他: 0,
}
const BASE_ANNUAL: Readonly<Record<string, number>> = {
  標準準拠システム利用料: 18_600,
  ガバメントクラウド利用料: 6_400,
  保守: 4_100,
}

function costPlan(
  vendor: string,
  scale: number,
  options: {usd?: boolean; blanks?: boolean} = {},
): Record<string, CellValues> {
  const plan: Record<string, CellValues> = {}
  for (const c of ONE_TIME_CATEGORIES) {
    const amount = Math.round(BASE_ONE_TIME[c]! * scale * (0.85 + 0.3 * draw(vendor, c)))
    plan[c] = {導入時: options.blanks && c === '文字同定・外字' ? null : amount}
  }
  for (const item of ANNUAL_ITEMS) {
    const yearly = BASE_ANNUAL[item]! * scale * (0.85 + 0.3 * draw(vendor, item))
    const usd = options.usd && item === USD_ITEM
    const years = [1, 2, 3, 4, 5].map((y) => {
      if (options.blanks && item === '保守' && y >= 4) return null
      const v = usd ? yearly / 150 : yearly
      return Math.round(v * (1 + 0.02 * (y - 1)))
    })
    plan[item] = {
      ...(usd ? {単位: '千ドル'} : {}),
      ...Object.fromEntries(years.map((v, i) => [`${i + 1}年目`, v])),
      ...(usd ? {備考: 'ガバメントクラウドの利用料はドル建て（為替により変動）'} : {}),
    }
  }
  if (options.usd) plan['為替レート（1ドルあたり円）'] = {導入時: 150}
  plan['前提・条件'] = {
    備考: options.blanks
      ? '保守の4年目以降は別途見積'
      : '利用者数 120 ID、庁内 LAN からの利用を前提。ガバメントクラウドの利用料は共同利用方式の按分額',
  }
  return plan
}

function standardAnswer(q: QuestionView, vendor: string): CellValues {
  if (q.sheet === '独自要件') {
    const r = draw(vendor, q.id)
    if (r < 0.45)
      return {
        対応方法: '独自施策システム',
        '費用（千円）': Math.round(800 + 2400 * r),
        備考: '独自施策システム等連携仕様（API）で標準準拠システムと連携',
      }
    if (r < 0.75) return {対応方法: '業務見直し提案', 備考: '標準の帳票・機能を用いた運用への見直しを提案'}
    return {対応方法: '標準オプション', 備考: '標準オプション機能の選択で対応'}
  }
  if (q.classLabel === '実装不可機能')
    return {対応: '×', 対応方法: '対応不可', '備考・代替案': '標準仕様書に従い実装しない'}
  if (q.classLabel === '標準オプション機能') {
    if (q.need === '要' || draw(vendor, q.id) < 0.7)
      return {対応: '○', 対応方法: '標準オプション', '費用（千円）': q.need === '要' ? 300 : null}
    return {対応: '×', 対応方法: '対応不可', '備考・代替案': '当社製品では提供していない'}
  }
  return {対応: '○', 対応方法: '標準'}
}

function plans(): FillPlan[] {
  const aoba = 'あおば情報システム'
  const hokuto = '北斗ソリューションズ'
  const minato = 'みなと電算'
  let hokutoMandatory = 0
  let hokutoProhibited = 0
  let minatoNeeded = 0
  return [
    {vendor: aoba, answer: (q) => standardAnswer(q, aoba), costs: {}},
    {
      vendor: hokuto,
      answer: (q) => {
        if (
          q.sheet === '機能要件' &&
          q.classLabel === '実装必須機能' &&
          q.index >= 10 &&
          hokutoMandatory++ === 0
        ) {
          return {
            対応: '△',
            対応方法: 'カスタマイズ',
            提供開始時期: '2027年10月',
            '費用（千円）': 1800,
            '備考・代替案': '次期バージョンで標準対応予定。それまでは個別改修で対応',
          }
        }
        if (q.sheet === '機能要件' && q.classLabel === '実装不可機能' && hokutoProhibited++ === 0) {
          return {対応: '○', 対応方法: '標準', '備考・代替案': '現行製品の機能として提供可能'}
        }
        return standardAnswer(q, hokuto)
      },
    },
    {
      vendor: minato,
      answer: (q) => {
        if (
          q.sheet === '機能要件' &&
          q.need === '要' &&
          q.classLabel === '標準オプション機能' &&
          minatoNeeded++ === 0
        ) {
          return {対応: '×', 対応方法: '対応不可', '備考・代替案': '提供予定なし'}
        }
        if (q.index % 9 === 4) return undefined
        return standardAnswer(q, minato)
      },
    },
  ]
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'hyojun-rfi-sample-'))
  try {
    const dbPath = join(tmp, 'sample.db')
    initWorkspace({
      dbPath,
      name: CITY.name,
      code: '042099',
      population: CITY.population,
      kind: CITY.kind,
      now: '2026-11-02T00:00:00.000Z',
    })
    await runPipeline({
      dbPath,
      specsDir: resolve(ROOT, 'specs'),
      inventoryDir: resolve(ROOT, 'inventory'),
      reportsDir: join(tmp, 'reports'),
    })
    const exported = await exportRfi({
      dbPath,
      businesses: [...RFI_SAMPLE_BUSINESSES],
      deadline: '2027-01-29',
      contact: `${CITY.name} 総務部情報政策課 標準化推進係`,
      output: join(tmp, 'export'),
      now: new Date(Date.UTC(2026, 10, 2)),
    })
    rmSync(OUT, {recursive: true, force: true})
    const scales: Readonly<Record<string, number>> = {住民基本台帳: 1, 介護保険: 0.8}
    for (const w of exported.workbooks) {
      // Fresh plans per workbook: each 業務 gets its own mandatory △, prohibited ○ and needed ×.
      for (const plan of plans()) {
        const dir = join(OUT, plan.vendor)
        mkdirSync(dir, {recursive: true})
        const factor = plan.vendor === '北斗ソリューションズ' ? 0.9 : plan.vendor === 'みなと電算' ? 1.05 : 1
        const scale = (scales[w.business] ?? 1) * factor
        const costs = costPlan(plan.vendor, scale, {
          usd: plan.vendor === '北斗ソリューションズ',
          blanks: plan.vendor === 'みなと電算',
        })
        const file = w.file.split(/[\\/]/).pop()!
        await fillRfiWorkbook(w.file, join(dir, file), {...plan, costs})
      }
    }
    for (const vendor of readdirSync(OUT))
      console.log(`${vendor}: ${readdirSync(join(OUT, vendor)).join('、')}`)
  } finally {
    rmSync(tmp, {recursive: true, force: true})
  }
}

await main()
