import { basename } from 'node:path';
import { normalizePhone } from '../../../shared/domain/phone';
import { sampleCsv, looksBinary, streamCsv, type Delimiter } from './csv-source';
import { type Encoding } from './decode';
import { numberedColumns, uniqueColumns, isBlankRow } from './headers';
import type { FileFormat, PhoneCheck, PreviewResult, ReadOptions } from './jobs';
import { guessPhoneColumn } from './phone-column';
import { presetPhoneColumn, recogniseExport, type RecognisedExport } from './presets';
import { ImportInputError } from './sink';
import { isZipFile, streamXlsx } from './xlsx-source';

export async function detectFormat(path: string): Promise<FileFormat> {
  if (await isZipFile(path)) return 'xlsx';
  if (/\.xls$/i.test(path)) {
    throw new ImportInputError(
      'Old Excel .xls files are not supported. In Excel choose File › Save As › Excel Workbook (.xlsx) or CSV UTF-8.',
    );
  }
  return 'csv';
}

export function notEmpty(size: number, fileName: string) {
  if (size === 0) throw new ImportInputError(`"${fileName}" is empty.`);
}

/** A header row is assumed unless the first row already holds a phone number. */
function guessHasHeader(first: readonly string[] | undefined, country: string | null): boolean {
  if (!first) return true;
  return !first.some((c) => normalizePhone(c, country).ok);
}

export interface RecordSource {
  format: FileFormat;
  encoding: Encoding | null;
  delimiter: Delimiter | null;
  bomLength: number;
  size: number;
}

/** Reads the first rows: enough to show a preview and guess the phone column. */
export async function previewFile(
  path: string,
  fileName: string,
  options: ReadOptions,
): Promise<PreviewResult & { source: RecordSource }> {
  const format = await detectFormat(path);
  const country = options.defaultCountry ?? null;
  let records: string[][] = [];
  let source: RecordSource;
  if (format === 'csv') {
    const sample = await sampleCsv(path, {
      maxRows: 21,
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    });
    notEmpty(sample.size, fileName);
    if (looksBinary(sample.text)) {
      throw new ImportInputError(
        `"${fileName}" is not a text or Excel file. Export your customer list as CSV or .xlsx and try again.`,
      );
    }
    records = sample.rows;
    source = {
      format,
      encoding: sample.encoding,
      delimiter: sample.delimiter,
      bomLength: sample.bomLength,
      size: sample.size,
    };
  } else {
    const { size } = await streamXlsx(path, {
      onRecord: (cells) => records.push(cells),
      onProgress: () => undefined,
      isCancelled: () => false,
      maxRows: 21,
    });
    source = { format, encoding: null, delimiter: null, bomLength: 0, size };
  }
  records = records.filter((r) => !isBlankRow(r));
  if (records.length === 0) throw new ImportInputError(`"${fileName}" has no rows.`);

  const hasHeader = options.hasHeader ?? guessHasHeader(records[0], country);
  const columns = hasHeader
    ? uniqueColumns(records[0]!)
    : { names: numberedColumns(Math.max(...records.map((r) => r.length))), renamed: [] };
  const rows = (hasHeader ? records.slice(1) : records).slice(0, 20);
  if (hasHeader && rows.length === 0) {
    throw new ImportInputError(`"${fileName}" has a header row but no customers under it.`);
  }
  if (options.phoneColumn && !columns.names.includes(options.phoneColumn)) {
    throw new ImportInputError(
      `This file has no column named "${options.phoneColumn}". Its columns are: ${columns.names.join(', ')}.`,
    );
  }
  const recognised = hasHeader ? recogniseExport(columns.names) : undefined;
  const phoneColumn =
    options.phoneColumn ??
    (recognised && presetPhoneColumn(recognised, columns.names, rows, country)) ??
    guessPhoneColumn(columns.names, rows, country) ??
    null;
  const fallbackPhoneColumn = chooseFallback(options, columns.names, phoneColumn, recognised);
  const index = phoneColumn ? columns.names.indexOf(phoneColumn) : -1;
  const second = fallbackPhoneColumn ? columns.names.indexOf(fallbackPhoneColumn) : -1;
  const phones: PhoneCheck[] = rows.map((r) => {
    if (index < 0) return { ok: false, reason: 'No phone column chosen.' };
    const first = normalizePhone(r[index] ?? '', country);
    const p = first.ok || second < 0 ? first : normalizePhone(r[second] ?? '', country);
    return p.ok
      ? { ok: true, e164: p.e164, nonMobile: p.nonMobile }
      : { ok: false, reason: p.reason };
  });
  return {
    fileName: fileName || basename(path),
    format,
    size: source.size,
    encoding: source.encoding,
    delimiter: source.delimiter,
    hasHeader,
    columns: columns.names,
    renamedColumns: columns.renamed.map(({ from, to }) => ({ from, to })),
    rows,
    phoneColumn,
    fallbackPhoneColumn,
    ...(recognised ? { preset: recognised.preset } : {}),
    defaultCountry: country,
    phones,
    source,
  };
}

/**
 * The column read when a row's phone cell is empty or invalid: the one the user chose, none when
 * they chose none, else a recognised export's next phone column (as the Customers import does).
 */
function chooseFallback(
  options: ReadOptions,
  names: readonly string[],
  phoneColumn: string | null,
  recognised: RecognisedExport | undefined,
): string | null {
  const wanted = options.fallbackPhoneColumn;
  if (wanted === null) return null;
  if (wanted !== undefined) {
    if (!names.includes(wanted))
      throw new ImportInputError(
        `This file has no column named "${wanted}" to use when the phone cell is empty. Its columns are: ${names.join(', ')}.`,
      );
    // The same column twice would only read the same bad cell again.
    return wanted === phoneColumn ? null : wanted;
  }
  return recognised?.phoneColumns.find((c) => c !== phoneColumn) ?? null;
}

export interface StreamRecordsOptions {
  onRecord: (cells: string[], rowNumber: number) => void;
  onProgress: (bytesRead: number) => void;
  isCancelled: () => boolean;
  faultAfterBytes?: number;
}

/** Streams every record of the file; rejects with EncodingError if UTF-8 turns out invalid. */
export async function streamRecords(
  path: string,
  source: RecordSource,
  options: StreamRecordsOptions,
): Promise<void> {
  if (source.format === 'xlsx') {
    await streamXlsx(path, options);
    return;
  }
  await streamCsv(path, {
    encoding: source.encoding ?? 'utf-8',
    bomLength: source.bomLength,
    delimiter: source.delimiter ?? ',',
    onRecord: options.onRecord,
    onProgress: options.onProgress,
    isCancelled: options.isCancelled,
    ...(options.faultAfterBytes !== undefined ? { faultAfterBytes: options.faultAfterBytes } : {}),
  });
}
