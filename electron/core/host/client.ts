import { Worker } from 'node:worker_threads';
import type { EventMap, EventName, Result } from '../../../shared/api';
import {
  fromHost,
  type FromHost,
  type HostOp,
  type HostOptions,
  type ToHost,
} from '../../../shared/core-host/protocol';
import { log } from '../log';
import { workerEntry, type WorkerEntry } from '../workers/run-worker';

/** The shell's side of a transport: a worker thread here, a utilityProcess in the desktop app. */
export interface ShellPort {
  post(message: ToHost): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The host's thread or process ended (crash or close). */
  onExit(listener: (code: number) => void): void;
}

export interface CoreClient {
  /** Calls a contract method in the core; the result is exactly what in-process dispatch returns. */
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** One of the shells' needs beyond the contract (host/ops.ts). */
  op(op: HostOp, input: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** Every event, by name (the browser shell forwards them all). */
  onAny(listener: (name: EventName, payload: unknown) => void): () => void;
  /** The host ended without being asked to (a crash): `code` is its exit code. */
  onStopped(listener: (code: number) => void): void;
  /** Resolves once the core opened; rejects with its words if it could not. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Talks to a core host over any port. Every message from the host is parsed before use; calls
 * still open when the host ends answer UNAVAILABLE, so no caller waits forever.
 */
export function connectCore(port: ShellPort): CoreClient {
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const anyListeners = new Set<(name: EventName, payload: unknown) => void>();
  const stopped = new Set<(code: number) => void>();
  let gone = false;
  let closeAsked = false;
  let onReady!: { resolve: () => void; reject: (e: Error) => void };
  const ready = new Promise<void>((resolve, reject) => (onReady = { resolve, reject }));
  let onClosed = () => {};
  const closed = new Promise<void>((resolve) => (onClosed = resolve));

  const handle = (m: FromHost) => {
    if (m.type === 'ready') onReady.resolve();
    else if (m.type === 'failed') onReady.reject(new Error(m.message));
    else if (m.type === 'closed') onClosed();
    else if (m.type === 'result') {
      pending.get(m.id)?.(m.result);
      pending.delete(m.id);
    } else {
      for (const l of listeners.get(m.name) ?? []) l(m.payload as never);
      for (const l of anyListeners) l(m.name, m.payload);
    }
  };
  port.onMessage((raw) => {
    const m = fromHost.safeParse(raw);
    if (m.success) handle(m.data);
  });
  port.onExit((code) => {
    gone = true;
    if (!closeAsked) for (const l of stopped) l(code);
    onReady.reject(new Error('The core stopped before it was ready.'));
    onClosed();
    const message = 'The core stopped unexpectedly; restart Campaign Desk.';
    for (const answer of pending.values())
      answer({ ok: false, error: { code: 'UNAVAILABLE', message } });
    pending.clear();
  });
  // Nobody may be left with an unhandled rejection when they only wait on calls.
  ready.catch(() => undefined);

  const request = (message: (id: number) => ToHost): Promise<Result<unknown>> => {
    if (gone)
      return Promise.resolve({
        ok: false,
        error: { code: 'UNAVAILABLE', message: 'The core is not running.' },
      });
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      port.post(message(id));
    });
  };

  return {
    ready,
    call: (method, input) => request((id) => ({ type: 'call', id, method, input })),
    op: (op, input) => request((id) => ({ type: 'op', id, op, input })),
    onAny(listener) {
      anyListeners.add(listener);
      return () => anyListeners.delete(listener);
    },
    onStopped: (listener) => void stopped.add(listener),
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    async close() {
      closeAsked = true;
      if (!gone) port.post({ type: 'close' });
      await closed;
    },
  };
}

/** The host entry: thread-entry.js beside the bundle, or thread-entry.ts through tsx. */
export const defaultHostEntry = (): WorkerEntry =>
  workerEntry(import.meta.url, 'core-host', 'thread-entry.ts');

/** Starts the core in a worker thread (headless shell, CLI) and connects to it. */
export function startCoreThread(
  options: HostOptions,
  entry = defaultHostEntry(),
): CoreClient & { kill(): Promise<void> } {
  const worker = new Worker(entry.url, {
    workerData: options,
    ...(entry.argv ? { argv: entry.argv } : {}),
  });
  // An error thrown in the host ends the thread ('exit' follows); unheard it would end the shell too.
  worker.on('error', (e) => log.error('core host: the core thread failed', e));
  const client = connectCore({
    post: (m) => worker.postMessage(m),
    onMessage: (l) => worker.on('message', l),
    onExit: (l) => worker.on('exit', l),
  });
  return { ...client, kill: () => worker.terminate().then(() => undefined) };
}
