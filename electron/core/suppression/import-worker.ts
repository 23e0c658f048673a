import { importFailure } from '../contacts/import-failure';
import { previewFile } from '../contacts/read-file';
import { openSqlite } from '../db/connection';
import { serveTask } from '../workers/run-worker';
import { importSuppressionFile } from './import-file';
import type { SuppressionTask, SuppressionWorkerMessage } from './jobs';

/**
 * Off the main thread: reading a file of numbers onto the suppression list, on this worker's own
 * SQLite connection (WAL lets the app keep reading meanwhile). Errors go back as messages in words.
 */
serveTask<SuppressionTask, SuppressionWorkerMessage>(async (task, { post, isCancelled }) => {
  if (task.kind === 'preview') {
    const { source: _source, ...result } = await previewFile(
      task.path,
      task.fileName,
      task.options,
    );
    return { type: 'preview', result };
  }
  const db = openSqlite(
    task.dbPath,
    task.nativeBinding ? { nativeBinding: task.nativeBinding } : {},
  );
  try {
    const result = await importSuppressionFile(db, task, {
      isCancelled,
      onProgress: (p) => post({ type: 'progress', ...p }),
    });
    return { type: 'imported', result };
  } finally {
    db.close();
  }
}, importFailure);
