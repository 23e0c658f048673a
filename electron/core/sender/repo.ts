import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { RecipientCounts, SendRoute } from '../../../shared/api';
import { suppressedReason } from '../../../shared/domain/pacing';
import { RECENT_SEND_EXISTS } from './frequency-cap';
import { writeTransaction } from '../db/tx';
import { createDeferrer } from './deferral';
import { countStates as countRecipientStates } from '../status/queries';

/** A recipient claimed for sending: marked `sending` in the database before its request goes out. */
export interface Claimed {
  id: number;
  phone: string;
  fieldsJson: string;
  attempts: number;
  /** The A/B variant assigned at start; null (or absent) when the campaign is not split. */
  variant?: string | null;
  /** The phone's country (ISO alpha-2): a campaign may pick the recipient's language from it. */
  country?: string | null;
}

export type SendResult =
  | {
      id: number;
      kind: 'sent';
      wamid: string;
      waId: string | null;
      at: number;
      /** The answer said WhatsApp holds it for quality review (template pacing). */
      held?: boolean;
      /** The endpoint that accepted it (absent: Cloud API's /messages). */
      route?: SendRoute;
    }
  | {
      id: number;
      kind: 'failed';
      code: number | null;
      title: string;
      at: number;
      suppress?: { phone: string; reason: string };
    }
  /** Back in the queue until nextAt; `uncount` when the try never left the machine (offline). */
  | { id: number; kind: 'retry'; nextAt: number; uncount: boolean }
  | { id: number; kind: 'unknown'; code: number | null; title: string; at: number }
  | { id: number; kind: 'skipped'; reason: string }
  /** Not sent at all (the campaign paused before or because of it): back in the queue as it was. */
  | { id: number; kind: 'requeue' };

/** Checks made when recipients are claimed, besides the suppression list (always checked). */
export interface ClaimOptions {
  /**
   * Only recipients of these countries ('' for numbers without one), taken in this order (quiet
   * hours: the countries awake now, those about to fall quiet first). Absent: any country, by id.
   */
  countries?: readonly string[];
  /** Frequency cap: recipients this account sent anything after `since` are skipped with `reason`. */
  cap?: { since: number; accountId: number; reason: string };
  /**
   * The send lease of the account: the claim renews it in the same transaction, and claims nothing
   * when another process holds it now (it took over: this loop must stop).
   */
  lease?: { accountId: number; owner: string };
}

export interface ClaimResult {
  claimed: Claimed[];
  /** Left out at claim (suppressed since the import, or the frequency cap): now `skipped`. */
  skipped: number;
  /** The lease belongs to another process now: nothing was claimed. */
  leaseLost?: true;
}

type ClaimRow = Claimed & { suppressedBecause: string | null; recentlySent: number };

/**
 * The claim query in its variants: any country (by id, through recipients_campaign_state) or one
 * country (through recipients_pending_country), with or without the frequency cap's lookup. The
 * suppression list is read for every claimed recipient: an opt-out that arrived after the import
 * must stop the send.
 */
function claimSql(country: 'any' | 'one' | 'none', cap: boolean): string {
  const where =
    country === 'one'
      ? 'AND r.country = @country'
      : country === 'none'
        ? 'AND r.country IS NULL'
        : '';
  return `SELECT r.id, r.phone, r.fields_json AS fieldsJson, r.attempts, r.variant, r.country,
      (SELECT s.reason FROM suppression s WHERE s.phone = r.phone) AS suppressedBecause,
      ${cap ? RECENT_SEND_EXISTS : '0'} AS recentlySent
    FROM recipients r
    WHERE r.campaign_id = @campaignId AND r.state = 'pending' AND (r.next_attempt_at IS NULL OR r.next_attempt_at <= @now) ${where}
    ORDER BY r.id LIMIT @limit`;
}

/**
 * The sender's SQL, prepared once. Claims and results are small batched transactions, so the
 * loop never holds the write lock for long and other writers (an import, the UI) interleave.
 */
export function createSendRepo(db: SqliteDatabase) {
  const selects = new Map<string, Statement>();
  const selectDue = (country: 'any' | 'one' | 'none', cap: boolean): Statement => {
    const key = `${country}:${cap}`;
    let stmt = selects.get(key);
    if (!stmt) selects.set(key, (stmt = db.prepare(claimSql(country, cap))));
    return stmt;
  };
  const skipAtClaim = db.prepare<[string, number]>(
    "UPDATE recipients SET state = 'skipped', skip_reason = ? WHERE id = ? AND state = 'pending'",
  );
  const markSending = db.prepare<[number, number]>(
    "UPDATE recipients SET state = 'sending', sending_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'",
  );
  const stmts: Record<SendResult['kind'], Statement<unknown[]>> = {
    sent: db.prepare(
      "UPDATE recipients SET state = 'sent', wamid = ?, wa_id = ?, sent_at = ?, held_at = ?, route = ?, next_attempt_at = NULL, error_code = NULL, error_title = NULL WHERE id = ? AND state = 'sending'",
    ),
    failed: db.prepare(
      "UPDATE recipients SET state = 'failed', error_code = ?, error_title = ?, failed_at = ?, next_attempt_at = NULL WHERE id = ? AND state = 'sending'",
    ),
    retry: db.prepare(
      "UPDATE recipients SET state = 'pending', next_attempt_at = ?, attempts = attempts - ? WHERE id = ? AND state = 'sending'",
    ),
    unknown: db.prepare(
      "UPDATE recipients SET state = 'unknown', error_code = ?, error_title = ?, failed_at = ? WHERE id = ? AND state = 'sending'",
    ),
    skipped: db.prepare(
      "UPDATE recipients SET state = 'skipped', skip_reason = ? WHERE id = ? AND state = 'sending'",
    ),
    requeue: db.prepare(
      "UPDATE recipients SET state = 'pending', attempts = MAX(attempts - 1, 0) WHERE id = ? AND state = 'sending'",
    ),
  };
  const renewLease = db.prepare<[number, number, string]>(
    'UPDATE sender_leases SET heartbeat_at = ? WHERE account_id = ? AND owner = ?',
  );
  const suppress = db.prepare(
    "INSERT OR IGNORE INTO suppression (phone, reason, source, detail, created_at) VALUES (?, ?, 'send', ?, ?)",
  );
  const nextDue = db.prepare<[number]>(
    "SELECT min(next_attempt_at) AS at FROM recipients WHERE campaign_id = ? AND state = 'pending'",
  );
  const anyPendingNow = db.prepare<[number]>(
    "SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND state = 'pending' AND next_attempt_at IS NULL",
  );
  const dueInCountry = {
    one: db.prepare(
      `SELECT min(coalesce(next_attempt_at, 0)) AS at FROM recipients WHERE campaign_id = @campaignId AND state = 'pending' AND country = @country`,
    ),
    none: db.prepare(
      `SELECT min(coalesce(next_attempt_at, 0)) AS at FROM recipients WHERE campaign_id = @campaignId AND state = 'pending' AND country IS NULL`,
    ),
  };
  const pendingInCountry = {
    one: db.prepare(
      "SELECT 1 FROM recipients WHERE campaign_id = @campaignId AND state = 'pending' AND country = @country LIMIT 1",
    ),
    none: db.prepare(
      "SELECT 1 FROM recipients WHERE campaign_id = @campaignId AND state = 'pending' AND country IS NULL LIMIT 1",
    ),
  };
  const comingBackCountries = db.prepare<[number]>(
    "SELECT DISTINCT coalesce(country, '') AS country FROM recipients WHERE campaign_id = ? AND state IN ('sending', 'unknown')",
  );
  const pendingByCountry = db.prepare<[number]>(
    "SELECT coalesce(country, '') AS country, count(*) AS n FROM recipients WHERE campaign_id = ? AND state = 'pending' GROUP BY country",
  );

  const deferrer = createDeferrer(db);
  const undeferredPending = db.prepare<[number]>(
    "SELECT 1 FROM recipients WHERE campaign_id = ? AND state = 'pending' AND limited_at IS NULL LIMIT 1",
  );

  const claim = writeTransaction(
    db,
    (campaignId: number, now: number, limit: number, options: ClaimOptions = {}): ClaimResult => {
      const lease = options.lease;
      if (lease && renewLease.run(now, lease.accountId, lease.owner).changes === 0)
        return { claimed: [], skipped: 0, leaseLost: true };
      const cap = options.cap;
      const params = { campaignId, now, since: cap?.since ?? 0, accountId: cap?.accountId ?? 0 };
      const rows: ClaimRow[] = [];
      if (options.countries === undefined)
        rows.push(...(selectDue('any', !!cap).all({ ...params, limit }) as ClaimRow[]));
      else {
        for (const country of options.countries) {
          if (rows.length >= limit) break;
          const stmt = selectDue(country === '' ? 'none' : 'one', !!cap);
          rows.push(
            ...(stmt.all({
              ...params,
              limit: limit - rows.length,
              ...(country === '' ? {} : { country }),
            }) as ClaimRow[]),
          );
        }
      }
      const claimed: Claimed[] = [];
      let skipped = 0;
      for (const r of rows) {
        if (r.suppressedBecause !== null) {
          skipAtClaim.run(suppressedReason(r.suppressedBecause), r.id);
          skipped++;
        } else if (r.recentlySent && cap) {
          skipAtClaim.run(cap.reason, r.id);
          skipped++;
        } else {
          markSending.run(now, r.id);
          claimed.push({
            id: r.id,
            phone: r.phone,
            fieldsJson: r.fieldsJson,
            attempts: r.attempts,
            variant: r.variant ?? null,
            country: r.country ?? null,
          });
        }
      }
      return { claimed, skipped };
    },
  );

  const apply = writeTransaction(db, (results: readonly SendResult[]) => {
    for (const r of results) {
      switch (r.kind) {
        case 'sent':
          stmts.sent.run(r.wamid, r.waId, r.at, r.held ? r.at : null, r.route ?? 'cloud', r.id);
          break;
        case 'failed':
          // WhatsApp's per-user marketing limit answered at once: tried again a day later (deferral.ts).
          if (deferrer.apply(r.id, r.code, r.at, 'sending').kind === 'defer') break;
          stmts.failed.run(r.code, r.title, r.at, r.id);
          if (r.suppress)
            suppress.run(r.suppress.phone, r.suppress.reason, `error ${r.code ?? ''}`.trim(), r.at);
          break;
        case 'retry':
          stmts.retry.run(r.nextAt, r.uncount ? 1 : 0, r.id);
          break;
        case 'unknown':
          stmts.unknown.run(r.code, r.title, r.at, r.id);
          break;
        case 'skipped':
          stmts.skipped.run(r.reason, r.id);
          break;
        case 'requeue':
          stmts.requeue.run(r.id);
          break;
      }
    }
  });

  return {
    /**
     * Marks up to `limit` due recipients `sending`. IMMEDIATE: it reads then writes, and a deferred
     * transaction that read first could not take the write lock after another writer committed.
     */
    claim: (
      campaignId: number,
      now: number,
      limit: number,
      options: ClaimOptions = {},
    ): ClaimResult => claim(campaignId, now, limit, options),

    apply: (results: readonly SendResult[]): void => apply(results),

    // The draft's view too: rows of an import still being written are not counted (status/queries.ts).
    counts(campaignId: number): RecipientCounts {
      return countRecipientStates(db, campaignId);
    },

    /**
     * When the earliest waiting recipient is due (0: now), or null when nothing is pending; with
     * `countries`, among those countries only.
     */
    nextDueAt(campaignId: number, countries?: readonly string[]): number | null {
      if (countries === undefined) {
        if ((anyPendingNow.get(campaignId) as { n: number }).n > 0) return 0;
        return (nextDue.get(campaignId) as { at: number | null }).at;
      }
      let first: number | null = null;
      for (const country of countries) {
        const row = (
          country === ''
            ? dueInCountry.none.get({ campaignId })
            : dueInCountry.one.get({ campaignId, country })
        ) as { at: number | null };
        if (row.at !== null && (first === null || row.at < first)) first = row.at;
        if (first === 0) break;
      }
      return first;
    },

    /** Whether every pending recipient waits for its next try after WhatsApp's per-user limit. */
    onlyDeferredLeft(campaignId: number): boolean {
      return undeferredPending.get(campaignId) === undefined;
    },

    /** Whether any recipient of these countries is pending (due or not). */
    pendingIn(campaignId: number, countries: readonly string[]): boolean {
      return countries.some(
        (country) =>
          (country === ''
            ? pendingInCountry.none.get({ campaignId })
            : pendingInCountry.one.get({ campaignId, country })) !== undefined,
      );
    },

    /**
     * Every country ('' for none) whose recipients may still be sent in this run: pending ones, and
     * those that can come back to the queue (claimed but unsent, unknown ones the user re-sends).
     */
    countriesToSend(campaignId: number): string[] {
      const keys = new Set(
        (pendingByCountry.all(campaignId) as { country: string }[]).map((r) => r.country),
      );
      for (const r of comingBackCountries.all(campaignId) as { country: string }[])
        keys.add(r.country);
      return [...keys];
    },

    /** Pending recipients by country ('' for none), through the partial index on pending rows. */
    pendingByCountry(campaignId: number): Map<string, number> {
      return new Map(
        (pendingByCountry.all(campaignId) as { country: string; n: number }[]).map((r) => [
          r.country,
          r.n,
        ]),
      );
    },
  };
}

export type SendRepo = ReturnType<typeof createSendRepo>;

/**
 * After a crash, recipients left `sending` may or may not have reached Meta. They become
 * `unknown`, never silently re-sent; the user may choose to re-send them.
 */
export function recoverAbandoned(db: SqliteDatabase, accountId: number, now: number): number {
  return db
    .prepare(
      `UPDATE recipients SET state = 'unknown', error_title = 'Interrupted while sending: it may or may not have been delivered.', failed_at = ?
       WHERE state = 'sending' AND campaign_id IN (SELECT id FROM campaigns WHERE account_id = ?)`,
    )
    .run(now, accountId).changes;
}
