import { parentPort, workerData } from 'node:worker_threads';
import { importIntoBook, type BookImportTask } from '../customers/book-import';
import { openSqlite } from '../db/connection';
import { runImport } from './batch/import-run';
import { EncodingError } from './decode';
import type { WorkerMessage, WorkerTask } from './jobs';
import { previewFile } from './read-file';
import { CsvLimitError, ImportCancelled } from './csv-source';
import { ImportInputError } from './sink';
import { XlsxError } from './xlsx-source';

/**
 * Runs off the main thread: file previews and whole imports (batch/import-run.ts: written in
 * short transactions into an invisible batch, published whole or removed).
 */

const task = workerData as WorkerTask;
let cancelled = false;
parentPort?.on('message', (m: { type?: string }) => {
  if (m.type === 'cancel') cancelled = true;
});

function post(message: WorkerMessage) {
  parentPort?.postMessage(message);
}

/** A file into the customer book (customers/book-import.ts), on this worker's own connection. */
async function bookImport(t: BookImportTask) {
  const db = openSqlite(t.dbPath, t.nativeBinding ? { nativeBinding: t.nativeBinding } : {});
  try {
    return await importIntoBook(db, t, {
      isCancelled: () => cancelled,
      onProgress: (p) => post({ type: 'progress', ...p }),
    });
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
    } else if (task.kind === 'book') {
      post({ type: 'booked', result: await bookImport(task) });
    } else {
      post({
        type: 'imported',
        result: await runImport(task, { post, isCancelled: () => cancelled }),
      });
    }
  } catch (e) {
    if (e instanceof ImportCancelled) return post({ type: 'cancelled' });
    if (e instanceof ImportInputError || e instanceof XlsxError || e instanceof CsvLimitError)
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
