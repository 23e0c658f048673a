import type { EventName, Result } from '../../shared/api';
import type { HostOptions } from '../../shared/core-host/protocol';
import { EventBus } from '../core/events';
import { startCoreProcess, type Fork } from './core-process';
import { superviseCore, type CrashChoice } from './core-supervisor';
import type { HostOpCall } from './downloads';
import type { CallCore } from './ipc';
import { createTokenRelay, type KeychainVault } from './token-relay';

/** The core as the main process sees it, whichever utilityProcess is running it now. */
export interface DesktopCore {
  /** Contract calls (registerIpc): token writes pass through the keychain first. */
  call: CallCore;
  /** Host ops (downloads, notifications' facts, the count of campaigns sending). */
  op: HostOpCall;
  /**
   * The core's push events, and main's own (`replies.open`): one bus that outlives restarts, so
   * windows, tray and notifications subscribe once.
   */
  events: EventBus;
  /** Settles when the first core opened and has its tokens; rejects with its words if it could not open. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs the core in a utilityProcess (issue 14 item 3b), restarted on a crash when the user agrees
 * (core-supervisor.ts), with the keychain's tokens pushed to every new process before it counts
 * as connected (token-relay.ts). Main keeps no database handle: it only routes.
 */
export function startDesktopCore(deps: {
  options: HostOptions;
  /** out/main/core-utility.js, emitted beside index.js by the build. */
  entry: string;
  fork: Fork;
  keychain: KeychainVault;
  askRestart: () => Promise<CrashChoice>;
  quit: () => void;
  /** A new core after a crash reached its tokens (the pages reload their data). */
  restarted?: () => void;
}): DesktopCore {
  const events = new EventBus();
  let starts = 0;
  let first: Promise<void> | undefined;
  // Read only once a core answered, after `supervisor` below is assigned.
  const current = () => supervisor.current();
  const relay = createTokenRelay({
    keychain: deps.keychain,
    core: () => ({
      call: (m, raw) => current().call(m, raw),
      op: (op, input) => current().op(op, input),
    }),
  });
  const supervisor = superviseCore({
    start: () => startCoreProcess({ ...deps.options, keychainRelay: true }, deps.entry, deps.fork),
    connected(client) {
      starts++;
      const restart = starts > 1;
      client.onAny((name: EventName, payload: unknown) => events.emit(name, payload as never));
      const opened = client.ready.then(async () => {
        const pushed = await relay.start();
        if (!pushed.ok) throw new Error(pushed.error.message);
        if (restart) deps.restarted?.();
      });
      first ??= opened;
      // A restarted core that fails to open ends in the crash question again (onStopped).
      if (restart) opened.catch(() => undefined);
    },
    ask: deps.askRestart,
    quit: deps.quit,
  });
  const ready = first ?? Promise.reject(new Error('The core did not start.'));
  return {
    call: (method, raw): Promise<Result<unknown>> => relay.call(method, raw),
    op: (op, input) => current().op(op, input),
    events,
    ready,
    close: () => current().close(),
  };
}
