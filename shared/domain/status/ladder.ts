import type { LadderStatus, StatusError } from './types';

/**
 * The status ladder (cloud-api.md §4.2): sent < delivered < read, read implies delivered, `delivered`
 * may never come, and `failed` is terminal unless a delivered/read with a later Meta timestamp appears
 * (BSP-reported). A recipient's result is a function of the SET of observations, never of their arrival
 * order: applying them in any order, with any duplicates, ends in the same track. That is how "ordered
 * by Meta's timestamp, not arrival" is kept without buffering: each observation carries its timestamp
 * and every comparison uses it. (One corner is left: a failure known only in words from
 * message_history, with a later timestamp than a delivery that overrode the same failure with Meta's
 * code, may keep the words instead of the code. Both sources report the same event with the same
 * timestamp in practice.)
 */

/** The recipient states the ladder works on; anything else is not touched by a status. */
export type TrackState = 'sent' | 'delivered' | 'read' | 'failed' | 'expired';

/** What the reconciler keeps per recipient (the `recipients` columns of the same names). */
export interface Track {
  state: TrackState;
  sentAt: number | null;
  deliveredAt: number | null;
  readAt: number | null;
  /** Set only while a failure stands; cleared when delivery evidence overrides it. */
  failedAt: number | null;
  /** Meta's timestamp of the newest status applied. */
  statusTs: number | null;
  errorCode: number | null;
  errorTitle: string | null;
}

export interface LadderInput {
  status: LadderStatus;
  at: number;
  error?: StatusError | null;
}

/** Recipients the ladder can move: the sender put them at `sent` or later (or the TTL expired them). */
export const isTrackState = (s: string): s is TrackState =>
  s === 'sent' || s === 'delivered' || s === 'read' || s === 'failed' || s === 'expired';

const minOf = (a: number | null, b: number): number => (a === null ? b : Math.min(a, b));
const maxOf = (a: number | null, b: number): number => (a === null ? b : Math.max(a, b));

/**
 * A recipient whose send was ambiguous (`unknown`, or queued again to be re-sent) and whom a status
 * now proves was sent: it starts from a clean `sent`, without the sender's guess about the failure.
 */
export function settledTrack(sentAt: number | null): Track {
  return {
    state: 'sent',
    sentAt,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    statusTs: null,
    errorCode: null,
    errorTitle: null,
  };
}

/** The state the facts in a track imply. */
function derive(t: Track, wasExpired: boolean): Track {
  const positive: TrackState | null =
    t.readAt !== null ? 'read' : t.deliveredAt !== null ? 'delivered' : null;
  const positiveAt = Math.max(t.deliveredAt ?? -Infinity, t.readAt ?? -Infinity);
  if (t.failedAt !== null && (positive === null || t.failedAt > positiveAt))
    return { ...t, state: 'failed' };
  // Delivery evidence at or after the failure wins: the customer got it (ties go to delivery).
  if (positive !== null)
    return { ...t, state: positive, failedAt: null, errorCode: null, errorTitle: null };
  return { ...t, state: wasExpired ? 'expired' : 'sent' };
}

/**
 * Applies one observation. `describe` gives the catalogue's plain-language title for Meta's code.
 * Returns the new track, or null when the observation changes nothing (an older status, a duplicate).
 */
export function applyStatus(
  track: Track,
  o: LadderInput,
  describe: (code: number | null, fallback: string) => string,
): Track | null {
  const t: Track = {
    ...track,
    sentAt: minOf(track.sentAt, o.at),
    statusTs: maxOf(track.statusTs, o.at),
  };
  switch (o.status) {
    case 'sent':
      break;
    case 'delivered':
      // A delivered_at equal to read_at may only be implied by the read: the real one replaces it.
      t.deliveredAt =
        t.deliveredAt === null || t.deliveredAt === t.readAt ? o.at : Math.min(t.deliveredAt, o.at);
      break;
    case 'read':
      // Read implies delivered; when both happen at once Meta sends only `read` (§4.2).
      t.readAt = minOf(t.readAt, o.at);
      t.deliveredAt ??= o.at;
      break;
    case 'failed': {
      const code = o.error?.code ?? null;
      // A failure known only in words (message_history) never replaces one with Meta's code.
      if (code !== null || t.errorCode === null) {
        t.errorCode = code;
        t.errorTitle = describe(code, o.error?.title ?? 'The message could not be delivered.');
      }
      t.failedAt = maxOf(t.failedAt, o.at);
      break;
    }
  }
  const next = derive(t, track.state === 'expired');
  return sameTrack(track, next) ? null : next;
}

export function sameTrack(a: Track, b: Track): boolean {
  return (
    a.state === b.state &&
    a.sentAt === b.sentAt &&
    a.deliveredAt === b.deliveredAt &&
    a.readAt === b.readAt &&
    a.failedAt === b.failedAt &&
    a.statusTs === b.statusTs &&
    a.errorCode === b.errorCode &&
    a.errorTitle === b.errorTitle
  );
}

/** Meta's default time-to-live for marketing and utility templates (cloud-api.md §1.6). */
export const DEFAULT_TTL_MS = 30 * 24 * 3600_000;
/** Authentication templates live 10 minutes. */
export const AUTHENTICATION_TTL_MS = 10 * 60_000;

export function ttlFor(
  templateCategory: string | null | undefined,
  defaultTtlMs = DEFAULT_TTL_MS,
): number {
  return (templateCategory ?? '').toUpperCase() === 'AUTHENTICATION'
    ? AUTHENTICATION_TTL_MS
    : defaultTtlMs;
}

/**
 * "If no delivered status arrives before TTL, assume the message was dropped" (§1.6): only a message
 * still at `sent` expires; a late delivered/read (or failed) still moves it on afterwards.
 */
export function expireTrack(track: Track, now: number, ttlMs: number): Track | null {
  if (track.state !== 'sent' || track.sentAt === null || now - track.sentAt < ttlMs) return null;
  return { ...track, state: 'expired' };
}

/** A `biz_opaque_callback_data` Campaign Desk wrote: "cd:<campaignId>:<recipientId>". */
export function parseCallback(
  data: string | null | undefined,
): { campaignId: number; recipientId: number } | null {
  const m = /^cd:(\d{1,15}):(\d{1,15})$/.exec(data ?? '');
  if (!m) return null;
  return { campaignId: Number(m[1]), recipientId: Number(m[2]) };
}
