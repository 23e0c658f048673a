import { afterEach, describe, expect, it } from 'vitest';
import { gbPhones, ORDER_TEMPLATE, sendHarness, type SendHarness } from '../sending/helpers';
import { SPRING_SALE } from '../status/helpers';

/**
 * Issue 17 item 1: marketing templates go to /marketing_messages when the account says so (on, or
 * auto once Meta says the WABA is onboarded); utility templates always stay on /messages; each
 * recipient records the route its message took.
 */

const SPRING = SPRING_SALE;

const routes = (h: SendHarness, campaignId: number) =>
  h.core.store.sqlite
    .prepare('SELECT route, count(*) AS n FROM recipients WHERE campaign_id = ? GROUP BY route')
    .all(campaignId);

// Several campaigns per test on a loaded machine: generous timeouts, nothing timed.
describe('sending method of marketing templates', { timeout: 90_000 }, () => {
  let h: SendHarness;
  // Fresh numbers per campaign: the frequency cap leaves out people sent to recently.
  let used = 0;
  afterEach(() => h.close());

  const send = async (name: string, template: typeof ORDER_TEMPLATE, n = 5) => {
    const id = await h.campaign(name, gbPhones(n, (used += n)), template);
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed', 'paused']);
    return id;
  };

  it('auto: Cloud API until the onboarding check says ONBOARDED, then the MM API for marketing only', async () => {
    h = await sendHarness({ sandboxOptions: { marketing: { onboarding: 'ONBOARDED' } } });
    const sandbox = await h.core.clients.sandbox();
    const [account] = await h.core.handlers['accounts.list']({});
    expect(account).toMatchObject({
      marketingApi: 'auto',
      mmPolicy: 'fallback',
      mmOnboarding: null,
    });

    const before = await send('before-check', SPRING);
    expect(routes(h, before)).toEqual([{ route: 'cloud', n: 5 }]);

    const checked = await h.core.handlers['accounts.checkMarketingApi']({ accountId: account!.id });
    expect(checked.mmOnboarding).toBe('ONBOARDED');
    const marketing = await send('after-check', SPRING, 6);
    expect(routes(h, marketing)).toEqual([{ route: 'marketing_messages', n: 6 }]);
    const utility = await send('utility', ORDER_TEMPLATE, 4);
    expect(routes(h, utility)).toEqual([{ route: 'cloud', n: 4 }]);

    const byRoute = sandbox.state
      .messages()
      .reduce<Record<string, number>>(
        (acc, m) => ({ ...acc, [m.route]: (acc[m.route] ?? 0) + 1 }),
        {},
      );
    expect(byRoute).toEqual({ cloud: 9, marketing_messages: 6 });
  });

  it('off keeps everything on /messages; on sends marketing to the MM API without a check', async () => {
    h = await sendHarness({ sandboxOptions: { marketing: { onboarding: 'ONBOARDED' } } });
    const [account] = await h.core.handlers['accounts.list']({});
    await h.core.handlers['accounts.checkMarketingApi']({ accountId: account!.id });
    await h.core.handlers['accounts.update']({ id: account!.id, marketingApi: 'off' });
    expect(routes(h, await send('off', SPRING))).toEqual([{ route: 'cloud', n: 5 }]);

    await h.core.handlers['accounts.update']({
      id: account!.id,
      marketingApi: 'on',
      mmPolicy: 'strict',
    });
    const on = await send('on', SPRING);
    expect(routes(h, on)).toEqual([{ route: 'marketing_messages', n: 5 }]);
    // recipients list (and --json) says which way each message went.
    const listed = await h.core.handlers['recipients.list']({
      campaignId: on,
      limit: 100,
      afterId: 0,
    });
    expect(listed.items.map((r) => r.route)).toEqual(Array(5).fill('marketing_messages'));
  });

  it('the onboarding check reports what Meta says, ELIGIBLE included', async () => {
    h = await sendHarness({ sandboxOptions: { marketing: { onboarding: 'ELIGIBLE' } } });
    const [account] = await h.core.handlers['accounts.list']({});
    const checked = await h.core.handlers['accounts.checkMarketingApi']({ accountId: account!.id });
    expect(checked).toMatchObject({ mmOnboarding: 'ELIGIBLE', mmCheckedAt: expect.any(Number) });
    expect(routes(h, await send('eligible', SPRING))).toEqual([{ route: 'cloud', n: 5 }]);
  });
});
