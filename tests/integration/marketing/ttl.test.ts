import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox';
import { SANDBOX_TEST_NUMBERS } from '../../../electron/sandbox/test-numbers';
import { fakeClock } from '../../helpers/tmp';
import { sendHarness, type SendHarness } from '../sending/helpers';
import { SPRING_SALE } from '../status/helpers';

const HOUR = 3_600_000;
const OFF = SANDBOX_TEST_NUMBERS.phoneOffForADay.number; // a UK number: no per-user limit there
const ON = '+447911123201';

/**
 * Issue 17 items 1, 3 and 5 ("stop-after and TTL"): the template's time-to-live, read from Meta with
 * the templates, ends a Marketing Messages API message its phone never took in time: Meta sends no
 * webhook for it, so the app expires it at sent_at + TTL on its own clock. On Cloud API the 30-day
 * default holds and the same phone gets it when it comes back.
 */
describe('stop-after and TTL on the sandbox', { timeout: 120_000 }, () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('a phone off longer than the 12 h TTL: expired on the MM API, delivered on Cloud API', async () => {
    const clock = fakeClock(Date.UTC(2026, 11, 1, 9, 0));
    h = await sendHarness({
      clock,
      sandboxOptions: { now: clock.now, marketing: { onboarding: 'ONBOARDED' } },
    });
    const sandbox = await h.core.clients.sandbox();
    const [account] = await h.core.handlers['accounts.list']({});
    const auth = { Authorization: `Bearer ${SANDBOX_DEFAULTS.token}` };
    const page = (await fetch(
      `${sandbox.url}/v23.0/${SANDBOX_DEFAULTS.wabaId}/message_templates?limit=100`,
      { headers: auth },
    ).then((r) => r.json())) as { data: { id: string; name: string; language: string }[] };
    const spring = page.data.find((t) => t.name === 'spring_sale' && t.language === 'en_US');
    // The shop owner (or the app) sets the template's TTL to 12 h, Meta's floor for marketing.
    const edit = await fetch(`${sandbox.url}/v23.0/${spring?.id ?? 'missing'}`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ message_send_ttl_seconds: 12 * 3600 }),
    });
    expect(edit.status).toBe(200);

    const sql = h.core.store.sqlite;
    const run = async (name: string, marketingApi: 'on' | 'off') => {
      await h.core.handlers['accounts.update']({ id: account!.id, marketingApi });
      const id = await h.campaign(name, [OFF, ON], SPRING_SALE);
      // The same two people get both campaigns.
      await h.core.handlers['campaigns.setPacing']({
        campaignId: id,
        frequencyCap: { enabled: false, days: 7 },
      });
      await h.core.handlers['templates.sync']({ accountId: account!.id });
      await h.core.handlers['campaigns.start']({ campaignId: id });
      await h.waitFor(id, ['completed', 'paused']);
      return id;
    };
    const mm = await run('ttl-mm', 'on');
    const cloud = await run('ttl-cloud', 'off');
    expect(
      sql
        .prepare("SELECT message_send_ttl_seconds AS ttl FROM templates WHERE name = 'spring_sale'")
        .get(),
    ).toEqual({ ttl: 43_200 });

    const fate = (campaignId: number) =>
      Object.fromEntries(
        (
          sql
            .prepare('SELECT phone, state, route FROM recipients WHERE campaign_id = ?')
            .all(campaignId) as { phone: string; state: string; route: string }[]
        ).map((r) => [r.phone, `${r.route}:${r.state}`]),
      );
    const sync = () => h.core.status.poller.run(account!.id, true);

    clock.advance(11 * HOUR);
    await sync();
    expect(fate(mm)).toEqual({
      [OFF]: 'marketing_messages:sent',
      [ON]: expect.stringMatching(/^marketing_messages:(delivered|read)$/),
    });

    clock.advance(2 * HOUR); // past the 12 h TTL of the MM API message
    await sync();
    expect(fate(mm)[OFF]).toBe('marketing_messages:expired');
    expect(fate(cloud)[OFF]).toBe('cloud:sent');

    clock.advance(20 * HOUR); // the phone is back: Cloud API's 30-day TTL had not run out
    await sync();
    expect(fate(cloud)[OFF]).toBe('cloud:delivered');
    expect(fate(mm)[OFF]).toBe('marketing_messages:expired');
  });
});
