import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {BUSINESSES} from '../src/catalog/catalog.js'
import {inTransaction, openDatabase} from '../src/db/database.js'
import {summarizeLines} from '../src/fitgap/analyze.js'
import {writeFitgapWorkbook} from '../src/fitgap/fitgap.report.js'
import {replaceResults} from '../src/fitgap/fitgap.repository.js'
import type {FitgapLine} from '../src/fitgap/fitgap.schema.js'
import {runFitgap, type FitgapProgress} from '../src/fitgap/fitgap.service.js'
import {writeWorkbook} from '../src/reports/workbook-writer.js'
import {setUpWorkspace} from './fitgap-fixtures.js'
import {makeTempDir} from './helpers.js'

/** Prefecture scale, small: storing in batches, reports split past a (lowered) sheet row limit, progress. */

let tmp: {dir: string; cleanup: () => void}
beforeEach(() => (tmp = makeTempDir()))
afterEach(() => tmp.cleanup())

const [A, B] = [BUSINESSES[0]!, BUSINESSES[1]!]

function lines(business: typeof A, count: number, from = 0): FitgapLine[] {
  return Array.from({length: count}, (_, k): FitgapLine => {
    const i = from + k
    const reqId = `${business.code}${String((i % 50) + 1).padStart(4, '0')}`
    return {
      customizationId: `C${String(i).padStart(5, '0')}`,
      systemId: `SYS-${business.code}`,
      system: `${business.name}システム`,
      business: business.name,
      businessId: business.id,
      specVersion: '1.0',
      name: `カスタマイズ${i}`,
      description: `内容${i}`,
      candidates: [
        {requirementId: reqId, score: 0.5, requirementClass: 'mandatory', requirementName: '機能'},
      ],
      annualCostYen: 1000,
      requirementId: i % 3 === 0 ? null : reqId,
      requirementName: i % 3 === 0 ? null : '機能',
      requirementText: i % 3 === 0 ? null : '要件',
      requirementClass: i % 3 === 0 ? null : 'mandatory',
      score: 0.5,
      method: 'auto',
      verdict: i % 3 === 0 ? 'outside' : 'fit',
      needsReview: i % 2 === 0,
      stale: false,
      review: null,
    }
  })
}

interface StoredRow {
  customization_id: string
  business_id: string
  requirement_id: string | null
  verdict: string
  needs_review: number
  candidates_json: string
  analyzed_at: string
}

describe('replaceResults (batched store)', () => {
  it('stores every line across full and partial batches, and replaces only the analysed 業務', () => {
    const db = openDatabase(join(tmp.dir, 'hyojun.db'))
    try {
      const all = (): StoredRow[] =>
        db.prepare('SELECT * FROM fitgap_result ORDER BY customization_id').all() as StoredRow[]
      // 450 = two full batches of 200 and one of 50.
      inTransaction(db, () =>
        replaceResults(db, [A.id, B.id], [...lines(A, 450), ...lines(B, 5, 1000)], 't1'),
      )
      let rows = all()
      expect(rows).toHaveLength(455)
      expect(rows[301]).toMatchObject({
        customization_id: 'C00301',
        business_id: A.id,
        requirement_id: `${A.code}0002`,
        verdict: 'fit',
        needs_review: 0,
        analyzed_at: 't1',
      })
      expect(rows[300]).toMatchObject({requirement_id: null, verdict: 'outside', needs_review: 1})
      expect(JSON.parse(rows[449]!.candidates_json)).toEqual([{requirementId: `${A.code}0050`, score: 0.5}])

      // Re-analysing A replaces A's rows (fewer now); B's stay as they were.
      const progress: number[] = []
      inTransaction(db, () => replaceResults(db, [A.id], lines(A, 3), 't2', (done) => progress.push(done)))
      rows = all()
      expect(rows.map((r) => [r.customization_id, r.business_id, r.analyzed_at])).toEqual([
        ['C00000', A.id, 't2'],
        ['C00001', A.id, 't2'],
        ['C00002', A.id, 't2'],
        ['C01000', B.id, 't1'],
        ['C01001', B.id, 't1'],
        ['C01002', B.id, 't1'],
        ['C01003', B.id, 't1'],
        ['C01004', B.id, 't1'],
      ])
      expect(progress).toEqual([3])
    } finally {
      db.close()
    }
  })
})

describe('比較分析表 past the sheet row limit', () => {
  for (const stream of [false, true]) {
    it(`splits a 業務 into numbered sheets that say which rows they hold (${stream ? 'streaming' : 'in memory'})`, async () => {
      const path = join(tmp.dir, '比較分析表.xlsx')
      const ls = [...lines(A, 10), ...lines(B, 2, 100)]
      const sheets = (await import('../src/fitgap/fitgap.report.js')).fitgapSheets(ls, summarizeLines(ls), {
        municipality: 'テスト市',
        date: '2026-01-01',
      })
      const rowsSeen: [number, number][] = []
      const result = stream
        ? await writeWorkbook(path, sheets, undefined, {
            stream: true,
            maxSheetRows: 4,
            onRows: (d, t) => rowsSeen.push([d, t]),
          })
        : await writeFitgapWorkbook(
            path,
            ls,
            summarizeLines(ls),
            {municipality: 'テスト市', date: '2026-01-01'},
            {maxSheetRows: 4, onRows: (d, t) => rowsSeen.push([d, t])},
          )
      expect(result.sheets).toEqual(['サマリ', A.name, `${A.name}(2)`, `${A.name}(3)`, B.name])
      expect(result.changes).toContain(
        `シート「${A.name}」は 10 行あり Excel の1シートの上限（1,048,576 行）を超えるため、3 シート（「${A.name}」「${A.name}(2)」「${A.name}(3)」）に分けました`,
      )
      // サマリ 2 rows + 12 lines, reported at the end.
      expect(rowsSeen.at(-1)).toEqual([15, 15])

      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(path)
      const ids = (name: string): string[] => {
        const ws = wb.getWorksheet(name)!
        let header = 0
        for (let r = 1; r <= 10 && header === 0; r++) if (ws.getCell(r, 1).value === 'システム') header = r
        const out: string[] = []
        for (let r = header + 1; r <= ws.rowCount; r++) out.push(String(ws.getCell(r, 2).value))
        return out
      }
      expect(ids(A.name)).toEqual(['C00000', 'C00001', 'C00002', 'C00003'])
      expect(ids(`${A.name}(2)`)).toEqual(['C00004', 'C00005', 'C00006', 'C00007'])
      expect(ids(`${A.name}(3)`)).toEqual(['C00008', 'C00009'])
      expect(ids(B.name)).toEqual(['C00100', 'C00101'])
      const note = (name: string): string => String(wb.getWorksheet(name)!.getCell('A3').value)
      expect(note(`${A.name}(2)`)).toBe(
        '※ 10 行あり Excel の1シートの上限（1,048,576 行）を超えるため、3 シートに分けています（このシートは 5〜8 行目）',
      )
      expect(wb.getWorksheet(B.name)!.getCell('A3').value).toBeNull()
    })
  }
})

describe('runFitgap progress', () => {
  it('reports reading, matching, storing and writing, each ending at its total', async () => {
    const w = await setUpWorkspace(tmp.dir)
    const events: FitgapProgress[] = []
    const result = await runFitgap({
      dbPath: w.db,
      output: join(tmp.dir, '比較分析表.xlsx'),
      onProgress: (e) => events.push(e),
    })
    const phases = events.map((e) => e.phase).filter((p, i, all) => p !== all[i - 1])
    expect(phases).toEqual(['load', 'match', 'store', 'write'])
    const last = (phase: FitgapProgress['phase']): FitgapProgress =>
      events.filter((e) => e.phase === phase).at(-1)!
    const n = result.results.length
    // Every customization counts, also those of a 業務 without a spec (skipped with a warning).
    const customizations = n + 1
    expect(result.warnings.some((x) => x.includes('標準仕様書が取り込まれていない'))).toBe(true)
    expect(last('match')).toEqual({phase: 'match', done: customizations, total: customizations})
    expect(last('store')).toEqual({phase: 'store', done: n, total: n})
    // The workbook's rows: every line, one サマリ row per 業務 and the totals row.
    const rows = n + result.summary.length + 1
    expect(last('write')).toEqual({phase: 'write', done: rows, total: rows})
  })
})
