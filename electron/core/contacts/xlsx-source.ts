import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ImportCancelled } from './csv-source';
import { checkXlsxLimits, XLSX_LIMITS, XlsxError } from './xlsx-limits';

/** The text a person sees in a cell, as a string, without Excel's display rounding. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    // Phone numbers stored as numbers must come back with every digit, never as 4.479E+11.
    return Number.isInteger(value) && Math.abs(value) < 1e21
      ? BigInt(value).toString()
      : String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date)
    return value
      .toISOString()
      .slice(0, value.getUTCHours() || value.getUTCMinutes() ? 16 : 10)
      .replace('T', ' ');
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      error?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return v.error;
  }
  return JSON.stringify(value) ?? '';
}

export interface XlsxStreamOptions {
  onRecord: (cells: string[], rowNumber: number) => void;
  onProgress: (bytesRead: number) => void;
  isCancelled: () => boolean;
  maxRows?: number;
}

// Defined beside the limits, which throw it first (one import direction: source → limits).
export { XlsxError } from './xlsx-limits';

/**
 * Streams the first worksheet row by row (exceljs' streaming reader: the sheet is never held
 * in memory whole). Row numbers are the sheet's own, so gaps (empty rows) stay visible.
 */
export async function streamXlsx(
  path: string,
  options: XlsxStreamOptions,
): Promise<{ size: number }> {
  const { size } = await stat(path);
  // Before exceljs, which trusts the file: a bomb is refused here, with the limit it passed.
  await checkXlsxLimits(path, XLSX_LIMITS, options.isCancelled);
  // Loaded on first use: exceljs takes ~0.2–0.4 s and ~30 MB to load, which CSV imports never need.
  const { default: ExcelJS } = await import('exceljs');
  let bytesRead = 0;
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  input.on('data', (chunk) => (bytesRead += chunk.length));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles are needed to tell a date (a number with a date format) from a plain number.
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let rows = 0;
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const r = row;
        const values = r.values as unknown[];
        const cells: string[] = [];
        // row.values is 1-based and sparse.
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        options.onRecord(cells, r.number);
        rows++;
        if (rows % 2000 === 0) {
          options.onProgress(bytesRead);
          if (options.isCancelled()) throw new ImportCancelled();
        }
        if (options.maxRows !== undefined && rows >= options.maxRows) break;
      }
      break; // first worksheet only
    }
  } catch (e) {
    if (e instanceof ImportCancelled) throw e;
    if (e instanceof XlsxError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new XlsxError(
      `This Excel file could not be read (${message}). Open it in Excel, save it again as .xlsx, and retry.`,
    );
  } finally {
    input.destroy();
  }
  options.onProgress(bytesRead);
  return { size };
}

export async function isZipFile(path: string): Promise<boolean> {
  const { readHead } = await import('./csv-source');
  const { head } = await readHead(path, 4);
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}
