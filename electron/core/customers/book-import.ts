import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { BookImportResult, ExportPreset, InvalidRow } from '../../../shared/api';
import { normalizePhone } from '../../../shared/domain/phone';
import { suggestCountry } from '../../../shared/domain/phone-country';
import { CHUNK_ROWS } from '../contacts/batch/import-batch';
import { EncodingError } from '../contacts/decode';
import { isBlankRow, numberedColumns, uniqueColumns } from '../contacts/headers';
import type { ReadOptions } from '../contacts/jobs';
import { previewFile, streamRecords, type RecordSource } from '../contacts/read-file';
import { marketingAnswer, recogniseExport } from '../contacts/presets';
import { ImportInputError } from '../contacts/sink';
import { writeTransaction } from '../db/tx';
import { fileMarketingWords } from './consent';
import { CustomerUpserter, importEvidence } from './upsert';

export interface BookImportTask {
  kind: 'book';
  path: string;
  fileName: string;
  options: ReadOptions;
  dbPath: string;
  nativeBinding?: string;
  now: number;
}

const MAX_LISTED = 100;
/**
 * Phone cells looked at for "these look like French numbers": as many as an audience preview
 * shows, so both imports suggest alike; suggestCountry tries every country on each invalid one.
 */
const SUGGESTION_SAMPLE = 100;
const PROGRESS_EVERY_MS = 200;

type Counts = Omit<
  BookImportResult,
  | 'fileName'
  | 'encoding'
  | 'delimiter'
  | 'phoneColumn'
  | 'columns'
  | 'durationMs'
  | 'preset'
  | 'phoneFallbacks'
>;

/**
 * A file into the customer book, in the import worker: the audience import's readers and phone
 * rules, written in chunks of short IMMEDIATE transactions (other writers go between them). The
 * book has no staging: each chunk is final, so a cancelled import keeps the rows written so far.
 * A file whose first 64 KB looked like UTF-8 resumes as Windows-1252 after the last written row.
 */
export async function importIntoBook(
  db: SqliteDatabase,
  t: BookImportTask,
  hooks: {
    isCancelled: () => boolean;
    onProgress: (p: { rows: number; bytes: number; totalBytes: number }) => void;
  },
): Promise<BookImportResult> {
  const started = Date.now();
  const preview = await previewFile(t.path, t.fileName, t.options);
  const phoneColumn = preview.phoneColumn;
  if (!phoneColumn)
    throw new ImportInputError(
      'No column looks like phone numbers. Choose the phone column and import again.',
    );
  const reader = new BookRows(
    db,
    t,
    preview.hasHeader,
    phoneColumn,
    preview.defaultCountry,
    preview,
  );
  let source: RecordSource = preview.source;
  for (;;) {
    let lastProgress = 0;
    try {
      await streamRecords(t.path, source, {
        onRecord: (cells, n) => reader.add(cells, n),
        onProgress: (bytes) => {
          // Between reads of the file: no transaction is ever open across an await.
          reader.commit();
          const now = Date.now();
          if (now - lastProgress < PROGRESS_EVERY_MS) return;
          lastProgress = now;
          hooks.onProgress({ rows: reader.counts.rows, bytes, totalBytes: source.size });
        },
        isCancelled: hooks.isCancelled,
      });
      reader.commit();
      break;
    } catch (e) {
      if (e instanceof EncodingError && source.encoding === 'utf-8' && !t.options.encoding) {
        reader.resumeAfterCommitted();
        source = { ...source, encoding: 'windows-1252', bomLength: 0 };
        continue;
      }
      throw e;
    }
  }
  if (reader.counts.rows === 0)
    throw new ImportInputError(`"${preview.fileName}" has no customer rows.`);
  const suggestion =
    reader.counts.invalid > 0 ? suggestCountry(reader.phoneSample, preview.defaultCountry) : null;
  return {
    fileName: preview.fileName,
    encoding: source.encoding,
    delimiter: source.delimiter,
    phoneColumn,
    columns: reader.columns,
    ...(preview.preset ? { preset: preview.preset } : {}),
    ...reader.counts,
    phoneFallbacks: [...reader.fallbackRows].map(([column, rows]) => ({ column, rows })),
    ...(suggestion ? { countrySuggestion: suggestion } : {}),
    new: reader.upserter.counts.new,
    updated: reader.upserter.counts.updated,
    unchanged: reader.upserter.counts.unchanged,
    durationMs: Date.now() - started,
  };
}

/** Rows of one file: header, phone rules, duplicates, rejects; written a chunk at a time. */
class BookRows {
  columns: string[] = [];
  readonly counts: Counts;
  readonly upserter: CustomerUpserter;
  private phoneIndex = -1;
  /** Other phone columns of a recognised export, tried in order when a row's own is unusable. */
  private fallbackIndexes: number[] = [];
  readonly fallbackRows = new Map<string, number>();
  /** The first rows' phone cells, as written (see SUGGESTION_SAMPLE). */
  readonly phoneSample: string[] = [];
  private marketingIndex = -1;
  private haveColumns = false;
  private pendingBlank = 0;
  private buffered: [string[], number][] = [];
  private committedRow = 0;
  private skipThrough = 0;
  private readonly seen = new Set<string>();
  private readonly suppressed: Set<string>;
  private readonly write: () => void;

  constructor(
    db: SqliteDatabase,
    t: BookImportTask,
    private readonly hasHeader: boolean,
    private readonly phoneColumn: string,
    private readonly country: string | null,
    preview: { preset?: ExportPreset },
  ) {
    this.counts = {
      rows: 0,
      new: 0,
      updated: 0,
      unchanged: 0,
      duplicates: 0,
      invalid: 0,
      missingPhone: 0,
      optedOut: 0,
      blankRows: 0,
      invalidRows: [] as InvalidRow[],
      declinedMarketing: 0,
    };
    const preset = preview.preset;
    this.upserter = new CustomerUpserter(
      db,
      importEvidence(t.fileName, t.now),
      t.now,
      preset ? fileMarketingWords(preset.label, t.fileName, t.now) : undefined,
    );
    this.suppressed = new Set(
      db.prepare('SELECT phone FROM suppression').pluck().all() as string[],
    );
    this.write = writeTransaction(db, () => {
      for (const [cells, n] of this.buffered) this.accept(cells, n);
      this.upserter.flush();
    });
  }

  add(cells: string[], rowNumber: number) {
    if (rowNumber <= this.skipThrough) return;
    this.buffered.push([cells, rowNumber]);
    if (this.buffered.length >= CHUNK_ROWS) this.commit();
  }

  commit() {
    const last = this.buffered.at(-1);
    if (!last) return;
    try {
      this.write();
      this.committedRow = last[1];
    } finally {
      this.buffered = [];
    }
  }

  /** After a decoding failure: rows up to the last commit are in the book and are not read again. */
  resumeAfterCommitted() {
    this.buffered = [];
    this.skipThrough = this.committedRow;
  }

  private accept(cells: string[], rowNumber: number) {
    if (!this.haveColumns) {
      if (isBlankRow(cells)) return;
      this.columns = this.hasHeader ? uniqueColumns(cells).names : numberedColumns(cells.length);
      this.phoneIndex = this.columns.indexOf(this.phoneColumn);
      if (this.phoneIndex < 0)
        throw new ImportInputError(
          `This file has no column named "${this.phoneColumn}". Its columns are: ${this.columns.join(', ')}.`,
        );
      this.haveColumns = true;
      if (this.hasHeader) {
        const found = recogniseExport(this.columns);
        const marketing = found?.marketingColumn;
        this.marketingIndex = marketing ? this.columns.indexOf(marketing) : -1;
        this.fallbackIndexes = (found?.phoneColumns ?? [])
          .map((c) => this.columns.indexOf(c))
          .filter((i) => i >= 0 && i !== this.phoneIndex);
        return;
      }
    }
    if (isBlankRow(cells)) {
      this.pendingBlank++;
      return;
    }
    const c = this.counts;
    c.blankRows += this.pendingBlank;
    this.pendingBlank = 0;
    c.rows++;
    const raw = cells[this.phoneIndex] ?? '';
    if (this.phoneSample.length < SUGGESTION_SAMPLE) this.phoneSample.push(raw);
    if (cells.some((x) => x.includes('\0')))
      return this.reject(rowNumber, raw.replaceAll('\0', ''), 'This row holds a NUL character.');
    let phone = normalizePhone(raw, this.country);
    if (!phone.ok) phone = this.fallback(cells) ?? phone;
    if (!phone.ok) {
      if (phone.problem === 'EMPTY') c.missingPhone++;
      else c.invalid++;
      if (c.invalidRows.length < MAX_LISTED)
        c.invalidRows.push({ row: rowNumber, value: raw.slice(0, 200), reason: phone.reason });
      return;
    }
    const repeat = this.seen.has(phone.e164);
    const marketing =
      this.marketingIndex >= 0 ? marketingAnswer(cells[this.marketingIndex]) : undefined;
    if (repeat) c.duplicates++;
    else {
      this.seen.add(phone.e164);
      if (this.suppressed.has(phone.e164)) c.optedOut++;
      if (marketing === 'declined') c.declinedMarketing++;
    }
    this.upserter.add({
      phone: phone.e164,
      country: phone.country,
      fields: this.fields(cells),
      repeat,
      ...(marketing ? { marketing } : {}),
    });
  }

  /** The first other phone column holding a valid number for this row, counted by column. */
  private fallback(cells: string[]) {
    for (const i of this.fallbackIndexes) {
      const p = normalizePhone(cells[i] ?? '', this.country);
      if (!p.ok) continue;
      const column = this.columns[i]!;
      this.fallbackRows.set(column, (this.fallbackRows.get(column) ?? 0) + 1);
      return p;
    }
    return undefined;
  }

  private fields(cells: string[]): Record<string, string> {
    const fields: Record<string, string> = {};
    const columns = this.columns;
    for (let i = 0; i < columns.length; i++)
      if (i !== this.phoneIndex) fields[columns[i]!] = cells[i] ?? '';
    // Cells beyond the header keep their own names, as the audience import does.
    for (let i = columns.length; i < cells.length; i++)
      if (cells[i] !== '') fields[`Extra ${i - columns.length + 1}`] = cells[i]!;
    return fields;
  }

  private reject(row: number, value: string, reason: string) {
    this.counts.invalid++;
    if (this.counts.invalidRows.length < MAX_LISTED)
      this.counts.invalidRows.push({ row, value: value.slice(0, 200), reason });
  }
}
