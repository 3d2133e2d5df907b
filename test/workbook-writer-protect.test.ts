import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {afterEach, beforeEach, expect, it} from 'vitest'
import {writeWorkbook} from '../src/reports/workbook-writer.js'
import {makeTempDir} from './helpers.js'

let tmp: {dir: string; cleanup: () => void}
beforeEach(() => (tmp = makeTempDir()))
afterEach(() => tmp.cleanup())

interface Row {
  readonly question: string
  readonly answerable: boolean
}

it('protects a form without a password: editable cells unlocked and shaded per row, hidden columns, very hidden sheets', async () => {
  const path = join(tmp.dir, 'form.xlsx')
  await writeWorkbook(path, [
    {
      name: '回答',
      columns: [
        {header: '質問', value: (r: Row) => r.question},
        {
          header: '回答',
          editable: true,
          list: ['○', '×'],
          editableWhen: (r: Row) => r.answerable,
          value: () => null,
        },
        {header: 'チェック', hidden: true, value: (r: Row) => `#${r.question}`},
      ],
      rows: [
        {question: 'A', answerable: true},
        {question: 'B', answerable: false},
      ],
      protect: true,
    },
    {name: '管理', columns: [{header: 'キー', value: (r: Row) => r.question}], rows: [], state: 'veryHidden'},
  ])
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  const ws = wb.getWorksheet('回答')!
  const protection = (ws as unknown as {sheetProtection: Record<string, unknown> | null}).sheetProtection
  expect(protection).toMatchObject({sheet: true, autoFilter: true, formatRows: true})
  expect(protection).not.toHaveProperty('hashValue')
  expect(ws.getCell('B2').protection).toMatchObject({locked: false})
  expect(ws.getCell('B2').fill).toMatchObject({fgColor: {argb: 'FFFFF2CC'}})
  // Not answerable on this row: stays locked.
  expect(ws.getCell('B3').protection?.locked).not.toBe(false)
  expect(ws.getCell('A2').protection?.locked).not.toBe(false)
  expect(ws.getColumn(3).hidden).toBe(true)
  expect(ws.getCell('C2').value).toBe('#A')
  expect(wb.getWorksheet('管理')!.state).toBe('veryHidden')
})
