import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { phones, type SendHarness } from '../sending/helpers';
import { statusHarness, until } from './helpers';

// Illustrative tiers (Meta's own figures were not found): list rate to 1,000, then $0.001.
const TIERS = [
  'Market,Category,Tier,Rate',
  'North America,Utility,"1 - 1,000",0.004',
  'North America,Utility,"1,001+",0.001',
].join('\n');

describe("Meta's volume tiers", () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('prices the month on the tier Meta’s account_update webhook says the business reached', async () => {
    h = await statusHarness({
      sandboxOptions: {
        delivery: { sentAfterMs: 20, deliveredAfterMs: 40, readAfterMs: 60, seed: 7 },
        // The portfolio sent 1,000 utility messages elsewhere this month; the 1,001st reaches tier 2.
        volumeTiers: { thresholds: [1001], alreadyThisMonth: 1000 },
      },
    });
    const file = join(h.dir, 'tiers.csv');
    writeFileSync(file, TIERS);
    const card = await h.core.handlers['pricing.importTiers']({
      file: { kind: 'path', path: file },
      effectiveDate: '2025-07-01',
      currency: 'USD',
    });
    expect(card.tiersFrom?.effectiveDate).toBe('2025-07-01');
    expect(card.tiers?.north_america?.UTILITY).toHaveLength(2);

    const first = await h.campaign('first', phones(6));
    const draft = await h.core.handlers['campaigns.estimate']({ campaignId: first });
    // Nothing charged this month as far as the app knows: every message at the first tier.
    expect(draft.volume).toEqual([
      {
        marketId: 'north_america',
        marketName: 'North America',
        already: 0,
        messages: draft.messages,
      },
    ]);
    expect(draft.total).toBeCloseTo(draft.messages * 0.004, 9);

    await h.core.handlers['campaigns.start']({ campaignId: first });
    await h.waitFor(first, ['completed']);
    const db = h.core.store.sqlite;
    const rows = await until('the tier webhook stored', () => {
      const r = db
        .prepare('SELECT account_id, month, category, region, tier_from, tier_to FROM volume_tiers')
        .all();
      return r.length > 0 && r;
    });
    expect(rows).toEqual([
      {
        account_id: 1,
        month: new Date().toISOString().slice(0, 7),
        category: 'UTILITY',
        region: 'North America',
        tier_from: 1001,
        tier_to: null,
      },
    ]);

    // The next campaign of the month starts past the 1,000 Meta counted, not at the few the app sent.
    const second = await h.campaign('second', phones(4));
    const next = await h.core.handlers['campaigns.estimate']({ campaignId: second });
    expect(next.volume?.[0]).toMatchObject({ marketId: 'north_america', already: 1000 });
    expect(next.total).toBeCloseTo(next.messages * 0.001, 9);
  });
});
