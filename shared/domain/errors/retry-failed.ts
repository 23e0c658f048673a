import { CATALOGUE, lookupCode } from './catalogue';
import type { CatalogueEntry } from './types';
import { codeFromWords } from './words';

/** When a recipient who failed with a code may go into a "retry failed" follow-up campaign. */
export interface RetryRule {
  /** Hours after the failure before the recipient may be included. */
  readonly afterHours: number;
  /** Only once a person fixed the cause (token, billing, template, media…): the UI should ask first. */
  readonly needsFix: boolean;
}

const HOUR_MS = 3_600_000;

/**
 * The rule is derived from the entry so a new code cannot be forgotten: a failure that says nothing
 * about the recipient (temporary, account, template) is worth retrying; one that does (not on WhatsApp,
 * blocked, bad number) is not, except the per-user marketing cap, which expires after 24 h.
 * Opt-outs are never retried.
 */
const ruleFor = (entry: CatalogueEntry): RetryRule | undefined => {
  if (entry.suppress) return undefined;
  if (entry.handling === 'fail_recipient' && entry.retryAfterHours === undefined) return undefined;
  return {
    afterHours: entry.retryAfterHours ?? (entry.waitSeconds ?? 0) / 3600,
    needsFix: entry.handling === 'pause_campaign',
  };
};

/** Codes worth retrying in a follow-up, e.g. 131049 after 24 h yes, 131026 no, 131050 never. */
export const RETRYABLE_FAILURE_CODES: ReadonlyMap<number, RetryRule> = new Map(
  [...CATALOGUE].flatMap(([code, entry]) => {
    const rule = ruleFor(entry);
    return rule ? [[code, rule] as const] : [];
  }),
);

export interface RetryFailedInput {
  /** Meta's code for the failure; undefined when there was none (see `accepted`). */
  code: number | undefined;
  /**
   * WhatsApp accepted the message (it has a wamid) before it failed. Without a code that means the
   * failure came from a source that gives no code (message_history): the reason is unknown.
   * Absent or false: the request never reached WhatsApp (network failure before sending).
   */
  accepted?: boolean;
  /** The failure's words as stored (Meta's title or message_history's description). */
  words?: string | null;
  failedAt: number;
  now: number;
  /** The phone as sent or the wa_id; with no `recipientCountry`, any +1 number counts as US. */
  phone: string;
  /** ISO 3166-1 alpha-2 when known: tells US numbers from Canadian and Caribbean ones. */
  recipientCountry?: string;
  /** The follow-up's template category; 131049 never blocks a non-marketing template. */
  templateCategory?: string;
  /** The first outcome was never known (timeout after sending): resending could send twice. */
  ambiguous?: boolean;
}

/** Why a code-less failure after WhatsApp accepted the message is not retried. */
export const REASON_UNKNOWN =
  'Reason unknown: WhatsApp accepted the message, then reported it failed without saying why. It could be the customer stopping your messages, so it is not retried automatically.';

export type RetryFailedDecision =
  /** `ready`: `now` is at or past `notBefore`. */
  | { retry: true; notBefore: number; ready: boolean; needsFix: boolean }
  | { retry: false; reason: string };

// A Canadian number wrongly skipped costs one missed retry; a US number wrongly retried is a wasted send.
const isUsNumber = (phone: string, country: string | undefined): boolean =>
  country !== undefined ? country.toUpperCase() === 'US' : /^\+?1/.test(phone.trim());

export const canRetryFailure = (input: RetryFailedInput): RetryFailedDecision => {
  if (input.ambiguous) {
    return {
      retry: false,
      reason:
        'We do not know whether the first message arrived; sending again could deliver it twice.',
    };
  }
  const at = (hours: number, needsFix: boolean): RetryFailedDecision => {
    const notBefore = input.failedAt + hours * HOUR_MS;
    return { retry: true, notBefore, ready: input.now >= notBefore, needsFix };
  };
  // A code-less failure in Meta's own words of an opt-out or the marketing cap is that failure.
  const code = input.code ?? codeFromWords(input.words);
  if (code === undefined) {
    // Accepted, then failed for a reason nobody told us: it may be the person's wish or Meta's
    // 24-hour rule, so it is never retried automatically (issue 16 item 2).
    if (input.accepted) return { retry: false, reason: REASON_UNKNOWN };
    // The request never reached WhatsApp: nothing was sent, nothing is known against a retry.
    return at(0, false);
  }
  const entry = lookupCode(code);
  // An unknown code: nothing says it is permanent.
  if (!entry) return at(0, false);

  const marketing = (input.templateCategory ?? 'MARKETING').toUpperCase() === 'MARKETING';
  if (entry.marketingOnly && !marketing && !entry.suppress) return at(0, false);
  if (code === 131049 && isUsNumber(input.phone, input.recipientCountry)) {
    return { retry: false, reason: 'WhatsApp does not deliver marketing messages to US numbers.' };
  }
  const rule = RETRYABLE_FAILURE_CODES.get(code) ?? ruleFor(entry);
  if (!rule) return { retry: false, reason: entry.explanation };
  return at(rule.afterHours, rule.needsFix);
};
