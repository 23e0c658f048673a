import {
  runWorker,
  workerEntry,
  type RunningWorker,
  type WorkerEntry,
} from '../workers/run-worker';
import type { ExportMessage, ExportTask } from './jobs';

export type { WorkerEntry } from '../workers/run-worker';

/** The export worker: export-worker.js beside the bundle, or export-worker.ts through tsx. */
export const defaultExportWorkerEntry = (): WorkerEntry =>
  workerEntry(import.meta.url, 'export-worker', 'export-worker.ts');

/**
 * The worker holds one page of rows and a few MB of file buffers; without a cap V8 lets its heap
 * grow lazily to hundreds of MB of garbage before collecting. Far above what an export needs.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

export type RunningExport = RunningWorker<ExportMessage>;

export function runExport(
  task: ExportTask,
  entry: WorkerEntry,
  onProgress: (m: Extract<ExportMessage, { type: 'progress' }>) => void,
): RunningExport {
  return runWorker<ExportMessage>(task, entry, {
    what: 'export',
    onProgress,
    resourceLimits: WORKER_LIMITS,
  });
}
