import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_RATE_CARD, marketFor } from '../../../shared/domain/pricing';
import { phones, type SendHarness } from '../sending/helpers';
import { statusHarness, until } from './helpers';

describe("what WhatsApp's reports say a campaign is charged", () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('keeps the pricing of status webhooks per recipient and prices the billable ones beside the estimate', async () => {
    h = await statusHarness();
    const id = await h.campaign('charged', phones(6));
    const before = await h.core.handlers['campaigns.estimate']({ campaignId: id });
    // A draft has nothing charged yet, and says nothing about it.
    expect(before.charged).toBeUndefined();

    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    const db = h.core.store.sqlite;
    const reported = () =>
      (
        db
          .prepare('SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND billable = 1')
          .get(id) as { n: number }
      ).n;
    // The sandbox puts pricing on `sent` of every accepted message.
    const accepted = (
      db
        .prepare('SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND wamid IS NOT NULL')
        .get(id) as { n: number }
    ).n;
    await until('pricing of every accepted message', () => reported() === accepted, 15_000);

    const row = db
      .prepare(
        'SELECT billable, billing_type, billing_category FROM recipients WHERE campaign_id = ? AND billable = 1 LIMIT 1',
      )
      .get(id);
    expect(row).toEqual({ billable: 1, billing_type: 'regular', billing_category: 'utility' });

    const e = await h.core.handlers['campaigns.estimate']({ campaignId: id });
    const unit = marketFor(BUNDLED_RATE_CARD, 'US').prices.UTILITY;
    // Meta bills on `sent` already, but charges a message only once delivered.
    const delivered = (
      db
        .prepare(
          "SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND state IN ('delivered', 'read')",
        )
        .get(id) as { n: number }
    ).n;
    expect(e.charged).toMatchObject({
      reported: accepted,
      billable: delivered,
      awaitingDelivery: accepted - delivered,
      delivered,
      free: { customerService: 0, entryPoint: 0, other: 0 },
    });
    expect(e.charged?.cost).toBeCloseTo(unit * delivered, 6);
    // The estimate of the same delivered messages, at the template's category: the same here.
    expect(e.charged?.estimatedForDelivered).toBeCloseTo(unit * delivered, 6);
  });

  it('counts free messages by the reason Meta gives, and reports without pricing as not yet reported', async () => {
    h = await statusHarness({ statusPolling: false });
    const db = h.core.store.sqlite;
    db.prepare(
      "INSERT INTO status_sources (account_id, source, enabled) VALUES (1, 'sandbox', 0)",
    ).run();
    const id = await h.campaign('free ones', phones(4));
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    const ids = (
      db.prepare('SELECT id FROM recipients WHERE campaign_id = ? ORDER BY id').all(id) as {
        id: number;
      }[]
    ).map((r) => r.id);
    const set = db.prepare(
      "UPDATE recipients SET state = 'delivered', billable = ?, billing_type = ?, billing_category = ? WHERE id = ?",
    );
    set.run(0, 'free_customer_service', 'utility', ids[0]);
    set.run(0, 'free_entry_point', 'marketing', ids[1]);
    set.run(1, 'regular', 'marketing_lite', ids[2]);
    set.run(null, null, null, ids[3]);
    const e = await h.core.handlers['campaigns.estimate']({ campaignId: id });
    expect(e.charged).toMatchObject({
      reported: 3,
      billable: 1,
      free: { customerService: 1, entryPoint: 1, other: 0 },
      unreported: 1,
      byCategory: [{ category: 'marketing_lite', messages: 1 }],
    });
    // marketing_lite at the marketing price (the card has no column of its own).
    expect(e.charged?.cost).toBeCloseTo(marketFor(BUNDLED_RATE_CARD, 'US').prices.MARKETING, 6);
  });
});
