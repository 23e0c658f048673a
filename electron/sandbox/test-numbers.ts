export interface SandboxTestNumber {
  /** E.164 with '+'. */
  number: string;
  description: string;
}

/**
 * Recipients whose fate is fixed, for tests and demos. Every other number gets a seeded-random outcome.
 * Delays are exactly the configured ones for these numbers (no jitter).
 */
export const SANDBOX_TEST_NUMBERS = {
  read: { number: '+12025550101', description: 'Sent, delivered, then read.' },
  deliveredNeverRead: { number: '+12025550102', description: 'Sent and delivered, never read.' },
  notOnWhatsApp: {
    number: '+12025550103',
    description: 'Accepted, then failed with 131026 (not on WhatsApp).',
  },
  marketingLimit: {
    number: '+12025550104',
    description:
      'Marketing templates: accepted, then failed with 131049 (per-user marketing limit). Other categories are delivered.',
  },
  optedOutOfMarketing: {
    number: '+12025550105',
    description:
      'Marketing templates: accepted, then failed with 131050 (stopped marketing messages). Other categories are delivered.',
  },
  neverDelivered: {
    number: '+12025550106',
    description: 'Sent, never delivered (phone off for good).',
  },
  rejectedNotOnWhatsApp: {
    number: '+12025550107',
    description: 'Rejected synchronously with 131026, HTTP 400: nothing is accepted.',
  },
  pairRateLimited: {
    number: '+12025550108',
    description: 'Every send rejected with 131056 (pair rate limit), HTTP 429.',
  },
  readAtOnce: {
    number: '+12025550109',
    description:
      'Sent, then read with no delivered webhook (Meta skips delivered when read comes at once).',
  },
  readBeforeDelivered: {
    number: '+12025550110',
    description:
      'Delivered and read, but the delivered webhook arrives after the read one; timestamps stay in true order.',
  },
  duplicateWebhooks: {
    number: '+12025550111',
    description: 'Delivered and read; every status webhook arrives twice.',
  },
  heldThenDelivered: {
    number: '+447911123114',
    description:
      'Template pacing: the answer says held_for_quality_assessment; later released (sent, delivered).',
  },
  phoneOffForADay: {
    number: '+447911123117',
    description:
      "Phone off for 30 hours: sent, then delivered 30 h after acceptance, unless the template's time-to-live ran out first (then nothing more).",
  },
  heldThenDropped: {
    number: '+447911123115',
    description:
      'Template pacing: the answer says held_for_quality_assessment; later dropped (failed, 132015).',
  },
} as const satisfies Record<string, SandboxTestNumber>;

export type SandboxTestNumberName = keyof typeof SANDBOX_TEST_NUMBERS;

export interface SandboxReplyNumber extends SandboxTestNumber {
  /** Its messages play out like this test number's (sent, delivered, read); then the customer answers. */
  behavesLike: SandboxTestNumberName;
  /** What the customer sends a little after reading (REPLY_AFTER_READ_MS in inbound.ts). */
  reply: SandboxReply;
  /** How long after the read receipt the customer answers; default REPLY_AFTER_READ_MS (2 s). */
  afterReadMs?: number;
  /** The reply's webhook names the customer by user id only, no phone number (usernames, 2026). */
  phoneHidden?: boolean;
}

export type SandboxReply =
  | { text: string }
  | { buttonText: string; buttonPayload: string }
  | { image: { caption: string } }
  | { document: { filename: string; caption?: string } };

/**
 * Customers who answer: they read the message, then opt out by typing or by tapping a quick-reply
 * button, as inbound `messages` webhooks in the feed (cloud-api.md §9: Meta does not suppress on
 * either; the app must). They reply to every message they are sent.
 */
export const SANDBOX_REPLY_NUMBERS = {
  repliesStop: {
    number: '+12025550112',
    description: 'Read, then replies "Stop" (quoting the message) 2 s later.',
    behavesLike: 'read',
    reply: { text: 'Stop' },
  },
  tapsStopPromotions: {
    number: '+12025550113',
    description:
      'Read, then taps the quick-reply button "Stop promotions" (payload STOP_PROMOTIONS) 2 s later.',
    behavesLike: 'read',
    reply: { buttonText: 'Stop promotions', buttonPayload: 'STOP_PROMOTIONS' },
  },
  tapsStopAsUsername: {
    number: '+12025550116',
    description:
      'Read, then taps "Stop promotions" 2 s later; the webhook has only from_user_id, no phone number.',
    behavesLike: 'read',
    reply: { buttonText: 'Stop promotions', buttonPayload: 'STOP_PROMOTIONS' },
    phoneHidden: true,
  },
  // Issue 19: customers who answer a campaign with a question, a tap, a photo or a document, at
  // the delays people take (the sandbox's replyDelayScale shortens them for tests).
  asksPrice: {
    number: '+12025550130',
    description: 'Read, then asks "How much is the blue one?" 45 s later (quoting the message).',
    behavesLike: 'read',
    reply: { text: 'How much is the blue one?' },
    afterReadMs: 45_000,
  },
  tapsYesOffer: {
    number: '+12025550131',
    description:
      'Read, then taps the quick-reply button "Yes, send me the offer" (payload YES_OFFER) 20 s later.',
    behavesLike: 'read',
    reply: { buttonText: 'Yes, send me the offer', buttonPayload: 'YES_OFFER' },
    afterReadMs: 20_000,
  },
  sendsPhoto: {
    number: '+12025550132',
    description: 'Read, then sends a photo (JPEG) captioned "This one, in size M?" 90 s later.',
    behavesLike: 'read',
    reply: { image: { caption: 'This one, in size M?' } },
    afterReadMs: 90_000,
  },
  sendsDocument: {
    number: '+12025550133',
    description: 'Read, then sends a PDF "order-list.pdf" 3 min later.',
    behavesLike: 'read',
    reply: { document: { filename: 'order-list.pdf', caption: 'My order' } },
    afterReadMs: 180_000,
  },
} as const satisfies Record<string, SandboxReplyNumber>;

/**
 * Every +1 test number has a UK twin with the same fate: +1 202 555 01NN ↔ +44 7911 1232NN.
 * WhatsApp does not deliver marketing templates to US numbers (the app leaves them out before
 * sending), so tests and demos of marketing templates use the twins.
 */
export function ukTwin(e164: string): string {
  const m = /^\+120255501(\d\d)$/.exec(e164);
  if (!m) throw new Error(`${e164} is not a +1 202 555 01NN sandbox test number`);
  return `+4479111232${m[1]}`;
}

const withTwins = <T>(entries: [string, T][]): [string, T][] =>
  entries.flatMap(([n, v]): [string, T][] =>
    /^\+120255501\d\d$/.test(n)
      ? [
          [n, v],
          [ukTwin(n), v],
        ]
      : [[n, v]],
  );

const REPLIES_BY_NUMBER = new Map<string, SandboxReplyNumber>(
  withTwins(Object.values(SANDBOX_REPLY_NUMBERS).map((r) => [r.number, r])),
);

export const replyOf = (e164: string): SandboxReplyNumber | undefined =>
  REPLIES_BY_NUMBER.get(e164);

const BY_NUMBER = new Map<string, SandboxTestNumberName>(
  withTwins([
    ...Object.entries(SANDBOX_TEST_NUMBERS).map(([name, t]): [string, SandboxTestNumberName] => [
      t.number,
      name as SandboxTestNumberName,
    ]),
    ...Object.values(SANDBOX_REPLY_NUMBERS).map((r): [string, SandboxTestNumberName] => [
      r.number,
      r.behavesLike,
    ]),
  ]),
);

export const testNumberName = (e164: string): SandboxTestNumberName | undefined =>
  BY_NUMBER.get(e164);
