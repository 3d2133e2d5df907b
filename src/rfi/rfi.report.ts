import {
  ANNUAL_ITEMS,
  COST_UNITS,
  ONE_TIME_CATEGORIES,
  RUNNING_YEARS,
  UNIT_YEN,
  USD_ITEM,
} from './cost-categories.js'
import {
  COST_ROWS,
  QUESTION_HEADERS,
  costRowCheck,
  questionCells,
  questionCheck,
  type CostRowSpec,
  type RfiQuestionSet,
} from './questions.js'
import {
  FORMAT,
  FUNCTION_METHODS,
  HEADERS,
  KIND_LABEL,
  MARK_MEANING,
  MARKS,
  NEED_LABEL,
  OUTSIDE_METHODS,
  SHEETS,
  type ItemKind,
  type RfiAnswer,
  type RfiQuestion,
  type VendorResponse,
} from './rfi-model.js'
import type {RfiBusinessComparison} from './rfi.schema.js'
import {CLASS_LABEL} from '../standard/spec.schema.js'
import {
  writeWorkbook,
  type AnySheetSpec,
  type CellOut,
  type ColumnSpec,
  type WriteResult,
} from '../reports/workbook-writer.js'

/** RFI answer workbooks (sent to vendors, protected) and the RFI比較表. */

export interface RfiCover {
  readonly municipality: string
  /** YYYY-MM-DD or null (回答期限 left to the letter). */
  readonly deadline: string | null
  readonly contact: string | null
  readonly submission: string
  /** Date written on the cover (YYYY-MM-DD). */
  readonly date: string
}

/** 2026-12-25 → 2026年12月25日. */
function japaneseDate(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

interface KeyValue {
  readonly key: string
  readonly value: string
  readonly editable?: boolean
}

export const COVER_VENDOR = '回答事業者名'

function coverSheet(set: RfiQuestionSet, cover: RfiCover): AnySheetSpec {
  const rows: KeyValue[] = [
    {key: '件名', value: `${set.business}業務 標準準拠システム 情報提供依頼`},
    {key: '団体名', value: cover.municipality},
    {key: '対象業務', value: set.business},
    {key: '質問の根拠', value: `${set.business} 標準仕様書 第${set.specVersion}版（機能要件・帳票要件）`},
    {key: '回答期限', value: cover.deadline ? japaneseDate(cover.deadline) : '別途通知する日'},
    {key: '問合せ先', value: cover.contact ?? `${cover.municipality} 情報政策担当課`},
    {key: '提出方法', value: cover.submission},
    {key: '作成日', value: japaneseDate(cover.date)},
    {key: COVER_VENDOR, value: '', editable: true},
    {key: '回答担当者・連絡先', value: '', editable: true},
  ]
  return {
    name: SHEETS.cover,
    title: [
      `${set.business}業務 標準準拠システム 情報提供依頼（RFI）`,
      '黄色の欄に記入してください。記入方法は「記入要領」シートを参照してください。',
    ],
    columns: [
      {header: '項目', width: 20, value: (r: KeyValue) => r.key},
      {
        header: '内容',
        width: 80,
        kind: 'longtext',
        editable: true,
        editableWhen: (r: KeyValue) => r.editable === true,
        value: (r: KeyValue) => r.value,
      },
    ],
    rows,
    protect: true,
    portrait: true,
  }
}

function guideSheet(set: RfiQuestionSet): AnySheetSpec {
  const rows: KeyValue[] = [
    {
      key: '目的',
      value: `本市の${set.business}業務を標準準拠システムへ移行するにあたり、製品の対応状況・提供時期・費用の情報提供をお願いするものです。調達（RFP）の前提となる情報であり、本回答をもって契約を約束するものではありません。`,
    },
    {
      key: '記入する欄',
      value:
        '黄色の欄のみ記入してください。質問の欄（機能ID・大項目・中項目・機能名称・要件・実装区分・本市の要否 等）と行は変更・追加・削除しないでください。変更されたブックは取り込めず、再提出をお願いすることになります。',
    },
    ...MARKS.map((m) => ({key: `対応「${m}」`, value: MARK_MEANING[m]})),
    {
      key: '対応方法',
      value: `${FUNCTION_METHODS.join(' / ')} から選択してください。△の場合はカスタマイズ又は代替案とし、内容を備考・代替案の欄に記入してください。`,
    },
    {
      key: '実装区分',
      value:
        '実装必須機能は標準準拠システムとしてすべて○となるはずのものです。△又は×の場合は理由を記入してください。実装不可機能は提供しないことを確認するための行です（本市の要否は「－」）。',
    },
    {
      key: '本市の要否',
      value: `${NEED_LABEL.required}: 本市が必要とする機能（実装必須機能と、本市が利用を予定する標準オプション機能）。${NEED_LABEL.optional}: 利用を検討する標準オプション機能。${NEED_LABEL.none}: 実装不可機能。`,
    },
    {
      key: '提供開始時期',
      value: '現在提供していない機能は、提供開始の予定時期（例: 2027年4月）を記入してください。',
    },
    {
      key: '費用の単位',
      value: `金額はすべて${UNIT_YEN}単位・税抜で記入してください（${USD_ITEM}のみ、ドル建ての場合は単位に「千ドル」を選び、為替レートを記入）。見積できない場合は空欄にして備考に理由を記入してください。`,
    },
    {
      key: '機能要件・帳票要件の費用',
      value:
        '○（標準オプション）又は△の場合に個別に必要となる初期費用を記入してください（基本の導入費用は「費用」シートに記入）。',
    },
    {
      key: '独自要件',
      value: `標準仕様書にない、本市が現在独自に行っている機能です。実現方法を ${OUTSIDE_METHODS.join(' / ')} から選択し、費用と内容を記入してください。`,
    },
    {
      key: '費用',
      value: `導入費用（${ONE_TIME_CATEGORIES.length} 区分）と、運用費用（${ANNUAL_ITEMS.join('・')}）の${RUNNING_YEARS}年分を記入してください。前提・条件（ライセンス数、契約形態等）も記入してください。`,
    },
    {key: '提出', value: 'ファイル名・シート名を変えずに Excel ブック（.xlsx）のまま提出してください。'},
  ]
  return {
    name: SHEETS.guide,
    title: ['記入要領'],
    columns: [
      {header: '項目', width: 22, value: (r: KeyValue) => r.key},
      {header: '説明', width: 90, kind: 'longtext', value: (r: KeyValue) => r.value},
    ],
    rows,
    protect: true,
    portrait: true,
  }
}

type QuestionRow = RfiQuestion & {readonly check: string; readonly cells: readonly string[]}

function questionColumns(kind: ItemKind): ColumnSpec<QuestionRow>[] {
  const widths: Readonly<Record<ItemKind, readonly number[]>> = {
    function: [10, 11, 13, 18, 38, 11, 6],
    form: [10, 11, 24, 30, 11, 6],
    outside: [15, 14, 18, 34, 36],
  }
  const longtext = new Set<string>([HEADERS.text, HEADERS.description, HEADERS.question, HEADERS.formNote])
  const cols: ColumnSpec<QuestionRow>[] = QUESTION_HEADERS[kind].map((h, i) => ({
    header: h,
    width: widths[kind][i],
    kind: longtext.has(h) ? 'longtext' : 'text',
    value: (r: QuestionRow) => r.cells[i],
  }))
  const answers: ColumnSpec<QuestionRow>[] =
    kind === 'outside'
      ? [
          {header: HEADERS.method, width: 16, editable: true, list: OUTSIDE_METHODS, value: () => null},
          {header: HEADERS.cost, width: 10, kind: 'integer', editable: true, value: () => null},
          {header: HEADERS.outsideNote, width: 30, kind: 'longtext', editable: true, value: () => null},
        ]
      : [
          {header: HEADERS.mark, width: 6, editable: true, list: MARKS, value: () => null},
          {header: HEADERS.method, width: 13, editable: true, list: FUNCTION_METHODS, value: () => null},
          {header: HEADERS.availableFrom, width: 10, editable: true, value: () => null},
          {header: HEADERS.cost, width: 10, kind: 'integer', editable: true, value: () => null},
          {header: HEADERS.note, width: 26, kind: 'longtext', editable: true, value: () => null},
        ]
  return [
    ...cols,
    ...answers,
    {header: HEADERS.check, width: 18, hidden: true, value: (r: QuestionRow) => r.check},
  ]
}

function questionSheet(set: RfiQuestionSet, kind: ItemKind, questions: readonly RfiQuestion[]): AnySheetSpec {
  const rows: QuestionRow[] = questions.map((q) => ({...q, cells: questionCells(q), check: questionCheck(q)}))
  const hint =
    kind === 'outside'
      ? '標準仕様書にない本市独自の機能です。黄色の欄（対応方法・費用・備考）に回答してください。'
      : '黄色の欄（対応・対応方法・提供開始時期・費用・備考・代替案）に回答してください。'
  return {
    name: SHEETS[kind === 'function' ? 'functions' : kind === 'form' ? 'forms' : 'outside'],
    title: [`${KIND_LABEL[kind]}（${set.business} 標準仕様書 第${set.specVersion}版）`, hint],
    columns: questionColumns(kind),
    rows,
    protect: true,
    freezeColumns: 1,
  }
}

function costSheet(): AnySheetSpec {
  const yearCols: ColumnSpec<CostRowSpec>[] = Array.from({length: RUNNING_YEARS}, (_, i) => ({
    header: HEADERS.year(i + 1),
    width: 9,
    kind: 'integer',
    editable: true,
    editableWhen: (r: CostRowSpec) => r.entry === 'annual',
    value: () => null,
  }))
  return {
    name: SHEETS.costs,
    title: [
      '費用（税抜・千円）',
      `導入費用は「${HEADERS.initial}」の欄に、運用費用は年度ごとに記入してください。`,
    ],
    columns: [
      {header: HEADERS.costGroup, width: 10, value: (r: CostRowSpec) => r.group},
      {header: HEADERS.costItem, width: 32, value: (r: CostRowSpec) => r.item},
      {header: HEADERS.costHelp, width: 36, kind: 'longtext', value: (r: CostRowSpec) => r.help},
      {
        header: HEADERS.unit,
        width: 8,
        editable: true,
        editableWhen: (r: CostRowSpec) => r.unitChoice,
        list: COST_UNITS,
        value: (r: CostRowSpec) => (r.entry === 'rate' ? '円' : r.entry === 'text' ? '' : UNIT_YEN),
      },
      {
        header: HEADERS.initial,
        width: 10,
        kind: 'integer',
        editable: true,
        editableWhen: (r: CostRowSpec) => r.entry === 'one-time' || r.entry === 'rate',
        value: () => null,
      },
      ...yearCols,
      {header: HEADERS.costNote, width: 30, kind: 'longtext', editable: true, value: () => null},
      {header: HEADERS.check, width: 18, hidden: true, value: (r: CostRowSpec) => costRowCheck(r)},
    ],
    rows: COST_ROWS,
    protect: true,
  }
}

interface ControlRow {
  readonly sheet: string
  readonly key: string
  readonly value: string
}

export const CONTROL_META = '_meta'

/**
 * Key of the 団体区分 (`municipalityKind` in code) on the control sheet. Workbooks already sent to vendors carry
 * this key, so it stays 'category' although the code calls the value kind.
 */
export const MUNICIPALITY_KIND_META_KEY = 'category'

function controlSheet(set: RfiQuestionSet, municipalityKind: string): AnySheetSpec {
  const meta: ControlRow[] = [
    {sheet: CONTROL_META, key: 'format', value: FORMAT},
    {sheet: CONTROL_META, key: 'businessId', value: set.businessId},
    {sheet: CONTROL_META, key: 'business', value: set.business},
    {sheet: CONTROL_META, key: 'specVersion', value: set.specVersion},
    {sheet: CONTROL_META, key: MUNICIPALITY_KIND_META_KEY, value: municipalityKind},
  ]
  const entries = (kind: ItemKind, qs: readonly RfiQuestion[]): ControlRow[] =>
    qs.map((q) => ({sheet: KIND_LABEL[kind], key: q.id, value: questionCheck(q)}))
  return {
    name: SHEETS.control,
    columns: [
      {header: HEADERS.controlSheet, value: (r: ControlRow) => r.sheet},
      {header: HEADERS.controlKey, value: (r: ControlRow) => r.key},
      {header: HEADERS.controlValue, value: (r: ControlRow) => r.value},
    ],
    rows: [
      ...meta,
      ...entries('function', set.functions),
      ...entries('form', set.forms),
      ...entries('outside', set.outside),
      ...COST_ROWS.map((r) => ({sheet: SHEETS.costs, key: r.item, value: costRowCheck(r)})),
    ],
    protect: true,
    state: 'veryHidden',
  }
}

/** The answer workbook of one 業務 (written atomically; the caller refuses to replace a file without --force). */
export async function writeRfiWorkbook(
  path: string,
  set: RfiQuestionSet,
  cover: RfiCover,
  municipalityKind: string,
  /** 【サンプル…】 on every sheet when the questions come from the bundled sample or specs (never sent as is). */
  notice?: string,
): Promise<WriteResult> {
  const sheets: AnySheetSpec[] = [
    coverSheet(set, cover),
    guideSheet(set),
    questionSheet(set, 'function', set.functions),
    questionSheet(set, 'form', set.forms),
  ]
  if (set.outside.length > 0) sheets.push(questionSheet(set, 'outside', set.outside))
  sheets.push(costSheet(), controlSheet(set, municipalityKind))
  return writeWorkbook(path, sheets, undefined, {notice})
}

// ---------------------------------------------------------------------------
// RFI比較表
// ---------------------------------------------------------------------------

interface CompareRow {
  readonly group: string
  readonly id: string
  readonly label: string
  readonly cls: string
  readonly need: string
  readonly cells: readonly CellOut[]
  readonly differs: boolean
  readonly summary: boolean
}

const RED = {color: {argb: 'FFC00000'}, bold: true}
const SUMMARY_FILL = 'FFDDEBF7'
const DIFF_FILL = 'FFFFF2CC'

function yen(n: number | null): string {
  return n === null ? '未回答' : `${n.toLocaleString('ja-JP')}円`
}

/** An answer as one cell: mark, method, cost and note; problems in red. */
function answerCell(a: RfiAnswer | undefined): CellOut {
  if (!a) return '（質問なし）'
  const head =
    a.kind === 'outside' ? (a.method ?? '未回答') : a.mark ? `${a.mark} ${a.method ?? ''}`.trim() : '未回答'
  const extra = [
    a.availableFrom ? `提供 ${a.availableFrom}` : '',
    a.costYen !== null ? yen(a.costYen) : '',
    a.note ?? '',
  ].filter((t) => t !== '')
  const problem =
    (a.class === 'mandatory' && (a.mark === '△' || a.mark === '×')) ||
    (a.class === 'prohibited' && (a.mark === '○' || a.mark === '△')) ||
    (a.need === 'required' && a.class === 'optional' && a.mark === '×') ||
    (a.kind === 'outside' && a.method === '対応不可')
  const tail = extra.length > 0 ? `\n${extra.join('\n')}` : ''
  return problem ? {richText: [{text: head, font: RED}, {text: tail}]} : `${head}${tail}`
}

function answerKey(a: RfiAnswer | undefined): string {
  return a ? `${a.mark ?? ''}|${a.method ?? ''}` : ''
}

function comparisonRows(c: RfiBusinessComparison, responses: readonly VendorResponse[]): CompareRow[] {
  const vendors = c.vendors
  const byVendor = new Map(responses.map((r) => [r.vendor, r]))
  const rows: CompareRow[] = []
  const summary = (group: string, label: string, cell: (v: (typeof vendors)[number]) => CellOut): void => {
    rows.push({
      group,
      id: '',
      label,
      cls: '',
      need: '',
      cells: vendors.map(cell),
      differs: false,
      summary: true,
    })
  }
  summary('評価', '順位', (v) => `${v.rank}位`)
  summary('評価', 'スコア（100点満点）', (v) => v.score.toFixed(1))
  summary('評価', '判定', (v) =>
    v.qualified ? '適合' : {richText: [{text: '要確認（標準不適合の疑い等）', font: RED}]},
  )
  summary('評価', '回答済み / 未回答', (v) => `${v.answered} / ${v.blank}`)
  summary('評価', '実装必須機能の△・×', (v) => String(v.mandatoryNotMet))
  summary('評価', '実装不可機能の提供', (v) => String(v.prohibitedOffered))
  summary(
    '評価',
    '本市が必要な標準オプション（○ / 要）',
    (v) => `${v.neededOptionsMet} / ${v.neededOptionsTotal}`,
  )
  summary('評価', '独自要件への対応（対応可 / 件数）', (v) => `${v.outsideCovered} / ${v.outsideTotal}`)
  summary('評価', '指摘事項', (v) =>
    v.flags.length === 0 ? 'なし' : {richText: [{text: v.flags.join('\n'), font: RED}]},
  )
  const costOf = (vendor: string, item: string): CellOut => {
    const line = byVendor.get(vendor)?.costs.find((l) => l.item === item)
    const amount = line?.amounts[0]
    return amount === null || amount === undefined ? '未回答' : yen(amount)
  }
  for (const cat of ONE_TIME_CATEGORIES) summary('費用', `導入費用: ${cat}`, (v) => costOf(v.vendor, cat))
  summary('費用', '導入費用 計（個別費用を含む）', (v) => yen(v.oneTimeYen))
  for (let i = 0; i < RUNNING_YEARS; i++) {
    summary('費用', `運用費用 ${i + 1}年目`, (v) => yen(v.annualByYearYen[i] ?? null))
  }
  summary('費用', '運用費用（年平均）', (v) => yen(v.annualYen))
  summary('費用', `${RUNNING_YEARS}年間総額`, (v) => yen(v.fiveYearYen))
  summary('費用', '前提・条件', (v) => {
    const r = byVendor.get(v.vendor)
    return [r?.conditions ?? '', r?.fxRate ? `為替レート 1ドル=${r.fxRate}円` : '']
      .filter((t) => t !== '')
      .join('\n')
  })
  // Questions in the order of the first response (all answer the same questions).
  const first = responses[0]
  for (const q of first?.answers ?? []) {
    const answers = vendors.map((v) =>
      byVendor.get(v.vendor)?.answers.find((a) => a.kind === q.kind && a.id === q.id),
    )
    const keys = new Set(answers.map(answerKey))
    rows.push({
      group: KIND_LABEL[q.kind],
      id: q.id,
      label: q.name,
      cls: q.class ? CLASS_LABEL[q.class] : '',
      need: NEED_LABEL[q.need],
      cells: answers.map(answerCell),
      differs: keys.size > 1,
      summary: false,
    })
  }
  return rows
}

function comparisonSheet(
  unsorted: RfiBusinessComparison,
  responses: readonly VendorResponse[],
): AnySheetSpec {
  // Vendors side by side in rank order.
  const c = {...unsorted, vendors: [...unsorted.vendors].sort((a, b) => a.rank - b.rank)}
  const columns: ColumnSpec<CompareRow>[] = [
    {header: '区分', width: 9, value: (r) => r.group},
    {header: '番号', width: 13, value: (r) => r.id},
    {header: '項目', width: 30, kind: 'longtext', value: (r) => r.label},
    {header: '実装区分', width: 11, value: (r) => r.cls},
    {header: '本市の要否', width: 6, value: (r) => r.need},
    ...c.vendors.map((v, i): ColumnSpec<CompareRow> => ({
      header: v.vendor,
      width: 26,
      kind: 'longtext',
      value: (r) => r.cells[i],
    })),
    {header: '相違', width: 6, value: (r) => (r.differs ? '有' : '')},
  ]
  return {
    name: c.business,
    title: [
      `RFI比較表　${c.business}（標準仕様書 第${c.specVersion}版）`,
      `回答 ${c.vendors.length} 社。スコアは必要な標準オプション・独自要件への対応・${RUNNING_YEARS}年間総額の加重（指摘事項はスコアに関係なくすべて表示）。相違のある行は黄色。`,
    ],
    columns,
    rows: comparisonRows(c, responses),
    rowFill: (r: CompareRow) => (r.summary ? SUMMARY_FILL : r.differs ? DIFF_FILL : undefined),
    freezeColumns: 3,
  }
}

interface SummaryLine {
  readonly business: string
  readonly specVersion: string
  readonly v: RfiBusinessComparison['vendors'][number]
}

function summarySheet(comparisons: readonly RfiBusinessComparison[]): AnySheetSpec {
  const rows: SummaryLine[] = comparisons.flatMap((c) =>
    [...c.vendors]
      .sort((a, b) => a.rank - b.rank)
      .map((v) => ({business: c.business, specVersion: c.specVersion, v})),
  )
  const columns: ColumnSpec<SummaryLine>[] = [
    {header: '業務', width: 14, value: (r) => r.business},
    {header: '仕様書版', width: 9, value: (r) => `第${r.specVersion}版`},
    {header: '事業者', width: 24, value: (r) => r.v.vendor},
    {header: '順位', width: 6, kind: 'integer', value: (r) => r.v.rank},
    {header: 'スコア', width: 7, kind: 'score', value: (r) => r.v.score},
    {header: '適合', width: 7, value: (r) => (r.v.qualified ? '適合' : '要確認')},
    {header: '未回答', width: 7, kind: 'integer', value: (r) => r.v.blank},
    {header: '必須の△×', width: 8, kind: 'integer', value: (r) => r.v.mandatoryNotMet},
    {header: '実装不可の提供', width: 8, kind: 'integer', value: (r) => r.v.prohibitedOffered},
    {header: '導入費用（円）', width: 14, kind: 'yen', value: (r) => r.v.oneTimeYen},
    {header: '運用費用 年平均（円）', width: 14, kind: 'yen', value: (r) => r.v.annualYen},
    {header: `${RUNNING_YEARS}年間総額（円）`, width: 14, kind: 'yen', value: (r) => r.v.fiveYearYen},
    {header: '指摘事項', width: 44, kind: 'longtext', value: (r) => r.v.flags.join('\n')},
  ]
  return {
    name: 'サマリ',
    title: ['RFI比較表　サマリ', '業務ごとの回答事業者の順位・費用・指摘事項（詳細は業務ごとのシート）'],
    columns,
    rows,
    conditionalFills: [{header: '適合', equals: '要確認', color: 'FFFFC7CE'}],
  }
}

/** RFI比較表: a サマリ sheet, then one sheet per 業務 with the vendors side by side. */
export async function writeRfiComparison(
  path: string,
  comparisons: readonly RfiBusinessComparison[],
  responses: readonly VendorResponse[],
  /** 【サンプル…】 on every sheet when built from the bundled sample or specs. */
  notice?: string,
): Promise<WriteResult> {
  return writeWorkbook(
    path,
    [
      summarySheet(comparisons),
      ...comparisons.map((c) =>
        comparisonSheet(
          c,
          responses.filter((r) => r.businessId === c.businessId),
        ),
      ),
    ],
    undefined,
    {notice},
  )
}
