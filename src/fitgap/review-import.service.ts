import {basename} from 'node:path'
import {inTransaction, withDatabase, type Db} from '../db/database.js'
import {InvalidDataError, throwIfIssues, type DataIssue} from '../errors.js'
import {listCustomizations} from '../inventory/inventory.repository.js'
import type {CustomizationRecord} from '../inventory/inventory.schema.js'
import {getMunicipality} from '../municipality/municipality.repository.js'
import {DEFAULT_MUNICIPALITY_KIND} from '../municipality/municipality.schema.js'
import {REVIEW_HEADERS, REVIEW_SHEET} from './fitgap.report.js'
import {cellText, type SheetGrid, type WorkbookGrid} from '../sources/grid.js'
import {
  findHeader,
  labelFor,
  readRows,
  tableAt,
  type ColumnDef,
  type HeaderMatch,
} from '../sources/table-reader.js'
import {readXlsx} from '../sources/xlsx.js'
import {loadSpec} from '../standard/spec.repository.js'
import {requirementIdText} from '../standard/spec-excel.js'
import type {RequirementClass, SpecDocument} from '../standard/spec.schema.js'
import {reviewKey} from './analyze.js'
import {saveReviews, type ReviewWrite} from './fitgap.repository.js'
import type {ReviewImportResult} from './fitgap.schema.js'
import {effectiveClass, VERDICT_LABEL, VERDICTS, verdictForClass} from './matcher.js'
import {parseVerdictText} from './verdict-text.js'

export interface ReviewImportOptions {
  readonly dbPath: string
  readonly file: string
  readonly now?: Date
  /** Check every row and report what would be registered, without writing. */
  readonly dryRun?: boolean
}

type Key = 'systemId' | 'customizationId' | 'proposed' | 'verdict' | 'requirementId' | 'policy' | 'reviewer'

const COLUMNS: readonly ColumnDef<Key>[] = [
  {key: 'systemId', names: [REVIEW_HEADERS.systemId], required: true},
  {key: 'customizationId', names: [REVIEW_HEADERS.customizationId], required: true},
  {key: 'proposed', names: [REVIEW_HEADERS.proposedRequirementId]},
  {key: 'verdict', names: [REVIEW_HEADERS.verdict], required: true},
  {key: 'requirementId', names: [REVIEW_HEADERS.requirementId, '機能ID']},
  {key: 'policy', names: [REVIEW_HEADERS.policy]},
  {key: 'reviewer', names: [REVIEW_HEADERS.reviewer]},
]

function optionalText(v: string): string | null {
  return v === '' ? null : v
}

/** The review sheet found in a workbook, before any database is opened. */
export interface ReviewSheet {
  readonly file: string
  readonly grid: WorkbookGrid
  readonly sheet: SheetGrid
  readonly header: HeaderMatch<Key>
}

/** Read the workbook and find the review sheet (NOT_A_REVIEW_SHEET when none has the required columns). */
export async function readReviewSheet(path: string): Promise<ReviewSheet> {
  const grid = await readXlsx(path)
  const file = basename(path)
  // Reviewers rename the sheet or add one (記入例) in front: take the レビュー
  // sheet, else the first sheet whose header has every required column.
  const candidates = [
    ...grid.sheets.filter((s) => s.name === REVIEW_SHEET),
    ...grid.sheets.filter((s) => s.name !== REVIEW_SHEET),
  ].map((s) => ({sheet: s, header: findHeader(s, COLUMNS)}))
  const {sheet, header} = candidates.find((c) => c.header?.missing.length === 0) ??
    candidates[0] ?? {sheet: undefined, header: undefined}
  if (!sheet || !header || header.missing.length > 0) {
    const missing = header
      ? header.missing.map((k) => COLUMNS.find((c) => c.key === k)!.names[0]).join('、')
      : `${REVIEW_HEADERS.systemId}、${REVIEW_HEADERS.customizationId}、${REVIEW_HEADERS.verdict}`
    throw new InvalidDataError(
      `${file} はレビューシートではありません（列 ${missing} が見つかりません）。`,
      [
        {
          where: sheet ? `${file} › ${sheet.name}` : file,
          code: 'NOT_A_REVIEW_SHEET',
          message: `列 ${missing} がありません`,
        },
      ],
      {suggestions: ['hyojun fitgap review-export で出力したブックに記入して取り込んでください']},
    )
  }
  return {file, grid, sheet, header}
}

/** What the rows are checked against: the imported customizations and specs, and the 団体区分. */
export interface ReviewContext {
  readonly customizations: ReadonlyMap<string, CustomizationRecord>
  readonly specOf: (businessId: string) => SpecDocument | undefined
  readonly kind: string
}

export interface CheckedReviews {
  readonly reviews: readonly ReviewWrite[]
  readonly issues: readonly DataIssue[]
  readonly warnings: readonly string[]
  /** Rows whose 判定 is still blank. */
  readonly undecided: number
}

/** Check every row of the review sheet (no database, no I/O): the decisions to store and every issue. */
export function checkReviewRows(source: ReviewSheet, context: ReviewContext): CheckedReviews {
  const seen = new Map<string, string>()
  let undecided = 0
  const rows = readRows(tableAt(source.grid, source.sheet, source.header), {
    label: labelFor(COLUMNS),
    warnSkipped: false,
    rule: (rec): ReviewWrite | undefined => {
      const text = (k: Key): string => cellText(rec.values[k]).normalize('NFKC').trim()
      const rawText = (k: Key): string => cellText(rec.values[k])
      const verdictText = text('verdict')
      if (verdictText === '') {
        undecided++
        if (text('requirementId') !== '' || rawText('policy') !== '') {
          rec.warn(
            `${rec.ref('verdict')}: 判定が空欄のため、この行の対応機能ID・対応方針は取り込みませんでした`,
          )
        }
        return undefined
      }
      const issue = rec.issue
      // Short forms (実装不可, 標準外 …) are accepted; a typo gets the nearest label.
      const parsedVerdict = parseVerdictText(verdictText)
      const verdict = parsedVerdict.verdict
      if (!parsedVerdict.verdict) {
        const nearest =
          parsedVerdict.nearest.length > 0 ? `もしかして: ${parsedVerdict.nearest.join('、')}。` : ''
        issue(
          'verdict',
          'INVALID_VERDICT',
          `判定「${verdictText}」は選択肢にありません。${nearest}選択肢: ${VERDICTS.map((v) => VERDICT_LABEL[v]).join(' / ')}（実装不可・標準外などの短い書き方も可）`,
        )
      }
      const key = reviewKey(text('systemId'), text('customizationId'))
      const customization = context.customizations.get(key)
      if (!customization) {
        issue(
          'customizationId',
          'UNKNOWN_CUSTOMIZATION',
          `システムID ${text('systemId')}・管理番号 ${text('customizationId')} のカスタマイズは取り込まれていません`,
        )
        return undefined
      }
      const dup = seen.get(key)
      if (dup) {
        issue('customizationId', 'DUPLICATE_ROW', `同じカスタマイズが ${dup} にもあります`)
        return undefined
      }
      seen.set(key, rec.ref('customizationId'))
      if (!verdict) return undefined
      const spec = context.specOf(customization.businessId)
      if (!spec) {
        issue('verdict', 'SPEC_NOT_IMPORTED', `${customization.business} の標準仕様書が取り込まれていません`)
        return undefined
      }
      // A 機能ID retyped by hand: a number that lost its leading zeros (10403), or 001-0403.
      const idText = (k: Key): string | null => optionalText(requirementIdText(rec.values[k]))
      let requirementId = idText('requirementId') ?? (verdict === 'outside' ? null : idText('proposed'))
      if (verdict === 'outside' && requirementId !== null) {
        rec.warn(
          `${rec.ref('requirementId')}: 判定が標準外のため、対応機能ID ${requirementId} は記録しませんでした`,
        )
        requirementId = null
      }
      if (verdict !== 'outside' && requirementId === null) {
        issue(
          'requirementId',
          'MISSING_REQUIREMENT_ID',
          `判定「${VERDICT_LABEL[verdict]}」には対応機能IDが必要です`,
        )
        return undefined
      }
      const req = requirementId ? spec.requirements.find((r) => r.id === requirementId) : undefined
      if (requirementId && !req) {
        issue(
          'requirementId',
          'UNKNOWN_REQUIREMENT_ID',
          `機能ID ${requirementId} は ${spec.business} 標準仕様書 第${spec.version}版にありません`,
        )
        return undefined
      }
      const cls: RequirementClass | null = req ? effectiveClass(req, context.kind) : null
      if (req && cls) {
        const expected = verdictForClass(cls)
        if (expected !== verdict) {
          rec.warn(
            `${rec.ref('verdict')}: 判定「${VERDICT_LABEL[verdict]}」は機能ID ${req.id} の実装区分（${VERDICT_LABEL[expected]}相当）と異なります（判定をそのまま記録しました）`,
          )
        }
      }
      return {
        systemId: customization.systemId,
        customizationId: customization.id,
        businessId: customization.businessId,
        verdict,
        requirementId,
        policy: optionalText(rawText('policy')),
        reviewer: optionalText(rawText('reviewer')),
        specVersion: spec.version,
        requirementText: req?.text ?? null,
        requirementClass: cls,
      }
    },
  })
  return {reviews: rows.rows, issues: rows.issues, warnings: rows.warnings, undecided}
}

/** The customizations, specs and 団体区分 of `db` the review rows are checked against (specs loaded lazily). */
function reviewContextOf(db: Db): ReviewContext {
  const specs = new Map<string, SpecDocument | undefined>()
  return {
    customizations: new Map(listCustomizations(db).map((c) => [reviewKey(c.systemId, c.id), c])),
    specOf: (businessId) => {
      if (!specs.has(businessId)) specs.set(businessId, loadSpec(db, businessId))
      return specs.get(businessId)
    },
    kind: getMunicipality(db)?.kind ?? DEFAULT_MUNICIPALITY_KIND,
  }
}

/** Check every row against `db`, then store all decisions in one transaction, or none (InvalidDataError). */
export function importReviewInto(
  db: Db,
  source: ReviewSheet,
  options: {readonly now?: Date; readonly dryRun?: boolean} = {},
): ReviewImportResult {
  const now = options.now ?? new Date()
  const context = reviewContextOf(db)
  const checked = checkReviewRows(source, context)
  throwIfIssues(checked.issues, source.file)
  const dryRun = options.dryRun ?? false
  if (!dryRun) inTransaction(db, () => saveReviews(db, checked.reviews, source.file, now.toISOString()))
  return {
    file: source.file,
    dryRun,
    imported: checked.reviews.map((r) => ({
      systemId: r.systemId,
      customizationId: r.customizationId,
      business: context.customizations.get(reviewKey(r.systemId, r.customizationId))!.business,
      verdict: r.verdict,
      requirementId: r.requirementId,
    })),
    undecided: checked.undecided,
    warnings: [...checked.warnings],
  }
}

/** `hyojun fitgap review-import`: validate every row, then store all decisions or none. */
export async function importReview(options: ReviewImportOptions): Promise<ReviewImportResult> {
  const source = await readReviewSheet(options.file)
  return withDatabase(options.dbPath, {write: !(options.dryRun ?? false), ifMissing: 'error'}, (db) =>
    importReviewInto(db, source, options),
  )
}
