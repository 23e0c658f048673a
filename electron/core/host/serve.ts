import { dispatch } from '../api/dispatch';
import { log } from '../log';
import { fromHost, hostOptions, toHost, type FromHost } from '../../../shared/core-host/protocol';
import { openHostedCore, type HostedCore } from './open';
import { createHostOps } from './ops';

/** How the host talks to its shell: a worker thread's parentPort or a utilityProcess's parentPort. */
export interface HostPort {
  post(message: FromHost): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once the core is closed: the host's process or thread may end. */
  exit(): void;
}

/**
 * The core host, the same for every transport: opens the core with `rawOptions`, answers each
 * `call` through the contract's dispatch and each `op` through host ops, forwards every event, and
 * closes on `close`. Calls run concurrently, as in-process; a call after `close` answers UNAVAILABLE.
 */
export function serveCore(
  rawOptions: unknown,
  port: HostPort,
  open: typeof openHostedCore = openHostedCore,
): void {
  const post = (m: FromHost) => port.post(fromHost.parse(m));
  const options = hostOptions.safeParse(rawOptions);
  if (!options.success) {
    post({ type: 'failed', message: 'The core was started with options it does not understand.' });
    return port.exit();
  }
  let hosted: HostedCore;
  try {
    hosted = open({ ...options.data });
  } catch (e) {
    post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    return port.exit();
  }
  const { core } = hosted;
  const ops = createHostOps(core, hosted.testClock, hosted.relayedVault);
  const offEvents = core.events.onAny((name, payload) => post({ type: 'event', name, payload }));
  let closing: Promise<void> | null = null;
  port.onMessage((raw) => {
    const m = toHost.safeParse(raw);
    if (!m.success) return log.warn('core host: dropped a message that is not of the protocol');
    if (m.data.type === 'close') {
      closing ??= (async () => {
        offEvents();
        await core.close();
        post({ type: 'closed' });
        port.exit();
      })();
      return;
    }
    const { id, input } = m.data;
    if (closing) {
      const message = 'Campaign Desk is closing; try again after it restarts.';
      return post({
        type: 'result',
        id,
        result: { ok: false, error: { code: 'UNAVAILABLE', message } },
      });
    }
    const answer =
      m.data.type === 'call'
        ? dispatch(core.handlers, m.data.method, input)
        : ops(m.data.op, input);
    void answer.then((result) => post({ type: 'result', id, result }));
  });
  post({ type: 'ready' });
}
