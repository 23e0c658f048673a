import type { Database as SqliteDatabase } from 'better-sqlite3';
import { openSqlite } from '../../db/connection';
import { writeTransaction } from '../../db/tx';
import { EncodingError } from '../decode';
import type { ImportResult, ImportTask, WorkerMessage } from '../jobs';
import { previewFile, streamRecords, type RecordSource } from '../read-file';
import { ImportInputError, ImportSink } from '../sink';
import { copyImportToBook } from '../../customers/from-audience';
import {
  CHUNK_ROWS,
  batchOwner,
  discardBatch,
  discardStaleBatches,
  insertBatch,
  liveBatch,
} from './import-batch';

type Preview = Awaited<ReturnType<typeof previewFile>>;

export interface RunContext {
  post: (m: WorkerMessage) => void;
  isCancelled: () => boolean;
}

const PROGRESS_EVERY_MS = 200;

/**
 * One whole import, in the worker: the rows go into an invisible batch in chunks of short
 * IMMEDIATE transactions (a sender's flush waits one chunk at most), then one short transaction
 * publishes them with the summary; on any failure or a cancel the batch is removed.
 */
export async function runImport(t: ImportTask, ctx: RunContext): Promise<ImportResult> {
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
    // Twice at most: a file whose first 64 KB looked like UTF-8 is read again as Windows-1252.
    for (;;) {
      const batchId = openBatch(db, t, preview, source);
      try {
        return await writeRows(db, t, preview, source, batchId, { ...ctx, started });
      } catch (e) {
        discardBatch(db, batchId);
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

function openBatch(db: SqliteDatabase, t: ImportTask, preview: Preview, source: RecordSource) {
  discardStaleBatches(db, Date.now());
  return writeTransaction(db, () => {
    const campaign = db.prepare('SELECT state FROM campaigns WHERE id = ?').get(t.campaignId) as
      { state: string } | undefined;
    if (!campaign) throw new ImportInputError('This campaign no longer exists.');
    if (campaign.state !== 'draft')
      throw new ImportInputError('Recipients can only be added to a draft campaign.');
    if (liveBatch(db, t.campaignId))
      throw new ImportInputError(
        'Another import into this campaign is still running (perhaps in another window). Wait for it to finish, or cancel it.',
      );
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
    insertBatch(db, importId, t.campaignId, batchOwner(), Date.now());
    return importId;
  })();
}

async function writeRows(
  db: SqliteDatabase,
  t: ImportTask,
  preview: Preview,
  source: RecordSource,
  batchId: number,
  ctx: RunContext & { started: number },
): Promise<ImportResult> {
  const sink = new ImportSink(db, {
    campaignId: t.campaignId,
    importId: batchId,
    hasHeader: preview.hasHeader,
    phoneColumn: preview.phoneColumn,
    fallbackPhoneColumn: preview.fallbackPhoneColumn,
    defaultCountry: preview.defaultCountry,
  });
  const chunk = new ChunkWriter(db, batchId, sink);
  let rowsSeen = 0;
  let lastProgress = 0;
  await streamRecords(t.path, source, {
    onRecord: (cells, n) => {
      chunk.add(cells, n);
      rowsSeen++;
    },
    onProgress: (bytes) => {
      // The parser hands rows over between reads: nothing is held open across the next await.
      chunk.commit();
      const now = Date.now();
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        ctx.post({ type: 'progress', rows: rowsSeen, bytes, totalBytes: source.size });
      }
    },
    isCancelled: ctx.isCancelled,
    ...(t.faultAfterBytes !== undefined ? { faultAfterBytes: t.faultAfterBytes } : {}),
  });
  chunk.commit();
  if (sink.counts.rows === 0)
    throw new ImportInputError(`"${preview.fileName}" has no customer rows.`);
  const first = liveBatch(db, t.campaignId)?.first_recipient_id ?? 0;
  const result = publish(db, t, preview, source, { batchId, sink, started: ctx.started });
  // Published first: a cancelled or failed import never reaches the customer book.
  const book = copyImportToBook(db, {
    importId: batchId,
    firstRecipientId: first,
    fileName: preview.fileName,
    phoneColumn: preview.phoneColumn!,
    columns: preview.columns,
    now: t.now,
  });
  const note = db.prepare(
    "UPDATE imports SET summary_json = json_set(summary_json, '$.book', json(?)) WHERE id = ?",
  );
  writeTransaction(db, () => note.run(JSON.stringify(book), batchId))();
  return { ...result, book };
}

/**
 * Rows wait in memory (CHUNK_ROWS at most) and are written in one synchronous IMMEDIATE
 * transaction, so no transaction ever spans a read of the file.
 */
class ChunkWriter {
  private readonly rows: [string[], number][] = [];
  private readonly write: () => void;

  constructor(db: SqliteDatabase, batchId: number, sink: ImportSink) {
    const touch = db.prepare(
      // Recipients are appended: every row this chunk writes has an id above the current last one
      // (a delete elsewhere can lower that last id, hence min()).
      `UPDATE import_batches SET heartbeat_at = ?,
         first_recipient_id = min(first_recipient_id, (SELECT coalesce(max(id), 0) + 1 FROM recipients))
       WHERE id = ?`,
    );
    this.write = writeTransaction(db, () => {
      if (touch.run(Date.now(), batchId).changes === 0)
        throw new ImportInputError('This campaign no longer exists.');
      for (const [cells, n] of this.rows) sink.accept(cells, n);
      sink.finish();
    });
  }

  add(cells: string[], rowNumber: number) {
    this.rows.push([cells, rowNumber]);
    if (this.rows.length >= CHUNK_ROWS) this.commit();
  }

  commit() {
    if (this.rows.length === 0) return;
    try {
      this.write();
    } finally {
      this.rows.length = 0;
    }
  }
}

/** The one short step that makes the whole import visible, with its summary. */
function publish(
  db: SqliteDatabase,
  t: ImportTask,
  preview: Preview,
  source: RecordSource,
  { batchId, sink, started }: { batchId: number; sink: ImportSink; started: number },
): ImportResult {
  return writeTransaction(db, () => {
    const campaign = db
      .prepare('SELECT state, columns_json FROM campaigns WHERE id = ?')
      .get(t.campaignId) as { state: string; columns_json: string } | undefined;
    if (!campaign) throw new ImportInputError('This campaign no longer exists.');
    const columns = sink.columns?.names ?? [];
    const known = JSON.parse(campaign.columns_json) as string[];
    const merged = [...known, ...columns.filter((c) => !known.includes(c))];
    const invalidRows = db
      .prepare(
        'SELECT row_number AS row, raw_value AS value, reason FROM import_rejects WHERE import_id = ? ORDER BY row_number LIMIT 100',
      )
      .all(batchId) as { row: number; value: string; reason: string }[];
    const result = {
      importId: batchId,
      fileName: preview.fileName,
      format: source.format,
      encoding: source.encoding,
      delimiter: source.delimiter,
      hasHeader: preview.hasHeader,
      phoneColumn: preview.phoneColumn!,
      ...(preview.fallbackPhoneColumn && sink.fallbackRows > 0
        ? { phoneFallback: { column: preview.fallbackPhoneColumn, rows: sink.fallbackRows } }
        : {}),
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
      batchId,
    );
    db.prepare(
      'UPDATE campaigns SET columns_json = ?, default_country = COALESCE(?, default_country), updated_at = ? WHERE id = ?',
    ).run(JSON.stringify(merged), preview.defaultCountry, t.now, t.campaignId);
    if (db.prepare('DELETE FROM import_batches WHERE id = ?').run(batchId).changes !== 1)
      throw new ImportInputError('This import was removed before it could finish.');
    return result;
  })();
}
