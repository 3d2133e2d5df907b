import {existsSync} from 'node:fs'
import {basename, join, resolve} from 'node:path'
import {businessByCode, findBusiness, resolveBusiness} from '../catalog/catalog.js'
import {inTransaction, withDatabase, type Db} from '../db/database.js'
import {ExitCode, InvalidDataError, UserError, type DataIssue} from '../errors.js'
import type {FitgapLine} from '../fitgap/fitgap.schema.js'
import {computeFitgap, localDate} from '../fitgap/fitgap.service.js'
import {listCustomizations} from '../inventory/inventory.repository.js'
import {getMunicipality} from '../municipality/municipality.repository.js'
import {DEFAULT_MUNICIPALITY_KIND} from '../municipality/municipality.schema.js'
import {
  CONTROL_META,
  COVER_VENDOR,
  MUNICIPALITY_KIND_META_KEY,
  writeRfiComparison,
  writeRfiWorkbook,
} from './rfi.report.js'
import {cellText, type SheetGrid, type WorkbookGrid} from '../sources/grid.js'
import {findHeader, tableAt, type ColumnDef} from '../sources/table-reader.js'
import {readXlsx} from '../sources/xlsx.js'
import {listSpecVersions, loadSpec, specVersionsOf} from '../standard/spec.repository.js'
import {normalizeKey} from '../text/normalize.js'
import {RUNNING_YEARS} from './cost-categories.js'
import {buildQuestions, QUESTION_HEADERS} from './questions.js'
import {
  FORMAT,
  HEADERS,
  KIND_LABEL,
  SHEETS,
  type ItemKind,
  type RfiQuestion,
  type VendorResponse,
} from './rfi-model.js'
import {loadResponses, replaceResponse} from './rfi.repository.js'
import type {
  RfiBusinessComparison,
  RfiCompareResult,
  RfiExportResult,
  RfiImportResult,
  RfiStatus,
} from './rfi.schema.js'
import {DEFAULT_FX_RATE, DEFAULT_WEIGHTS, measureVendor, scoreVendors, type ScoreWeights} from './score.js'
import {validateAnswers, type AnswerSheet, type ControlEntry} from './validate.js'
import {dataNotice} from '../reports/data-notice.js'
import {storedDataOrigin} from '../workspace/origin.repository.js'

// ---------------------------------------------------------------------------
// export
// ---------------------------------------------------------------------------

export interface RfiExportOptions {
  readonly dbPath: string
  /** 業務 names, aliases or ids; default: every 業務 with customizations and an imported spec. */
  readonly businesses?: readonly string[]
  /** 回答期限 YYYY-MM-DD. */
  readonly deadline?: string
  readonly contact?: string
  readonly submission?: string
  /** Output folder. */
  readonly output: string
  /** Replace existing workbooks (they may be filled in: refused by default). */
  readonly force?: boolean
  /** Leave existing workbooks alone and write the others (the sample pipeline). */
  readonly skipExisting?: boolean
  readonly now?: Date
}

const DEFAULT_SUBMISSION =
  '本ブックに回答を記入し、ファイル名を変えずに電子メールで問合せ先へ提出してください。'

/** Characters Windows refuses in file names. */
function fileNamePart(text: string): string {
  return text.replace(/[\\/:*?"<>|]/g, '_').trim()
}

/** 「RFI_<業務>_<団体名>.xlsx」 (without 団体名 when the profile is not set). */
export function rfiFileName(business: string, municipality: string): string {
  const m = fileNamePart(municipality)
  return m === '' ? `RFI_${fileNamePart(business)}.xlsx` : `RFI_${fileNamePart(business)}_${m}.xlsx`
}

function fitgapLines(db: Db, businessId: string): FitgapLine[] {
  try {
    return computeFitgap(db, {business: businessId}).lines
  } catch (error) {
    if (error instanceof UserError && error.code === 'NO_CUSTOMIZATIONS') return []
    throw error
  }
}

function defaultBusinesses(db: Db): string[] {
  const withSpec = new Set(listSpecVersions(db).map((s) => s.businessId))
  const withCustomizations = [...new Set(listCustomizations(db).map((c) => c.businessId))].filter((b) =>
    withSpec.has(b),
  )
  return withCustomizations.length > 0 ? withCustomizations : [...withSpec]
}

/** `hyojun rfi export`: one protected answer workbook per 業務. */
export async function exportRfi(options: RfiExportOptions): Promise<RfiExportResult> {
  const now = options.now ?? new Date()
  if (options.deadline !== undefined) checkIsoDate(options.deadline, '--deadline')
  const warnings: string[] = []
  const prepared = withDatabase(options.dbPath, {write: false}, (db) => {
    const municipality = getMunicipality(db)
    const municipalityKind = municipality?.kind ?? DEFAULT_MUNICIPALITY_KIND
    const ids = options.businesses?.length
      ? [...new Set(options.businesses.map((b) => resolveBusiness(b).id))]
      : defaultBusinesses(db)
    if (ids.length === 0) {
      throw new UserError('標準仕様書が取り込まれていないため、RFI の質問を作れません。', {
        code: 'SPEC_NOT_IMPORTED',
        suggestions: ['hyojun specs import specs を実行してください'],
      })
    }
    const sets = ids.map((id) => {
      const spec = loadSpec(db, id)
      if (!spec) {
        const name = findBusiness(id)?.name ?? id
        throw new UserError(`${name} の標準仕様書が取り込まれていないため、RFI の質問を作れません。`, {
          code: 'SPEC_NOT_IMPORTED',
          suggestions: ['hyojun specs import specs を実行してください'],
        })
      }
      const lines = fitgapLines(db, id)
      if (lines.length === 0) {
        warnings.push(
          `${spec.business}: カスタマイズ一覧がないため、独自要件はなく、標準オプション機能はすべて「任意」として出力します`,
        )
      }
      return buildQuestions({spec, municipalityKind, fitgap: lines})
    })
    return {
      sets,
      municipalityKind,
      municipality: municipality?.name ?? '',
      notice: dataNotice(storedDataOrigin(db)),
    }
  })
  if (prepared.municipality === '') {
    warnings.push('団体名が登録されていません（hyojun init で登録すると、表紙とファイル名に入ります）')
  }
  const targets = prepared.sets.map((set) => ({
    set,
    path: join(options.output, rfiFileName(set.business, prepared.municipality)),
  }))
  const existing = targets.filter((t) => existsSync(t.path))
  if (existing.length > 0 && !options.force && !options.skipExisting) {
    throw new UserError(
      `${existing.map((t) => t.path).join('、')} は既に存在します。回答が記入されている可能性があるため、何も出力しませんでした`,
      {
        code: 'OUTPUT_EXISTS',
        exitCode: ExitCode.usage,
        suggestions: ['--output で別のフォルダを指定する', '上書きしてよい場合は --force を付ける'],
      },
    )
  }
  const workbooks: RfiExportResult['workbooks'] = []
  for (const {set, path} of targets) {
    if (existsSync(path) && !options.force) {
      warnings.push(`${path} は既にあるため、出力しませんでした`)
      continue
    }
    const written = await writeRfiWorkbook(
      path,
      set,
      {
        municipality: prepared.municipality,
        deadline: options.deadline ?? null,
        contact: options.contact ?? null,
        submission: options.submission ?? DEFAULT_SUBMISSION,
        date: localDate(now),
      },
      prepared.municipalityKind,
      prepared.notice,
    )
    workbooks.push({
      business: set.business,
      businessId: set.businessId,
      specVersion: set.specVersion,
      file: written.path,
      functions: set.functions.length,
      forms: set.forms.length,
      outside: set.outside.length,
      neededOptions: set.functions.filter((q) => q.class === 'optional' && q.need === 'required').length,
    })
  }
  return {output: resolve(options.output), workbooks, warnings}
}

function checkIsoDate(value: string, flag: string): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined
  if (!m || !d || d.toISOString().slice(0, 10) !== value) {
    throw new UserError(`${flag} の日付「${value}」は YYYY-MM-DD 形式の実在する日付ではありません`, {
      code: 'INVALID_DATE',
      exitCode: ExitCode.usage,
      suggestions: [`${flag} 2026-12-25`],
    })
  }
}

// ---------------------------------------------------------------------------
// import
// ---------------------------------------------------------------------------

export interface RfiImportOptions {
  readonly dbPath: string
  readonly file: string
  readonly vendor: string
  readonly dryRun?: boolean
  /** Expected 業務: a workbook for another one is refused. */
  readonly business?: string
  readonly now?: Date
}

interface Meta {
  readonly businessId: string
  readonly specVersion: string
  readonly municipalityKind: string
  readonly control: Record<ItemKind | 'costs', ControlEntry[]>
}

function notRfi(file: string, where: string, message: string): InvalidDataError {
  return new InvalidDataError(
    `${file} は hyojun rfi export で出力した RFI 回答ブックではありません（${message}）。`,
    [{where, code: 'NOT_AN_RFI_WORKBOOK', message}],
    {
      code: 'NOT_AN_RFI_WORKBOOK',
      suggestions: ['hyojun rfi export で出力したブックに回答を記入して取り込んでください'],
    },
  )
}

function readMeta(grid: WorkbookGrid): Meta {
  const sheet = grid.sheets.find((s) => s.name === SHEETS.control)
  if (!sheet) throw notRfi(grid.file, grid.file, `シート「${SHEETS.control}」がありません`)
  const control: Meta['control'] = {function: [], form: [], outside: [], costs: []}
  const meta = new Map<string, string>()
  const kindOf = new Map<string, ItemKind | 'costs'>([
    [KIND_LABEL.function, 'function'],
    [KIND_LABEL.form, 'form'],
    [KIND_LABEL.outside, 'outside'],
    [SHEETS.costs, 'costs'],
  ])
  for (const row of sheet.rows.slice(1)) {
    const [s, k, v] = [cellText(row[0]), cellText(row[1]), cellText(row[2])]
    if (s === CONTROL_META) meta.set(k, v)
    const kind = kindOf.get(s)
    if (kind) control[kind].push({key: k, check: v})
  }
  const where = `${grid.file} › ${SHEETS.control}`
  if (meta.get('format') !== FORMAT)
    throw notRfi(grid.file, where, `形式「${meta.get('format') ?? ''}」に対応していません`)
  const businessId = meta.get('businessId') ?? ''
  const specVersion = meta.get('specVersion') ?? ''
  if (!findBusiness(businessId) || !/^\d+\.\d+$/.test(specVersion)) {
    throw notRfi(grid.file, where, '業務・仕様書の版を読み取れません')
  }
  return {
    businessId,
    specVersion,
    municipalityKind: meta.get(MUNICIPALITY_KIND_META_KEY) ?? DEFAULT_MUNICIPALITY_KIND,
    control,
  }
}

function answerSheet(
  grid: WorkbookGrid,
  name: string,
  headers: readonly string[],
  required: boolean,
  issues: DataIssue[],
): AnswerSheet {
  const where = `${grid.file} › ${name}`
  const sheet: SheetGrid | undefined = grid.sheets.find((s) => s.name === name)
  if (!sheet) {
    if (required)
      issues.push({
        where: grid.file,
        code: 'SHEET_MISSING',
        message: `シート「${name}」がありません（シートの削除・名前の変更はできません）`,
      })
    return {where, rows: []}
  }
  const defs: ColumnDef[] = headers.map((h) => ({key: h, names: [h], required: true}))
  const header = findHeader(sheet, defs)
  if (!header || header.missing.length > 0) {
    issues.push({
      where,
      code: 'COLUMNS_MISSING',
      message: `列 ${(header?.missing ?? headers).join('、')} が見つかりません（列の削除・見出しの変更はできません）`,
    })
    return {where, rows: []}
  }
  // The shared table reader finds the rows; the RFI rules (validate.ts) need the whole sheet at once
  // (deleted and duplicated rows), so they run over its records rather than row by row.
  const table = tableAt(grid, sheet, header)
  return {
    where: table.place,
    rows: table.records.map((r) => ({row: r.row, values: r.values, ref: (h: string) => r.ref(h)})),
  }
}

const ANSWER_HEADERS: Readonly<Record<ItemKind, readonly string[]>> = {
  function: [HEADERS.mark, HEADERS.method, HEADERS.availableFrom, HEADERS.cost, HEADERS.note],
  form: [HEADERS.mark, HEADERS.method, HEADERS.availableFrom, HEADERS.cost, HEADERS.note],
  outside: [HEADERS.method, HEADERS.cost, HEADERS.outsideNote],
}

const COST_HEADERS = [
  HEADERS.costGroup,
  HEADERS.costItem,
  HEADERS.costHelp,
  HEADERS.unit,
  HEADERS.initial,
  ...Array.from({length: RUNNING_YEARS}, (_, i) => HEADERS.year(i + 1)),
  HEADERS.costNote,
]

function coverVendor(grid: WorkbookGrid): string {
  const sheet = grid.sheets.find((s) => s.name === SHEETS.cover)
  const row = sheet?.rows.find((r) => cellText(r[0]) === COVER_VENDOR)
  return row ? cellText(row[1]) : ''
}

/** `hyojun rfi import`: validate a vendor's answered workbook; store it (replacing that vendor's answer) or nothing. */
export async function importRfi(options: RfiImportOptions): Promise<RfiImportResult> {
  const vendor = options.vendor.normalize('NFKC').replace(/\s+/g, ' ').trim()
  if (vendor === '') {
    throw new UserError('--vendor に事業者名を指定してください', {
      code: 'VENDOR_REQUIRED',
      exitCode: ExitCode.usage,
    })
  }
  const expected = options.business ? resolveBusiness(options.business) : undefined
  const now = options.now ?? new Date()
  const grid = await readXlsx(options.file)
  const file = basename(options.file)
  const meta = readMeta(grid)
  const business = findBusiness(meta.businessId)!
  if (expected && expected.id !== business.id) {
    throw new InvalidDataError(
      `${file} は ${business.name} の RFI ブックです（--business ${expected.name} と異なります）。`,
      [
        {
          where: `${file} › ${SHEETS.cover}`,
          code: 'RFI_OTHER_BUSINESS',
          message: `${business.name} のブックです（期待した業務: ${expected.name}）`,
        },
      ],
      {code: 'RFI_OTHER_BUSINESS'},
    )
  }
  return withDatabase(options.dbPath, {write: !options.dryRun}, (db) => {
    const versions = specVersionsOf(db, business.id)
    const latest = versions[versions.length - 1]
    const where = `${file} › ${SHEETS.cover}`
    if (!versions.includes(meta.specVersion) || latest !== meta.specVersion) {
      const message = versions.includes(meta.specVersion)
        ? `${business.name} 標準仕様書 第${meta.specVersion}版に対する回答ですが、取込済みの最新版は第${latest}版です`
        : `${business.name} 標準仕様書 第${meta.specVersion}版は取り込まれていません`
      throw new InvalidDataError(`${file}: ${message}。`, [{where, code: 'RFI_SPEC_VERSION', message}], {
        code: 'RFI_SPEC_VERSION',
        suggestions: versions.includes(meta.specVersion)
          ? ['hyojun rfi export で最新版のブックを出力し、回答を依頼し直してください']
          : [`第${meta.specVersion}版の標準仕様書を hyojun specs import で取り込んでください`],
      })
    }
    const spec = loadSpec(db, business.id, meta.specVersion)!
    const base = buildQuestions({spec, municipalityKind: meta.municipalityKind, fitgap: []})
    const byId = (qs: readonly RfiQuestion[]): Map<string, RfiQuestion> => new Map(qs.map((q) => [q.id, q]))
    const issues: DataIssue[] = []
    const sheets = {
      function: answerSheet(
        grid,
        SHEETS.functions,
        [...QUESTION_HEADERS.function, ...ANSWER_HEADERS.function, HEADERS.check],
        true,
        issues,
      ),
      form: answerSheet(
        grid,
        SHEETS.forms,
        [...QUESTION_HEADERS.form, ...ANSWER_HEADERS.form, HEADERS.check],
        true,
        issues,
      ),
      outside: answerSheet(
        grid,
        SHEETS.outside,
        [...QUESTION_HEADERS.outside, ...ANSWER_HEADERS.outside, HEADERS.check],
        meta.control.outside.length > 0,
        issues,
      ),
      costs: answerSheet(grid, SHEETS.costs, [...COST_HEADERS, HEADERS.check], true, issues),
    }
    if (issues.length > 0) throw rejected(file, issues)
    const out = validateAnswers({
      business: business.name,
      specVersion: meta.specVersion,
      spec: {functions: byId(base.functions), forms: byId(base.forms)},
      businessOfId: (id) => businessByCode(id.slice(0, 3))?.name,
      control: meta.control,
      sheets,
    })
    if (out.issues.length > 0) throw rejected(file, out.issues)
    const anyCost = out.costs.some((c) => c.amounts.some((x) => x !== null))
    if (out.answers.every((a) => a.mark === null && a.method === null) && !anyCost) {
      // The empty workbook as exported, sent back or picked by mistake: storing it would list a vendor with nothing.
      throw rejected(file, [
        {
          where: `${file} › ${SHEETS.functions}`,
          code: 'NO_ANSWERS',
          message: '回答が 1 件も記入されていません（出力したままのブックです）',
        },
      ])
    }
    const warnings = out.findings.map((f) => `${f.where}: ${f.message}`)
    const blank = out.blank.function + out.blank.form + out.blank.outside
    if (blank > 0) {
      warnings.push(
        `未回答 ${blank} 件（機能要件 ${out.blank.function}、帳票要件 ${out.blank.form}、独自要件 ${out.blank.outside}）`,
      )
    }
    if (out.blank.costs > 0) warnings.push(`費用の未記入 ${out.blank.costs} 欄`)
    const named = coverVendor(grid)
    if (named !== '' && normalizeKey(named) !== normalizeKey(vendor)) {
      warnings.push(
        `表紙の回答事業者名「${named}」が --vendor「${vendor}」と異なります（--vendor の名前で登録します）`,
      )
    }
    const response: VendorResponse = {
      vendor,
      businessId: business.id,
      business: business.name,
      specVersion: meta.specVersion,
      answers: out.answers,
      costs: out.costs,
      fxRate: out.fxRate,
      conditions: out.conditions,
      sourceFile: file,
      importedAt: now.toISOString(),
    }
    const replaced = options.dryRun ? false : inTransaction(db, () => replaceResponse(db, response))
    return {
      file,
      vendor,
      business: business.name,
      businessId: business.id,
      specVersion: meta.specVersion,
      dryRun: options.dryRun ?? false,
      replaced,
      answered: out.answers.length - blank,
      blank,
      questions: {
        functions: out.answers.filter((a) => a.kind === 'function').length,
        forms: out.answers.filter((a) => a.kind === 'form').length,
        outside: out.answers.filter((a) => a.kind === 'outside').length,
      },
      findings: out.findings.map((f) => ({where: f.where, code: f.code, message: f.message})),
      warnings,
    }
  })
}

function rejected(file: string, issues: readonly DataIssue[]): InvalidDataError {
  return new InvalidDataError(
    `${file} に ${issues.length} 件の問題があります。回答ブックを修正（又は再提出を依頼）してから取り込んでください（データベースは変更していません）。`,
    issues,
  )
}

// ---------------------------------------------------------------------------
// compare and status
// ---------------------------------------------------------------------------

export interface RfiComparisonInput {
  readonly business?: string
  readonly weights?: Partial<ScoreWeights>
  readonly fxRate?: number
}

/** Scored comparison of the stored answers on an open database (no files). */
export function computeRfiComparison(
  db: Db,
  options: RfiComparisonInput = {},
): {comparisons: RfiBusinessComparison[]; responses: VendorResponse[]; warnings: string[]} {
  const business = options.business ? resolveBusiness(options.business) : undefined
  const weights = {...DEFAULT_WEIGHTS, ...options.weights}
  const responses = loadResponses(db, business?.id)
  const warnings: string[] = []
  const byBusiness = new Map<string, VendorResponse[]>()
  for (const r of responses) byBusiness.set(r.businessId, [...(byBusiness.get(r.businessId) ?? []), r])
  const comparisons: RfiBusinessComparison[] = []
  for (const [businessId, list] of byBusiness) {
    const versions = [...new Set(list.map((r) => r.specVersion))].sort((a, b) => Number(a) - Number(b))
    if (versions.length > 1) {
      warnings.push(
        `${list[0]!.business}: 標準仕様書の版が異なる回答が混在しています（${versions.map((v) => `第${v}版`).join('、')}）`,
      )
    }
    const scored = scoreVendors(
      list.map((r) => measureVendor(r, {fxRate: options.fxRate})),
      weights,
    )
    comparisons.push({
      business: list[0]!.business,
      businessId,
      specVersion: versions[versions.length - 1]!,
      vendors: scored.map((s, i) => ({
        ...s,
        annualByYearYen: [...s.annualByYearYen],
        flags: [...s.flags],
        specVersion: list[i]!.specVersion,
        sourceFile: list[i]!.sourceFile,
        importedAt: list[i]!.importedAt,
      })),
    })
  }
  return {comparisons, responses, warnings}
}

export interface RfiCompareOptions extends RfiComparisonInput {
  readonly dbPath: string
  /** RFI比較表 path (.xlsx); none when omitted. */
  readonly output?: string
}

/** `hyojun rfi compare`: score the stored answers and optionally write the RFI比較表. */
export async function compareRfi(options: RfiCompareOptions): Promise<RfiCompareResult> {
  if (options.output !== undefined && !/\.xlsx$/i.test(options.output)) {
    throw new UserError(`出力ファイル ${options.output} の拡張子は .xlsx にしてください`, {
      code: 'OUTPUT_NOT_XLSX',
      exitCode: ExitCode.usage,
    })
  }
  const {comparisons, responses, warnings, notice} = withDatabase(options.dbPath, {write: false}, (db) => ({
    ...computeRfiComparison(db, options),
    notice: dataNotice(storedDataOrigin(db)),
  }))
  if (comparisons.length === 0) {
    throw new UserError(
      options.business
        ? `${resolveBusiness(options.business).name} の RFI 回答が取り込まれていません。`
        : 'RFI 回答が取り込まれていません。',
      {
        code: 'NO_RFI_ANSWERS',
        suggestions: ['hyojun rfi import 回答.xlsx --vendor 事業者名 で取り込んでください'],
      },
    )
  }
  let output: string | null = null
  if (options.output) output = (await writeRfiComparison(options.output, comparisons, responses, notice)).path
  return {
    businesses: comparisons,
    weights: {...DEFAULT_WEIGHTS, ...options.weights},
    fxRate: options.fxRate ?? DEFAULT_FX_RATE,
    output,
    warnings,
  }
}

/**
 * RFI status per 業務 (for the CIO summary): vendors answered, ranks, flags. Empty when no answers
 * are stored. Takes an open database so a report can share one connection.
 */
export function summarizeRfiStatus(db: Db, options: RfiComparisonInput = {}): RfiStatus[] {
  return computeRfiComparison(db, options).comparisons.map((c) => {
    const costs = c.vendors.map((v) => v.fiveYearYen).filter((y): y is number => y !== null)
    return {
      business: c.business,
      businessId: c.businessId,
      specVersion: c.specVersion,
      vendorsAnswered: c.vendors.length,
      vendors: [...c.vendors]
        .sort((a, b) => a.rank - b.rank)
        .map((v) => ({
          vendor: v.vendor,
          rank: v.rank,
          score: v.score,
          qualified: v.qualified,
          fiveYearYen: v.fiveYearYen,
          flags: v.flags,
        })),
      flaggedVendors: c.vendors.filter((v) => v.flags.length > 0).length,
      qualifiedVendors: c.vendors.filter((v) => v.qualified).length,
      lowestFiveYearYen: costs.length > 0 ? Math.min(...costs) : null,
      lastImportedAt:
        c.vendors
          .map((v) => v.importedAt)
          .sort()
          .at(-1) ?? '',
    }
  })
}

/**
 * The stored comparison in the shape the CIO summary reads (`Stored<RfiInput>` of src/summary/summary.ts):
 * `{value: {businesses}, createdAt}` with createdAt = the latest import; null when no answer is stored.
 */
export function storedRfiComparison(
  db: Db,
): {readonly value: {readonly businesses: RfiBusinessComparison[]}; readonly createdAt: string} | null {
  const {comparisons} = computeRfiComparison(db)
  if (comparisons.length === 0) return null
  const createdAt = comparisons
    .flatMap((c) => c.vendors.map((v) => v.importedAt))
    .sort()
    .at(-1)!
  return {value: {businesses: comparisons}, createdAt}
}
