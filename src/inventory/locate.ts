import {ExitCode, InvalidDataError, UserError} from '../errors.js'
import {unitFromText, type YenUnit} from '../sources/amount.js'
import {cellText, type SheetGrid, type WorkbookGrid} from '../sources/grid.js'
import {findHeader, readRecords, type ColumnDef, type HeaderMatch} from '../sources/table.js'
import {normalizeKey} from '../text/normalize.js'
import type {TableInput} from './rows.js'

export interface LocatedTable<K extends string> extends TableInput<K> {
  readonly sheet: SheetGrid
  readonly header: HeaderMatch<K>
  /** Other sheets whose header also matched (the chosen one is named in a warning). */
  readonly alsoMatched: readonly string[]
}

/** Sheets that look like the list but are not it: 記入例, 入力例, 集計, サンプル… */
const ASIDE_SHEET =
  /(記入例|入力例|記載例|作成例|^例$|^\(例\)|サンプル|sample|見本|集計|入力要領|記入要領|説明|凡例)/i

/** Rows after the header with a value in at least two mapped columns. */
function dataRows<K extends string>(sheet: SheetGrid, header: HeaderMatch<K>): number {
  let n = 0
  for (let r = header.lastRow; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? []
    let filled = 0
    for (const m of header.columns.values()) if (cellText(row[m.col - 1]) !== '') filled++
    if (filled >= 2) n++
  }
  return n
}

/**
 * Pick the sheet and header row of a list: the named sheet, or the sheet whose header
 * matches the most columns. Reads each money column's unit from its header cells
 * (both rows of a two-row header) or from a 「単位：千円」 line above the table.
 */
export function locateTable<K extends string>(
  grid: WorkbookGrid,
  defs: readonly ColumnDef<K>[],
  options: {
    readonly sheet?: string
    readonly aliases: Readonly<Record<string, K>>
    readonly moneyKeys: readonly K[]
    readonly what: string
    /** A key read only when none of the listed keys was found (契約期間 as one cell vs. 開始 / 満了). */
    readonly fallbacks?: Partial<Record<K, readonly K[]>>
  },
): LocatedTable<K> {
  let candidates = grid.sheets
  if (options.sheet !== undefined && grid.format === 'xlsx') {
    const wanted = options.sheet
    const found =
      grid.sheets.find((s) => s.name === wanted) ??
      grid.sheets.find((s) => normalizeKey(s.name) === normalizeKey(wanted))
    if (!found) {
      throw new UserError(
        `${grid.file} にシート「${wanted}」がありません（シート: ${grid.sheets.map((s) => s.name).join('、')}）`,
        {
          code: 'SHEET_NOT_FOUND',
          exitCode: ExitCode.usage,
          suggestions: grid.sheets.map((s) => `--sheet ${s.name}`),
        },
      )
    }
    candidates = [found]
  }
  const found: {sheet: SheetGrid; header: HeaderMatch<K>; aside: boolean; rows: number}[] = []
  for (const sheet of candidates) {
    const header = findHeader(sheet, defs, {aliases: options.aliases})
    if (!header) continue
    found.push({
      sheet,
      header,
      aside: ASIDE_SHEET.test(normalizeKey(sheet.name)),
      rows: dataRows(sheet, header),
    })
  }
  // Most required columns, then most columns; among equals a sheet that is no 記入例 / 集計,
  // then the one with more filled rows; then workbook order.
  const rank = (x: (typeof found)[number]): number[] => [
    -x.header.missing.length,
    x.header.columns.size,
    x.aside ? 0 : 1,
    x.rows,
  ]
  let best: (typeof found)[number] | undefined
  for (const x of found) {
    if (best === undefined) {
      best = x
      continue
    }
    const a = rank(x)
    const b = rank(best)
    const i = a.findIndex((v, j) => v !== b[j])
    if (i >= 0 && a[i]! > b[i]!) best = x
  }
  const alsoMatched = found
    .filter((x) => x !== best && x.header.missing.length === 0 && x.header.columns.size >= 3)
    .map((x) => x.sheet.name)
  const required = defs.filter((d) => d.required).map((d) => d.names[0] ?? d.key)
  if (!best) {
    throw new InvalidDataError(
      `${grid.file}: ${options.what}の見出し行が見つかりません`,
      [
        {
          where: grid.file,
          code: 'HEADER_NOT_FOUND',
          message: `見出し行（${required.join('・')} などの列名）が見つかりません`,
        },
      ],
      {
        code: 'HEADER_NOT_FOUND',
        suggestions: [
          '見出しの列名を確認するか、--mapping で見出しと項目の対応を指定してください',
          '様式は hyojun inventory template で出力できます',
        ],
      },
    )
  }
  const {sheet} = best
  let header = best.header
  const drop = (Object.entries(options.fallbacks ?? {}) as [K, readonly K[]][]).filter(
    ([k, others]) => header.columns.has(k) && others.some((o) => header.columns.has(o)),
  )
  if (drop.length > 0) {
    const columns = new Map(header.columns)
    for (const [k] of drop) columns.delete(k)
    header = {...header, columns}
  }
  const place = grid.format === 'csv' ? grid.file : `${grid.file} › ${sheet.name}`
  if (header.missing.length > 0) {
    const labels = header.missing.map((k) => defs.find((d) => d.key === k)?.names[0] ?? k)
    throw new InvalidDataError(
      `${grid.file}: 必須の列がありません`,
      labels.map((l) => ({
        where: `${place} ${header.firstRow}行目`,
        field: l,
        code: 'MISSING_COLUMN',
        message: `必須の列「${l}」が見出し行にありません（別名: ${
          defs
            .find((d) => (d.names[0] ?? d.key) === l)
            ?.names.slice(1, 5)
            .join('、') ?? ''
        }）`,
      })),
      {
        code: 'MISSING_COLUMN',
        suggestions: [
          '列名が異なる場合は --mapping で対応を指定してください（例: {"columns": {"業務システム": "システム名称"}}）',
        ],
      },
    )
  }
  const titleUnit = unitAbove(sheet, header.firstRow)
  const units: Partial<Record<K, {unit: YenUnit; stated: boolean}>> = {}
  for (const k of options.moneyKeys) {
    const m = header.columns.get(k)
    if (!m) continue
    const texts: string[] = []
    // A group header one row up (金額（千円） over 年間 / 初期) states the unit too; a title row does not.
    const above = sheet.rows[header.firstRow - 2] ?? []
    const from = above.filter((v) => cellText(v) !== '').length >= 2 ? header.firstRow - 1 : header.firstRow
    for (let r = from; r <= header.lastRow; r++) texts.push(cellText(sheet.rows[r - 1]?.[m.col - 1]))
    const own = unitFromText(texts.join(' '))
    units[k] =
      own !== undefined
        ? {unit: own, stated: true}
        : titleUnit !== undefined
          ? {unit: titleUnit, stated: true}
          : {unit: 1, stated: false}
  }
  return {
    sheet,
    header,
    records: readRecords(grid, sheet, header),
    columns: header.columns,
    units,
    place,
    alsoMatched,
  }
}

/** 「（単位：千円）」 written in a title row above the header. */
function unitAbove(sheet: SheetGrid, headerRow: number): YenUnit | undefined {
  for (let r = 1; r < headerRow; r++) {
    for (const v of sheet.rows[r - 1] ?? []) {
      const t = cellText(v)
      if (t.includes('単位')) {
        const u = unitFromText(t)
        if (u !== undefined) return u
      }
    }
  }
  return undefined
}
