import type { ResourceLimits } from 'node:worker_threads';
import {
  runWorker,
  workerEntry,
  type RunningWorker,
  type WorkerEntry,
} from '../workers/run-worker';
import type { WorkerMessage, WorkerTask } from './jobs';

export type { WorkerEntry } from '../workers/run-worker';

/** The import worker: import-worker.js beside the bundle, or import-worker.ts through tsx. */
export const defaultWorkerEntry = (): WorkerEntry =>
  workerEntry(import.meta.url, 'import-worker', 'import-worker.ts');

export type RunningJob = RunningWorker<WorkerMessage>;

/**
 * A hostile file must not take the app down with it (issue 22): past this heap the worker alone
 * stops and the file is refused. A 1,000,000-row import peaks far below (tests/bench).
 */
export const IMPORT_WORKER_LIMITS = { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 32 };

/**
 * Starts one worker for one task; progress messages go to onProgress, the last one resolves done.
 * `limits` is IMPORT_WORKER_LIMITS but for tests, which prove the cap with a small one.
 */
export function runJob(
  task: WorkerTask,
  entry: WorkerEntry,
  onProgress: (m: Extract<WorkerMessage, { type: 'progress' }>) => void,
  limits: ResourceLimits = IMPORT_WORKER_LIMITS,
): RunningJob {
  return runWorker<WorkerMessage>(task, entry, {
    what: 'import',
    onProgress,
    resourceLimits: limits,
  });
}
