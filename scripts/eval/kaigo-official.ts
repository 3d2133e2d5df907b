/**
 * Writes test/fixtures/eval/kaigo-official.xml: a 介護保険 standard spec in the
 * official style (long 「〜できること。」 sentences, 大中小項目, sibling rows of
 * different 実装区分, recurring topics across chapters), hand-written from
 * knowledge of the 業務 for the independent Fit&Gap evaluation set. No official
 * text is copied; the rows in kaigo-official.data.ts are the content, this
 * script only numbers and renders them. test/eval-fixtures.test.ts checks the
 * committed XML is what this script writes.
 *
 * Run: npx tsx scripts/eval/kaigo-official.ts
 */
import {writeFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {KAIGO_CHAPTERS} from './kaigo-official.data.js'
import {renderKaigoSpec} from './render-spec.js'

const target = resolve(import.meta.dirname, '../../test/fixtures/eval/kaigo-official.xml')
const {xml, rows} = renderKaigoSpec(KAIGO_CHAPTERS)
writeFileSync(target, xml)
const counts = {M: 0, O: 0, P: 0}
for (const g of KAIGO_CHAPTERS) for (const r of g.rows) counts[r[0]]++
process.stderr.write(
  `kaigo-official.xml: ${rows} requirements (必須 ${counts.M}, オプション ${counts.O}, 実装不可 ${counts.P})\n`,
)
