import {describe, expect, it} from 'vitest'
import type {CellValue, WorkbookGrid} from '../sources/grid.js'
import {readAssumptions} from './assumptions-rows.js'

function grid(sheets: Record<string, CellValue[][]>): WorkbookGrid {
  return {
    file: '経費前提.xlsx',
    format: 'xlsx',
    sheets: Object.entries(sheets).map(([name, rows]) => ({name, rows, merges: []})),
  }
}

const CATEGORIES: CellValue[][] = [
  ['区分', '構成比', '補助対象', '出典・根拠'],
  ['データ移行', 0.25, '○', null],
  ['文字同定・外字', '8%', '○', null],
  ['環境構築', 0.17, '○', null],
  ['連携構築・独自施策システム改修', 0.18, '×', null],
  ['テスト・並行稼働', 0.14, '○', null],
  ['研修', 0.03, '○', null],
  ['PMO・支援', 0.15, '○', null],
  ['旧システム契約の延長・解約', null, '×', null],
]

describe('readAssumptions', () => {
  it('reads categories (percent or ratio, ○/×) and keeps defaults for missing sheets with a warning', () => {
    const r = readAssumptions(grid({一時経費区分: CATEGORIES}))
    expect(r.issues).toEqual([])
    expect(r.assumptions.categories.find((c) => c.key === 'characters')).toMatchObject({
      share: 0.08,
      eligible: true,
    })
    expect(r.assumptions.categories.find((c) => c.key === 'integration')!.eligible).toBe(false)
    expect(r.warnings.some((w) => w.includes('シート「前提条件」がない'))).toBe(true)
    expect(r.assumptions.origin).toBe('imported')
  })

  it('refuses shares that do not add up to 1, at the cell', () => {
    const rows = CATEGORIES.map((row) => (row[0] === 'PMO・支援' ? ['PMO・支援', 0.05, '○', null] : row))
    const r = readAssumptions(grid({一時経費区分: rows}))
    expect(r.issues).toEqual([
      expect.objectContaining({code: 'SHARE_SUM', where: '経費前提.xlsx › 一時経費区分!B8'}),
    ])
  })

  it('refuses population bands with a gap or an upper bound on the last band', () => {
    const r = readAssumptions(
      grid({
        人口区分: [
          ['人口（以上）', '人口（未満）', '運用経費の係数', '一時経費の係数', '補助上限額（千円）'],
          [0, 50_000, 0.7, 0.7, 300_000],
          [60_000, 200_000, 1, 1, 480_000],
          [200_000, 500_000, 1.6, 1.5, 800_000],
        ],
      }),
    )
    expect(r.issues.map((i) => [i.code, i.where])).toEqual([
      ['BAND_GAP', '経費前提.xlsx › 人口区分!B2'],
      ['BAND_GAP', '経費前提.xlsx › 人口区分!B4'],
    ])
  })

  it('reads a user scenario column and refuses a built-in scenario name', () => {
    const params = (scenario: string): CellValue[][] => [
      ['キー', '項目', '値', '単位', '既定値', '出典・根拠', `シナリオ：${scenario}`],
      ['fxRate', '為替レート', 150, '円/USD', 150, null, 170],
      ['defaultCutover', '移行予定が不明なシステムの移行年月', '令和11年1月', '年月', null, null, '2030-03'],
    ]
    const ok = readAssumptions(grid({前提条件: params('強い円安')}))
    expect(ok.issues).toEqual([])
    expect(ok.assumptions.parameters.defaultCutover.value).toBe(202901)
    expect(ok.assumptions.scenarios).toEqual([
      expect.objectContaining({name: '強い円安', overrides: {fxRate: 170, defaultCutover: 203003}}),
    ])
    const bad = readAssumptions(grid({前提条件: params('円安')}))
    expect(bad.issues).toEqual([
      expect.objectContaining({code: 'SCENARIO_NAME', where: '経費前提.xlsx › 前提条件!G1'}),
    ])
  })

  it('says what it is when the workbook is no assumptions file', () => {
    const r = readAssumptions(grid({台帳: [['システム名称'], ['住民情報']]}))
    expect(r.issues[0]).toMatchObject({code: 'NOT_ASSUMPTIONS'})
  })
})
