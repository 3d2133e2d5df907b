/**
 * The hostile-file probe: every case is generated from code (the techniques are public knowledge:
 * zip bombs, lying zip headers, XML entity tricks, mislabelled encodings) into a folder, then run
 * through the real CLI by test/probe.test.ts.
 */
import {closeSync, ftruncateSync, openSync, writeFileSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {afterSheetData, basicParts, part, withPart, zipParts, type Parts} from './xlsx-parts.js'
import {buildZip, deflateRepeated} from './zip.js'

export type ProbeCommand = 'customizations' | 'specs'

export interface ProbeCase {
  readonly name: string
  readonly file: string
  readonly command: ProbeCommand
  /** 0: accepted (the database may change); 3: refused, database unchanged. */
  readonly exit: 0 | 3
  /** Error codes any of which is acceptable (refusals only). */
  readonly codes?: readonly string[]
  readonly build: (path: string) => Promise<void> | void
}

const HEAD = '管理番号,システム名,業務,カスタマイズ名,概要'
const ROW = (i: number): string => `C-${i},住民情報システム,住民記録,独自帳票${i},転入時に案内を印刷する`

async function xlsx(path: string, edit: (p: Parts) => Parts | Promise<Parts>): Promise<void> {
  writeFileSync(path, zipParts(await edit(await listParts())))
}

/** A valid one-row カスタマイズ一覧 as exceljs writes it. */
async function listParts(): Promise<Parts> {
  return basicParts(
    [['C-1', '住民情報システム', '住民記録', '独自帳票', '転入時に案内を印刷する']],
    HEAD.split(','),
  )
}

function sheetXml(parts: Parts): string {
  return part(parts, 'xl/worksheets/sheet1.xml').toString('utf8')
}

/** Bytes with ~1 random byte in 48: compresses about 1:20 (passes a 0.01 ratio check). */
function lowEntropy(bytes: number, seed = 7): Buffer {
  const b = Buffer.alloc(bytes, 0x20)
  let s = seed
  for (let i = 0; i < bytes; i += 48) {
    s = (s * 1103515245 + 12345) >>> 0
    b[i] = 0x21 + (s >>> 25)
  }
  return b
}

function sparse(path: string, bytes: number): void {
  const fd = openSync(path, 'w')
  ftruncateSync(fd, bytes)
  closeSync(fd)
}

const SPEC_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
const spec = (body: string): string =>
  `${SPEC_HEAD}<standardSpec business="住民基本台帳" version="9.0" published="2030-04-01">\n<title>住民記録システム標準仕様書</title>\n<requirements>\n<requirement id="0019001" class="mandatory" major="住民データ管理"><name>登録</name><text>${body}</text></requirement>\n</requirements>\n<forms><form id="F001001" type="証明書" class="mandatory"><name>住民票の写し</name></form></forms>\n</standardSpec>\n`

const MiB = 1024 * 1024

export const PROBE_CASES: readonly ProbeCase[] = [
  // ---- zip containers (customizations import of an .xlsx)
  {
    name: 'zip bomb, honest sizes (300 MiB entry)',
    file: 'bomb-honest.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['ZIP_LIMIT', 'ZIP_BOMB'],
    build: async (p) => {
      const parts = await listParts()
      const raw = await deflateRepeated(300 * MiB)
      writeFileSync(
        p,
        buildZip([...parts, {name: 'xl/media/a.bin', data: Buffer.alloc(0), raw, declaredSize: 300 * MiB}]),
      )
    },
  },
  {
    name: 'zip bomb, sizes under-stated in both headers (256 MiB real, 1 KB claimed)',
    file: 'bomb-lying.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['ZIP_MISMATCH'],
    build: async (p) => {
      const parts = await listParts()
      const raw = await deflateRepeated(256 * MiB, 0x3c)
      const lying = {name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), raw, declaredSize: 1000}
      writeFileSync(p, buildZip(parts.map((e) => (e.name === lying.name ? lying : e))))
    },
  },
  {
    name: 'ratio-evading expansion: 2 entries of 160 MiB each at ~1:20',
    file: 'bomb-ratio.xlsx',
    command: 'customizations',
    exit: 3,
    // Refused either by the real total or, when the data compresses too well, by the ratio.
    codes: ['ZIP_LIMIT', 'ZIP_BOMB'],
    build: async (p) => {
      const parts = await listParts()
      const data = lowEntropy(160 * MiB)
      writeFileSync(p, zipParts([...parts, {name: 'xl/media/a.bin', data}, {name: 'xl/media/b.bin', data}]))
    },
  },
  {
    name: 'end record lies about the entry count',
    file: 'count-lie.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['ZIP_MISMATCH'],
    build: async (p) => writeFileSync(p, buildZip(await listParts(), {claimedCount: 5})),
  },
  {
    name: '5,000 entries',
    file: 'many-entries.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['ZIP_LIMIT'],
    build: async (p) =>
      xlsx(p, (parts) => [
        ...parts,
        ...Array.from({length: 5000}, (_, i) => ({name: `xl/media/f${i}.bin`, data: Buffer.from('x')})),
      ]),
  },
  {
    name: 'duplicate entry names',
    file: 'dup.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['AMBIGUOUS_ZIP'],
    build: async (p) =>
      xlsx(p, (parts) => [
        ...parts,
        {name: 'xl/worksheets/sheet1.xml', data: part(parts, 'xl/worksheets/sheet1.xml')},
      ]),
  },
  {
    name: 'hidden substitution: /xl/worksheets/sheet1.xml beside xl/worksheets/sheet1.xml',
    file: 'hidden.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['AMBIGUOUS_ZIP'],
    build: async (p) => {
      const parts = await listParts()
      const other = await basicParts([['住民情報システム', '隠れた差し替えシステム', '別の内容']])
      writeFileSync(
        p,
        zipParts([
          ...parts,
          {name: '/xl/worksheets/sheet1.xml', data: part(other, 'xl/worksheets/sheet1.xml')},
        ]),
      )
    },
  },
  {
    name: 'truncated',
    file: 'truncated.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['BROKEN_XLSX'],
    build: async (p) => {
      const whole = zipParts(await listParts())
      writeFileSync(p, whole.subarray(0, Math.floor(whole.length * 0.6)))
    },
  },
  {
    name: 'corrupt deflate stream',
    file: 'corrupt.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['BROKEN_XLSX'],
    build: async (p) => {
      const parts = await listParts()
      writeFileSync(
        p,
        buildZip(
          parts.map((e) =>
            e.name === 'xl/styles.xml' ? {...e, raw: Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0x01])} : e,
          ),
        ),
      )
    },
  },
  {
    name: 'HTML saved as .xlsx',
    file: 'page.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['NOT_XLSX'],
    build: (p) => writeFileSync(p, '<html><body><table><tr><td>システム名</td></tr></table></body></html>'),
  },
  {
    name: '.xls / password-protected (CFB)',
    file: 'locked.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['UNSUPPORTED_XLS'],
    build: (p) =>
      writeFileSync(
        p,
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]),
      ),
  },
  {
    name: 'Strict OOXML',
    file: 'strict.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['STRICT_OOXML'],
    build: async (p) =>
      xlsx(p, (parts) =>
        withPart(
          parts,
          'xl/workbook.xml',
          part(parts, 'xl/workbook.xml')
            .toString('utf8')
            .replace(
              'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
              'http://purl.oclc.org/ooxml/spreadsheetml/main',
            ),
        ),
      ),
  },
  {
    name: 'x:-prefixed workbook',
    file: 'prefixed.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['PREFIXED_XML'],
    build: async (p) =>
      xlsx(p, (parts) =>
        withPart(
          parts,
          'xl/workbook.xml',
          part(parts, 'xl/workbook.xml')
            .toString('utf8')
            .replace(
              '<workbook ',
              '<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ',
            )
            .replace('</workbook>', '</x:workbook>'),
        ),
      ),
  },
  {
    name: 'no workbook part',
    file: 'no-workbook.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['NO_WORKBOOK_PART'],
    build: async (p) => xlsx(p, (parts) => parts.filter((e) => e.name !== 'xl/workbook.xml')),
  },
  {
    name: 'whole-column data validations and conditional formats (accepted)',
    file: 'validations.xlsx',
    command: 'customizations',
    exit: 0,
    build: async (p) =>
      xlsx(p, (parts) =>
        withPart(
          parts,
          'xl/worksheets/sheet1.xml',
          sheetXml(parts).replace(
            '</sheetData>',
            '</sheetData><conditionalFormatting sqref="A1:XFD1048576"><cfRule type="expression" dxfId="0" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting><dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:A1048576 C:C"><formula1>"a,b"</formula1></dataValidation></dataValidations>',
          ),
        ),
      ),
  },
  {
    name: 'a formatted and filled cell at XFD1048576 (refused: last row beyond the row limit)',
    file: 'xfd.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['TOO_MANY_ROWS'],
    build: async (p) =>
      xlsx(p, (parts) =>
        withPart(
          parts,
          'xl/worksheets/sheet1.xml',
          sheetXml(parts).replace(
            '</sheetData>',
            '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
          ),
        ),
      ),
  },
  {
    name: 'formatted rows down to 1,048,576',
    file: 'rows.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['TOO_MANY_ROWS'],
    build: async (p) => {
      const rows = Array.from(
        {length: 1_048_574},
        (_, i) => `<row r="${i + 3}" s="1" customFormat="1"/>`,
      ).join('')
      return xlsx(p, (parts) =>
        withPart(
          parts,
          'xl/worksheets/sheet1.xml',
          sheetXml(parts).replace('</sheetData>', `${rows}</sheetData>`),
        ),
      )
    },
  },
  {
    name: '200,000 merged ranges',
    file: 'merges.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['TOO_MANY_MERGES'],
    build: async (p) =>
      xlsx(p, (parts) =>
        afterSheetData(
          parts,
          `<mergeCells count="200000">${Array.from({length: 200_000}, (_, i) => `<mergeCell ref="E${i + 1}:F${i + 1}"/>`).join('')}</mergeCells>`,
        ),
      ),
  },
  {
    name: 'one merge over the whole sheet',
    file: 'merge-all.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['TOO_MANY_MERGES'],
    build: async (p) =>
      xlsx(p, (parts) =>
        afterSheetData(parts, '<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>'),
      ),
  },
  {
    name: 'shared-string bomb: 50,000 strings of 2,500 characters',
    file: 'sst.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['TOO_MANY_STRINGS', 'ZIP_BOMB'],
    build: async (p) => {
      const one = lowEntropy(2500).toString('latin1').replace(/[<&>]/g, 'x')
      const si = Array.from({length: 50_000}, () => `<si><t>${one}</t></si>`).join('')
      return xlsx(p, (parts) =>
        withPart(
          parts,
          'xl/sharedStrings.xml',
          `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="50000" uniqueCount="50000">${si}</sst>`,
        ),
      )
    },
  },
  {
    name: 'sheet name with / : ? * [ ]',
    file: 'sheetname.xlsx',
    command: 'customizations',
    exit: 3,
    codes: ['BAD_SHEET_NAME'],
    build: async (p) =>
      xlsx(p, (parts) =>
        withPart(
          parts,
          'xl/workbook.xml',
          part(parts, 'xl/workbook.xml')
            .toString('utf8')
            .replace('name="カスタマイズ一覧"', 'name="一覧/2025:[案]*?"'),
        ),
      ),
  },
  // ---- CSV
  {
    name: 'Shift_JIS without BOM (accepted)',
    file: 'sjis.csv',
    command: 'customizations',
    exit: 0,
    build: (p) => writeFileSync(p, sjisList()),
  },
  {
    name: 'UTF-8 BOM over a Shift_JIS body',
    file: 'bom-sjis.csv',
    command: 'customizations',
    exit: 3,
    codes: ['BOM_MISMATCH'],
    build: (p) => writeFileSync(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sjisList()])),
  },
  {
    name: 'one stray 0xFF byte in UTF-8',
    file: 'stray.csv',
    command: 'customizations',
    exit: 3,
    codes: ['BROKEN_UTF8'],
    build: (p) =>
      writeFileSync(
        p,
        Buffer.concat([Buffer.from(`${HEAD}\n${ROW(1)}\n`), Buffer.from([0xff]), Buffer.from(`${ROW(2)}\n`)]),
      ),
  },
  {
    name: 'UTF-16 without BOM',
    file: 'utf16.csv',
    command: 'customizations',
    exit: 3,
    codes: ['UTF16_WITHOUT_BOM'],
    build: (p) => writeFileSync(p, Buffer.from(`${HEAD}\n${ROW(1)}\n`, 'utf16le')),
  },
  {
    name: 'NUL bytes',
    file: 'nul.csv',
    command: 'customizations',
    exit: 3,
    codes: ['NUL_IN_TEXT'],
    build: (p) => writeFileSync(p, `${HEAD}\n${ROW(1)}\u0000\n`),
  },
  {
    name: 'CESU-8 surrogates',
    file: 'cesu.csv',
    command: 'customizations',
    exit: 3,
    codes: ['CESU8'],
    build: (p) =>
      writeFileSync(
        p,
        Buffer.concat([
          Buffer.from(`${HEAD}\n${ROW(1)}`),
          Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80, 0x0a]),
        ]),
      ),
  },
  {
    name: 'unterminated quote',
    file: 'quote.csv',
    command: 'customizations',
    exit: 3,
    codes: ['BROKEN_CSV'],
    build: (p) => writeFileSync(p, `${HEAD}\n${ROW(1)}\nC-2,"住民情報システム,住民記録,x,y\n`),
  },
  {
    name: 'control characters and a bidi override (accepted, warned)',
    file: 'control.csv',
    command: 'customizations',
    exit: 0,
    build: (p) =>
      writeFileSync(p, `${HEAD}\nC-1,住民情報システム,住民記録,\u001b[2J消去\u0007,\u202e反転\u007f\n`),
  },
  {
    name: '40,000-character cells and formula payloads (accepted as text)',
    file: 'long.csv',
    command: 'customizations',
    exit: 0,
    build: (p) =>
      writeFileSync(
        p,
        [
          HEAD,
          `C-1,住民情報システム,住民記録,長い名称,${'長'.repeat(40_000)}`,
          ...['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '＝１＋１'].map(
            (f, i) => `C-F${i},住民情報システム,住民記録,"${f}",式`,
          ),
        ].join('\n'),
      ),
  },
  {
    name: '1,000,000 rows',
    file: 'million.csv',
    command: 'customizations',
    exit: 3,
    codes: ['TOO_MANY_ROWS'],
    build: (p) => writeFileSync(p, [HEAD, ...Array.from({length: 1_000_000}, (_, i) => ROW(i))].join('\n')),
  },
  {
    name: '99,999 invalid rows (issue report capped at 1,000)',
    file: 'invalid.csv',
    command: 'customizations',
    exit: 3,
    codes: ['INVALID_DATA'],
    build: (p) =>
      writeFileSync(
        p,
        [HEAD, ...Array.from({length: 99_999}, (_, i) => `C-${i},ないシステム${i},住民記録,x,y`)].join('\n'),
      ),
  },
  {
    name: '1,000 rows with a 30,000-character system name (messages cut, no did-you-mean)',
    file: 'long-names.csv',
    command: 'customizations',
    exit: 3,
    codes: ['INVALID_DATA'],
    build: (p) => {
      const long = '住'.repeat(30_000)
      const fd = openSync(p, 'w')
      writeSync(fd, `${HEAD}\n`)
      for (let i = 0; i < 1000; i++) writeSync(fd, `C-${i},${long}${i},住民記録,x,y\n`)
      closeSync(fd)
    },
  },
  {
    name: '600 MB CSV',
    file: 'huge.csv',
    command: 'customizations',
    exit: 3,
    codes: ['FILE_TOO_LARGE'],
    build: (p) => sparse(p, 600 * 1000 * 1000),
  },
  // ---- spec XML
  ...(
    [
      ['DOCTYPE', '<!DOCTYPE standardSpec>', 'DOCTYPE_NOT_ALLOWED'],
      [
        'billion laughs',
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
        'DOCTYPE_NOT_ALLOWED',
      ],
      ['external entity', '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 'DOCTYPE_NOT_ALLOWED'],
      [
        'parameter entity',
        '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]>',
        'DOCTYPE_NOT_ALLOWED',
      ],
    ] as const
  ).map(([name, doctype, code]): ProbeCase => ({
    name: `XML: ${name}`,
    file: `${name.replace(/\s/g, '-')}.xml`,
    command: 'specs',
    exit: 3,
    codes: [code],
    build: (p) => writeFileSync(p, spec('x').replace(SPEC_HEAD, `${SPEC_HEAD}${doctype}\n`)),
  })),
  {
    name: 'XML: UTF-16 with a DOCTYPE',
    file: 'utf16-doctype.xml',
    command: 'specs',
    exit: 3,
    codes: ['DOCTYPE_NOT_ALLOWED'],
    build: (p) =>
      writeFileSync(
        p,
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(
            spec('x').replace(
              SPEC_HEAD,
              '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n',
            ),
            'utf16le',
          ),
        ]),
      ),
  },
  ...(
    [
      ['undefined entity', '&nbsp;', 'UNDEFINED_ENTITY'],
      ['reference to NUL', '&#0;', 'BAD_CHARACTER_REFERENCE'],
      ['reference to a lone surrogate', '&#xDC00;', 'BAD_CHARACTER_REFERENCE'],
      ['reference beyond U+10FFFF', '&#x110000;', 'BAD_CHARACTER_REFERENCE'],
      ['bidi override references', '&#x202E;&#x2066;', 'BAD_CHARACTER_REFERENCE'],
      ['2 million references', '&#x3042;'.repeat(2_000_000), 'TOO_MANY_REFERENCES'],
      ['mismatched tags', '</nam>', 'MALFORMED_XML'],
      ['__proto__ tag', '<__proto__>x</__proto__>', 'MALFORMED_XML'],
      // Parsed without touching prototypes; the element then holds no text where one is required.
      ['constructor attribute', '<b constructor="x" __proto__="y">x</b>', ['MALFORMED_XML', 'MISSING_TEXT']],
      ['100,000-deep nesting (closed)', `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`, 'MALFORMED_XML'],
      ['100,000-deep nesting (unclosed)', '<a>'.repeat(100_000), 'MALFORMED_XML'],
    ] as const
  ).map(([name, body, code]): ProbeCase => ({
    name: `XML: ${name}`,
    file: `${name.replace(/[^\w]+/g, '-')}.xml`,
    command: 'specs',
    exit: 3,
    codes: typeof code === 'string' ? [code] : [...code],
    build: (p) => writeFileSync(p, spec(body)),
  })),
  {
    name: 'XML: declared Shift_JIS, written in UTF-8 (mislabelled)',
    file: 'mislabelled.xml',
    command: 'specs',
    exit: 3,
    codes: ['INVALID_ENCODING'],
    build: (p) =>
      writeFileSync(
        p,
        spec('住民記録の登録ができること').replace('encoding="UTF-8"', 'encoding="Shift_JIS"'),
      ),
  },
  {
    name: 'XML: 60 MB',
    file: 'big.xml',
    command: 'specs',
    exit: 3,
    codes: ['FILE_TOO_LARGE'],
    build: (p) => writeFileSync(p, spec('あ'.repeat(20 * MiB))),
  },
]

/** A two-row customization list in CP932 (Shift_JIS without BOM). */
function sjisList(): Buffer {
  // 管理番号,システム名,業務,カスタマイズ名,概要 / C-1,住民情報システム,住民記録,独自帳票,案内 encoded by a CP932 table.
  const enc = new Map<string, number[]>()
  const dec = new TextDecoder('shift_jis')
  for (const a of [
    ...Array.from({length: 0x1f}, (_, i) => 0x81 + i),
    ...Array.from({length: 0x1d}, (_, i) => 0xe0 + i),
  ])
    for (let b = 0x40; b <= 0xfc; b++) {
      const ch = dec.decode(Uint8Array.of(a, b))
      if (ch.length === 1 && !enc.has(ch)) enc.set(ch, [a, b])
    }
  const text = `${HEAD}\r\nC-1,住民情報システム,住民記録,独自帳票,案内\r\n`
  const out: number[] = []
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    if (cp < 0x80) out.push(cp)
    else out.push(...(enc.get(ch) ?? [0x81, 0x48]))
  }
  return Buffer.from(out)
}

export function casePath(dir: string, c: ProbeCase): string {
  return join(dir, c.file)
}
