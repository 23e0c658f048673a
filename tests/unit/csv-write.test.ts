import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { decodeWindows1252 } from '../../electron/core/contacts/decode';
import { csvText, encodeCsv } from '../../electron/core/csv/write';

describe('the one CSV writer', () => {
  it('escapes every cell a spreadsheet would run, the header included, and quotes what needs it', () => {
    const text = csvText([
      ['=HYPERLINK("http://evil","x")', 'Phone', 'Note'],
      ['@SUM(1)', '+2348031234567', 'a, b\nc'],
      ['-5', '+44 20 7946 0958', 'tab\there'],
    ]);
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      [`'=HYPERLINK("http://evil","x")`, 'Phone', 'Note'],
      ["'@SUM(1)", '+2348031234567', 'a, b\nc'],
      ['-5', "'+44 20 7946 0958", 'tab\there'],
    ]);
    expect(text).toContain('"tab\there"');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(csvText([])).toBe('');
  });

  it('writes the separator it is given', () => {
    expect(csvText([['a;b', 'c']], ';')).toBe('"a;b";c\r\n');
    expect(csvText([['a', 'b']], '\t')).toBe('a\tb\r\n');
  });

  it('encodes in the original file encoding, with the byte-order mark where it belongs', () => {
    const text = 'Renée;€ 5;Œuvre\r\n';
    const w = encodeCsv(text, 'windows-1252', true);
    expect(w[0]).toBe(0x52); // no BOM in Windows-1252
    expect(decodeWindows1252(w)).toBe(text);
    expect(encodeCsv('→', 'windows-1252', false).toString('latin1')).toBe('?');
    const le = encodeCsv(text, 'utf-16le', true);
    expect([le[0], le[1]]).toEqual([0xff, 0xfe]);
    expect(new TextDecoder('utf-16le').decode(le)).toBe(text);
    const be = encodeCsv(text, 'utf-16be', true);
    expect([be[0], be[1]]).toEqual([0xfe, 0xff]);
    expect(new TextDecoder('utf-16be').decode(be)).toBe(text);
    const u8 = encodeCsv(text, 'utf-8', true);
    expect(u8.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
