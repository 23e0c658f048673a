import Papa from 'papaparse';
import type { Delimiter, Encoding } from '../../../shared/api/audience';
import { escapeFormula } from './formula-escape';

/**
 * The one CSV writer: every file we write as CSV (delivery reports, the opt-out list, the rows to
 * fix) goes through here, so every cell, headers included, gets the same formula rule and the
 * same quoting (papaparse's unparse; a tab is quoted too, so no reader takes it for a separator).
 */
export type CsvCell = string | number;

export interface CsvFormat {
  delimiter: Delimiter;
  encoding: Encoding;
}

/** What Excel opens right on every system: comma, UTF-8 with a byte-order mark. */
export const EXCEL_CSV: CsvFormat = { delimiter: ',', encoding: 'utf-8' };

const quoteTab = (value: unknown): boolean => typeof value === 'string' && value.includes('\t');

/** Rows as CSV text, CRLF after each, every text cell formula-escaped. */
export function csvText(rows: readonly (readonly CsvCell[])[], delimiter: Delimiter = ','): string {
  if (rows.length === 0) return '';
  const cells = rows.map((r) =>
    r.map((c) => (typeof c === 'number' ? String(c) : escapeFormula(c))),
  );
  return (
    Papa.unparse(cells, {
      delimiter,
      newline: '\r\n',
      header: false,
      quotes: quoteTab,
      escapeFormulae: false,
    }) + '\r\n'
  );
}

// Windows-1252's 0x80–0x9F block; the five holes (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to the
// C1 control of the same number, so they encode back to it.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const CP1252 = new Map<number, number>(
  [...CP1252_HIGH].map((ch, i) => [ch.codePointAt(0)!, 0x80 + i]),
);

/**
 * Text in the file's encoding, with its byte-order mark where that encoding uses one (UTF-8 for
 * Excel's sake, UTF-16 so readers know the byte order; Windows-1252 has none). A character
 * Windows-1252 cannot hold becomes "?": only our own words can contain one, since the cells came
 * from a Windows-1252 file in the first place.
 */
export function encodeCsv(text: string, encoding: Encoding, withBom: boolean): Buffer {
  const t = withBom && encoding !== 'windows-1252' ? `\uFEFF${text}` : text;
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(t, 'utf8');
    case 'utf-16le':
      return Buffer.from(t, 'utf16le');
    case 'utf-16be':
      return Buffer.from(t, 'utf16le').swap16();
    case 'windows-1252': {
      const out = Buffer.alloc(t.length);
      let n = 0;
      for (const ch of t) {
        const code = ch.codePointAt(0)!;
        out[n++] =
          code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : (CP1252.get(code) ?? 0x3f);
      }
      return out.subarray(0, n);
    }
  }
}
