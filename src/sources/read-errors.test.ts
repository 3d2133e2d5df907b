import {describe, expect, it, vi} from 'vitest'
import {UserError} from '../errors.js'

// Running as root (CI containers) ignores chmod 000, so simulate what Windows gives for a
// workbook open in Excel (EBUSY) and what a missing permission gives (EACCES).
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  const fail = (code: string) => {
    const e = new Error(`${code}: simulated`) as NodeJS.ErrnoException
    e.code = code
    return e
  }
  return {
    ...fs,
    statSync: (path: string) => {
      if (path.includes('no-permission-dir')) throw fail('EACCES')
      if (path.includes('locked') || path.includes('denied')) return {isDirectory: () => false, size: 100}
      return fs.statSync(path)
    },
    readFileSync: (path: string, ...rest: never[]) => {
      if (path.includes('locked')) throw fail('EBUSY')
      if (path.includes('denied')) throw fail('EACCES')
      return fs.readFileSync(path, ...rest)
    },
  }
})

const {readTableFile} = await import('./csv.js')

describe('files that exist but cannot be read', () => {
  it.each(['locked.xlsx', 'locked.csv', 'denied.xlsx', 'denied.csv', 'no-permission-dir/a.xlsx'])(
    '%s: a clean message, exit 1, not an internal error',
    async (path) => {
      const e: unknown = await readTableFile(path).catch((error: unknown) => error)
      expect(e).toBeInstanceOf(UserError)
      expect((e as UserError).code).toBe('FILE_NOT_READABLE')
      expect((e as UserError).exitCode).toBe(1)
      expect((e as UserError).suggestions.join()).toContain('閉じて')
    },
  )
})
