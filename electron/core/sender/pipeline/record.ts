import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { RecipientCounts } from '../../../../shared/api';
import { createBackoff } from '../backoff';
import type { SendResult } from '../repo';
import { createWriteTrouble, isSqliteError, writeBriefly } from './write-briefly';

/**
 * The last stage: every result (a Cloud API answer, or a recipient put back) is held in memory until
 * a transaction has written it. A write SQLite refuses (the lock held by an import, a busy disk) is
 * tried again with backoff, never dropped; only a crash before the write loses what is held (those
 * recipients stay `sending` and become `unknown` on the next start, see README.md).
 */
export interface RecordStage {
  /** Holds a result until it is written; the run's counts move at once (progress shows them). */
  add: (r: SendResult) => void;
  /** Writes what is held unless a failed write waits for its retry. True when nothing is held. */
  flush: () => boolean;
  /** Results not yet written. */
  held: () => number;
  /** Milliseconds until a failed write may be tried again (0: now). */
  retryInMs: () => number;
  /** Flushes until nothing is held, sleeping between tries; false when `maxMs` ran out first. */
  drain: (sleep: (ms: number) => Promise<void>, maxMs: number) => Promise<boolean>;
}

export interface RecordDeps {
  db: SqliteDatabase;
  apply: (results: readonly SendResult[]) => void;
  counts: RecipientCounts;
  monotonic: () => number;
  random: () => number;
  /** Told once when writes start failing and once when they work again. */
  log?: (message: string) => void;
}

export function createRecordStage(d: RecordDeps): RecordStage {
  let held: SendResult[] = [];
  let retryAt = 0;
  const trouble = createWriteTrouble(d.monotonic);
  const backoff = createBackoff({ baseMs: 20, maxMs: 1000, random: d.random });

  const flush = (): boolean => {
    if (held.length === 0) return true;
    if (d.monotonic() < retryAt) return false;
    try {
      writeBriefly(d.db, () => d.apply(held));
    } catch (e) {
      // Anything but SQLite refusing the write is a bug: let it surface (what is held stays held).
      if (!isSqliteError(e)) throw e;
      if (trouble.failed(e))
        d.log?.(`sender: writing ${held.length} results failed, retrying: ${String(e)}`);
      // At least a few ms, so a lock held for seconds costs a handful of tries per second.
      retryAt = d.monotonic() + Math.max(5, backoff.next());
      return false;
    }
    if (trouble.recovered()) d.log?.('sender: results written again');
    backoff.reset();
    retryAt = 0;
    held = [];
    return true;
  };

  return {
    add(r) {
      held.push(r);
      d.counts.sending--;
      d.counts[r.kind === 'retry' || r.kind === 'requeue' ? 'pending' : r.kind]++;
    },
    flush,
    held: () => held.length,
    retryInMs: () => Math.max(0, retryAt - d.monotonic()),
    async drain(sleep, maxMs) {
      const until = d.monotonic() + maxMs;
      while (!flush()) {
        if (d.monotonic() >= until) return false;
        await sleep(Math.max(1, Math.min(retryAt - d.monotonic(), until - d.monotonic())));
      }
      return true;
    },
  };
}
