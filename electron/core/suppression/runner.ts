import {
  runWorker,
  workerEntry,
  type RunningWorker,
  type WorkerEntry,
} from '../workers/run-worker';
import { IMPORT_WORKER_LIMITS } from '../contacts/runner';
import type { SuppressionTask, SuppressionWorkerMessage } from './jobs';

/** The suppression-list import: suppression-worker.js beside the bundle, or import-worker.ts here through tsx. */
export const defaultSuppressionWorkerEntry = (): WorkerEntry =>
  workerEntry(import.meta.url, 'suppression-worker', 'import-worker.ts');

export type RunningSuppressionJob = RunningWorker<SuppressionWorkerMessage>;

export function runSuppressionJob(
  task: SuppressionTask,
  entry: WorkerEntry,
): RunningSuppressionJob {
  return runWorker<SuppressionWorkerMessage>(task, entry, {
    what: 'import',
    resourceLimits: IMPORT_WORKER_LIMITS,
  });
}
