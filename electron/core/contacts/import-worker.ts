import { serveTask } from '../workers/run-worker';
import { runImport } from './batch/import-run';
import { importFailure } from './import-failure';
import type { WorkerMessage, WorkerTask } from './jobs';
import { previewFile } from './read-file';

/**
 * Runs off the main thread: file previews and whole imports (batch/import-run.ts: written in
 * short transactions into an invisible batch, published whole or removed).
 */
serveTask<WorkerTask, WorkerMessage>(async (task, { post, isCancelled }) => {
  if (task.kind === 'preview') {
    const { source: _source, ...result } = await previewFile(
      task.path,
      task.fileName,
      task.options,
    );
    return { type: 'preview', result };
  }
  return { type: 'imported', result: await runImport(task, { post, isCancelled }) };
}, importFailure);
