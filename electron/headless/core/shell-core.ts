import type { EventName, Result } from '../../../shared/api';
import type { HostOp } from '../../../shared/core-host/protocol';
import { dispatch } from '../../core/api/dispatch';
import type { HostedCore } from '../../core/host/open';
import { createHostOps } from '../../core/host/ops';

/**
 * What the browser shell uses of the core: the contract, the host ops (downloads, test clock) and
 * the events, whichever side of a thread boundary the core is on. Uploads stay in the shell: they
 * are bytes from the request written to the data folder, no database work, and a request stream
 * cannot cross to a thread; the core opens the saved file by its id, as before.
 */
export interface ShellCore {
  dataDir: string;
  call(method: string, input: unknown): Promise<Result<unknown>>;
  op(op: HostOp, input: unknown): Promise<Result<unknown>>;
  onAny(listener: (name: EventName, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

/**
 * The core in the shell's own thread, as before issue 14: kept for the event-loop bench's
 * comparison (CAMPAIGN_DESK_CORE_IN_PROCESS=1) and for tests that reach into the core.
 */
export function inProcessCore(hosted: HostedCore): ShellCore {
  const { core } = hosted;
  const ops = createHostOps(core, hosted.testClock);
  return {
    dataDir: core.dataDir,
    call: (method, input) => dispatch(core.handlers, method, input),
    op: ops,
    onAny: (listener) => core.events.onAny(listener),
    close: () => core.close(),
  };
}
