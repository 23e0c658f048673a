import type { Database } from 'better-sqlite3';

/**
 * The portfolio messaging limit: how many unique people the business may start conversations with in a
 * MOVING 24 hours (cloud-api.md §3.2). Meta sends no dedicated error when it is used up, so the sender
 * counts for itself and stops before the limit instead of discovering it through failures.
 */
export const MESSAGING_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface MessagingSend {
  /** Normalised the same way for every send (E.164): "+44…" and "44…" would count as two people. */
  phone: string;
  /** Epoch ms of a business-initiated send to that phone. */
  at: number;
}

export interface MessagingWindowInput {
  /** Unique people per 24 h; null = unlimited. */
  limit: number | null;
  /** Any order; several sends to one phone count once. Sends after `now` (clock skew) are ignored. */
  sends: readonly MessagingSend[];
  now: number;
}

export interface MessagingWindow {
  /** Unique phones with a send in (now − 24 h, now]. */
  used: number;
  /** null when the limit is unlimited; never negative (a lowered limit can leave used > limit). */
  remaining: number | null;
  /** When remaining is 0: the moment a slot frees up. Otherwise null. */
  nextSlotAt: number | null;
  /** Phones already counted: sending to them again now uses no extra slot. */
  counted: ReadonlySet<string>;
}

export const messagingWindow = ({ limit, sends, now }: MessagingWindowInput): MessagingWindow => {
  const from = now - MESSAGING_WINDOW_MS;
  // A phone stays counted until its LATEST send in the window is 24 h old.
  const latest = new Map<string, number>();
  for (const { phone, at } of sends) {
    if (at <= from || at > now) continue;
    const seen = latest.get(phone);
    if (seen === undefined || at > seen) latest.set(phone, at);
  }
  const used = latest.size;
  const counted: ReadonlySet<string> = new Set(latest.keys());
  if (limit === null) return { used, remaining: null, nextSlotAt: null, counted };

  const remaining = Math.max(0, limit - used);
  if (remaining > 0) return { used, remaining, nextSlotAt: null, counted };
  // One slot opens when used drops to limit − 1, i.e. after the (used − limit + 1) oldest phones leave.
  const leaving = [...latest.values()].sort((a, b) => a - b);
  const oldest = leaving[used - Math.max(0, limit)];
  return {
    used,
    remaining,
    nextSlotAt: oldest === undefined ? null : oldest + MESSAGING_WINDOW_MS,
    counted,
  };
};

/**
 * The latest send per phone in the last 24 h, over every account of the same business portfolio:
 * Meta's limit is the portfolio's, shared by all its numbers (cloud-api.md §3.2, verified). An
 * account whose portfolio is not known counts alone. ASSUMED simplification: every campaign send
 * counts, although Meta counts only people *delivered* outside a customer-service window; counting
 * more is the safe side (the limit is reached a little early, never overrun).
 */
export function portfolioSends(
  db: Database,
  accountId: number,
  since: number,
): { phone: string; at: number }[] {
  return db
    .prepare(
      `SELECT r.phone AS phone, max(r.sent_at) AS at
       FROM recipients r JOIN campaigns c ON c.id = r.campaign_id
       WHERE c.account_id IN (
         SELECT a.id FROM accounts a, accounts me
         WHERE me.id = ? AND (a.id = me.id OR (me.business_portfolio_id IS NOT NULL AND a.business_portfolio_id = me.business_portfolio_id))
       ) AND r.sent_at > ?
       GROUP BY r.phone`,
    )
    .all(accountId, since) as { phone: string; at: number }[];
}
