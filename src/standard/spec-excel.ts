import type {DataIssue} from '../errors.js'
import {cellText, isBlank, type CellValue, type SheetGrid, type WorkbookGrid} from '../sources/grid.js'
import {
  findHeader,
  labelFor,
  readRows,
  tableAt,
  type ColumnDef,
  type HeaderMatch,
} from '../sources/table-reader.js'
import {normalizeKey} from '../text/normalize.js'
import {
  validateDraft,
  type DraftResult,
  type FormDraft,
  type RecordPlace,
  type RequirementDraft,
} from './spec-draft.js'
import {findBusinessIn, findDateIn, findVersionIn, parseClassCell} from './spec-text.js'

/**
 * Official-style Excel annexes (機能・帳票要件) → SpecDocument. Pure over the
 * grid: the header row is found by name (it may follow title rows), columns are
 * mapped by header name and variants, never by position; blank or merged
 * hierarchy cells carry down; a 機能要件 sheet and a 帳票要件 sheet may share a
 * workbook. 業務 / 版 / 公表日 come from the options, else the title cells,
 * else the file name.
 */

type ReqKey = 'id' | 'name' | 'text' | 'class' | 'major' | 'middle' | 'minor' | 'note'
type FormKey = 'id' | 'name' | 'type' | 'class' | 'note'

export const REQUIREMENT_COLUMNS: readonly ColumnDef<ReqKey>[] = [
  {key: 'id', names: ['機能ID', 'ID', '要件ID', '機能番号', '要件番号', '機能要件ID'], required: true},
  {key: 'major', names: ['大項目', '大分類']},
  {key: 'middle', names: ['中項目', '中分類']},
  {key: 'minor', names: ['小項目', '小分類']},
  {key: 'name', names: ['機能名称', '機能名', '機能名称（要件名）', '要件名']},
  {key: 'text', names: ['機能要件', '要件', '要件内容', '機能要件の内容', '要件の内容'], required: true},
  {key: 'class', names: ['実装区分', '区分', '類型', '実装類型', '機能区分'], required: true},
  {key: 'note', names: ['備考', '補足', '考え方・理由', '備考（考え方・理由）']},
]

export const FORM_COLUMNS: readonly ColumnDef<FormKey>[] = [
  {key: 'id', names: ['帳票ID', '帳票番号', '帳票No', '帳票要件ID'], required: true},
  {key: 'name', names: ['帳票名称', '帳票名'], required: true},
  {key: 'type', names: ['種別', '帳票種別', '帳票区分', '帳票の種類']},
  {key: 'class', names: ['実装区分', '区分', '類型', '実装類型'], required: true},
  {key: 'note', names: ['備考', '補足']},
]

const LABEL: Record<string, string> = {
  id: '機能ID',
  text: '機能要件',
  class: '実装区分',
  name: '帳票名称',
}

export interface SpecWorkbookOptions {
  /** 業務 given by the user (wins over the title cells and the file name). */
  readonly business?: string
  /** 版 given by the user. */
  readonly version?: string
  readonly published?: string
  readonly effective?: string
}

export interface SpecWorkbookResult extends DraftResult {
  readonly warnings: readonly string[]
}

/** Text of a cell keeping inner line breaks (CRLF → LF), trimmed at both ends. */
function multiline(v: CellValue | undefined): string {
  return cellText(v).replace(/\r\n?/g, '\n')
}

/**
 * 機能ID cell → 7-digit string: numbers lost their leading zeros in Excel
 * (10001 → 0010001); 001-0001 is written with any dash, including the
 * katakana long vowel mark an IME gives for ー.
 */
export function requirementIdText(v: CellValue | undefined): string {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e7) return String(v).padStart(7, '0')
  return cellText(v)
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015\u2212\u30fc\uff70]/g, '')
}

function formType(raw: string): string | undefined {
  const k = normalizeKey(raw)
  if (k === '') return 'その他'
  if (k.includes('証明')) return '証明書'
  if (k.includes('通知')) return '通知書'
  if (k.includes('一覧') || k.includes('台帳') || k.includes('リスト')) return '一覧・台帳'
  if (k === 'その他') return 'その他'
  return undefined
}

/** Title texts: cells above the header (every sheet), in reading order. */
function titleTexts(sheet: SheetGrid, headerRow: number): string[] {
  const out: string[] = []
  for (let r = 1; r < Math.min(headerRow, 20); r++) {
    for (const v of sheet.rows[r - 1] ?? []) if (!isBlank(v)) out.push(cellText(v))
  }
  return out
}

export function readSpecWorkbook(grid: WorkbookGrid, options: SpecWorkbookOptions = {}): SpecWorkbookResult {
  const issues: DataIssue[] = []
  const warnings: string[] = []
  const requirements: RequirementDraft[] = []
  const reqPlaces: RecordPlace[] = []
  const forms: FormDraft[] = []
  const formPlaces: RecordPlace[] = []
  const titles: {text: string; where: string}[] = []
  let requirementSheets = 0
  const tableSheets = new Set<string>()

  for (const sheet of grid.sheets) {
    const formHeader = findHeader(sheet, FORM_COLUMNS)
    const header = findHeader(sheet, REQUIREMENT_COLUMNS)
    // A 機能要件 sheet may list the related 帳票ID / 帳票名称 too: when both
    // headers are complete, the one matching more columns says what the sheet is.
    const formSheet =
      formHeader !== undefined &&
      formHeader.missing.length === 0 &&
      !(header !== undefined && header.missing.length === 0 && header.columns.size > formHeader.columns.size)
    if (formSheet) {
      tableSheets.add(sheet.name)
      titles.push(
        ...titleTexts(sheet, formHeader.firstRow).map((text) => ({
          text,
          where: `${grid.file} › ${sheet.name}`,
        })),
      )
      readForms(grid, sheet, formHeader, forms, formPlaces, warnings)
      continue
    }
    if (!header || !header.columns.has('id')) continue
    tableSheets.add(sheet.name)
    titles.push(
      ...titleTexts(sheet, header.firstRow).map((text) => ({text, where: `${grid.file} › ${sheet.name}`})),
    )
    if (header.missing.length > 0) {
      issues.push({
        where: `${grid.file} › ${sheet.name}!${header.firstRow}行目`,
        code: 'MISSING_COLUMN',
        message: `見出し行に ${header.missing.map((k) => `「${LABEL[k] ?? k}」`).join('')} の列がありません（機能ID・機能要件・実装区分の列が必要です）`,
      })
      continue
    }
    requirementSheets++
    readRequirements(grid, sheet, header, requirements, reqPlaces)
  }
  if (requirementSheets === 0 && issues.length === 0) {
    issues.push({
      where: grid.file,
      code: 'MISSING_HEADER',
      message:
        '機能要件の見出し行が見つかりません（「機能ID」「機能要件」「実装区分」などの見出しを持つシートが必要です）',
    })
  }
  // The 表紙 (else a first sheet without a table, not a 改版履歴) states 版
  // and 公表日 when the title rows above the table do not; read after them.
  const first = grid.sheets[0]
  const covers = grid.sheets.filter((sh) => sh.name.includes('表紙'))
  if (covers.length === 0 && first && !tableSheets.has(first.name) && !first.name.includes('履歴'))
    covers.push(first)
  for (const sheet of covers) {
    titles.push(...titleTexts(sheet, 21).map((text) => ({text, where: `${grid.file} › ${sheet.name}`})))
  }

  const fromTitles = <T>(find: (t: string) => T | undefined): {value: T; where: string} | undefined => {
    for (const t of titles) {
      const value = find(t.text)
      if (value !== undefined) return {value, where: t.where}
    }
    const value = find(grid.file.replace(/\.[^.]+$/, ''))
    return value === undefined ? undefined : {value, where: grid.file}
  }
  const business = options.business ?? fromTitles((t) => findBusinessIn(t)?.name)?.value ?? ''
  const version = options.version ?? fromTitles(findVersionIn)?.value ?? ''
  const effective =
    options.effective ?? fromTitles((t) => (t.includes('適用') ? findDateIn(t) : undefined))?.value ?? ''
  const published =
    options.published ?? fromTitles((t) => (t.includes('適用') ? undefined : findDateIn(t)))?.value ?? ''
  if (business === '') {
    issues.push({
      where: grid.file,
      field: '業務',
      code: 'MISSING_BUSINESS',
      message:
        '業務を表題やファイル名から判別できません。--business で指定してください（例: --business 住民基本台帳）',
    })
  }
  if (version === '') {
    issues.push({
      where: grid.file,
      field: '版',
      code: 'MISSING_VERSION',
      message: '版を表題やファイル名から判別できません。--version で指定してください（例: --version 5.0）',
    })
  }
  if (issues.length > 0) return {issues, warnings}
  if (published === '') warnings.push(`${grid.file}: 公表日が見つからないため空欄で登録します`)
  const titleText = titles.find((t) => t.text.includes('標準仕様書'))?.text ?? ''
  const result = validateDraft(
    {
      business,
      version,
      published,
      effective,
      title: titleText.replace(/[【［[]\s*第[^】］\]]*版\s*[】］\]]/, '').trim(),
      publishedRequired: false,
      requirements,
      forms,
    },
    {file: grid.file, header: {}, requirements: reqPlaces, forms: formPlaces},
  )
  return {...result, warnings: [...warnings, ...result.warnings]}
}

/**
 * Real annexes put section headings inside the table: 「１．住民データ管理」
 * merged across the row (the grid repeats it in every cell, so it must not
 * become the 大項目 either).
 */
function isMergedHeading(sheet: SheetGrid, header: HeaderMatch<ReqKey>, row: number): boolean {
  const col = (k: ReqKey): number => header.columns.get(k)?.col ?? 0
  const idCol = col('id')
  return sheet.merges.some(
    (m) =>
      m.top <= row &&
      row <= m.bottom &&
      m.left <= idCol &&
      idCol <= m.right &&
      [col('text'), col('class')].some((c) => m.left <= c && c <= m.right),
  )
}

function readRequirements(
  grid: WorkbookGrid,
  sheet: SheetGrid,
  header: HeaderMatch<ReqKey>,
  out: RequirementDraft[],
  places: RecordPlace[],
): void {
  const rows = readRows(tableAt(grid, sheet, header), {
    label: labelFor(REQUIREMENT_COLUMNS),
    skipRow: (rec) => isMergedHeading(sheet, header, rec.row),
    // Hierarchy carried down: a blank (or merged) cell repeats the row above,
    // unless a higher level changed on this row.
    carry: ['major', 'middle', 'minor'],
    warnSkipped: false,
    rule: (row) => {
      const id = requirementIdText(row.values.id)
      const text = multiline(row.values.text)
      const cls = cellText(row.values.class)
      // A heading row (only hierarchy cells filled) or a footnote: not a requirement.
      if (id === '' && text === '' && cls === '') return undefined
      // A section number (1.2, ■) in the 機能ID column with no 要件 and no 実装区分;
      // a row whose 機能ID looks like one (5+ digits) is never a heading.
      if (text === '' && cls === '' && !/^\d{5,}$/.test(id)) return undefined
      if (id === '' && cls === '' && /^[※＊*注]/.test(text)) return undefined
      const name = header.columns.has('name') ? multiline(row.values.name) : ''
      // 実装区分 by 団体区分 in one cell → base class + variants; unreadable text stays raw for the issue.
      const classCell = parseClassCell(multiline(row.values.class))
      const draft: RequirementDraft = {
        id,
        major: row.carried('major'),
        middle: row.carried('middle'),
        minor: row.carried('minor'),
        // Without a 機能名称 column, the first line of the requirement names it.
        name: name !== '' ? name : (text.split('\n')[0] ?? '').slice(0, 40),
        text,
        class: classCell?.class ?? cls,
        variants: classCell?.variants ?? [],
        note: multiline(row.values.note),
      }
      const place: RecordPlace = {
        where: row.ref('id'),
        fields: {
          id: row.ref('id'),
          name: row.ref('name'),
          text: row.ref('text'),
          class: row.ref('class'),
          note: row.ref('note'),
        },
      }
      return {draft, place}
    },
  })
  for (const r of rows.rows) {
    out.push(r.draft)
    places.push(r.place)
  }
}

function readForms(
  grid: WorkbookGrid,
  sheet: SheetGrid,
  header: HeaderMatch<FormKey>,
  out: FormDraft[],
  places: RecordPlace[],
  warnings: string[],
): void {
  const rows = readRows(tableAt(grid, sheet, header), {
    label: labelFor(FORM_COLUMNS),
    warnSkipped: false,
    rule: (row) => {
      const id = cellText(row.values.id).normalize('NFKC')
      const name = multiline(row.values.name)
      const cls = cellText(row.values.class)
      if (id === '' && cls === '' && (name === '' || /^[※＊*注]/.test(name))) return undefined
      const rawType = cellText(row.values.type)
      let type = formType(rawType)
      if (type === undefined) {
        row.warn(`${row.ref('type')}: 帳票の種別「${rawType}」は「その他」として登録します`)
        type = 'その他'
      }
      const draft: FormDraft = {id, name, type, class: cls, note: multiline(row.values.note)}
      const place: RecordPlace = {
        where: row.ref('id'),
        fields: {
          id: row.ref('id'),
          name: row.ref('name'),
          type: row.ref('type'),
          class: row.ref('class'),
          note: row.ref('note'),
        },
      }
      return {draft, place}
    },
  })
  for (const r of rows.rows) {
    out.push(r.draft)
    places.push(r.place)
  }
  warnings.push(...rows.warnings)
}
