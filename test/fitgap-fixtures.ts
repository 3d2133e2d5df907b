import {join} from 'node:path'
import ExcelJS from 'exceljs'
import {importCustomizations, importInventory} from '../src/inventory/inventory-import.service.js'
import {importSpecs} from '../src/standard/spec-import.service.js'
import {ROOT} from './helpers.js'

/** Shared set-up for the fit/gap tests: real files written into a temp folder, imported through the real services. */

export async function writeSheet(
  path: string,
  sheet: string,
  rows: readonly (readonly (string | number | null)[])[],
): Promise<void> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheet)
  for (const r of rows) ws.addRow([...r])
  await wb.xlsx.writeFile(path)
}

export const SYSTEMS: readonly (readonly (string | number | null)[])[] = [
  ['システムID', 'システム名称', '対象業務', '年間運用経費'],
  ['S01', '住民情報システム', '住民基本台帳', 12_000_000],
  ['S02', '介護保険システム', '介護保険', 8_000_000],
]

/** 管理番号, システム名, 業務, 名称, 内容, 関連機能ID, 年間保守費 */
export const CUSTOMIZATIONS: readonly (readonly (string | number | null)[])[] = [
  ['管理番号', 'システム名', '業務', '名称', '内容', '関連機能ID', '年間保守費'],
  [
    'C001',
    '住民情報システム',
    '住民基本台帳',
    '世帯連記の住民票',
    '世帯全員を1枚に連記した住民票を出す',
    null,
    300_000,
  ],
  [
    'C002',
    '住民情報システム',
    '住民基本台帳',
    'DV対象者アラート',
    '照会画面でDV対象者だと分かるようにアラートを出す',
    null,
    200_000,
  ],
  [
    'C003',
    '住民情報システム',
    '住民基本台帳',
    'コンビニ交付',
    'コンビニで住民票が取れるよう証明書データを送る',
    null,
    500_000,
  ],
  [
    'C004',
    '住民情報システム',
    '住民基本台帳',
    '住民票に独自フラグ追加',
    '市独自の区分のフラグを住民票に持たせている',
    null,
    100_000,
  ],
  [
    'C005',
    '住民情報システム',
    '住民基本台帳',
    '敬老祝金対象者の抽出',
    '100歳・88歳になる人を抜き出して祝い金の名簿を作る',
    null,
    50_000,
  ],
  ['C006', '住民情報システム', '住民基本台帳', '証明書の区長名', '支所からの発行', '0019999', 10_000],
  ['C007', '住民情報システム', '住民基本台帳', '外字登録', '外字を作成してMJ文字とひも付ける', null, 70_000],
  ['K001', '介護保険システム', '介護保険', '認定調査の進捗', '調査員への依頼と進み具合の管理', null, 40_000],
]

export interface Workspace {
  readonly db: string
  readonly dir: string
}

export async function importSpecFile(db: string, file: string): Promise<void> {
  await importSpecs({dbPath: db, path: join(ROOT, 'specs', file), skipExisting: true})
}

/** Specs (given files), the systems list and the customizations list, imported for real. */
export async function setUpWorkspace(
  dir: string,
  specFiles: readonly string[] = ['juki-6.0.xml'],
  customizations: readonly (readonly (string | number | null)[])[] = CUSTOMIZATIONS,
): Promise<Workspace> {
  const db = join(dir, 'hyojun.db')
  for (const f of specFiles) await importSpecFile(db, f)
  await writeSheet(join(dir, 'systems.xlsx'), 'システム台帳', SYSTEMS)
  await writeSheet(join(dir, 'customizations.xlsx'), 'カスタマイズ一覧', customizations)
  await importInventory({dbPath: db, file: join(dir, 'systems.xlsx')})
  await importCustomizations({dbPath: db, file: join(dir, 'customizations.xlsx')})
  return {db, dir}
}
