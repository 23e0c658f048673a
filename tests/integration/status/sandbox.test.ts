import { afterEach, describe, expect, it } from 'vitest';
import { describeError } from '../../../shared/domain/errors';
import type { PushEvent } from '../../../shared/api';
import type { SendHarness } from '../sending/helpers';
import { byPhone, SPRING_SALE, statusHarness, UK_TEST_NUMBERS as N, until } from './helpers';

describe('status from the sandbox feed', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('reconciles a sandbox campaign to delivered, read and failed with the test numbers', async () => {
    h = await statusHarness();
    const pushed: PushEvent[] = [];
    h.core.events.onAny((name, payload) => pushed.push({ name, payload }));
    const numbers = [
      N.read,
      N.deliveredNeverRead,
      N.notOnWhatsApp,
      N.marketingLimit,
      N.optedOutOfMarketing,
      N.neverDelivered,
      N.readAtOnce,
      N.readBeforeDelivered,
      N.duplicateWebhooks,
    ].map((t) => t.number);
    const id = await h.campaign('statuses', numbers, SPRING_SALE);
    await h.core.handlers['campaigns.start']({ campaignId: id });
    // The per-user limit (131049) defers its recipient a day: the campaign waits for that retry.
    await h.waitFor(id, ['completed', 'scheduled']);

    // Once every planned status has played out (60 ms read delay in the harness), the app has them all.
    const final = await until('every status applied', () => {
      const r = byPhone(h.core, id);
      const read = [N.read, N.readAtOnce, N.readBeforeDelivered, N.duplicateWebhooks].every(
        (t) => r[t.number]?.state === 'read',
      );
      const failed = [N.notOnWhatsApp, N.optedOutOfMarketing].every(
        (t) => r[t.number]?.state === 'failed',
      );
      const deferred = r[N.marketingLimit.number]?.state === 'pending';
      return read && failed && deferred && r[N.deliveredNeverRead.number]?.state === 'delivered'
        ? r
        : undefined;
    });
    expect(final[N.neverDelivered.number]!.state).toBe('sent');
    expect(final[N.notOnWhatsApp.number]).toMatchObject({
      error_code: 131026,
      error_title: describeError(131026).title,
    });
    // Not failed: "Limited by WhatsApp", tried again a day after the answer (issue 17 item 2).
    expect(final[N.marketingLimit.number]).toMatchObject({ state: 'pending', error_code: 131049 });
    expect(final[N.marketingLimit.number]!.error_title).toMatch(/^Limited by WhatsApp/);
    const waiting = h.core.store.sqlite
      .prepare(
        'SELECT c.state, c.scheduled_at - r.limited_at AS wait, r.next_attempt_at - r.limited_at AS next FROM campaigns c JOIN recipients r ON r.campaign_id = c.id WHERE r.phone = ?',
      )
      .get(N.marketingLimit.number);
    expect(waiting).toEqual({ state: 'scheduled', wait: 86_401_000, next: 86_401_000 });
    expect(describeError(131049).title).toBeTruthy();
    expect(final[N.optedOutOfMarketing.number]).toMatchObject({ error_code: 131050 });
    // Read without a delivered webhook still counts as delivered.
    expect(final[N.readAtOnce.number]!.delivered_at).toBe(final[N.readAtOnce.number]!.read_at);
    // The late delivered webhook (after read) did not pull the state back.
    expect(final[N.readBeforeDelivered.number]!.delivered_at).toBeLessThanOrEqual(
      final[N.readBeforeDelivered.number]!.read_at!,
    );

    // 131050 put the number on the suppression list, with where it came from.
    const suppressed = h.core.store.sqlite
      .prepare('SELECT phone, source, detail FROM suppression')
      .all();
    expect(suppressed).toEqual([
      { phone: N.optedOutOfMarketing.number, source: 'status', detail: 'error 131050 (sandbox)' },
    ]);

    // Every webhook arrived twice for the duplicates number; each status is kept once, raw.
    const dupWamid = final[N.duplicateWebhooks.number]!.wamid!;
    const kept = h.core.store.sqlite
      .prepare(
        'SELECT status, source, payload_json FROM status_events WHERE dedupe_key >= ? AND dedupe_key < ?',
      )
      .all(`s:${dupWamid}:`, `s:${dupWamid};`) as {
      status: string;
      source: string;
      payload_json: string;
    }[];
    expect(kept.map((k) => k.status).sort()).toEqual(['delivered', 'read', 'sent']);
    expect(JSON.parse(kept[0]!.payload_json)).toMatchObject({
      id: dupWamid,
      biz_opaque_callback_data: expect.stringMatching(/^cd:\d+:\d+$/),
    });

    const status = await h.core.handlers['campaigns.status']({ campaignId: id });
    expect(status.counts).toMatchObject({
      sent: 1,
      delivered: 1,
      read: 4,
      failed: 2,
      pending: 1,
      unknown: 0,
      expired: 0,
    });
    expect(status.deferred?.count).toBe(1);
    expect(status.waiting?.reason).toBe('deferred');
    expect(status.failedByCode?.map((f) => [f.code, f.count, f.suppressed])).toEqual([
      [131026, 1, false],
      [131050, 1, true],
    ]);
    expect(status.failedByCode?.[0]).toMatchObject({
      explanation: describeError(131026).explanation,
      action: describeError(131026).action,
    });

    const timeline = await h.core.handlers['campaigns.timeline']({
      campaignId: id,
      bucketSeconds: 1,
    });
    const sum = (k: 'sent' | 'delivered' | 'read' | 'failed') =>
      timeline.buckets.reduce((n, b) => n + b[k], 0);
    // Accepted on the chart as on the counters: sent + delivered + read (1 + 1 + 4); the two that
    // WhatsApp accepted and then failed count once, as failed (the limited one waits for its retry).
    expect([sum('sent'), sum('delivered'), sum('read'), sum('failed')]).toEqual([6, 5, 4, 2]);

    const recipientsChanged = pushed.filter(
      (e) =>
        e.name === 'db.changed' &&
        (e.payload as { tables: string[]; campaignId?: number }).tables.includes('recipients') &&
        (e.payload as { campaignId?: number }).campaignId === id,
    );
    expect(recipientsChanged.length).toBeGreaterThan(0);
    const health = pushed.filter((e) => e.name === 'status.sync').at(-1)?.payload as
      { sources: { source: string; state: string }[] } | undefined;
    expect(health?.sources.find((s) => s.source === 'sandbox')?.state).toBe('ok');
  });

  it('pauses the campaigns using a template that Meta pauses (message_template_status_update)', async () => {
    // Scheduled, so the sender never meets the paused template itself (it would pause with 132015):
    // only the webhook can pause it. A sending campaign is covered in relay-app.test.ts.
    h = await statusHarness({ statusPolling: false });
    const id = await h.campaign('paused by meta', [N.read.number], SPRING_SALE);
    const scheduled = await h.core.handlers['campaigns.start']({
      campaignId: id,
      scheduleAt: Date.now() + 3_600_000,
    });
    expect(scheduled.state).toBe('scheduled');
    (await h.core.clients.sandbox()).pauseTemplate(SPRING_SALE.name, SPRING_SALE.language);
    const r = await h.core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(r.pausedCampaigns).toEqual([id]);
    const c = h.core.store.sqlite
      .prepare('SELECT state, pause_code, pause_reason FROM campaigns WHERE id = ?')
      .get(id) as { state: string; pause_code: string; pause_reason: string };
    expect(c).toMatchObject({ state: 'paused', pause_code: 'TEMPLATE_PAUSED' });
    expect(c.pause_reason).toMatch(/paused the template spring_sale \(en_US\) \(first pause\)/);
    expect(
      h.core.store.sqlite.prepare("SELECT status FROM templates WHERE name = 'spring_sale'").get(),
    ).toEqual({ status: 'PAUSED' });
    // The same event again (Meta retries) pauses nothing a second time.
    expect(
      (await h.core.handlers['campaigns.syncStatus']({ campaignId: id })).pausedCampaigns,
    ).toEqual([]);
  });

  it('settles sends whose outcome was unknown from the callback data in their statuses', async () => {
    h = await statusHarness({
      statusPolling: false,
      sandboxOptions: {
        delivery: { sentAfterMs: 20, deliveredAfterMs: 40, readAfterMs: 60, seed: 7 },
        faults: { acceptThenResetRate: 1 },
      },
    });
    const id = await h.campaign(
      'ambiguous',
      [N.read.number, N.deliveredNeverRead.number, N.notOnWhatsApp.number],
      SPRING_SALE,
    );
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    // Accepted by Meta, but the answer was lost: the sender cannot know, so they are unknown, without a wamid.
    expect(h.states(id)).toEqual({ unknown: 3 });
    await new Promise((r) => setTimeout(r, 150));
    const r = await h.core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(r).toMatchObject({
      settled: 3,
      before: { unknown: 3 },
      after: { unknown: 0, read: 1, delivered: 1, failed: 1 },
    });
    const settled = byPhone(h.core, id);
    expect(Object.values(settled).every((x) => x.wamid?.startsWith('wamid.'))).toBe(true);
    expect(settled[N.notOnWhatsApp.number]).toMatchObject({
      error_code: 131026,
      error_title: describeError(131026).title,
    });
    expect((await h.core.clients.sandbox()).stats().accepted).toBe(3);
    // Nothing left to re-send.
    expect(await h.core.handlers['campaigns.resendUnknown']({ campaignId: id })).toEqual({
      requeued: 0,
    });
  });

  it('expires messages with no delivery after the TTL (30 days)', async () => {
    h = await statusHarness({ statusPolling: false });
    const id = await h.campaign('ttl', [N.neverDelivered.number, N.read.number], SPRING_SALE);
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    await new Promise((r) => setTimeout(r, 200));
    h.core.store.sqlite
      .prepare('UPDATE recipients SET sent_at = sent_at - ? WHERE campaign_id = ?')
      .run(31 * 86_400_000, id);
    const r = await h.core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(r.expired).toBe(1);
    expect(r.after).toMatchObject({ expired: 1, read: 1 });
    expect(r.before).toMatchObject({ sent: 2 });
  });
});
