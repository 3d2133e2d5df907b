import {inTransaction, withDatabase, type Db} from '../db/database.js'
import {ExitCode, InvalidDataError, UserError} from '../errors.js'
import {checkLocalCode} from './local-code.js'
import {countHeldData, getMunicipality, saveMunicipality, type HeldData} from './municipality.repository.js'
import {
  MUNICIPALITY_KINDS,
  type InitResult,
  type Municipality,
  type MunicipalityKind,
} from './municipality.schema.js'

export interface InitOptions {
  readonly dbPath: string
  readonly name: string
  readonly code: string
  readonly population?: number
  readonly kind: string
  /** ISO timestamp recorded as updated_at (callers pass the clock). */
  readonly now: string
  /** Allow changing the 団体コード of a database that already holds data. */
  readonly force?: boolean
}

/** Refuse to relabel another municipality's data as ours: a new 団体コード on a database holding data needs --force. */
function assertCodeChangeAllowed(
  before: Municipality | undefined,
  code: string,
  held: HeldData,
  force: boolean,
): void {
  if (!before || before.code === code || force) return
  const parts = [
    held.systems > 0 ? `システム台帳 ${held.systems} 件` : '',
    held.customizations > 0 ? `カスタマイズ ${held.customizations} 件` : '',
    held.reviews > 0 ? `レビュー結果 ${held.reviews} 件` : '',
  ].filter((p) => p !== '')
  if (parts.length === 0) return
  throw new UserError(
    `このデータベースには ${before.name}（団体コード ${before.code}）のデータ（${parts.join('・')}）があります。` +
      `団体コードを ${code} に変更すると、これらが新しい団体のデータとして比較分析表などに出力されます（データベースは変更していません）。`,
    {
      code: 'MUNICIPALITY_CHANGE_NEEDS_FORCE',
      suggestions: [
        '別の団体の作業は --db で別のデータベースを指定してください（例: --db 新団体.db）',
        '同じデータのまま団体コードを変更してよい場合は --force を付けてください',
      ],
    },
  )
}

export function initWorkspace(options: InitOptions): InitResult {
  const check = checkLocalCode(options.code)
  if (!check.ok) {
    throw new InvalidDataError(
      check.reason,
      [{where: '--code', field: '団体コード', code: 'INVALID_LOCAL_CODE', message: check.reason}],
      {
        code: 'INVALID_LOCAL_CODE',
        suggestions: ['総務省「全国地方公共団体コード」で6桁のコード（検査数字付き）を確認してください'],
      },
    )
  }
  const kind = options.kind.normalize('NFKC').trim()
  if (!(MUNICIPALITY_KINDS as readonly string[]).includes(kind)) {
    throw new UserError(
      `団体区分「${options.kind}」は使用できません。${MUNICIPALITY_KINDS.join(' / ')} のいずれかを指定してください`,
      {
        code: 'INVALID_KIND',
        exitCode: ExitCode.usage,
      },
    )
  }
  const name = options.name.trim()
  if (name === '') throw new UserError('団体名が空です', {code: 'INVALID_NAME', exitCode: ExitCode.usage})
  const municipality = {
    name,
    code: check.code,
    prefecture: check.prefecture,
    population: options.population ?? null,
    kind: kind as MunicipalityKind,
  }
  return withDatabase(options.dbPath, {write: true}, (db) => {
    const previous = saveMunicipalityInto(db, municipality, options.now, options.force ?? false)
    return {municipality, db: options.dbPath, created: previous === null, previous}
  })
}

/**
 * Record the municipality in one transaction; returns the profile it replaced (null when there was none).
 * A new 団体コード on a database holding data needs `force`.
 */
export function saveMunicipalityInto(
  db: Db,
  municipality: Municipality,
  now: string,
  force: boolean,
): Municipality | null {
  return inTransaction(db, () => {
    const previous = getMunicipality(db)
    assertCodeChangeAllowed(previous, municipality.code, countHeldData(db), force)
    saveMunicipality(db, municipality, now)
    return previous ?? null
  })
}
