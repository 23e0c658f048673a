import { Worker } from 'node:worker_threads';
import type { ExportMessage, ExportTask } from './jobs';

export interface WorkerEntry {
  url: URL;
  /** Passed to the worker as process.argv[2] (the TypeScript entry, in development). */
  argv?: string[];
}

/**
 * Beside the bundle in the built app (electron-vite emits export-worker.js next to index.js), or
 * the TypeScript file run through tsx in development, tests and the CLI.
 */
export function defaultExportWorkerEntry(): WorkerEntry {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return { url: new URL('../workers/tsx-boot.mjs', here), argv: [new URL('./export-worker.ts', here).href] };
  }
  return { url: new URL('./export-worker.js', here) };
}

/**
 * The worker holds one page of rows and a few MB of file buffers; without a cap V8 lets its heap
 * grow lazily to hundreds of MB of garbage before collecting. Far above what an export needs.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

export interface RunningExport {
  done: Promise<ExportMessage>;
  cancel: () => void;
}

export function runExport(task: ExportTask, entry: WorkerEntry, onProgress: (m: Extract<ExportMessage, { type: 'progress' }>) => void): RunningExport {
  const worker = new Worker(entry.url, { workerData: task, resourceLimits: WORKER_LIMITS, ...(entry.argv ? { argv: entry.argv } : {}) });
  let settled = false;
  let cancelRequested = false;
  const done = new Promise<ExportMessage>((resolve) => {
    const finish = (m: ExportMessage) => {
      if (settled) return;
      settled = true;
      resolve(m);
      void worker.terminate();
    };
    worker.on('message', (m: ExportMessage) => {
      if (m.type === 'progress') onProgress(m);
      else finish(m);
    });
    worker.on('error', (e) => finish({ type: 'error', code: 'INTERNAL', message: e.message }));
    worker.on('exit', () =>
      finish(cancelRequested ? { type: 'cancelled' } : { type: 'error', code: 'INTERNAL', message: 'The export stopped unexpectedly.' }),
    );
  });
  return {
    done,
    cancel: () => {
      cancelRequested = true;
      worker.postMessage({ type: 'cancel' });
      // A worker stuck on a slow disk still goes; the main thread deletes what it left.
      setTimeout(() => void worker.terminate(), 5000).unref();
    },
  };
}
