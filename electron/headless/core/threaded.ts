import { TABLES, type EventName, type Result } from '../../../shared/api';
import type { HostOptions } from '../../../shared/core-host/protocol';
import { startCoreThread, type CoreClient } from '../../core/host/client';
import { log } from '../../core/log';
import type { ShellCore } from './shell-core';

/** Restarts after a crash, at most: a core that keeps failing (a damaged database…) stays stopped. */
export const MAX_RESTARTS = 3;

type Start = (options: HostOptions) => CoreClient;

/**
 * The browser shell's core in a worker thread (issue 14, item 3): the shell's event loop only
 * routes requests and events. When the thread stops unexpectedly, calls answer UNAVAILABLE with
 * words, `notice` tells the person at the terminal, and the shell starts a new core (bounded);
 * the pages reload their data when it is back.
 */
export async function threadedCore(
  options: HostOptions,
  deps: { start?: Start; notice?: (line: string) => void } = {},
): Promise<ShellCore & { client(): CoreClient }> {
  const start = deps.start ?? ((o: HostOptions) => startCoreThread(o));
  const notice = deps.notice ?? ((line: string) => log.warn(line));
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  const fanOut = (name: EventName, payload: unknown) => listeners.forEach((l) => l(name, payload));
  let restarts = 0;
  let closing = false;
  let down: string | null = null;
  let current: CoreClient;

  const launch = async (): Promise<void> => {
    const client = start(options);
    current = client;
    client.onAny(fanOut);
    let started = false;
    client.onStopped((code) => {
      // A core that never opened is reported by `ready` (the caller's or the restart's).
      if (closing || !started) return;
      if (restarts >= MAX_RESTARTS) {
        down = `Campaign Desk's core stopped unexpectedly ${restarts + 1} times (exit code ${code}) and was left stopped. See the log in the data folder, then restart \`campaign-desk serve\`.`;
        return notice(down);
      }
      restarts++;
      down = `Campaign Desk's core stopped unexpectedly (exit code ${code}) and is restarting. Try again in a moment; nothing that was saved is lost.`;
      notice(down);
      void launch().then(
        () => {
          down = null;
          notice("Campaign Desk's core is running again.");
          // Every page reloads what it shows: work may have changed while the core was down.
          fanOut('db.changed', { tables: [...TABLES] });
        },
        (e: unknown) => {
          down = `Campaign Desk's core could not restart: ${e instanceof Error ? e.message : String(e)}. Restart \`campaign-desk serve\`.`;
          notice(down);
        },
      );
    });
    await client.ready;
    started = true;
  };

  const unavailable = (): Result<never> => ({
    ok: false,
    error: { code: 'UNAVAILABLE', message: down ?? 'The core is not running.' },
  });
  await launch();
  return {
    dataDir: options.dataDir,
    call: (method, input) => (down ? Promise.resolve(unavailable()) : current.call(method, input)),
    op: (op, input) => (down ? Promise.resolve(unavailable()) : current.op(op, input)),
    onAny(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    client: () => current,
    async close() {
      closing = true;
      await current.close();
    },
  };
}
