import { Worker } from 'node:worker_threads';
import type { WorkerMessage, WorkerTask } from './jobs';

export interface WorkerEntry {
  url: URL;
  /** Passed to the worker as process.argv[2] (the TypeScript entry, in development). */
  argv?: string[];
}

/**
 * Where the import worker lives: beside the bundle in the built app (electron-vite emits
 * import-worker.js next to index.js), or as TypeScript run through tsx in development and tests.
 */
export function defaultWorkerEntry(): WorkerEntry {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return { url: new URL('../workers/tsx-boot.mjs', here), argv: [new URL('./import-worker.ts', here).href] };
  }
  return { url: new URL('./import-worker.js', here) };
}

export interface RunningJob {
  done: Promise<WorkerMessage>;
  cancel: () => void;
}

/** Starts one worker for one task; progress messages go to onProgress, the last one resolves done. */
export function runJob(task: WorkerTask, entry: WorkerEntry, onProgress: (m: Extract<WorkerMessage, { type: 'progress' }>) => void): RunningJob {
  const worker = new Worker(entry.url, { workerData: task, ...(entry.argv ? { argv: entry.argv } : {}) });
  let settled = false;
  const done = new Promise<WorkerMessage>((resolve) => {
    const finish = (m: WorkerMessage) => {
      if (settled) return;
      settled = true;
      resolve(m);
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m);
      else finish(m);
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
