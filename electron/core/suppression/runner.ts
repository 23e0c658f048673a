import { Worker } from 'node:worker_threads';
import type { WorkerEntry } from '../contacts/runner';
import type { SuppressionTask, SuppressionWorkerMessage } from './jobs';

/**
 * Beside the bundle in the built app (electron-vite emits suppression-worker.js next to index.js),
 * or the TypeScript file run through tsx in development, tests and the CLI.
 */
export function defaultSuppressionWorkerEntry(): WorkerEntry {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return { url: new URL('../workers/tsx-boot.mjs', here), argv: [new URL('./import-worker.ts', here).href] };
  }
  return { url: new URL('./suppression-worker.js', here) };
}

export interface RunningSuppressionJob {
  done: Promise<SuppressionWorkerMessage>;
  cancel: () => void;
}

export function runSuppressionJob(task: SuppressionTask, entry: WorkerEntry): RunningSuppressionJob {
  const worker = new Worker(entry.url, { workerData: task, ...(entry.argv ? { argv: entry.argv } : {}) });
  let settled = false;
  const done = new Promise<SuppressionWorkerMessage>((resolve) => {
    const finish = (m: SuppressionWorkerMessage) => {
      if (settled) return;
      settled = true;
      resolve(m);
      void worker.terminate();
    };
    worker.on('message', (m: SuppressionWorkerMessage) => {
      if (m.type !== 'progress') finish(m);
    });
    worker.on('error', (e) => finish({ type: 'error', code: 'INTERNAL', message: e.message }));
    worker.on('exit', (code) => finish(code === 0 ? { type: 'error', code: 'INTERNAL', message: 'The import stopped unexpectedly.' } : { type: 'cancelled' }));
  });
  return {
    done,
    cancel: () => {
      worker.postMessage({ type: 'cancel' });
      // A worker stuck in a long read still goes: its open transaction is rolled back by SQLite.
      setTimeout(() => void worker.terminate(), 5000).unref();
    },
  };
}
