import {describe, expect, it} from 'vitest'
import {parseVerdictText} from './verdict-text.js'

describe('parseVerdictText (判定 column of the review workbook)', () => {
  it.each([
    ['標準機能で対応', 'fit'],
    ['標準', 'fit'],
    ['標準オプション', 'option'],
    ['オプション', 'option'],
    ['実装不可', 'prohibited'],
    ['実装不可（廃止・業務見直し）', 'prohibited'],
    ['実装不可(廃止・業務見直し)', 'prohibited'],
    ['標準外', 'outside'],
    ['標準外（業務見直し又は独自施策システム）', 'outside'],
    ['ｏｐｔｉｏｎ', 'option'],
  ])('%s → %s', (text, verdict) => {
    expect(parseVerdictText(text).verdict).toBe(verdict)
  })

  it('suggests the nearest label for a typo (issue 9: 標準期能で対応)', () => {
    expect(parseVerdictText('標準期能で対応')).toEqual({verdict: undefined, nearest: ['標準機能で対応']})
  })

  it('suggests nothing for something else entirely', () => {
    expect(parseVerdictText('たぶん大丈夫').verdict).toBeUndefined()
  })
})
