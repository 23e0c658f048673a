import { importIntoBook, type BookImportTask } from '../customers/book-import';
import { openSqlite } from '../db/connection';
import { serveTask } from '../workers/run-worker';
import { runImport } from './batch/import-run';
import { importFailure } from './import-failure';
import type { WorkerMessage, WorkerTask } from './jobs';
import { previewFile } from './read-file';

/** A file into the customer book (customers/book-import.ts), on this worker's own connection. */
async function bookImport(
  t: BookImportTask,
  ctx: { post: (m: WorkerMessage) => void; isCancelled: () => boolean },
) {
  const db = openSqlite(t.dbPath, t.nativeBinding ? { nativeBinding: t.nativeBinding } : {});
  try {
    return await importIntoBook(db, t, {
      isCancelled: ctx.isCancelled,
      onProgress: (p) => ctx.post({ type: 'progress', ...p }),
    });
  } finally {
    db.close();
  }
}

/**
 * Runs off the main thread: file previews, whole imports (batch/import-run.ts: written in short
 * transactions into an invisible batch, published whole or removed) and imports into the book.
 */
serveTask<WorkerTask, WorkerMessage>(async (task, ctx) => {
  if (task.kind === 'preview') {
    const { source: _source, ...result } = await previewFile(
      task.path,
      task.fileName,
      task.options,
    );
    return { type: 'preview', result };
  }
  if (task.kind === 'book') return { type: 'booked', result: await bookImport(task, ctx) };
  return { type: 'imported', result: await runImport(task, ctx) };
}, importFailure);
