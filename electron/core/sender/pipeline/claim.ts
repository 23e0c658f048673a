import type { Database as SqliteDatabase } from 'better-sqlite3';
import { createBackoff } from '../backoff';
import type { Claimed, ClaimOptions, SendRepo } from '../repo';
import { createWriteTrouble, isSqliteError, writeBriefly } from './write-briefly';

export interface LeaseRef {
  accountId: number;
  owner: string;
}

export type ClaimStep =
  /** Marked `sending` (may be empty when all were skipped at claim: `skipped` > 0). */
  | { kind: 'claimed'; claimed: Claimed[]; skipped: number }
  /** SQLite's write lock is held elsewhere: try again after `waitMs`. */
  | { kind: 'busy'; waitMs: number }
  /** Another process holds the account's send lease now: this loop must stop at once. */
  | { kind: 'lease_lost' };

export interface ClaimDeps {
  db: SqliteDatabase;
  repo: Pick<SendRepo, 'claim'>;
  campaignId: number;
  lease?: LeaseRef;
  random: () => number;
  monotonic: () => number;
  log?: (message: string) => void;
}

/**
 * The claim stage: marks the next due recipients `sending` in one short IMMEDIATE transaction that
 * also renews the send lease, so a claim only ever happens while this process holds the account.
 */
export function createClaimStage(d: ClaimDeps) {
  const backoff = createBackoff({ baseMs: 20, maxMs: 1000, random: d.random });
  const trouble = createWriteTrouble(d.monotonic);
  return {
    claim(now: number, limit: number, options: ClaimOptions): ClaimStep {
      let result;
      try {
        result = writeBriefly(d.db, () =>
          d.repo.claim(
            d.campaignId,
            now,
            limit,
            d.lease ? { ...options, lease: d.lease } : options,
          ),
        );
      } catch (e) {
        if (!isSqliteError(e)) throw e;
        if (trouble.failed(e)) d.log?.(`sender: claim failed, retrying: ${String(e)}`);
        return { kind: 'busy', waitMs: Math.max(5, backoff.next()) };
      }
      backoff.reset();
      if (trouble.recovered()) d.log?.('sender: claims work again');
      if (result.leaseLost) return { kind: 'lease_lost' };
      return { kind: 'claimed', claimed: result.claimed, skipped: result.skipped };
    },
  };
}
