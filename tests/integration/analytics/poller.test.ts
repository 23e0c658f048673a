import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/service';
import { SANDBOX_TEMPLATES } from '../../../electron/sandbox';
// spring_sale is a marketing template: UK numbers (WhatsApp does not deliver marketing to US ones).
import { gbPhones as phones, type SendHarness } from '../sending/helpers';
import { analyticsHarness, rows, sentAndSettled } from './helpers';

const SPRING = SANDBOX_TEMPLATES.find(
  (t) => t.name === 'spring_sale' && t.language === 'en_US',
)!.id!;
const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('template analytics: the poller and the cross-check', () => {
  let h: SendHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("fetches a finished sandbox campaign, stores Meta's day, and its figures match ours, with clicks", async () => {
    h = await analyticsHarness();
    const id = await sentAndSettled(h, 'Spring', phones(40));
    const a = await h.core.handlers['campaigns.refreshAnalytics']({ campaignId: id });

    // Run around a UTC midnight, the campaign may span two days; the rest of the test does not care.
    const today = a.days!.from;
    expect(Date.now() - today).toBeLessThan(2 * DAY);
    expect(a.templates).toEqual([
      expect.objectContaining({ name: 'spring_sale', language: 'en_US', metaId: SPRING }),
    ]);
    expect(a.health).toMatchObject({
      sandbox: true,
      metaState: 'enabled',
      polling: true,
      state: 'ok',
      callsThisHour: 1,
    });
    const states = h.states(id);
    expect(a.ours).toEqual({
      sent: (states.sent ?? 0) + (states.delivered ?? 0) + (states.read ?? 0),
      delivered: (states.delivered ?? 0) + (states.read ?? 0),
      read: states.read ?? 0,
      failed: states.failed ?? 0,
    });
    expect(a.campaign).toEqual(a.ours);
    expect(a.meta).toMatchObject({
      sent: a.ours.sent,
      delivered: a.ours.delivered,
      read: a.ours.read,
    });
    expect(a.differences).toEqual({ sent: 0, delivered: 0, read: 0 });
    const clicks = Object.fromEntries(a.meta!.clicks.map((c) => [c.button, c]));
    expect(clicks['See the deals']).toMatchObject({ type: 'unique_url_button' });
    expect(clicks['Stop promotions']).toMatchObject({ type: 'quick_reply_button' });
    expect(clicks['See the deals']!.count).toBeGreaterThan(0);
    expect(a.meta!.cost.find((c) => c.type === 'amount_spent')!.value).toBeGreaterThan(0);
    expect(a.explanations.map((e) => e.code).filter((c) => c !== 'utc_days')).toEqual([
      'match',
      'late_counts',
    ]);
    expect(a.overlapping).toEqual([]);

    // Stored as Meta reports it: one row per template and UTC day.
    expect(rows(h).map((r) => [r.template_meta_id, r.day_start, r.sent, r.read])).toEqual(
      a.perDay.map((d) => [SPRING, d.day, d.ours.sent, d.ours.read]),
    );
    // Re-polled on the campaign's pace: finished and recent → hourly.
    const fetch = h.core.store.sqlite
      .prepare(
        'SELECT fetched_at, next_fetch_at, fetched_from, fetched_to FROM analytics_campaigns WHERE campaign_id = ?',
      )
      .get(id) as Record<string, number>;
    expect(fetch.next_fetch_at! - fetch.fetched_at!).toBe(HOUR);
    expect([fetch.fetched_from, fetch.fetched_to]).toEqual([a.days!.from, a.days!.to]);

    // The A/B comparison's view: clicks per template and button.
    const perButton = await h.core.handlers['campaigns.buttonClicks']({ campaignId: id });
    expect(perButton).toMatchObject({
      campaignId: id,
      unavailable: null,
      templates: [{ metaId: SPRING, name: 'spring_sale', sharedWith: [] }],
    });
    expect(perButton.templates[0]!.clicks).toEqual(a.meta!.clicks);
  });

  it('says when figures include another campaign that used the same template on the same day', async () => {
    h = await analyticsHarness();
    const first = await sentAndSettled(h, 'Morning', phones(6, 0));
    const second = await sentAndSettled(h, 'Evening', phones(6, 100));
    const a = await h.core.handlers['campaigns.refreshAnalytics']({ campaignId: second });
    expect(a.overlapping).toEqual([
      { campaignId: first, name: 'Morning', sent: 6, days: [a.days!.from] },
    ]);
    expect(a.campaign.sent + a.campaign.failed).toBe(6);
    expect(a.ours.sent + a.ours.failed).toBe(12);
    expect(a.meta?.sent).toBe(a.ours.sent);
    expect(a.explanations.find((e) => e.code === 'other_campaigns')?.text).toContain('"Morning"');
    expect(
      (await h.core.handlers['campaigns.buttonClicks']({ campaignId: second })).templates[0]!
        .sharedWith,
    ).toEqual([first]);
  });

  it('polls due campaigns within the hourly call budget, then waits', async () => {
    h = await analyticsHarness();
    const ids = [
      await sentAndSettled(h, 'A', phones(2, 0)),
      await sentAndSettled(h, 'B', phones(2, 10)),
      await sentAndSettled(h, 'C', phones(2, 20)),
    ];
    await h.core.handlers['accounts.setAnalytics']({ accountId: 1, budgetPerHour: 2 });
    const poller = h.core.status.analytics.poller;
    await poller.runAccount(1);
    const fetched = () =>
      h!.core.store.sqlite
        .prepare(
          'SELECT campaign_id FROM analytics_campaigns WHERE fetched_at IS NOT NULL ORDER BY campaign_id',
        )
        .pluck()
        .all() as number[];
    expect(fetched()).toEqual(ids.slice(0, 2));
    expect(await h.core.handlers['accounts.analytics']({ accountId: 1 })).toMatchObject({
      callsThisHour: 2,
      budgetPerHour: 2,
      state: 'ok',
    });
    // The budget is spent: another round calls nobody.
    await poller.runAccount(1);
    expect(fetched()).toEqual(ids.slice(0, 2));
    // A bigger budget lets the third one through; the first two are not due again yet.
    await h.core.handlers['accounts.setAnalytics']({ accountId: 1, budgetPerHour: 10 });
    await poller.runAccount(1);
    expect(fetched()).toEqual(ids);
    expect((await h.core.handlers['accounts.analytics']({ accountId: 1 })).callsThisHour).toBe(3);
  });

  it('stops on "not enabled", shows it, and fetches again once the user enables analytics', async () => {
    h = await analyticsHarness({ enabled: false });
    const id = await sentAndSettled(h, 'Spring', phones(4));
    await h.core.status.analytics.poller.runAccount(1);
    const off = await h.core.handlers['campaigns.analytics']({ campaignId: id });
    expect(off.health).toMatchObject({
      metaState: 'not_enabled',
      polling: false,
      state: 'off',
      lastError: expect.stringContaining('not switched on'),
    });
    expect(off.meta).toBeNull();
    expect(off.explanations.map((e) => e.code)).toEqual(['not_enabled']);
    expect(rows(h)).toEqual([]);
    // Off means off: the background round asks nothing.
    await h.core.status.analytics.poller.runAccount(1);
    expect((await h.core.handlers['accounts.analytics']({ accountId: 1 })).callsThisHour).toBe(1);

    // The contract refuses an unconfirmed opt-in (Meta cannot undo it).
    const { dispatch } = await import('../../../electron/core/api/dispatch');
    const refused = await dispatch(h.core.handlers, 'accounts.enableAnalytics', { accountId: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const on = await h.core.handlers['accounts.enableAnalytics']({
      accountId: 1,
      confirmIrreversible: true,
    });
    expect(on).toMatchObject({
      metaState: 'enabled',
      polling: true,
      enabledAt: expect.any(Number),
    });
    const a = await h.core.handlers['campaigns.refreshAnalytics']({ campaignId: id });
    expect(a.meta?.sent).toBe(a.ours.sent);
    expect(a.explanations[0]!.code).toBe('match');
  });

  it('backs off after an error, shows it and stores nothing; a later fetch recovers', async () => {
    h = await analyticsHarness();
    const id = await sentAndSettled(h, 'Spring', phones(3));
    const sandbox = await h.core.clients.sandbox();
    sandbox.setFaults({ serverErrorRate: 1, routes: ['analytics'] });
    const failed = await h.core.handlers['campaigns.refreshAnalytics']({ campaignId: id });
    expect(failed.health).toMatchObject({
      state: 'failing',
      consecutiveErrors: 1,
      lastError: expect.stringMatching(/code (131000|2)/),
    });
    expect(failed.health.nextPollAt).toBeGreaterThan(Date.now());
    expect(failed.meta).toBeNull();
    expect(failed.explanations.map((e) => e.code)).toEqual(['fetch_failed', 'not_fetched']);
    expect(rows(h)).toEqual([]);
    // In backoff the background round leaves the account alone.
    await h.core.status.analytics.poller.runAccount(1);
    expect((await h.core.handlers['accounts.analytics']({ accountId: 1 })).callsThisHour).toBe(1);

    sandbox.setFaults({});
    const ok = await h.core.handlers['campaigns.refreshAnalytics']({ campaignId: id });
    expect(ok.health).toMatchObject({ state: 'ok', consecutiveErrors: 0 });
    expect(ok.meta?.sent).toBe(ok.ours.sent);
  });

  it.each([
    ['rate_limit', /rate limit/],
    ['permission', /whatsapp_business_management/],
  ] as const)(
    'leaves the account alone for an hour when Meta answers %s, and says so',
    async (refuse, words) => {
      h = await analyticsHarness({ refuse });
      const id = await sentAndSettled(h, 'Spring', phones(2));
      const a = await h.core.handlers['campaigns.refreshAnalytics']({ campaignId: id });
      expect(a.health).toMatchObject({ state: 'failing', lastError: expect.stringMatching(words) });
      expect(a.health.nextPollAt! - a.health.lastErrorAt!).toBe(HOUR);
      expect(a.explanations[0]).toMatchObject({
        code: 'fetch_failed',
        text: expect.stringMatching(words),
      });
    },
  );

  it('keeps the fetched figures across a restart, and never overwrites them from a sandbox that forgot', async () => {
    h = await analyticsHarness();
    const id = await sentAndSettled(h, 'Spring', phones(5));
    const before = await h.core.handlers['campaigns.refreshAnalytics']({ campaignId: id });
    expect(before.meta?.sent).toBeGreaterThan(0);

    // A second core on the same folder is a restarted app: nothing in memory, no sandbox running.
    // Its sandbox's clock runs a minute ahead: it starts well after those messages were sent.
    const core = createCore({
      dataDir: h.dir,
      shell: 'headless',
      externalChangePollMs: 0,
      sandboxOptions: { now: () => Date.now() + 60_000 },
    });
    try {
      const after = await core.handlers['campaigns.analytics']({ campaignId: id });
      expect(after.meta).toEqual(before.meta);
      expect(after.fetched).toEqual(before.fetched);
      // This process runs no sandbox: a refresh cannot ask it, and says why.
      const { dispatch } = await import('../../../electron/core/api/dispatch');
      expect(
        await dispatch(core.handlers, 'campaigns.refreshAnalytics', { campaignId: id }),
      ).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE', message: expect.stringContaining('forgets everything') },
      });
      // A fresh sandbox knows none of these messages: the stored day stays as it was.
      await core.clients.sandbox();
      const kept = await core.handlers['campaigns.refreshAnalytics']({ campaignId: id });
      expect(kept.meta).toEqual(before.meta);
      expect(kept.explanations.map((e) => e.code)).toContain('sandbox_forgot');
    } finally {
      await core.close();
    }
  });
});
