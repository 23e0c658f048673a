import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { zip } from './zip';

/**
 * Hostile files for the import, shared by the tests (tests/integration/import/hostile.test.ts,
 * memory-cap.test.ts) and the figures' bench (tests/bench/hostile-files.ts), so both feed the
 * import the same bytes.
 */

const ONE_CELL_SHEET =
  '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>';

/** A workbook whose shared strings are `stringsXml`: a bomb when that is large and repetitive. */
export function sharedStringsBomb(stringsXml: Buffer, declaredSize = 1000): Buffer {
  return zip([
    { name: 'xl/sharedStrings.xml', data: stringsXml, declaredSize },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(ONE_CELL_SHEET) },
  ]);
}

/** `<si><t>a</t></si>` repeated to `bytes`: packs ~400 times (64 MB into ~160 KB). */
export const repeatedSharedStrings = (bytes: number): Buffer =>
  Buffer.alloc(bytes, '<si><t>a</t></si>');

/**
 * A workbook of `count` distinct shared strings that passes every byte limit (it packs only ~6
 * times) but that exceljs holds in memory whole: a file that needs memory, not a bomb. A header
 * row (phone) and one customer, so a large enough cap imports it.
 */
export function manyDistinctStrings(count: number): Buffer {
  const parts = ['<?xml version="1.0"?><sst><si><t>phone</t></si>'];
  for (let i = 1; i < count; i++) parts.push(`<si><t>Customer ${i * 7919} note ${i}</t></si>`);
  parts.push('</sst>');
  const sheet =
    '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>' +
    '<row r="2"><c r="A2"><v>447911000001</v></c></row></sheetData></worksheet>';
  return zip(
    [
      { name: 'xl/sharedStrings.xml', data: Buffer.from(parts.join('')) },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) },
    ],
    1,
  );
}

/** A CSV whose third row opens a quote and never closes it: one cell of `cellBytes` bytes. */
export async function endlessCellCsv(path: string, cellBytes: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('phone,note\n+447911000001,ok\n+447911000002,"');
  const block = Buffer.alloc(1 << 20, 'a');
  for (let left = cellBytes; left > 0; left -= block.length)
    if (!out.write(left >= block.length ? block : block.subarray(0, left)))
      await once(out, 'drain');
  out.end('"\n');
  await once(out, 'finish');
}

/** Three customers, the second with a NUL byte in their name. */
export const nulByteCsv = (): Buffer =>
  Buffer.from('phone,name\n+447911000001,Ann\n+447911000002,B\u0000b\n+447911000003,Cy\n');

/** A real workbook (written by exceljs) with one cell of `chars` characters: Excel allows 32,767. */
export async function longCellXlsx(path: string, chars: number): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S');
  ws.addRow(['phone', 'note']);
  ws.addRow(['+447911000001', 'x'.repeat(chars)]);
  await wb.xlsx.writeFile(path);
}

/** UTF-8 for 100,000 bytes, then a Windows-1252 'é' (0xE9) that is not UTF-8: late, malformed. */
export function lateInvalidUtf8Csv(): Buffer {
  const rows: string[] = ['phone,name'];
  for (let i = 0; rows.join('\n').length < 100_000; i++)
    rows.push(`+4479110${String(i).padStart(5, '0')},Zoë ${i}`);
  return Buffer.concat([
    Buffer.from(rows.join('\n') + '\n'),
    Buffer.from('+447911099999,Ren'),
    Buffer.from([0xe9]),
    Buffer.from('\n'),
  ]);
}

/** UTF-16 LE by its BOM, with an odd byte count and a lone surrogate: not valid UTF-16. */
export function brokenUtf16Csv(): Buffer {
  const text = Buffer.from('phone\tname\r\n+447911000001\tAnn\r\n+447911000002\tB', 'utf16le');
  return Buffer.concat([Buffer.from([0xff, 0xfe]), text, Buffer.from([0x00, 0xd8, 0x41])]);
}
