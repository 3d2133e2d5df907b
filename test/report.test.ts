import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {inflateSync} from 'node:zlib'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {CostEstimateResultSchema} from '../src/cost/cost.schema.js'
import {FitgapResultSchema} from '../src/fitgap/fitgap.schema.js'
import {SummaryResultSchema} from '../src/summary/summary.schema.js'
import {setUpWorkspace} from './fitgap-fixtures.js'
import {makeTempDir, parseJson, runCli} from './helpers.js'
import {parseContract} from './contract.js'

let tmp: {dir: string; cleanup: () => void}
beforeEach(() => {
  tmp = makeTempDir()
})
afterEach(() => tmp.cleanup())

/** Width, height and whether the picture has more than one colour (decoded from the PNG itself). */
function decodePng(buf: Buffer): {width: number; height: number; distinctBytes: number} {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true)
  let off = 8
  let width = 0
  let height = 0
  const idat: Buffer[] = []
  while (off < buf.length) {
    const len = buf.readUInt32BE(off)
    const type = buf.toString('latin1', off + 4, off + 8)
    const data = buf.subarray(off + 8, off + 8 + len)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
    }
    if (type === 'IDAT') idat.push(data)
    off += 12 + len
  }
  const raw = inflateSync(Buffer.concat(idat))
  const seen = new Set<number>()
  for (let i = 0; i < raw.length; i += 7) seen.add(raw[i]!)
  return {width, height, distinctBytes: seen.size}
}

describe('hyojun report', () => {
  it('summarises the stored Fit&Gap with the same figures, says what is missing, and writes charts that decode', async () => {
    const ws = await setUpWorkspace(tmp.dir, ['juki-6.0.xml', 'kaigo-4.0.xml'])
    const fg = await runCli(['fitgap', '--db', ws.db, '--json'])
    expect(fg.exitCode, fg.stderr).toBe(0)
    const fitgap = FitgapResultSchema.parse(parseJson(fg.stdout))
    const est = await runCli(['cost', 'estimate', '--db', ws.db, '--json', '--today', '2026-12-02'])
    expect(est.exitCode, est.stderr).toBe(0)
    const estimate = CostEstimateResultSchema.parse(parseJson(est.stdout))
    const output = join(tmp.dir, 'out', '移行計画サマリ.xlsx')
    const pngDir = join(tmp.dir, 'png')
    const r = await runCli([
      'report',
      '--db',
      ws.db,
      '--json',
      '--output',
      output,
      '--png',
      pngDir,
      '--today',
      '2026-12-02',
    ])
    expect(r.exitCode, r.stderr).toBe(0)
    const summary = parseContract('report', r.stdout)

    const sum = (k: 'total' | 'fit' | 'option' | 'prohibited' | 'outside' | 'needsReview'): number =>
      fitgap.summary.reduce((n, s) => n + s[k], 0)
    expect(summary.fitgap).toMatchObject({
      available: true,
      total: sum('total'),
      fit: sum('fit'),
      option: sum('option'),
      prohibited: sum('prohibited'),
      outside: sum('outside'),
      needsReview: sum('needsReview'),
      retirableAnnualCostYen: fitgap.summary.reduce((n, s) => n + s.retirableAnnualCostYen, 0),
    })
    expect(summary.asOf).toBe('2026-12-02')
    // The cost block is the stored estimate's figures, naming its scenario and date.
    expect(summary.cost).toMatchObject({
      baselineAnnualYen: estimate.totals.baselineAnnualYen,
      currentAnnualYen: estimate.totals.currentAnnualYen,
      afterAnnualYen: estimate.totals.afterAnnualYen,
      gapToTargetYen: estimate.totals.gapToTargetYen,
      oneTimeYen: estimate.totals.oneTimeYen,
      subsidyYen: estimate.totals.subsidyYen,
      netOneTimeYen: estimate.totals.netOneTimeYen,
    })
    expect(summary.cost?.source).toContain('経費試算（シナリオ「基本」')
    expect(summary.roadmap).toBeNull()
    expect(summary.warnings).toContain('ロードマップが未作成です（hyojun roadmap）')
    expect(
      summary.status.counts.inProgress + summary.status.counts.notStarted + summary.status.counts.done,
    ).toBeGreaterThan(0)

    // Charts: the PNG files listed exist, decode, have the rendered size and are not blank.
    expect(summary.charts.length).toBeGreaterThan(0)
    expect(readdirSync(pngDir)).toHaveLength(summary.charts.length)
    for (const file of summary.charts) {
      const png = decodePng(readFileSync(file))
      expect(png).toMatchObject({width: 1920, height: 1080})
      expect(png.distinctBytes).toBeGreaterThan(20)
    }

    // The workbook: サマリ first, its sentences carry the same numbers, the charts are embedded.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(output)
    expect(wb.worksheets.map((s) => s.name)).toEqual(['サマリ', 'グラフ', '業務別状況', 'リスク', '出典'])
    const sheet = wb.getWorksheet('サマリ')!
    const texts: string[] = []
    sheet.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))))
    const all = texts.join('\n')
    expect(all).toContain(`カスタマイズ ${sum('total')}件のうち 標準で対応 ${sum('fit')}件`)
    expect(all).toContain('ロードマップが未作成です: hyojun roadmap')
    expect(sheet.getImages().length).toBeGreaterThan(0)
    expect(wb.getWorksheet('グラフ')!.getImages()).toHaveLength(summary.charts.length)
    expect(sheet.pageSetup.orientation).toBe('landscape')
    expect(sheet.pageSetup.fitToHeight).toBe(1)
  })

  it('on an empty database reports every analysis as missing (exit 0) and writes no file without --output', async () => {
    const db = join(tmp.dir, 'hyojun.db')
    await runCli(['init', '--db', db, '--name', '多賀城市', '--code', '042099'])
    const r = await runCli(['report', '--db', db, '--json', '--today', '2026-12-02'])
    expect(r.exitCode, r.stderr).toBe(0)
    const summary = SummaryResultSchema.parse(parseJson(r.stdout))
    expect(summary.municipality?.name).toBe('多賀城市')
    expect(summary.fitgap.available).toBe(false)
    expect(summary.fitgap.total).toBeNull()
    expect(summary.status.counts.unregistered).toBe(20)
    expect(summary.charts).toEqual([])
    expect(summary.output).toBeNull()
  })

  it('refuses an --output that is not .xlsx before any work', async () => {
    const r = await runCli(['report', '--db', join(tmp.dir, 'x.db'), '--output', join(tmp.dir, 'a.csv')])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('.xlsx')
  })
})
