import type { Clock } from '../../clock';
import type { Store } from '../../db/connection';
import { endState } from './finish-state';
import { isSqliteError, writeBriefly } from './write-briefly';

export type RunOutcome = 'completed' | 'paused' | 'stopped';

/** Why the loop stopped before the campaign was done. */
export type Halt =
  | { kind: 'pause'; code: string; reason: string }
  /** Paused or cancelled by a person (here or in another process), or the process is closing. */
  | { kind: 'user' }
  /** Another process took the account's send lease over: it sends now, this one must not. */
  | { kind: 'lease' };

const FINISH_MAX_MS = 60_000;

/**
 * The campaign's own state after the loop: paused with the reason, or completed. Only while it is
 * still `sending` (a person's pause or cancel wins), and retried while SQLite's lock is held elsewhere.
 */
export async function finishRun(
  d: {
    store: Store;
    clock: Clock;
    campaignId: number;
    sleep: (ms: number) => Promise<void>;
    log: (m: string) => void;
  },
  outcome: RunOutcome,
  halt: Halt | null,
): Promise<RunOutcome> {
  const { store, campaignId } = d;
  if (halt?.kind === 'lease') return 'stopped';
  if (halt?.kind !== 'pause' && outcome !== 'completed') return outcome;
  const write = () => {
    const now = d.clock.now();
    const set =
      halt?.kind === 'pause'
        ? { state: 'paused' as const, pause_code: halt.code, pause_reason: halt.reason }
        : endState(store, campaignId, now);
    store.run(
      store.q
        .updateTable('campaigns')
        .set({ ...set, updated_at: now })
        .where('id', '=', campaignId)
        .where('state', '=', 'sending'),
    );
  };
  for (let waited = 0, step = 10; ; waited += step, step = Math.min(step * 2, 1000)) {
    try {
      writeBriefly(store.sqlite, write);
      return halt?.kind === 'pause' ? 'paused' : 'completed';
    } catch (e) {
      if (!isSqliteError(e) || waited >= FINISH_MAX_MS) throw e;
      await d.sleep(step);
    }
  }
}
