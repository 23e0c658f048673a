import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { SuppressionImportResult, SuppressionRejectedRow } from '../../../shared/api';
import { normalizePhone } from '../../../shared/domain/phone';
import { isBlankRow, numberedColumns, uniqueColumns } from '../contacts/headers';
import { EncodingError } from '../contacts/decode';
import { previewFile, streamRecords, type RecordSource } from '../contacts/read-file';
import { ImportInputError } from '../contacts/sink';
import type { SuppressionTask } from './jobs';

const MAX_LISTED_REJECTS = 200;
const PROGRESS_EVERY_MS = 200;

// A cell escaped against formula injection by our own export (or by a careful user) starts with '.
const unescapeCell = (s: string): string => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

/**
 * Reads a file of numbers (CSV, TSV or xlsx, any encoding the audience import reads: the same
 * detection, the same phone rules) onto the suppression list. One write transaction from the first
 * row to the last: the list gains the whole file or nothing. A "Reason" column, as our own export
 * writes, is kept per number; otherwise every number gets the task's reason.
 */
export async function importSuppressionFile(
  db: SqliteDatabase,
  t: SuppressionTask,
  hooks: {
    isCancelled: () => boolean;
    onProgress: (p: { rows: number; bytes: number; totalBytes: number }) => void;
  },
): Promise<SuppressionImportResult> {
  const started = Date.now();
  const preview = await previewFile(t.path, t.fileName, t.options);
  const phoneColumn = preview.phoneColumn;
  if (!phoneColumn)
    throw new ImportInputError(
      'No column looks like phone numbers. Choose the phone column and import again.',
    );
  const country = preview.defaultCountry;
  const defaultReason = t.reason ?? `Imported from ${preview.fileName}`;
  let source: RecordSource = preview.source;
  const insert = db.prepare(
    "INSERT OR IGNORE INTO suppression (phone, reason, source, detail, created_at) VALUES (?, ?, 'csv', ?, ?)",
  );

  for (;;) {
    const result: SuppressionImportResult = {
      fileName: preview.fileName,
      encoding: source.encoding,
      delimiter: source.delimiter,
      phoneColumn,
      rows: 0,
      added: 0,
      alreadyListed: 0,
      duplicates: 0,
      rejected: 0,
      rejectedRows: [],
      durationMs: 0,
    };
    const seen = new Set<string>();
    let phoneIndex = -1;
    let reasonIndex = -1;
    let haveColumns = false;
    let lastProgress = 0;
    const reject = (row: SuppressionRejectedRow) => {
      result.rejected++;
      if (result.rejectedRows.length < MAX_LISTED_REJECTS) result.rejectedRows.push(row);
    };

    db.exec('BEGIN IMMEDIATE');
    try {
      await streamRecords(t.path, source, {
        onRecord: (cells, rowNumber) => {
          if (!haveColumns) {
            if (isBlankRow(cells)) return;
            const names = preview.hasHeader
              ? uniqueColumns(cells).names
              : numberedColumns(cells.length);
            phoneIndex = names.indexOf(phoneColumn);
            if (phoneIndex < 0)
              throw new ImportInputError(
                `This file has no column named "${phoneColumn}". Its columns are: ${names.join(', ')}.`,
              );
            reasonIndex =
              preview.hasHeader && t.reason === null
                ? names.findIndex((n) => n.trim().toLowerCase() === 'reason')
                : -1;
            haveColumns = true;
            if (preview.hasHeader) return;
          }
          if (isBlankRow(cells)) return;
          result.rows++;
          const raw = cells[phoneIndex] ?? '';
          const phone = normalizePhone(raw, country);
          if (!phone.ok)
            return reject({ row: rowNumber, value: raw.slice(0, 200), reason: phone.reason });
          if (seen.has(phone.e164)) {
            result.duplicates++;
            return;
          }
          seen.add(phone.e164);
          const own =
            reasonIndex >= 0 ? unescapeCell((cells[reasonIndex] ?? '').trim()).slice(0, 500) : '';
          if (
            insert.run(
              phone.e164,
              own || defaultReason,
              `"${preview.fileName}" row ${rowNumber}`,
              t.now,
            ).changes === 1
          )
            result.added++;
          else result.alreadyListed++;
        },
        onProgress: (bytes) => {
          const now = Date.now();
          if (now - lastProgress < PROGRESS_EVERY_MS) return;
          lastProgress = now;
          hooks.onProgress({ rows: result.rows, bytes, totalBytes: source.size });
        },
        isCancelled: hooks.isCancelled,
      });
      if (result.rows === 0)
        throw new ImportInputError(`"${preview.fileName}" has no phone numbers under its header.`);
      db.exec('COMMIT');
      return { ...result, durationMs: Date.now() - started };
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      // The first 64 KB looked like UTF-8 but a later byte is not: start over as Windows-1252.
      if (e instanceof EncodingError && source.encoding === 'utf-8' && !t.options.encoding) {
        source = { ...source, encoding: 'windows-1252', bomLength: 0 };
        continue;
      }
      throw e;
    }
  }
}
