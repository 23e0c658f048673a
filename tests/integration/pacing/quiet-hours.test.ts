import { afterEach, describe, expect, it } from 'vitest';
import type { SendProgress } from '../../../shared/api';
import { fakeClock } from '../../helpers/tmp';
import { phones, sendHarness, type SendHarness } from '../sending/helpers';

const H = 3600_000;
/** UK mobiles the sandbox accepts like any other number. */
const ukPhones = (n: number) => Array.from({ length: n }, (_, i) => `+4474001234${String(10 + i)}`);

async function until<T>(what: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = what();
    if (v) return v;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('quiet hours against the sandbox (fake clock)', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('holds back the countries in quiet hours while the others are sent, says how many wait and until when, then sends them', async () => {
    // Monday 23 November 2026, 09:00 UTC: 09:00 in London, 04:00 in New York.
    const clock = fakeClock();
    h = await sendHarness({ clock });
    const id = await h.campaign('quiet', [...phones(3), ...ukPhones(2)]);
    await h.core.handlers['campaigns.setPacing']({
      campaignId: id,
      quietHours: { enabled: true, from: '21:00', to: '08:00', zones: { US: 'America/New_York' } },
    });
    const view = await h.core.handlers['campaigns.pacing']({ campaignId: id });
    const opensAt = clock.now() + 4 * H; // 08:00 in New York = 13:00 UTC
    expect(view.quietHours.waitingNow).toBe(3);
    expect(view.quietHours.countries).toEqual([
      expect.objectContaining({
        country: 'US',
        recipients: 3,
        rule: 'chosen',
        chosenZone: 'America/New_York',
        quietNow: true,
        opensAt,
      }),
      expect.objectContaining({ country: 'GB', recipients: 2, rule: 'single', quietNow: false }),
    ]);

    const pushes: SendProgress[] = [];
    h.core.events.on('send.progress', (p) => p.campaignId === id && pushes.push(p));
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await until(() => h.states(id).sent === 2);
    const waiting = await until(() => pushes.find((p) => p.waiting?.reason === 'quiet'));
    expect(waiting.waiting).toMatchObject({
      until: opensAt,
      message: expect.stringMatching(/quiet hours/),
    });
    expect(waiting.quiet).toEqual({
      recipients: 3,
      until: opensAt,
      groups: [
        {
          country: 'US',
          name: 'United States of America',
          zone: 'America/New_York',
          recipients: 3,
          until: opensAt,
        },
      ],
    });
    // It sleeps, it does not finish: the campaign stays sending with the three waiting.
    await new Promise((r) => setTimeout(r, 1200));
    expect(h.states(id)).toEqual({ sent: 2, pending: 3 });
    const status = await h.core.handlers['campaigns.status']({ campaignId: id });
    expect(status.state).toBe('sending');
    expect(status.quiet).toMatchObject({ recipients: 3, until: opensAt });
    const sandbox = await h.core.clients.sandbox();
    expect(Object.keys(sandbox.stats().acceptedByRecipient).sort()).toEqual(ukPhones(2).sort());

    // A minute before the window opens nothing changes; once it opens the rest go out.
    clock.advance(4 * H - 60_000);
    await new Promise((r) => setTimeout(r, 1200));
    expect(h.states(id).pending).toBe(3);
    clock.advance(60_000);
    await h.waitFor(id, ['completed']);
    expect(h.states(id)).toEqual({ sent: 5 });
    const sentAt = h.core.store.sqlite
      .prepare("SELECT sent_at FROM recipients WHERE campaign_id = ? AND phone LIKE '+1%'")
      .pluck()
      .all(id) as number[];
    expect(sentAt.every((t) => t >= opensAt)).toBe(true);
  });

  it('recipients re-sent while the campaign sends (unknowns) are held back too if their country is asleep', async () => {
    const clock = fakeClock(); // 09:00 UTC: London awake, New York not
    h = await sendHarness({ clock });
    await h.core.handlers['accounts.update']({ id: 1, ratePerSecond: 10 });
    const us = phones(2);
    const id = await h.campaign('unknowns', [
      ...us,
      ...Array.from({ length: 30 }, (_, i) => `+4474001235${String(10 + i)}`),
    ]);
    // Two US sends from an earlier run came back "unknown"; nothing else from the US is pending.
    h.core.store.sqlite
      .prepare("UPDATE recipients SET state = 'unknown' WHERE campaign_id = ? AND phone LIKE '+1%'")
      .run(id);
    await h.core.handlers['campaigns.setPacing']({
      campaignId: id,
      quietHours: { enabled: true, from: '21:00', to: '08:00', zones: { US: 'America/New_York' } },
    });
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await until(() => (h.states(id).sent ?? 0) > 0);
    expect(await h.core.handlers['campaigns.resendUnknown']({ campaignId: id })).toEqual({
      requeued: 2,
    });
    await until(() => h.states(id).sent === 30, 15_000);
    await new Promise((r) => setTimeout(r, 600));
    expect(h.states(id)).toEqual({ sent: 30, pending: 2 });
    expect(
      h.core.store.sqlite.prepare('SELECT state FROM campaigns WHERE id = ?').pluck().get(id),
    ).toBe('sending');
    clock.advance(4 * 3600_000);
    await h.waitFor(id, ['completed']);
    expect(h.states(id)).toEqual({ sent: 32 });
  });

  it('a country with several zones and none chosen waits while any of them is quiet', async () => {
    // 15:00 UTC: 10:00 in New York but 05:00 in Honolulu.
    const clock = fakeClock(Date.UTC(2026, 10, 23, 15));
    h = await sendHarness({ clock });
    const id = await h.campaign('any-zone', phones(2));
    await h.core.handlers['campaigns.setPacing']({
      campaignId: id,
      quietHours: { enabled: true, from: '21:00', to: '08:00', zones: {} },
    });
    const view = await h.core.handlers['campaigns.pacing']({ campaignId: id });
    expect(view.quietHours.countries[0]).toMatchObject({
      country: 'US',
      rule: 'any',
      quietNow: true,
      opensAt: Date.UTC(2026, 10, 23, 18),
    });
    const precheck = await h.core.handlers['campaigns.precheck']({ campaignId: id });
    expect(
      precheck.items.find((i) => i.id === 'quiet_hours' && /any of them/.test(i.message)),
    ).toBeTruthy();
    // Choosing New York lets them go now.
    await h.core.handlers['campaigns.setPacing']({
      campaignId: id,
      quietHours: { enabled: true, from: '21:00', to: '08:00', zones: { US: 'America/New_York' } },
    });
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    expect(h.states(id)).toEqual({ sent: 2 });
  });
});
