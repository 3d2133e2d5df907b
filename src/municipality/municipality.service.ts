import {inTransaction, withDatabase, type Db} from '../db/database.js'
import {ExitCode, InvalidDataError, UserError} from '../errors.js'
import {checkLocalCode} from './local-code.js'
import {getMunicipality, saveMunicipality} from './municipality.repository.js'
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
  return withDatabase(options.dbPath, {write: true}, (db) => ({
    municipality,
    db: options.dbPath,
    created: saveMunicipalityInto(db, municipality, options.now),
  }))
}

/** Record the municipality in one transaction; true when the workspace had none before. */
export function saveMunicipalityInto(db: Db, municipality: Municipality, now: string): boolean {
  return inTransaction(db, () => {
    const created = getMunicipality(db) === undefined
    saveMunicipality(db, municipality, now)
    return created
  })
}
