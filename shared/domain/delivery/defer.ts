import { normalizePhone } from '../phone';

/**
 * Deferred delivery for Meta's per-user marketing limit (issue 17 item 2).
 *
 * Verified (cloud-api.md §2.2, §9; Meta's per-user-limits page as quoted there): 131049 "not
 * delivered to maintain healthy ecosystem engagement" is the per-user marketing limit; wait at least
 * 24 h before the next marketing message to that person, earlier resends cause more enforcement;
 * marketing templates to US numbers fail with 131049 for good (since 2025-04-01), so retrying them
 * only costs money. A paced template's held messages that Meta drops fail with 132015 (cloud-api.md
 * §4, template-pacing page).
 * Assumed: that a held-then-dropped message is worth the same daily retry (the brief of issue 17
 * says so; Meta says nothing about resending them), and that a day after the answer is enough.
 */

export const DAY_MS = 86_400_000;
export const PER_USER_LIMIT = 131049;
export const PACING_DROPPED = 132015;

export interface DeferInput {
  code: number | null;
  /** The message had been held by WhatsApp for quality review (template pacing) before this answer. */
  wasHeld: boolean;
  phone: string;
  /** The recipient's country as the import placed it (null when unknown). */
  country: string | null;
  /** Times this recipient was already deferred. */
  deferrals: number;
  /** The campaign's days of retries (null: off). */
  deferDays: number | null;
  /** When the campaign stops sending (null: never). */
  stopAt: number | null;
  /** When the answer was learnt. */
  now: number;
}

export type DeferDecision =
  /** Not a per-user limit answer: the failure stands as it is. */
  | { kind: 'not_limited' }
  /** Back in the queue, not before `nextAt`. */
  | { kind: 'defer'; nextAt: number }
  /** A per-user limit answer that will not be retried: the failure stands, with `why` for the report. */
  | { kind: 'final'; why: string };

const isUs = (phone: string, country: string | null): boolean => {
  if (country) return country.toUpperCase() === 'US';
  const p = normalizePhone(phone, null);
  return p.ok && p.country === 'US';
};

export function isLimitAnswer(code: number | null, wasHeld: boolean): boolean {
  return code === PER_USER_LIMIT || (code === PACING_DROPPED && wasHeld);
}

/** What a failure of a marketing send does to its recipient: defer it a day, or let it fail. */
export function planDeferral(d: DeferInput): DeferDecision {
  if (!isLimitAnswer(d.code, d.wasHeld)) return { kind: 'not_limited' };
  if (isUs(d.phone, d.country))
    return { kind: 'final', why: 'WhatsApp does not deliver marketing messages to US numbers.' };
  if (d.deferDays === null)
    return { kind: 'final', why: 'Retries of limited messages are off for this campaign.' };
  if (d.deferrals >= d.deferDays)
    return {
      kind: 'final',
      why: `Still limited after ${d.deferrals} daily ${d.deferrals === 1 ? 'retry' : 'retries'}.`,
    };
  // Statuses carry Meta's time in whole seconds: a second more keeps the next try a full day after.
  const nextAt = d.now + DAY_MS + 1000;
  if (d.stopAt !== null && nextAt >= d.stopAt)
    return { kind: 'final', why: 'The offer ends before the next try.' };
  return { kind: 'defer', nextAt };
}

/** "Limited by WhatsApp — next try …" in the progress view, the report and the CLI. */
export const LIMITED_LABEL = 'Limited by WhatsApp';
export const OFFER_ENDED = 'Not sent — offer ended';
