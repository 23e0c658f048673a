import { describe, expect, it } from 'vitest';
import {
  fileMarketingWords,
  nextConsent,
  NO_CONSENT,
  type ConsentState,
} from '../../../electron/core/customers/consent';

const DAY1 = Date.UTC(2026, 11, 7, 9);
const DAY2 = Date.UTC(2026, 11, 20, 9);
const plain = { source: 'import' as const, evidence: 'imported from a.csv on 2026-12-07' };
const shop = fileMarketingWords('Shopify customers export', 'shop.csv', DAY1);

describe('consent after a source speaks (nextConsent)', () => {
  it('a new customer: no answer gets the import note, a no gets no consent, a yes gets the yes as evidence', () => {
    expect(nextConsent(null, undefined, plain, shop, DAY1)).toMatchObject({
      consent_evidence: plain.evidence,
      marketing_declined_at: null,
    });
    expect(nextConsent(null, 'declined', plain, shop, DAY1)).toEqual({
      ...NO_CONSENT,
      marketing_declined_at: DAY1,
      marketing_declined_evidence:
        'Declined marketing in the Shopify customers export of 2026-12-07 (shop.csv)',
    });
    expect(nextConsent(null, 'accepted', plain, shop, DAY1)).toMatchObject({
      consent_source: 'import',
      consent_evidence:
        'Accepted marketing in the Shopify customers export of 2026-12-07 (shop.csv)',
    });
  });

  it('a known customer: a no keeps the first no and the consent; a plain file never turns a no into consent; a yes clears the no', () => {
    const consented: ConsentState = {
      ...NO_CONSENT,
      consent_source: 'import',
      consent_at: 1,
      consent_evidence: 'imported from old.csv on 2026-01-01',
    };
    const declined = nextConsent(consented, 'declined', plain, shop, DAY1);
    expect(declined).toMatchObject({ consent_at: 1, marketing_declined_at: DAY1 });
    const later = fileMarketingWords('Shopify customers export', 'later.csv', DAY2);
    expect(nextConsent(declined, 'declined', plain, later, DAY2)).toBe(declined);
    const noAnswerYet = nextConsent(null, 'declined', plain, shop, DAY1);
    expect(nextConsent(noAnswerYet, undefined, plain, undefined, DAY2)).toBe(noAnswerYet);
    expect(nextConsent(declined, 'accepted', plain, later, DAY2)).toEqual({
      consent_source: 'import',
      consent_at: DAY2,
      consent_evidence:
        'Accepted marketing in the Shopify customers export of 2026-12-20 (later.csv)',
      marketing_declined_at: null,
      marketing_declined_evidence: null,
    });
    // A yes for a customer who already agreed keeps the first evidence.
    expect(nextConsent(consented, 'accepted', plain, later, DAY2)).toBe(consented);
  });

  it('an answer without words (a file with no marketing column) is no answer', () => {
    expect(nextConsent(null, 'declined', plain, undefined, DAY1)).toMatchObject({
      consent_evidence: plain.evidence,
      marketing_declined_at: null,
    });
  });
});
