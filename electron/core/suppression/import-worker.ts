import { parentPort, workerData } from 'node:worker_threads';
import { ImportCancelled } from '../contacts/csv-source';
import { EncodingError } from '../contacts/decode';
import { previewFile } from '../contacts/read-file';
import { ImportInputError } from '../contacts/sink';
import { XlsxError } from '../contacts/xlsx-source';
import { openSqlite } from '../db/connection';
import { importSuppressionFile } from './import-file';
import type { SuppressionTask, SuppressionWorkerMessage } from './jobs';

/**
 * Off the main thread: reading a file of numbers onto the suppression list, on this worker's own
 * SQLite connection (WAL lets the app keep reading meanwhile). Errors go back as messages in words.
 */

const task = workerData as SuppressionTask;
let cancelled = false;
parentPort?.on('message', (m: { type?: string }) => {
  if (m.type === 'cancel') cancelled = true;
});

const post = (m: SuppressionWorkerMessage) => parentPort?.postMessage(m);

async function main() {
  try {
    if (task.kind === 'preview') {
      const { source: _source, ...result } = await previewFile(
        task.path,
        task.fileName,
        task.options,
      );
      return post({ type: 'preview', result });
    }
    const db = openSqlite(
      task.dbPath,
      task.nativeBinding ? { nativeBinding: task.nativeBinding } : {},
    );
    try {
      const result = await importSuppressionFile(db, task, {
        isCancelled: () => cancelled,
        onProgress: (p) => post({ type: 'progress', ...p }),
      });
      post({ type: 'imported', result });
    } finally {
      db.close();
    }
  } catch (e) {
    if (e instanceof ImportCancelled) return post({ type: 'cancelled' });
    if (e instanceof ImportInputError || e instanceof XlsxError)
      return post({ type: 'error', code: 'INPUT', message: e.message });
    if (e instanceof EncodingError)
      return post({
        type: 'error',
        code: 'INPUT',
        message: `${e.message} Choose the file's encoding and try again.`,
      });
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
