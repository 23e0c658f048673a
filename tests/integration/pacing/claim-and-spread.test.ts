import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { readSettings } from '../../../electron/core/campaigns/settings';
import type { SendProgress } from '../../../shared/api';
import { fakeClock } from '../../helpers/tmp';
import { phones, sendHarness, type SendHarness } from '../sending/helpers';

const quiet = { error: () => undefined };

describe('suppression re-checked when a recipient is claimed', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('skips a number that opted out after the import, with the reason from the list', async () => {
    h = await sendHarness();
    const audience = phones(5);
    const id = await h.campaign('late opt-out', audience);
    expect(h.states(id)).toEqual({ pending: 5 });
    h.core.store.sqlite
      .prepare(
        "INSERT INTO suppression (phone, reason, source, detail, created_at) VALUES (?, 'Replied STOP.', 'reply', NULL, 1)",
      )
      .run(audience[2]);
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    expect(h.states(id)).toEqual({ sent: 4, skipped: 1 });
    expect(
      h.core.store.sqlite
        .prepare('SELECT phone, skip_reason FROM recipients WHERE campaign_id = ? AND state = ?')
        .all(id, 'skipped'),
    ).toEqual([{ phone: audience[2], skip_reason: 'Suppressed: Replied STOP.' }]);
    const stats = (await h.core.clients.sandbox()).stats();
    expect(stats.acceptedByRecipient[audience[2]!]).toBeUndefined();
    expect(stats.accepted).toBe(4);
  });
});

describe('spread over a duration', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('sends at what is left over the time left, leaves nobody in "sending" while it waits, and can be changed while paused', async () => {
    const clock = fakeClock();
    h = await sendHarness({ clock });
    const id = await h.campaign('spread', phones(30));
    // 30 over 10 minutes: one every 20 s (the account allows 80 a second).
    const set = await h.core.handlers['campaigns.setPacing']({
      campaignId: id,
      spread: { durationMinutes: 10 },
    });
    expect(set.spread).toMatchObject({ durationMinutes: 10, deadline: null, accountRate: 80 });
    expect(set.spread.ratePerSecond).toBeCloseTo(30 / 600, 6);
    const precheck = await h.core.handlers['campaigns.precheck']({ campaignId: id });
    expect(precheck.items).toContainEqual(
      expect.objectContaining({
        id: 'spread',
        message: 'Spread over 10 min: about one every 20 s.',
      }),
    );
    const pushes: SendProgress[] = [];
    h.core.events.on('send.progress', (p) => p.campaignId === id && pushes.push(p));
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await new Promise((r) => setTimeout(r, 1500));
    // The first goes at once, the next is due 20 s later: nobody is claimed before their turn.
    expect(h.states(id)).toEqual({ sent: 1, pending: 29 });
    const last = pushes.at(-1)!;
    expect(last.configuredRate).toBeCloseTo(0.05, 3);
    expect(last.etaSeconds).toBeGreaterThan(500);
    expect((await h.core.handlers['campaigns.pacing']({ campaignId: id })).spread.deadline).toBe(
      clock.now() + 10 * 60_000,
    );

    await h.core.handlers['campaigns.pause']({ campaignId: id });
    await h.core.senders.settled(id);
    const capWhilePaused = await dispatch(
      h.core.handlers,
      'campaigns.setPacing',
      { campaignId: id, frequencyCap: { enabled: true, days: 2 } },
      quiet,
    );
    expect(capWhilePaused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await h.core.handlers['campaigns.setPacing']({ campaignId: id, spread: null });
    await h.core.handlers['campaigns.resume']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    expect(h.states(id)).toEqual({ sent: 30 });
    const whileSending = await dispatch(
      h.core.handlers,
      'campaigns.setPacing',
      { campaignId: id, spread: { durationMinutes: 60 } },
      quiet,
    );
    expect(whileSending).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/completed/) },
    });
  });

  it('refuses durations it cannot honour', async () => {
    h = await sendHarness({ runSenders: false });
    const id = await h.campaign('bad spread', phones(2));
    for (const durationMinutes of [0, 4, 14 * 24 * 60 + 1, 1.5]) {
      const r = await dispatch(
        h.core.handlers,
        'campaigns.setPacing',
        { campaignId: id, spread: { durationMinutes } },
        quiet,
      );
      expect(r, String(durationMinutes)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
  });
});

describe('quiet hours settings', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('refuses windows that are empty or the whole day, and zones that are not the country’s', async () => {
    h = await sendHarness({ runSenders: false });
    const id = await h.campaign('bad quiet', phones(2));
    const cases: [unknown, RegExp][] = [
      [{ enabled: true, from: '21:00', to: '21:00', zones: {} }, /empty/],
      [{ enabled: true, from: '00:00', to: '24:00', zones: {} }, /whole day/],
      [{ enabled: true, from: '9pm', to: '08:00', zones: {} }, /HH:MM/],
      [
        { enabled: true, from: '21:00', to: '08:00', zones: { US: 'Europe/London' } },
        /not a time zone of United States/,
      ],
      [
        { enabled: true, from: '21:00', to: '08:00', zones: { us: 'America/Chicago' } },
        /two capital letters/,
      ],
      [
        { enabled: true, from: '21:00', to: '08:00', zones: { US: 'Mars/Olympus_Mons' } },
        /not a time zone/,
      ],
    ];
    for (const [quietHours, message] of cases) {
      const r = await dispatch(
        h.core.handlers,
        'campaigns.setPacing',
        { campaignId: id, quietHours },
        quiet,
      );
      expect(r, JSON.stringify(quietHours)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringMatching(message) },
      });
    }
    expect(readSettings(h.core.store, id)).toEqual({});
  });

  it('takes the account’s default quiet hours until the campaign has its own, and keeps them once started', async () => {
    const clock = fakeClock();
    h = await sendHarness({ clock });
    await h.core.handlers['accounts.update']({ id: 1, quietHours: { from: '22:00', to: '7:00' } });
    expect(await h.core.handlers['accounts.pacingDefaults']({})).toEqual([
      { accountId: 1, quietHours: { from: '22:00', to: '07:00' } },
    ]);
    const bad = await dispatch(
      h.core.handlers,
      'accounts.update',
      { id: 1, quietHours: { from: '07:00', to: '07:00' } },
      quiet,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const id = await h.campaign('defaults', phones(2));
    const view = await h.core.handlers['campaigns.pacing']({ campaignId: id });
    expect(view.quietHours).toMatchObject({
      enabled: true,
      from: '22:00',
      to: '07:00',
      source: 'account',
      accountDefault: { from: '22:00', to: '07:00' },
    });
    // 09:00 UTC: night in the whole United States.
    expect(view.quietHours.waitingNow).toBe(2);
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await new Promise((r) => setTimeout(r, 500));
    expect(readSettings(h.core.store, id).quietHours).toEqual({
      enabled: true,
      from: '22:00',
      to: '07:00',
      zones: {},
    });
    await h.core.handlers['accounts.update']({ id: 1, quietHours: null });
    expect(await h.core.handlers['accounts.pacingDefaults']({})).toEqual([
      { accountId: 1, quietHours: null },
    ]);
    expect(
      (await h.core.handlers['campaigns.pacing']({ campaignId: id })).quietHours,
    ).toMatchObject({ enabled: true, from: '22:00', source: 'campaign' });
    // A new draft no longer gets any.
    const next = await h.campaign('after', phones(1, 40));
    expect(
      (await h.core.handlers['campaigns.pacing']({ campaignId: next })).quietHours,
    ).toMatchObject({ enabled: false, source: 'account', accountDefault: null });
    await h.core.handlers['campaigns.cancel']({ campaignId: id });
  });
});
