import { afterEach, describe, expect, it } from 'vitest';
import { callApi, openBook } from './helpers';

const A = '+447911123451';
const B = '+447911123452';
const C = '+447911123453';

/** What the Customers page reads: labels, last campaign, replies, segment previews and members. */
describe('the customer book as the Customers page reads it', () => {
  const open: ReturnType<typeof openBook>[] = [];
  afterEach(async () => {
    for (const b of open.splice(0)) await b.close();
  });

  async function world() {
    const b = openBook();
    open.push(b);
    for (const [phone, city] of [
      [A, 'London'],
      [B, 'Leeds'],
      [C, 'London'],
    ] as const)
      await callApi(b.core, 'customers.save', { phone, attributes: { City: city } });
    const db = b.core.store.sqlite;
    const add = db.prepare(
      `INSERT INTO recipients (campaign_id, row_number, phone, fields_json, state, sent_at) VALUES (?, ?, ?, '{}', 'sent', ?)`,
    );
    const march = await callApi(b.core, 'campaigns.create', { name: 'March news' });
    const april = await callApi(b.core, 'campaigns.create', { name: 'April news' });
    add.run(march.id, 2, A, 1000);
    add.run(april.id, 2, A, 2000);
    add.run(march.id, 3, B, 1500);
    db.prepare(
      "INSERT INTO replies (message_id, phone, type, body, campaign_id, matched_by, meta_ts, received_at) VALUES ('m1', ?, 'text', 'Yes please', ?, 'latest', 2500, 2500)",
    ).run(A, april.id);
    await callApi(b.core, 'replies.label', { phone: A, label: 'Interested' });
    await callApi(b.core, 'replies.label', { phone: A, label: 'ordered' });
    await callApi(b.core, 'replies.label', { phone: C, label: 'interested' });
    return { b, march: march.id, april: april.id };
  }

  it('lists each customer with labels and the campaign that last sent to them', async () => {
    const { b, april, march } = await world();
    const page = await callApi(b.core, 'customers.list', {});
    const by = Object.fromEntries(page.items.map((c) => [c.phone, c]));
    expect(by[A]).toMatchObject({
      labels: ['interested', 'ordered'],
      lastCampaign: { id: april, name: 'April news', at: 2000 },
    });
    expect(by[B]).toMatchObject({
      labels: [],
      lastCampaign: { id: march, name: 'March news', at: 1500 },
    });
    expect(by[C]).toMatchObject({ labels: ['interested'], lastCampaign: null });
  });

  it("shows a customer's replies with the campaign they answered", async () => {
    const { b } = await world();
    const a = await callApi(b.core, 'customers.show', { phone: A });
    expect(a.replies).toEqual([
      {
        id: expect.any(Number) as number,
        at: 2500,
        type: 'text',
        body: 'Yes please',
        campaignName: 'April news',
      },
    ]);
    expect((await callApi(b.core, 'customers.show', { phone: B })).replies).toEqual([]);
  });

  it('counts a definition before it is saved, with labels as a condition', async () => {
    const { b, march } = await world();
    const count = (history: unknown[]) =>
      callApi(b.core, 'segments.count', { history: history as never });
    expect((await count([{ kind: 'label', label: 'INTERESTED ' }])).members).toBe(2);
    expect(
      (
        await count([
          { kind: 'label', label: 'interested' },
          { kind: 'got', campaignId: march },
        ])
      ).members,
    ).toBe(1);
    expect((await count([{ kind: 'label', label: 'vip' }])).members).toBe(0);
    expect((await count([])).members).toBe(3);
    await expect(count([{ kind: 'got', campaignId: 999 }])).rejects.toThrow(
      /Campaign 999 does not exist/,
    );
    // Nothing was saved by counting.
    expect(await callApi(b.core, 'segments.list', {})).toEqual([]);
  });

  it("lists a segment's members only, pages them, and lists segments with their counts", async () => {
    const { b } = await world();
    const seg = await callApi(b.core, 'segments.create', {
      name: 'Interested',
      history: [{ kind: 'label', label: 'interested' }],
    });
    const first = await callApi(b.core, 'customers.list', { segmentId: seg.id, limit: 1 });
    expect(first.items.map((c) => c.phone)).toEqual([A]);
    expect(first.total).toBe(2);
    const next = await callApi(b.core, 'customers.list', {
      segmentId: seg.id,
      limit: 1,
      afterId: first.nextAfterId ?? 0,
    });
    expect(next.items.map((c) => c.phone)).toEqual([C]);
    expect(next.nextAfterId).toBeNull();
    const searched = await callApi(b.core, 'customers.list', { segmentId: seg.id, search: '453' });
    expect(searched.items.map((c) => c.phone)).toEqual([C]);
    const list = await callApi(b.core, 'segments.list', {});
    expect(list.map((s) => [s.name, s.count.members])).toEqual([['Interested', 2]]);
    await expect(callApi(b.core, 'customers.list', { segmentId: 99 })).rejects.toThrow(
      /Segment 99 does not exist/,
    );
  });
});
