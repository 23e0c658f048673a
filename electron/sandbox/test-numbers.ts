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
  notOnWhatsApp: { number: '+12025550103', description: 'Accepted, then failed with 131026 (not on WhatsApp).' },
  marketingLimit: {
    number: '+12025550104',
    description: 'Marketing templates: accepted, then failed with 131049 (per-user marketing limit). Other categories are delivered.',
  },
  optedOutOfMarketing: {
    number: '+12025550105',
    description: 'Marketing templates: accepted, then failed with 131050 (stopped marketing messages). Other categories are delivered.',
  },
  neverDelivered: { number: '+12025550106', description: 'Sent, never delivered (phone off for good).' },
  rejectedNotOnWhatsApp: {
    number: '+12025550107',
    description: 'Rejected synchronously with 131026, HTTP 400: nothing is accepted.',
  },
  pairRateLimited: { number: '+12025550108', description: 'Every send rejected with 131056 (pair rate limit), HTTP 429.' },
  readAtOnce: {
    number: '+12025550109',
    description: 'Sent, then read with no delivered webhook (Meta skips delivered when read comes at once).',
  },
  readBeforeDelivered: {
    number: '+12025550110',
    description: 'Delivered and read, but the delivered webhook arrives after the read one; timestamps stay in true order.',
  },
  duplicateWebhooks: { number: '+12025550111', description: 'Delivered and read; every status webhook arrives twice.' },
} as const satisfies Record<string, SandboxTestNumber>;

export type SandboxTestNumberName = keyof typeof SANDBOX_TEST_NUMBERS;

const BY_NUMBER = new Map<string, SandboxTestNumberName>(
  Object.entries(SANDBOX_TEST_NUMBERS).map(([name, t]) => [t.number, name as SandboxTestNumberName]),
);

export const testNumberName = (e164: string): SandboxTestNumberName | undefined => BY_NUMBER.get(e164);
