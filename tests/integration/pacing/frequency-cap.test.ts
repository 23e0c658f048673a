import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { fakeClock } from '../../helpers/tmp';
import { phones, sendHarness, type SendHarness } from '../sending/helpers';

const DAY = 24 * 3600_000;
const CAP_REASON = 'Excluded: got a message from this account in the last 7 days (frequency cap).';

describe('frequency cap', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  /** A finished campaign of this account that sent `sent` and failed `failed` at `at`. */
  async function history(
    name: string,
    sent: string[],
    failed: string[],
    at: number,
    accountId = 1,
  ): Promise<number> {
    const id = await h.campaign(name, [...sent, ...failed]);
    const db = h.core.store.sqlite;
    db.prepare("UPDATE campaigns SET state = 'completed', account_id = ? WHERE id = ?").run(
      accountId,
      id,
    );
    db.prepare("UPDATE recipients SET state = 'sent', sent_at = ? WHERE campaign_id = ?").run(
      at,
      id,
    );
    for (const p of failed)
      db.prepare("UPDATE recipients SET state = 'failed' WHERE campaign_id = ? AND phone = ?").run(
        id,
        p,
      );
    return id;
  }

  it('counts the window to the millisecond, only this account, only messages that were not failed', async () => {
    const clock = fakeClock();
    h = await sendHarness({ clock, runSenders: false });
    const t0 = clock.now();
    const [p0, p1, p2, p3, p4, p5] = phones(6);
    await history('last week', [p0!, p1!, p2!], [p3!], t0);
    // A second number (kind 'sandbox' so new drafts still go to the first one).
    h.core.store.sqlite
      .prepare(
        "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('Other number', 'sandbox', '999999', '888888', 'sandbox:embedded', 0, 0)",
      )
      .run();
    await history('other account', [p4!], [], t0, 2);
    // A big audience and a small one: the two ways of matching (from the audience, from the sends) agree.
    for (const audience of [
      [p0!, p1!, p2!, p3!, p4!, p5!],
      [p0!, p1!, p2!, p3!, p4!, p5!, ...phones(60, 100)],
    ]) {
      const id = await h.campaign(`now ${audience.length}`, audience);
      await h.core.handlers['campaigns.setPacing']({
        campaignId: id,
        frequencyCap: { enabled: true, days: 7 },
      });
      const wouldExclude = async () =>
        (await h.core.handlers['campaigns.pacing']({ campaignId: id })).frequencyCap.wouldExclude;
      clock.advance(1);
      expect(await wouldExclude()).toBe(3);
      clock.advance(7 * DAY - 2); // t0 + 7 days − 1 ms: still inside
      expect(await wouldExclude()).toBe(3);
      clock.advance(1); // exactly 7 days: out
      expect(await wouldExclude()).toBe(0);
      await h.core.handlers['campaigns.setPacing']({
        campaignId: id,
        frequencyCap: { enabled: true, days: 8 },
      });
      expect(await wouldExclude()).toBe(3);
      await h.core.handlers['campaigns.setPacing']({
        campaignId: id,
        frequencyCap: { enabled: false, days: 8 },
      });
      expect(await wouldExclude()).toBe(0);
      clock.advance(-(7 * DAY));
    }
  });

  it('is on by default for marketing templates only, and can be turned off or back to the default', async () => {
    h = await sendHarness({ runSenders: false });
    const id = await h.campaign('defaults', phones(2));
    const view = () => h.core.handlers['campaigns.pacing']({ campaignId: id });
    expect((await view()).frequencyCap).toMatchObject({
      enabled: false,
      days: 7,
      source: 'default',
    });
    const db = h.core.store.sqlite;
    db.prepare(
      "UPDATE templates SET category = 'MARKETING' WHERE id = (SELECT template_id FROM campaigns WHERE id = ?)",
    ).run(id);
    expect((await view()).frequencyCap).toMatchObject({
      enabled: true,
      days: 7,
      source: 'default',
    });
    await h.core.handlers['campaigns.setPacing']({
      campaignId: id,
      frequencyCap: { enabled: false, days: 7 },
    });
    expect((await view()).frequencyCap).toMatchObject({ enabled: false, source: 'campaign' });
    await h.core.handlers['campaigns.setPacing']({ campaignId: id, frequencyCap: null });
    expect((await view()).frequencyCap).toMatchObject({ enabled: true, source: 'default' });
  });

  it('excludes at start with its own reason, shown as an excluded count before and after', async () => {
    const clock = fakeClock();
    h = await sendHarness({ clock });
    const old = phones(3);
    await history('last week', old, [], clock.now() - 2 * DAY);
    const id = await h.campaign('again', [...old, ...phones(4, 50)]);
    await h.core.handlers['campaigns.setPacing']({
      campaignId: id,
      frequencyCap: { enabled: true, days: 7 },
    });
    const precheck = await h.core.handlers['campaigns.precheck']({ campaignId: id });
    expect(precheck.sendable).toBe(4);
    expect(precheck.items).toContainEqual(
      expect.objectContaining({
        id: 'frequency_cap',
        ok: true,
        message: expect.stringMatching(/^3 recipients got a message .* last 7 days/),
      }),
    );
    const started = await h.core.handlers['campaigns.start']({ campaignId: id });
    expect(started.excluded).toEqual([{ reason: CAP_REASON, count: 3 }]);
    await h.waitFor(id, ['completed']);
    expect(h.states(id)).toEqual({ sent: 4, skipped: 3 });
    const view = await h.core.handlers['campaigns.pacing']({ campaignId: id });
    expect(view.excluded).toEqual([{ reason: CAP_REASON, count: 3 }]);
    expect((await h.core.clients.sandbox()).stats().accepted).toBe(4);
  });

  it("is one of the audience scope's exclusions with the filter: prechecks, preview and start agree, each reason its own", async () => {
    const clock = fakeClock();
    h = await sendHarness({ clock, runSenders: false });
    const old = phones(4);
    await history('last week', old, [], clock.now() - 2 * DAY);
    // "Customer 0"…"Customer 7": the filter leaves out 6 and 7; the cap leaves out 0–3 (their phones got a message).
    const id = await h.campaign('both', [...old, ...phones(4, 50)]);
    await h.core.handlers['campaigns.setPacing']({
      campaignId: id,
      frequencyCap: { enabled: true, days: 7 },
    });
    await h.core.handlers['campaigns.setFilter']({
      campaignId: id,
      filter: {
        root: {
          kind: 'group',
          match: 'all',
          items: [
            {
              kind: 'condition',
              column: 'name',
              op: 'one_of',
              values: [
                'Customer 0',
                'Customer 1',
                'Customer 2',
                'Customer 3',
                'Customer 4',
                'Customer 5',
              ],
            },
          ],
        },
        decimal: '.',
        dateOrder: 'dmy',
      },
    });
    const precheck = await h.core.handlers['campaigns.precheck']({ campaignId: id });
    expect(precheck.sendable).toBe(2);
    expect(precheck.items.find((i) => i.id === 'audience')?.message).toMatch(
      /^2 recipients will receive this message\. 6 left out: \d+ recipients? who (is|are) not in the audience filter; \d+ who got a message from you recently \(frequency cap\)/,
    );
    const preview = await h.core.handlers['campaigns.preview']({ campaignId: id });
    expect(preview.total).toBe(2);
    expect(preview.recipient?.fields.name).toBe('Customer 4');
    const estimate = await h.core.handlers['campaigns.estimate']({ campaignId: id });
    expect(estimate.messages).toBe(2);
    await h.core.handlers['campaigns.start']({ campaignId: id });
    const reasons = Object.fromEntries(
      (
        h.core.store.sqlite
          .prepare(
            "SELECT skip_reason AS r, count(*) AS n FROM recipients WHERE campaign_id = ? AND state = 'skipped' GROUP BY skip_reason",
          )
          .all(id) as { r: string; n: number }[]
      ).map((x) => [x.r, x.n]),
    );
    expect(reasons).toEqual({ 'Excluded: not in the audience filter.': 2, [CAP_REASON]: 4 });
  });

  it('leaves nobody out, and needs no scan, when the account sent nothing elsewhere within the window', async () => {
    const clock = fakeClock();
    h = await sendHarness({ clock, runSenders: false });
    await history('long ago', phones(2), [], clock.now() - 30 * DAY);
    const id = await h.campaign('fresh', phones(3));
    await h.core.handlers['campaigns.setPacing']({
      campaignId: id,
      frequencyCap: { enabled: true, days: 7 },
    });
    const { audienceScope } = await import('../../../electron/core/campaigns/audience-scope');
    expect(audienceScope(h.core.store, id, clock.now()).everybody).toBe(true);
    expect((await h.core.handlers['campaigns.precheck']({ campaignId: id })).sendable).toBe(3);
  });

  it('refuses to start when the cap would exclude everybody', async () => {
    const clock = fakeClock();
    h = await sendHarness({ clock });
    const old = phones(3);
    await history('yesterday', old, [], clock.now() - DAY);
    const id = await h.campaign('all again', old);
    await h.core.handlers['campaigns.setPacing']({
      campaignId: id,
      frequencyCap: { enabled: true, days: 7 },
    });
    await expect(h.core.handlers['campaigns.start']({ campaignId: id })).rejects.toThrow(
      /would exclude all 3/,
    );
  });

  it('checks again at claim: a campaign sending meanwhile reached the same people', async () => {
    h = await sendHarness();
    await h.core.handlers['accounts.update']({ id: 1, ratePerSecond: 10 });
    const shared = phones(10);
    const first = await h.campaign('first', [...shared, ...phones(10, 200)]);
    const second = await h.campaign('second', [...shared, ...phones(5, 300)]);
    await h.core.handlers['campaigns.setPacing']({
      campaignId: second,
      frequencyCap: { enabled: true, days: 7 },
    });
    await h.core.handlers['campaigns.start']({ campaignId: first });
    const started = await h.core.handlers['campaigns.start']({ campaignId: second });
    // At its start the first campaign had reached few of them; the rest are caught when claimed.
    expect(started.excluded?.[0]?.count ?? 0).toBeLessThan(10);
    await h.waitFor(first, ['completed']);
    await h.waitFor(second, ['completed']);
    expect(h.states(second)).toEqual({ sent: 5, skipped: 10 });
    const reasons = h.core.store.sqlite
      .prepare(
        "SELECT DISTINCT skip_reason FROM recipients WHERE campaign_id = ? AND state = 'skipped'",
      )
      .pluck()
      .all(second);
    expect(reasons).toEqual([CAP_REASON]);
    const stats = (await h.core.clients.sandbox()).stats();
    expect(stats.accepted).toBe(25);
    expect(Math.max(...Object.values(stats.acceptedByRecipient))).toBe(1);
  });

  it('validates its input and the state it may change in', async () => {
    h = await sendHarness({ runSenders: false });
    const id = await h.campaign('rules', phones(2));
    const bad = await dispatch(
      h.core.handlers,
      'campaigns.setPacing',
      { campaignId: id, frequencyCap: { enabled: true, days: 0 } },
      { error: () => undefined },
    );
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/at least 1 day/) },
    });
    h.core.store.sqlite.prepare("UPDATE campaigns SET state = 'paused' WHERE id = ?").run(id);
    const paused = await dispatch(
      h.core.handlers,
      'campaigns.setPacing',
      { campaignId: id, frequencyCap: { enabled: true, days: 3 } },
      { error: () => undefined },
    );
    expect(paused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/paused.*only while it is draft/) },
    });
  });
});
