import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gbPhones, sendHarness, type SendHarness } from '../sending/helpers';

/**
 * Issue 18: a customer whose export says they do not accept marketing keeps that "no" in the book;
 * a marketing campaign leaves them out with the words of where it came from, a utility one does not,
 * and a later file that says yes clears it.
 */
const DECLINED =
  /^Declined marketing in the Shopify customers export of \d{4}-\d\d-\d\d \(customers_export\.csv\)$/;

function shopifyFile(dir: string, name: string, rows: [string, string][]): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    [
      'First Name,Last Name,Email,Accepts Email Marketing,Phone,Accepts SMS Marketing',
      ...rows.map(([phone, answer], i) => `C${i},Shop,c${i}@example.com,yes,${phone},${answer}`),
    ].join('\n'),
  );
  return path;
}

async function importBook(h: SendHarness, path: string) {
  return h.core.handlers['customers.import']({
    file: { kind: 'path', path },
    fileName: '',
    options: {},
  });
}

const customer = (h: SendHarness, phone: string) =>
  h.core.store.sqlite
    .prepare(
      'SELECT consent_source, consent_evidence, marketing_declined_at, marketing_declined_evidence FROM customers WHERE phone = ?',
    )
    .get(phone) as {
    consent_source: string | null;
    consent_evidence: string | null;
    marketing_declined_at: number | null;
    marketing_declined_evidence: string | null;
  };

/** The campaigns here share order_confirmation; what the rule looks at is its category. */
function setCategory(h: SendHarness, campaignId: number, category = 'MARKETING') {
  h.core.store.sqlite
    .prepare(
      'UPDATE templates SET category = ? WHERE id = (SELECT template_id FROM campaigns WHERE id = ?)',
    )
    .run(category, campaignId);
}

describe('customer book: a "no" to marketing', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('is recorded from a Shopify export without consent, leaves the customer out of marketing with its reason, not of utility, and a later yes clears it', async () => {
    h = await sendHarness();
    const [ann, bob, cy] = gbPhones(3) as [string, string, string];
    const first = await importBook(
      h,
      shopifyFile(h.dir, 'customers_export.csv', [
        [ann, 'no'],
        [bob, 'yes'],
        [cy, ''],
      ]),
    );
    expect(first).toMatchObject({ new: 3, declinedMarketing: 1 });
    // The "no" is on record, with no consent note from the import.
    expect(customer(h, ann)).toMatchObject({
      consent_source: null,
      consent_evidence: null,
      marketing_declined_evidence: expect.stringMatching(DECLINED),
    });
    expect(customer(h, bob)).toMatchObject({
      consent_source: 'import',
      consent_evidence: expect.stringMatching(
        /^Accepted marketing in the Shopify customers export/,
      ),
      marketing_declined_at: null,
    });
    // No answer: the import's note, as for any file.
    expect(customer(h, cy).consent_evidence).toMatch(/^imported from customers_export\.csv on /);
    const shown = await h.core.handlers['customers.show']({ phone: ann });
    expect(shown.marketingDeclined?.evidence).toMatch(DECLINED);

    // A marketing campaign from a plain file: the plain file changes nothing of the "no".
    const marketing = await h.campaign('spring offer', [ann, bob, cy]);
    setCategory(h, marketing);
    expect(customer(h, ann)).toMatchObject({ consent_source: null });
    const v = await h.core.handlers['campaigns.validate']({ campaignId: marketing });
    expect(v.willReceive).toBe(2);
    expect(v.leftOut.map((g) => [g.kind, g.count, g.reason])).toEqual([
      ['declined_marketing', 1, 'declined marketing messages (customer book)'],
    ]);
    await h.core.handlers['campaigns.start']({ campaignId: marketing });
    await h.waitFor(marketing, ['completed']);
    expect(h.states(marketing)).toEqual({ sent: 2, skipped: 1 });
    const reason = h.core.store.sqlite
      .prepare("SELECT skip_reason FROM recipients WHERE campaign_id = ? AND state = 'skipped'")
      .pluck()
      .get(marketing) as string;
    expect(reason).toMatch(DECLINED);
    const after = await h.core.handlers['campaigns.validate']({ campaignId: marketing });
    expect(after.leftOut.map((g) => [g.kind, g.count])).toEqual([['declined_marketing', 1]]);

    // A utility template (order_confirmation) reaches every one of them (the frequency cap off:
    // they were all just messaged).
    const utility = await h.campaign('orders', [ann, bob, cy]);
    setCategory(h, utility, 'UTILITY');
    await h.core.handlers['campaigns.setPacing']({
      campaignId: utility,
      frequencyCap: { enabled: false, days: 7 },
    });
    await h.core.handlers['campaigns.start']({ campaignId: utility });
    await h.waitFor(utility, ['completed']);
    expect(h.states(utility)).toEqual({ sent: 3 });

    // A later export that says yes: the latest answer wins.
    const later = await importBook(h, shopifyFile(h.dir, 'june.csv', [[ann, 'yes']]));
    expect(later).toMatchObject({ updated: 1, declinedMarketing: 0 });
    expect(customer(h, ann)).toMatchObject({
      consent_source: 'import',
      consent_evidence: expect.stringMatching(
        /^Accepted marketing in the Shopify customers export of .* \(june\.csv\)$/,
      ),
      marketing_declined_at: null,
      marketing_declined_evidence: null,
    });
    const again = await h.campaign('summer offer', [ann]);
    setCategory(h, again);
    await h.core.handlers['campaigns.setPacing']({
      campaignId: again,
      frequencyCap: { enabled: false, days: 7 },
    });
    expect((await h.core.handlers['campaigns.validate']({ campaignId: again })).willReceive).toBe(
      1,
    );
  });

  it('is recorded from a Shopify export imported as a campaign audience, and the same file again changes nothing', async () => {
    h = await sendHarness({ runSenders: false });
    const [ann] = gbPhones(1) as [string];
    const path = shopifyFile(h.dir, 'customers_export.csv', [[ann, 'no']]);
    const c = await h.core.handlers['campaigns.create']({ name: 'from shopify' });
    const imported = await h.core.handlers['audience.import']({
      campaignId: c.id,
      file: { kind: 'path', path },
      fileName: '',
      options: {},
    });
    expect(imported.book).toMatchObject({ new: 1 });
    const first = customer(h, ann);
    expect(first.marketing_declined_evidence).toMatch(DECLINED);
    expect(first.consent_source).toBeNull();
    expect(await importBook(h, path)).toMatchObject({ unchanged: 1, updated: 0 });
    expect(customer(h, ann)).toEqual(first);
  });
});
