import type { ImportCounts } from '../../../shared/api/audience';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { normalizePhone, type PhoneProblem } from '../../../shared/domain/phone';
import { isBlankRow, numberedColumns, uniqueColumns, type Columns } from './headers';
import { RecipientWriter, type RecipientRow } from './recipient-writer';

export interface SinkOptions {
  campaignId: number;
  importId: number;
  hasHeader: boolean;
  /** Column name; for files without a header, "Column N". */
  phoneColumn: string | null;
  /** Read when the phone cell is empty or invalid (see previewFile); null for none. */
  fallbackPhoneColumn?: string | null;
  defaultCountry: string | null;
}

/** The import's counts are the contract's, so the summary the UI shows is exactly what the sink counted. */
export type SinkCounts = ImportCounts;

export class ImportInputError extends Error {}

const MAX_LISTED_RAGGED = 100;

type SinkRow = RecipientRow & { nonMobile: boolean };

/**
 * Turns parsed rows into recipients, synchronously, inside the caller's transaction: header
 * handling, phone normalisation, deduplication (INSERT OR IGNORE on the campaign's unique
 * phone), suppression, and a kept copy of every rejected row for the "fix and re-import" CSV.
 * Recipients are written in batches: call finish() after the last row, before reading counts.
 */
export class ImportSink {
  columns: Columns | null = null;
  phoneIndex = -1;
  private fallbackIndex = -1;
  /** Rows whose number came from the fallback column. */
  fallbackRows = 0;
  readonly counts: SinkCounts = {
    rows: 0,
    imported: 0,
    duplicates: 0,
    invalid: 0,
    missingPhone: 0,
    suppressed: 0,
    nonMobile: 0,
    blankRows: 0,
    raggedRows: 0,
    raggedRowNumbers: [],
  };
  private pendingBlank = 0;
  private lastRow = 0;
  private readonly recipients: RecipientWriter<SinkRow>;
  private readonly reject: Statement<unknown[]>;
  private readonly suppressed: Set<string>;

  constructor(
    db: SqliteDatabase,
    private readonly options: SinkOptions,
  ) {
    // The import's id is its batch's: its recipients stay invisible until the import is published.
    this.recipients = new RecipientWriter(
      db,
      options.campaignId,
      (row, inserted) => this.written(row, inserted),
      options.importId,
    );
    this.reject = db.prepare<unknown[]>(
      'INSERT INTO import_rejects (import_id, row_number, raw_value, problem, reason, fields_json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // The suppression list is small next to an audience: one lookup set beats a query per row.
    this.suppressed = new Set(
      db.prepare('SELECT phone FROM suppression').pluck().all() as string[],
    );
  }

  private setColumns(columns: Columns) {
    this.columns = columns;
    const wanted = this.options.phoneColumn;
    if (wanted === null) throw new ImportInputError('Choose which column holds the phone numbers.');
    this.phoneIndex = this.columns.names.indexOf(wanted);
    if (this.phoneIndex < 0) {
      throw new ImportInputError(
        `This file has no column named "${wanted}". Its columns are: ${this.columns.names.join(', ')}.`,
      );
    }
    const second = this.options.fallbackPhoneColumn;
    this.fallbackIndex = second ? this.columns.names.indexOf(second) : -1;
  }

  /** One parsed record; rowNumber is its row as a spreadsheet shows it (header = row 1). */
  accept(cells: string[], rowNumber: number): void {
    // Excel's reader skips empty rows altogether; the gap in row numbers is how they show.
    if (this.columns && rowNumber > this.lastRow + 1)
      this.pendingBlank += rowNumber - this.lastRow - 1;
    this.lastRow = rowNumber;
    if (!this.columns) {
      if (isBlankRow(cells)) return;
      if (this.options.hasHeader) {
        this.setColumns(uniqueColumns(cells));
        return;
      }
      this.setColumns({ names: numberedColumns(cells.length), renamed: [] });
    }
    if (isBlankRow(cells)) {
      // Counted only once a data row follows, so a file's trailing newlines are not "blank rows".
      this.pendingBlank++;
      return;
    }
    const columns = this.columns!.names;
    const counts = this.counts;
    counts.blankRows += this.pendingBlank;
    this.pendingBlank = 0;
    counts.rows++;
    if (cells.length !== columns.length) {
      counts.raggedRows++;
      if (counts.raggedRowNumbers.length < MAX_LISTED_RAGGED)
        counts.raggedRowNumbers.push(rowNumber);
    }
    const fields: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) fields[columns[i]!] = cells[i] ?? '';
    // Cells beyond the header are kept under their own names rather than dropped.
    for (let i = columns.length; i < cells.length; i++)
      if (cells[i] !== '') fields[`Extra ${i - columns.length + 1}`] = cells[i]!;
    const fieldsJson = JSON.stringify(fields);

    const raw = cells[this.phoneIndex] ?? '';
    if (cells.some((c) => c.includes('\0'))) {
      counts.invalid++;
      this.rejectRow(
        rowNumber,
        raw.replaceAll('\0', ''),
        'CONTROL_CHARACTER',
        'This row holds a NUL character (an invisible control byte a broken export leaves). Remove it and import the row again.',
        fieldsJson,
      );
      return;
    }
    let phone = normalizePhone(raw, this.options.defaultCountry);
    if (!phone.ok && this.fallbackIndex >= 0) {
      const other = normalizePhone(cells[this.fallbackIndex] ?? '', this.options.defaultCountry);
      // A row whose second number is no better keeps the first cell's reason: that is the column
      // the user chose, and the rows-to-fix file shows its value.
      if (other.ok) {
        phone = other;
        this.fallbackRows++;
      }
    }
    if (!phone.ok) {
      if (phone.problem === 'EMPTY') counts.missingPhone++;
      else counts.invalid++;
      this.rejectRow(rowNumber, raw, phone.problem, phone.reason, fieldsJson);
      return;
    }
    this.recipients.add({
      rowNumber,
      phone: phone.e164,
      country: phone.country,
      type: phone.type,
      fieldsJson,
      suppressed: this.suppressed.has(phone.e164),
      nonMobile: phone.nonMobile,
    });
  }

  /** Writes what is buffered; call before each commit and after the last row. */
  finish(): void {
    this.recipients.flush();
  }

  private written(row: SinkRow, inserted: boolean) {
    const counts = this.counts;
    if (!inserted) counts.duplicates++;
    else if (row.suppressed) counts.suppressed++;
    else {
      counts.imported++;
      if (row.nonMobile) counts.nonMobile++;
    }
  }

  private rejectRow(
    rowNumber: number,
    raw: string,
    problem: PhoneProblem | 'CONTROL_CHARACTER',
    reason: string,
    fieldsJson: string,
  ) {
    this.reject.run(this.options.importId, rowNumber, raw, problem, reason, fieldsJson);
  }
}
