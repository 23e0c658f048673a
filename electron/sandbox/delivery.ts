import { hashString, seededRandom } from './random';
import { testNumberName, type SandboxTestNumberName } from './test-numbers';
import type { DeliveryConfig, StatusName } from './types';

export type Outcome =
  | { kind: 'failed'; code: number }
  | { kind: 'sent' }
  /** afterMs: delivered this long after acceptance instead of the configured delay (a phone that was off). */
  | { kind: 'delivered'; afterMs?: number }
  /** delivered: 'skipped' = no delivered webhook at all; 'late' = it arrives after the read one. */
  | { kind: 'read'; delivered: 'normal' | 'skipped' | 'late' };

export interface PlannedStatus {
  /** The message_history event id. */
  id: string;
  status: StatusName;
  /** When Meta triggered it (ms); the webhook carries it in whole seconds. */
  timestamp: number;
  /** When the relay receives it, so when it shows in the feed and in message_history. */
  visibleAt: number;
  /** Meta puts `pricing` on `sent` and on ONE of delivered/read (cloud-api.md §4.1). */
  pricing: boolean;
  error?: { code: number; details: string };
  /** 2 when the webhook is delivered twice (Meta's retries make duplicates). */
  copies: number;
}

export const DEFAULT_DELIVERY: DeliveryConfig = {
  sentAfterMs: 1000,
  deliveredAfterMs: 3000,
  readAfterMs: 8000,
  seed: 1,
};

const FAILURE_DETAILS: Readonly<Record<number, string>> = {
  131026:
    'Message failed to send because the recipient is not on WhatsApp, has not accepted the latest Terms of Service, or uses an old WhatsApp version.',
  131049:
    'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
  131050: 'The recipient has chosen to stop receiving marketing messages from this business.',
};

/** How long the phoneOffForADay test number is unreachable: longer than the 12 h marketing TTL floor. */
export const PHONE_OFF_MS = 30 * 3_600_000;

const fixedOutcome = (name: SandboxTestNumberName, marketing: boolean): Outcome | undefined => {
  switch (name) {
    case 'read':
    case 'duplicateWebhooks':
      return { kind: 'read', delivered: 'normal' };
    case 'deliveredNeverRead':
      return { kind: 'delivered' };
    case 'notOnWhatsApp':
      return { kind: 'failed', code: 131026 };
    // 131049 and 131050 only ever hit marketing templates (cloud-api.md §2.2, §9).
    case 'marketingLimit':
      return marketing ? { kind: 'failed', code: 131049 } : { kind: 'delivered' };
    case 'optedOutOfMarketing':
      return marketing ? { kind: 'failed', code: 131050 } : { kind: 'delivered' };
    case 'neverDelivered':
      return { kind: 'sent' };
    case 'readAtOnce':
      return { kind: 'read', delivered: 'skipped' };
    case 'readBeforeDelivered':
      return { kind: 'read', delivered: 'late' };
    // Template pacing (cloud-api.md §1.5): released as usual, or dropped with 132015.
    case 'heldThenDelivered':
      return { kind: 'delivered' };
    case 'heldThenDropped':
      return { kind: 'failed', code: 132015 };
    case 'phoneOffForADay':
      return { kind: 'delivered', afterMs: PHONE_OFF_MS };
    case 'rejectedNotOnWhatsApp':
    case 'pairRateLimited':
      return undefined;
  }
};

/** Roughly: 3% not on WhatsApp, 5% marketing refusals, 3% never delivered, the rest delivered, 60% of those read. */
const randomOutcome = (random: () => number, marketing: boolean): Outcome => {
  const r = random();
  const readDraw = random();
  const atOnceDraw = random();
  const delivered: Outcome =
    readDraw < 0.6
      ? { kind: 'read', delivered: atOnceDraw < 0.15 ? 'skipped' : 'normal' }
      : { kind: 'delivered' };
  if (r < 0.03) return { kind: 'failed', code: 131026 };
  if (r < 0.08) {
    if (!marketing) return delivered;
    return r < 0.075 ? { kind: 'failed', code: 131049 } : { kind: 'failed', code: 131050 };
  }
  if (r < 0.11) return { kind: 'sent' };
  return delivered;
};

export interface OutcomeInput {
  to: string;
  marketing: boolean;
  /** How many messages this recipient had accepted before this one. */
  nth: number;
  seed: number;
}

export interface Decision {
  outcome: Outcome;
  /** Multipliers of the sent/delivered/read delays. */
  jitter: [number, number, number];
  duplicate: boolean;
}

/**
 * Seeded from (seed, recipient, nth message to them) rather than a shared sequence, so outcomes do
 * not depend on the order concurrent sends happen to arrive in.
 */
export function decideOutcome(input: OutcomeInput): Decision {
  const name = testNumberName(input.to);
  if (name !== undefined) {
    const outcome = fixedOutcome(name, input.marketing) ?? { kind: 'sent' };
    return { outcome, jitter: [1, 1, 1], duplicate: name === 'duplicateWebhooks' };
  }
  const random = seededRandom(hashString(`${input.seed}|${input.to}|${input.nth}`));
  const outcome = randomOutcome(random, input.marketing);
  const jitter: [number, number, number] = [0.5 + random(), 0.5 + random(), 0.5 + random()];
  return { outcome, jitter, duplicate: false };
}

/** The status webhooks of one accepted message, in timestamp order. */
export function planStatuses(
  decision: Decision,
  acceptedAt: number,
  delays: DeliveryConfig,
  newId: () => string,
): PlannedStatus[] {
  const [js, jd, jr] = decision.jitter;
  const sentAt = acceptedAt + Math.round(delays.sentAfterMs * js);
  const deliveredAt = Math.max(sentAt + 1, acceptedAt + Math.round(delays.deliveredAfterMs * jd));
  const readAt = Math.max(deliveredAt + 1, acceptedAt + Math.round(delays.readAfterMs * jr));
  const copies = decision.duplicate ? 2 : 1;
  const at = (
    status: StatusName,
    timestamp: number,
    pricing: boolean,
    visibleAt = timestamp,
  ): PlannedStatus => ({
    id: newId(),
    status,
    timestamp,
    visibleAt,
    pricing,
    copies,
  });

  const { outcome } = decision;
  switch (outcome.kind) {
    case 'failed': {
      const failed = at('failed', sentAt, false);
      failed.error = {
        code: outcome.code,
        details: FAILURE_DETAILS[outcome.code] ?? 'The message could not be delivered.',
      };
      return [failed];
    }
    case 'sent':
      return [at('sent', sentAt, true)];
    case 'delivered': {
      const when = outcome.afterMs === undefined ? deliveredAt : acceptedAt + outcome.afterMs;
      return [at('sent', sentAt, true), at('delivered', Math.max(sentAt + 1, when), true)];
    }
    case 'read':
      if (outcome.delivered === 'skipped')
        return [at('sent', sentAt, true), at('read', readAt, true)];
      if (outcome.delivered === 'late') {
        // Triggered on time but retried by Meta, so it reaches the relay after the read webhook.
        const late = readAt + Math.max(1, deliveredAt - sentAt);
        return [
          at('sent', sentAt, true),
          at('delivered', deliveredAt, true, late),
          at('read', readAt, false),
        ];
      }
      return [
        at('sent', sentAt, true),
        at('delivered', deliveredAt, true),
        at('read', readAt, false),
      ];
  }
}
