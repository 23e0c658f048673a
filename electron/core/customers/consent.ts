import type { MarketingAnswer } from '../contacts/presets';

/** How a customer came into the book; the first evidence is kept (see migration 160). */
export interface ConsentEvidence {
  source: 'import' | 'reply' | 'manual';
  /** Words a person reads: "imported from shop-customers.csv on 2026-03-02". */
  evidence: string;
}

/** What the book holds about a customer's agreement (migrations 160 and 210). */
export interface ConsentState {
  consent_source: string | null;
  consent_at: number | null;
  consent_evidence: string | null;
  marketing_declined_at: number | null;
  marketing_declined_evidence: string | null;
}

/** The words an explicit answer leaves, in the customer's record and in a campaign's skips. */
export interface MarketingWords {
  declined: string;
  accepted: string;
}

const day = (now: number) => new Date(now).toISOString().slice(0, 10);

/** "Declined marketing in the Shopify customers export of 2026-12-07 (customers_export.csv)". */
export function fileMarketingWords(source: string, fileName: string, now: number): MarketingWords {
  const where = `in the ${source} of ${day(now)} (${fileName})`;
  return { declined: `Declined marketing ${where}`, accepted: `Accepted marketing ${where}` };
}

export function handMarketingWords(now: number): MarketingWords {
  return {
    declined: `Declined marketing (set by hand on ${day(now)})`,
    accepted: `Accepted marketing (set by hand on ${day(now)})`,
  };
}

export const NO_CONSENT: ConsentState = {
  consent_source: null,
  consent_at: null,
  consent_evidence: null,
  marketing_declined_at: null,
  marketing_declined_evidence: null,
};

/**
 * The consent after one more source (an import's row, or a person) speaks about a customer
 * (`old` null: a new customer). The rules, in the owner's interest and the customer's:
 * - an explicit "no" records the decline (a "no" already on record is kept with its date);
 * - an explicit "yes" clears a decline, and becomes the consent evidence when the customer had
 *   declined or had none: the customer's latest answer is their wish;
 * - no answer changes no decline, and gives the source's evidence only to a customer with no
 *   consent and no "no" (a plain file never turns a "no" into consent; the first evidence stays).
 */
export function nextConsent(
  old: ConsentState | null,
  answer: MarketingAnswer | undefined,
  evidence: ConsentEvidence,
  words: MarketingWords | undefined,
  now: number,
): ConsentState {
  const base = old ?? NO_CONSENT;
  const source = (text: string) => ({
    consent_source: evidence.source,
    consent_at: now,
    consent_evidence: text,
  });
  if (answer === 'declined' && words) {
    if (base.marketing_declined_at !== null) return base;
    return { ...base, marketing_declined_at: now, marketing_declined_evidence: words.declined };
  }
  if (answer === 'accepted' && words) {
    if (base.marketing_declined_at === null && base.consent_source !== null) return base;
    return {
      ...source(words.accepted),
      marketing_declined_at: null,
      marketing_declined_evidence: null,
    };
  }
  if (base.consent_source !== null || base.marketing_declined_at !== null) return base;
  return { ...base, ...source(evidence.evidence) };
}

export function sameConsent(a: ConsentState, b: ConsentState): boolean {
  return (
    a.consent_source === b.consent_source &&
    a.consent_at === b.consent_at &&
    a.consent_evidence === b.consent_evidence &&
    a.marketing_declined_at === b.marketing_declined_at &&
    a.marketing_declined_evidence === b.marketing_declined_evidence
  );
}
