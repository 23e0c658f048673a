import { createReadStream, type ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { createDecoder, detectEncoding, EncodingError, type Encoding } from './decode';

import { DELIMITERS, type Delimiter } from '../../../shared/api/audience';

export type { Delimiter };

export interface CsvSample {
  encoding: Encoding;
  bomLength: number;
  delimiter: Delimiter;
  /** The first records, for the preview (an incomplete last record is dropped). */
  rows: string[][];
  /** True when the sample is the whole file. */
  complete: boolean;
}

const SAMPLE_BYTES = 64 * 1024;

export async function readHead(
  path: string,
  bytes = SAMPLE_BYTES,
): Promise<{ head: Buffer; size: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(bytes, size));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return { head: head.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}

/**
 * A binary file shows many NUL bytes or control characters where text would not. A stray NUL in
 * a text file is one row's problem (the sink reports that row), not a reason to refuse the file.
 */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.length === 0) return false;
  let control = 0;
  let nul = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) nul++;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  return (nul >= 16 && nul / sample.length > 0.01) || control / sample.length > 0.05;
}

/** Characters one CSV row may hold: far above any real row, far below what parses slowly. */
export const MAX_ROW_CHARS = 1024 * 1024;

export class CsvLimitError extends Error {}

/**
 * Follows quoting over the decoded text to know how long the current row is, and refuses a row
 * past MAX_ROW_CHARS. papaparse re-reads a row that spans its chunks from the row's start, so one
 * endless cell (a quote never closed) made parsing quadratic: 64 MB took 23 s. Linear: each
 * character is passed once by indexOf.
 */
export function rowLengthGuard(maxChars: number, rowNow: () => number) {
  let inQuotes = false;
  let rowChars = 0;
  return (text: string) => {
    let i = 0;
    let quote = text.indexOf('"');
    let newline = text.indexOf('\n');
    while (i < text.length) {
      if (quote >= 0 && quote < i) quote = text.indexOf('"', i);
      if (newline >= 0 && newline < i) newline = text.indexOf('\n', i);
      const next = inQuotes
        ? quote
        : newline >= 0 && (quote < 0 || newline < quote)
          ? newline
          : quote;
      const end = next < 0 ? text.length : next + 1;
      rowChars += end - i;
      if (rowChars > maxChars)
        throw new CsvLimitError(
          `Row ${rowNow() + 1} is longer than ${maxChars.toLocaleString('en')} characters, the most a row may hold. ` +
            'Often a quote (") that is never closed turns the rest of the file into one cell. Nothing was imported.',
        );
      if (next >= 0) {
        if (next === quote) inQuotes = !inQuotes;
        else rowChars = 0;
      }
      i = end;
    }
  };
}

export function sniffDelimiter(text: string): Delimiter {
  // skipEmptyLines: Papa's guess counts the empty line after a final newline as a row of one field, so
  // every two-column ";" file (European Excel) was read as one "," column.
  const guessed = Papa.parse<string[]>(text, {
    preview: 50,
    delimitersToGuess: [...DELIMITERS],
    skipEmptyLines: true,
  }).meta.delimiter;
  return (DELIMITERS as readonly string[]).includes(guessed) ? (guessed as Delimiter) : ',';
}

/** Detects encoding and delimiter from the first 64 KB and parses the first records. */
export async function sampleCsv(
  path: string,
  options: { encoding?: Encoding; delimiter?: Delimiter; maxRows?: number } = {},
): Promise<CsvSample & { text: string; size: number }> {
  const { head, size } = await readHead(path);
  const complete = head.length >= size;
  const detected = detectEncoding(head, complete);
  const encoding = options.encoding ?? detected.encoding;
  const bomLength =
    options.encoding && options.encoding !== detected.encoding ? 0 : detected.bomLength;
  const decoder = createDecoder(encoding);
  let text: string;
  try {
    text = decoder.write(head.subarray(bomLength)) + (complete ? decoder.end() : '');
  } catch (e) {
    if (!(e instanceof EncodingError)) throw e;
    text = createDecoder('windows-1252').write(head.subarray(bomLength));
  }
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  const parsed = Papa.parse<string[]>(text, {
    delimiter,
    preview: (options.maxRows ?? 20) + 1,
    skipEmptyLines: false,
  });
  let rows = parsed.data;
  // A sample cut mid-file may end inside a record: drop it rather than show half a row.
  if (!complete && rows.length > (options.maxRows ?? 20))
    rows = rows.slice(0, options.maxRows ?? 20);
  else if (!complete) rows = rows.slice(0, -1);
  return { encoding, bomLength, delimiter, rows, complete, text, size };
}

export interface StreamOptions {
  encoding: Encoding;
  bomLength: number;
  delimiter: Delimiter;
  /** Called synchronously for each parsed record, in order; record numbers start at 1. */
  onRecord: (cells: string[], recordNumber: number) => void;
  /** Called after each chunk with the bytes read so far. */
  onProgress: (bytesRead: number) => void;
  isCancelled: () => boolean;
  /** Test hook: fail the read after this many bytes, like a file vanishing mid-import. */
  faultAfterBytes?: number;
  /** Defaults to MAX_ROW_CHARS. */
  maxRowChars?: number;
}

export class ImportCancelled extends Error {
  constructor() {
    super('Import cancelled.');
    this.name = 'ImportCancelled';
  }
}

/**
 * Streams the file through the decoder into papaparse. Each chunk is processed synchronously
 * inside papaparse's callback, which is the backpressure: the next read starts only after
 * the rows of this one are written.
 */
export function streamCsv(path: string, options: StreamOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let bytesRead = options.bomLength;
    let record = 0;
    let failure: unknown;
    // 64 KiB reads (Node's default): each chunk's rows die young, so the worker's heap stays
    // small. 1 MiB reads held ~11,000 rows at once and peaked ~120 MB higher, no faster (tests/bench).
    const raw: ReadStream = createReadStream(path, {
      start: options.bomLength,
      highWaterMark: 1 << 16,
    });
    const decoder = createDecoder(options.encoding);
    const guard = rowLengthGuard(options.maxRowChars ?? MAX_ROW_CHARS, () => record);
    async function* decode() {
      for await (const chunk of raw) {
        bytesRead += (chunk as Buffer).length;
        if (options.faultAfterBytes !== undefined && bytesRead > options.faultAfterBytes) {
          throw Object.assign(
            new Error('The file could not be read any further (it was moved, deleted or locked).'),
            { code: 'EIO' },
          );
        }
        const text = decoder.write(chunk as Buffer);
        if (text) {
          guard(text);
          yield text;
        }
      }
      const tail = decoder.end();
      if (tail) {
        guard(tail);
        yield tail;
      }
    }
    const text = Readable.from(decode());
    text.on('error', (e) => {
      failure = e;
    });
    Papa.parse<string[]>(text as unknown as File, {
      delimiter: options.delimiter,
      skipEmptyLines: false,
      chunk(results, parser) {
        try {
          for (const row of results.data) options.onRecord(row, ++record);
          options.onProgress(bytesRead);
          if (options.isCancelled()) {
            failure = new ImportCancelled();
            parser.abort();
          }
        } catch (e) {
          failure = e;
          parser.abort();
        }
      },
      complete() {
        raw.destroy();
        if (failure)
          reject(failure instanceof Error ? failure : new Error('The file could not be read.'));
        else resolve();
      },
      error(e) {
        raw.destroy();
        reject(failure instanceof Error ? failure : e);
      },
    });
  });
}
