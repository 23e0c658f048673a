import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, Worker, workerData, type ResourceLimits } from 'node:worker_threads';

/** Where a worker's code is: a URL, and for TypeScript in development the real entry as argv[2]. */
export interface WorkerEntry {
  url: URL;
  /** Passed to the worker as process.argv[2] (the TypeScript entry, in development). */
  argv?: string[];
}

/**
 * A worker's entry seen from the module `here` that starts it: beside the bundle in the built app
 * (electron-vite emits `<bundled>.js` next to index.js; see electron.vite.config.ts), or the
 * TypeScript file `<source>` next to `here`, run through tsx in development, tests and the CLI.
 */
export function workerEntry(here: string, bundled: string, source: string): WorkerEntry {
  // Tests only: vitest bundles the workers once per run (tests/helpers/worker-bundles.ts) instead
  // of every thread compiling them through tsx again. Unset in the app, the CLI and development.
  const testBundles = process.env.CAMPAIGN_DESK_TEST_WORKERS;
  if (here.endsWith('.ts') && testBundles)
    return { url: pathToFileURL(join(testBundles, `${bundled}.js`)) };
  if (here.endsWith('.ts'))
    return {
      url: new URL('../workers/tsx-boot.mjs', here),
      argv: [new URL(`./${source}`, here).href],
    };
  return { url: new URL(`./${bundled}.js`, here) };
}

/** What every worker protocol of the core shares: progress on the way, then one final message. */
type Message = { type: string };
type Progress<M extends Message> = Extract<M, { type: 'progress' }>;
export type Final<M extends Message> = Exclude<M, { type: 'progress' }>;

export interface RunningWorker<M extends Message> {
  /** The worker's final message; a crash or an exit without one becomes an error, a cancel 'cancelled'. */
  done: Promise<Final<M>>;
  /** Asks the worker to stop (it rolls back and answers 'cancelled'); one stuck for 5 s is terminated. */
  cancel: () => void;
}

/**
 * Runs one task in its own worker thread: the import, the suppression-list import and the report
 * export all follow this protocol (a `cancel` message in, progress messages and one final message out).
 */
export function runWorker<M extends Message>(
  task: unknown,
  entry: WorkerEntry,
  options: { what: string; onProgress?: (m: Progress<M>) => void; resourceLimits?: ResourceLimits },
): RunningWorker<M> {
  const worker = new Worker(entry.url, {
    workerData: task,
    ...(entry.argv ? { argv: entry.argv } : {}),
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
  });
  let settled = false;
  let cancelRequested = false;
  const done = new Promise<Final<M>>((resolve) => {
    const finish = (m: Final<M>) => {
      if (settled) return;
      settled = true;
      resolve(m);
      void worker.terminate();
    };
    const failed = (message: string) =>
      ({ type: 'error', code: 'INTERNAL', message }) as unknown as Final<M>;
    worker.on('message', (m: M) => {
      if (m.type === 'progress') options.onProgress?.(m as Progress<M>);
      else finish(m as Final<M>);
    });
    worker.on('error', (e) => {
      const limit = options.resourceLimits?.maxOldGenerationSizeMb;
      // Past its memory limit V8 stops the worker (not the process): say which limit, as input's fault.
      if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' && limit)
        finish({
          type: 'error',
          code: 'INPUT',
          message: `This file needs more memory than the ${options.what} may use (${limit} MB) and was refused. Nothing was changed.`,
        } as unknown as Final<M>);
      else finish(failed(e.message));
    });
    // Gone without a final message: cancelled if we asked (terminated while stuck), otherwise a crash.
    worker.on('exit', () =>
      finish(
        cancelRequested
          ? ({ type: 'cancelled' } as Final<M>)
          : failed(`The ${options.what} stopped unexpectedly.`),
      ),
    );
  });
  return {
    done,
    cancel: () => {
      cancelRequested = true;
      worker.postMessage({ type: 'cancel' });
      // A worker stuck in a long read or a slow disk still goes: SQLite rolls back its open
      // transaction, and the caller removes what it left.
      setTimeout(() => void worker.terminate(), 5000).unref();
    },
  };
}

/** A failure the worker reports as its final message: INPUT is the file's fault, INTERNAL ours. */
export type WorkerFailure = { type: 'error'; code: 'INPUT' | 'INTERNAL'; message: string };

/** Why a file could not be read, in words, for the errors of the file system (null for others). */
export function fileReadProblem(e: unknown): string | null {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'The file is no longer there (it was moved or deleted).';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY' || code === 'EIO')
    return `The file could not be read: ${(e as Error).message}`;
  return null;
}

/**
 * The worker's side of runWorker's protocol, once for every worker: reads the task, notes a
 * `cancel`, runs `work` and posts its final message, or the message `failure` makes of what it
 * threw (INTERNAL with the error's text when `failure` does not know it).
 */
export function serveTask<T, M extends Message>(
  work: (task: T, ctx: { post: (m: M) => void; isCancelled: () => boolean }) => Promise<M>,
  failure: (e: unknown) => M | null,
): void {
  const task = workerData as T;
  let cancelled = false;
  parentPort?.on('message', (m: { type?: string }) => {
    if (m.type === 'cancel') cancelled = true;
  });
  const post = (m: M) => parentPort?.postMessage(m);
  work(task, { post, isCancelled: () => cancelled }).then(post, (e: unknown) => {
    const known = failure(e);
    if (known) return post(known);
    const text = e instanceof Error ? e.message : String(e);
    post({
      type: 'error',
      code: 'INTERNAL',
      message: text,
    } satisfies WorkerFailure as unknown as M);
  });
}
