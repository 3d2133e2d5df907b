import {RUNNING_YEARS} from './cost-categories.js'
import type {RfiAnswer, VendorResponse} from './rfi-model.js'

/**
 * RFI scoring (pure). Score = 100 × (w₁·needed-option coverage + w₂·outside coverage + w₃·cost ratio) / (w₁+w₂+w₃):
 * - needed-option coverage = optional requirements 本市の要否=要 answered ○ ÷ all of them (1 when there are none);
 * - outside coverage = 独自要件 answered with any 対応方法 but 対応不可 ÷ all 独自要件 (1 when none);
 * - cost ratio = lowest 5-year cost among the vendors ÷ this vendor's 5-year cost (0 when it gave no cost).
 * Flags (標準不適合の疑い, 実装不可機能の提供 …) never change the score and are never hidden: they are listed
 * next to it. `qualified` is false for a vendor with a mandatory △/× or a prohibited function offered, and the
 * rank puts qualified vendors first (a 標準準拠システム must do every mandatory function and none prohibited),
 * then orders by score.
 */
export interface ScoreWeights {
  readonly neededOptions: number
  readonly outside: number
  readonly cost: number
}

export const DEFAULT_WEIGHTS: ScoreWeights = {neededOptions: 40, outside: 20, cost: 40}

/** 円 per dollar used when a vendor prices cloud fees in dollars without stating a rate. */
export const DEFAULT_FX_RATE = 150

export interface VendorMetrics {
  readonly vendor: string
  readonly answered: number
  readonly blank: number
  readonly mandatoryNotMet: number
  readonly prohibitedOffered: number
  readonly neededOptionsMet: number
  readonly neededOptionsTotal: number
  readonly neededOptionsMissing: number
  readonly outsideCovered: number
  readonly outsideTotal: number
  /** 導入費用 + per-row costs of what we need (円); null when no cost at all was given. */
  readonly oneTimeYen: number | null
  /** Average yearly 運用費用 over the 5 years (円). */
  readonly annualYen: number | null
  /** 運用費用 per year (円), 1年目…5年目. */
  readonly annualByYearYen: readonly (number | null)[]
  readonly fiveYearYen: number | null
  /** Cost cells left blank. */
  readonly blankCosts: number
  readonly flags: readonly string[]
}

export interface ScoredVendor extends VendorMetrics {
  /** 0–100, one decimal. */
  readonly score: number
  /** 1 = best: qualified vendors first, then by score; equal (qualified, score) share a rank. */
  readonly rank: number
  /** No mandatory △/× and no prohibited function offered. */
  readonly qualified: boolean
}

function ids(list: readonly RfiAnswer[]): string {
  const shown = list.slice(0, 3).map((a) => a.id)
  return list.length > 3 ? `${shown.join('、')} ほか` : shown.join('、')
}

function answered(a: RfiAnswer): boolean {
  return a.kind === 'outside' ? a.method !== null : a.mark !== null
}

/** What a vendor's answer says, before comparing it with the others. */
export function measureVendor(
  response: VendorResponse,
  options: {readonly fxRate?: number} = {},
): VendorMetrics {
  const questions = response.answers
  const mandatoryNotMet = questions.filter(
    (a) => a.class === 'mandatory' && (a.mark === '△' || a.mark === '×'),
  )
  const prohibitedOffered = questions.filter(
    (a) => a.class === 'prohibited' && (a.mark === '○' || a.mark === '△'),
  )
  const neededOptions = questions.filter(
    (a) => a.kind !== 'outside' && a.class === 'optional' && a.need === 'required',
  )
  const neededMet = neededOptions.filter((a) => a.mark === '○')
  const neededMissing = neededOptions.filter((a) => a.mark === '×')
  const outside = questions.filter((a) => a.kind === 'outside')
  const outsideCovered = outside.filter((a) => a.method !== null && a.method !== '対応不可')
  const blank = questions.filter((a) => !answered(a)).length

  const fx = response.fxRate ?? options.fxRate ?? DEFAULT_FX_RATE
  let given = 0
  let blankCosts = 0
  let usd = false
  let oneTime = 0
  const byYear: (number | null)[] = Array.from({length: RUNNING_YEARS}, () => null)
  for (const line of response.costs) {
    const rate = line.currency === 'USD' ? fx : 1
    if (line.currency === 'USD') usd = true
    line.amounts.forEach((amount, i) => {
      if (amount === null) {
        blankCosts++
        return
      }
      given++
      const yen = Math.round(amount * rate)
      if (line.phase === 'one-time') oneTime += yen
      else byYear[i] = (byYear[i] ?? 0) + yen
    })
  }
  // Per-row costs (options, alternatives, outside answers) count for what we need.
  for (const a of questions) {
    if (a.costYen === null) continue
    const counts =
      a.kind === 'outside'
        ? a.method !== null && a.method !== '対応不可'
        : a.need === 'required' && a.mark !== '×'
    if (counts) {
      oneTime += a.costYen
      given++
    }
  }
  const annualTotal = byYear.some((y) => y !== null) ? byYear.reduce<number>((n, y) => n + (y ?? 0), 0) : null
  const oneTimeYen = given > 0 ? oneTime : null
  const annualYen = annualTotal === null ? null : Math.round(annualTotal / RUNNING_YEARS)
  const fiveYearYen = given > 0 ? oneTime + (annualTotal ?? 0) : null

  const flags: string[] = []
  if (mandatoryNotMet.length > 0)
    flags.push(`標準不適合の疑い: 実装必須機能 ${mandatoryNotMet.length} 件が△/×（${ids(mandatoryNotMet)}）`)
  if (prohibitedOffered.length > 0)
    flags.push(`実装不可機能の提供: ${prohibitedOffered.length} 件（${ids(prohibitedOffered)}）`)
  if (neededMissing.length > 0)
    flags.push(`本市で必要な標準オプション機能 ${neededMissing.length} 件が×（${ids(neededMissing)}）`)
  if (blank > 0) flags.push(`未回答 ${blank} 件`)
  if (given === 0) flags.push('費用未回答')
  else if (blankCosts > 0) flags.push(`費用の一部が未回答（${blankCosts} 欄）`)
  if (usd && response.fxRate === null) flags.push(`為替レート未記入（1ドル=${fx}円で換算）`)

  return {
    vendor: response.vendor,
    answered: questions.length - blank,
    blank,
    mandatoryNotMet: mandatoryNotMet.length,
    prohibitedOffered: prohibitedOffered.length,
    neededOptionsMet: neededMet.length,
    neededOptionsTotal: neededOptions.length,
    neededOptionsMissing: neededMissing.length,
    outsideCovered: outsideCovered.length,
    outsideTotal: outside.length,
    oneTimeYen,
    annualYen,
    annualByYearYen: byYear,
    fiveYearYen,
    blankCosts,
    flags,
  }
}

/** Score and rank the vendors of one 業務 (order kept: ranks say who is first). */
export function scoreVendors(
  metrics: readonly VendorMetrics[],
  weights: ScoreWeights = DEFAULT_WEIGHTS,
): ScoredVendor[] {
  const total = weights.neededOptions + weights.outside + weights.cost
  const costs = metrics.map((m) => m.fiveYearYen).filter((c): c is number => c !== null && c > 0)
  const lowest = costs.length > 0 ? Math.min(...costs) : null
  const scored = metrics.map((m) => {
    const options = m.neededOptionsTotal === 0 ? 1 : m.neededOptionsMet / m.neededOptionsTotal
    const outside = m.outsideTotal === 0 ? 1 : m.outsideCovered / m.outsideTotal
    const cost =
      m.fiveYearYen === null || lowest === null ? 0 : m.fiveYearYen <= 0 ? 1 : lowest / m.fiveYearYen
    const raw =
      total <= 0
        ? 0
        : (100 * (weights.neededOptions * options + weights.outside * outside + weights.cost * cost)) / total
    return {...m, score: Math.round(raw * 10) / 10}
  })
  const qualified = (m: VendorMetrics): boolean => m.mandatoryNotMet === 0 && m.prohibitedOffered === 0
  const ahead = (a: (typeof scored)[number], b: (typeof scored)[number]): boolean =>
    qualified(a) !== qualified(b) ? qualified(a) : a.score > b.score
  return scored.map((s) => ({
    ...s,
    rank: 1 + scored.filter((o) => ahead(o, s)).length,
    qualified: qualified(s),
  }))
}
