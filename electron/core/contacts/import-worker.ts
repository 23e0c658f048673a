import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../db/connection';
import { EncodingError } from './decode';
import type { ImportResult, ImportTask, WorkerMessage, WorkerTask } from './jobs';
import { previewFile, streamRecords, type RecordSource } from './read-file';
import { ImportCancelled } from './csv-source';
import { ImportInputError, ImportSink } from './sink';
import { XlsxError } from './xlsx-source';

/**
 * Runs off the main thread: file previews and whole imports. An import holds one write
 * transaction on this worker's own connection from the first row to the last, so it lands
 * whole or not at all; WAL lets the app keep reading meanwhile.
 */

const task = workerData as WorkerTask;
let cancelled = false;
parentPort?.on('message', (m: { type?: string }) => {
  if (m.type === 'cancel') cancelled = true;
});

function post(message: WorkerMessage) {
  parentPort?.postMessage(message);
}

const PROGRESS_EVERY_MS = 200;

async function runImport(t: ImportTask): Promise<ImportResult> {
  const started = Date.now();
  const preview = await previewFile(t.path, t.fileName, t.options);
  if (!preview.phoneColumn) {
    throw new ImportInputError(
      'No column looks like phone numbers. Choose the phone column and import again.',
    );
  }
  const db = openSqlite(t.dbPath, t.nativeBinding ? { nativeBinding: t.nativeBinding } : {});
  let source: RecordSource = preview.source;
  try {
    for (;;) {
      let lastProgress = 0;
      let rowsSeen = 0;
      db.exec('BEGIN IMMEDIATE');
      try {
        const campaign = db
          .prepare('SELECT state, columns_json FROM campaigns WHERE id = ?')
          .get(t.campaignId) as { state: string; columns_json: string } | undefined;
        if (!campaign) throw new ImportInputError('This campaign no longer exists.');
        if (campaign.state !== 'draft')
          throw new ImportInputError('Recipients can only be added to a draft campaign.');
        const importId = Number(
          db
            .prepare(
              `INSERT INTO imports (campaign_id, file_name, file_size, format, encoding, delimiter, has_header, phone_column, default_country, summary_json, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?)`,
            )
            .run(
              t.campaignId,
              preview.fileName,
              source.size,
              source.format,
              source.encoding,
              source.delimiter,
              preview.hasHeader ? 1 : 0,
              preview.phoneColumn,
              preview.defaultCountry,
              t.now,
            ).lastInsertRowid,
        );
        const sink = new ImportSink(db, {
          campaignId: t.campaignId,
          importId,
          hasHeader: preview.hasHeader,
          phoneColumn: preview.phoneColumn,
          defaultCountry: preview.defaultCountry,
        });
        await streamRecords(t.path, source, {
          onRecord: (cells, n) => {
            sink.accept(cells, n);
            rowsSeen++;
          },
          onProgress: (bytes) => {
            const now = Date.now();
            if (now - lastProgress >= PROGRESS_EVERY_MS) {
              lastProgress = now;
              post({ type: 'progress', rows: rowsSeen, bytes, totalBytes: source.size });
            }
          },
          isCancelled: () => cancelled,
          ...(t.faultAfterBytes !== undefined ? { faultAfterBytes: t.faultAfterBytes } : {}),
        });
        sink.finish();
        if (sink.counts.rows === 0)
          throw new ImportInputError(`"${preview.fileName}" has no customer rows.`);

        const columns = sink.columns?.names ?? [];
        const known = JSON.parse(campaign.columns_json) as string[];
        const merged = [...known, ...columns.filter((c) => !known.includes(c))];
        const invalidRows = db
          .prepare(
            'SELECT row_number AS row, raw_value AS value, reason FROM import_rejects WHERE import_id = ? ORDER BY row_number LIMIT 100',
          )
          .all(importId) as { row: number; value: string; reason: string }[];
        const result: ImportResult = {
          importId,
          fileName: preview.fileName,
          format: source.format,
          encoding: source.encoding,
          delimiter: source.delimiter,
          hasHeader: preview.hasHeader,
          phoneColumn: preview.phoneColumn,
          defaultCountry: preview.defaultCountry,
          columns,
          renamedColumns: sink.columns?.renamed.map(({ from, to }) => ({ from, to })) ?? [],
          ...sink.counts,
          invalidRows,
          durationMs: Date.now() - started,
        };
        const { invalidRows: _omit, ...summary } = result;
        db.prepare('UPDATE imports SET summary_json = ? WHERE id = ?').run(
          JSON.stringify(summary),
          importId,
        );
        db.prepare(
          'UPDATE campaigns SET columns_json = ?, default_country = COALESCE(?, default_country), updated_at = ? WHERE id = ?',
        ).run(JSON.stringify(merged), preview.defaultCountry, t.now, t.campaignId);
        db.exec('COMMIT');
        return result;
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
  } finally {
    db.close();
  }
}

async function main() {
  try {
    if (task.kind === 'preview') {
      const { source: _source, ...result } = await previewFile(
        task.path,
        task.fileName,
        task.options,
      );
      post({ type: 'preview', result });
    } else {
      post({ type: 'imported', result: await runImport(task) });
    }
  } catch (e) {
    if (e instanceof ImportCancelled) return post({ type: 'cancelled' });
    if (e instanceof ImportInputError || e instanceof XlsxError)
      return post({ type: 'error', code: 'INPUT', message: e.message });
    if (e instanceof EncodingError) {
      return post({
        type: 'error',
        code: 'INPUT',
        message: `${e.message} Choose the file's encoding and try again.`,
      });
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT')
      return post({
        type: 'error',
        code: 'INPUT',
        message: 'The file is no longer there (it was moved or deleted).',
      });
    if (
      err.code === 'EACCES' ||
      err.code === 'EPERM' ||
      err.code === 'EBUSY' ||
      err.code === 'EIO'
    ) {
      return post({
        type: 'error',
        code: 'INPUT',
        message: `The file could not be read: ${err.message}`,
      });
    }
    post({ type: 'error', code: 'INTERNAL', message: err.message ?? String(e) });
  }
}

void main();
