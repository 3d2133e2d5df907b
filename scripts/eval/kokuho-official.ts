/**
 * Writes test/fixtures/eval/kokuho-official.xml: a 国民健康保険 standard spec in
 * the official style (long 「〜できること。」 sentences, 大中小項目, sibling rows of
 * different 実装区分, recurring topics across chapters), hand-written from
 * knowledge of the 業務 for the second independent Fit&Gap evaluation set
 * (`fresh`). No official text is copied; the rows in kokuho-official.data.ts are
 * the content, this script only numbers and renders them.
 * test/eval-fixtures.test.ts checks the committed XML is what this script writes.
 *
 * Run: npx tsx scripts/eval/kokuho-official.ts
 */
import {writeFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {KOKUHO_CHAPTERS, KOKUHO_META} from './kokuho-official.data.js'
import {renderSpec} from './render-spec.js'

const target = resolve(import.meta.dirname, '../../test/fixtures/eval/kokuho-official.xml')
const {xml, rows} = renderSpec(KOKUHO_CHAPTERS, KOKUHO_META)
writeFileSync(target, xml)
const counts = {M: 0, O: 0, P: 0}
for (const g of KOKUHO_CHAPTERS) for (const r of g.rows) counts[r[0]]++
process.stderr.write(
  `kokuho-official.xml: ${rows} requirements (必須 ${counts.M}, オプション ${counts.O}, 実装不可 ${counts.P})\n`,
)
