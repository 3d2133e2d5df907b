import {describe, expect, it} from 'vitest'
import {createProgress} from './progress.js'

/** A stream that records what is written, as a terminal or a pipe. */
function fakeStream(isTTY: boolean): {isTTY: boolean; text: string; write(t: string): boolean} {
  return {
    isTTY,
    text: '',
    write(t: string) {
      this.text += t
      return true
    },
  }
}

describe('createProgress', () => {
  it('draws a bar in place on a terminal, at most every 100 ms within a step, and clears it at the end', () => {
    const stream = fakeStream(true)
    let clock = 0
    const p = createProgress({stream, now: () => clock})
    p.update({step: 'Fit&Gap 判定中', done: 0, total: 350_000})
    clock = 50
    p.update({step: 'Fit&Gap 判定中', done: 1000, total: 350_000}) // too soon: skipped
    clock = 200
    p.update({step: 'Fit&Gap 判定中', done: 87_500, total: 350_000})
    p.update({step: '判定結果を保存中', done: 0, total: 350_000}) // a new step is drawn at once
    p.end()
    const frames = stream.text.split('\r\u001b[2K').filter((f) => f !== '')
    expect(frames).toEqual([
      'Fit&Gap 判定中 [--------------------] 0% (0/350,000)',
      'Fit&Gap 判定中 [#####---------------] 25% (87,500/350,000)',
      '判定結果を保存中 [--------------------] 0% (0/350,000)',
    ])
    expect(stream.text.endsWith('\r\u001b[2K')).toBe(true)
    expect(stream.text).not.toContain('\n')
  })

  it('shows a step without a count by its name', () => {
    const stream = fakeStream(true)
    createProgress({stream}).update({step: '読込中', done: 0, total: 0})
    expect(stream.text).toBe('\r\u001b[2K読込中…')
  })

  it('writes one plain line per long step without a terminal, and nothing for short steps', () => {
    const stream = fakeStream(false)
    const p = createProgress({stream, plainFrom: 20_000})
    p.update({step: '読込中', done: 0, total: 0})
    p.update({step: 'Fit&Gap 判定中', done: 0, total: 350_000})
    p.update({step: 'Fit&Gap 判定中', done: 175_000, total: 350_000})
    p.update({step: '判定結果を保存中', done: 0, total: 500})
    p.end()
    expect(stream.text).toBe('Fit&Gap 判定中（350,000 件）\n')
  })

  it('is silent without a terminal by default', () => {
    const stream = fakeStream(false)
    const p = createProgress({stream})
    p.update({step: 'Fit&Gap 判定中', done: 0, total: 1_000_000})
    p.end()
    expect(stream.text).toBe('')
  })
})
