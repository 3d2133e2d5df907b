import {monthOf, warekiMonth} from './months.js'
import type {RoadmapResult} from './roadmap.schema.js'

export const ROADMAP_HEAD = ['システム', '業務', '状況', '本番移行', '余裕（月）', '期限内'] as const

export function roadmapRows(result: RoadmapResult): (string | number | null)[][] {
  return result.items.map((i) => [
    i.system,
    i.businesses.join('、') || '－',
    i.status,
    i.cutover ? warekiMonth(monthOf(i.cutover)) : '未定',
    i.done ? null : i.slackMonths,
    i.done ? '移行済' : i.onTime ? '○' : '×',
  ])
}

export function infeasibleLines(result: RoadmapResult): string[] {
  const names = new Map(result.items.map((i) => [i.systemId, i.system]))
  return result.infeasible.map((x) => `× ${names.get(x.systemId) ?? x.systemId}: ${x.reason}`)
}
