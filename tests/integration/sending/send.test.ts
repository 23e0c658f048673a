import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_TEST_NUMBERS } from '../../../electron/sandbox';
import { phones, sendHarness, type SendHarness } from './helpers';

describe('sender against the sandbox', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('sends a whole campaign once per recipient, never above the rate, and completes', async () => {
    h = await sendHarness();
    const id = await h.campaign('whole', phones(120));
    const started = await h.core.handlers['campaigns.start']({ campaignId: id });
    expect(started.state).toBe('sending');
    await h.waitFor(id, ['completed']);
    const sandbox = await h.core.clients.sandbox();
    const stats = sandbox.stats();
    expect(stats.accepted).toBe(120);
    expect(Math.max(...Object.values(stats.acceptedByRecipient))).toBe(1);
    expect(stats.maxInOneSecond).toBeLessThanOrEqual(80);
    expect(h.states(id)).toEqual({ sent: 120 });
    const rows = h.core.store.sqlite
      .prepare('SELECT wamid, wa_id, sent_at FROM recipients WHERE campaign_id = ?')
      .all(id) as { wamid: string; wa_id: string; sent_at: number }[];
    expect(rows.every((r) => r.wamid.startsWith('wamid.') && r.wa_id && r.sent_at)).toBe(true);
    // Every message carries the recipient's id for later status matching.
    const sent = sandbox.state.messages();
    expect(sent.every((m) => /^cd:\d+:\d+$/.test(m.bizOpaqueCallbackData ?? ''))).toBe(true);
  });

  it('refuses to start when the prechecks fail, saying why', async () => {
    h = await sendHarness();
    const id = await h.campaign('bad', phones(3), {
      name: 'winter_clearance',
      language: 'en_US',
      mapping: {},
    });
    const r = await h.core.handlers['campaigns.precheck']({ campaignId: id });
    expect(r.ok).toBe(false);
    expect(r.items.find((i) => i.id === 'template')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/PAUSED/),
    });
    expect(r.items.find((i) => i.id === 'token')).toMatchObject({ ok: true });
    await expect(h.core.handlers['campaigns.start']({ campaignId: id })).rejects.toThrow(/PAUSED/);
  });

  it('fails undeliverable and opted-out recipients with their reason, and suppresses opt-outs', async () => {
    h = await sendHarness();
    const n = SANDBOX_TEST_NUMBERS;
    const id = await h.campaign('mixed', [
      n.read.number,
      n.rejectedNotOnWhatsApp.number,
      ...phones(5),
    ]);
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    const failed = h.core.store.sqlite
      .prepare(
        "SELECT phone, error_code, error_title FROM recipients WHERE campaign_id = ? AND state = 'failed'",
      )
      .all(id);
    expect(failed).toEqual([
      {
        phone: n.rejectedNotOnWhatsApp.number,
        error_code: 131026,
        error_title: expect.any(String),
      },
    ]);
  });

  it('pauses and resumes; cancel skips what was not sent', async () => {
    h = await sendHarness();
    await h.core.handlers['accounts.update']({ id: 1, ratePerSecond: 20 });
    const id = await h.campaign('controls', phones(200));
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await new Promise((r) => setTimeout(r, 400));
    const paused = await h.core.handlers['campaigns.pause']({ campaignId: id });
    expect(paused.state).toBe('paused');
    await h.core.senders.settled(id);
    const atPause = h.states(id);
    expect(atPause.sending ?? 0).toBe(0);
    expect(atPause.pending).toBeGreaterThan(100);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.states(id)).toEqual(atPause);
    await h.core.handlers['campaigns.resume']({ campaignId: id });
    await new Promise((r) => setTimeout(r, 400));
    const cancelled = await h.core.handlers['campaigns.cancel']({ campaignId: id });
    expect(cancelled.state).toBe('cancelled');
    const end = h.states(id);
    expect(end.pending ?? 0).toBe(0);
    expect(end.sending ?? 0).toBe(0);
    expect(end.skipped).toBeGreaterThan(0);
    expect((end.sent ?? 0) + end.skipped!).toBe(200);
    const stats = (await h.core.clients.sandbox()).stats();
    expect(stats.accepted).toBe(end.sent);
  });
});

describe('sender: schedule, test send, messaging limit', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('starts a scheduled campaign when it is due', async () => {
    h = await sendHarness();
    const id = await h.campaign('later', phones(5));
    const r = await h.core.handlers['campaigns.start']({
      campaignId: id,
      scheduleAt: Date.now() + 1500,
    });
    expect(r.state).toBe('scheduled');
    await new Promise((res) => setTimeout(res, 500));
    expect(h.states(id)).toEqual({ pending: 5 });
    await h.waitFor(id, ['completed'], 15_000);
    expect(h.states(id)).toEqual({ sent: 5 });
  });

  it('sends a test to the user’s own number without touching the campaign', async () => {
    h = await sendHarness();
    const id = await h.campaign('test-send', phones(2));
    const ok = await h.core.handlers['campaigns.testSend']({
      campaignId: id,
      phone: '+1 202 555 0101',
    });
    expect(ok).toMatchObject({
      ok: true,
      to: '+12025550101',
      wamid: expect.stringMatching(/^wamid\./),
    });
    const bad = await h.core.handlers['campaigns.testSend']({
      campaignId: id,
      phone: '+1 202 555 0107',
    });
    expect(bad).toMatchObject({
      ok: false,
      code: 131026,
      message: expect.any(String),
      action: expect.any(String),
    });
    const notNumber = await h.core.handlers['campaigns.testSend']({
      campaignId: id,
      phone: 'my phone',
    });
    expect(notNumber).toMatchObject({ ok: false, to: null });
    expect(h.states(id)).toEqual({ pending: 2 });
  });

  it('stops at the messaging limit of unique people in 24 hours and says until when', async () => {
    h = await sendHarness();
    await h.core.handlers['accounts.update']({ id: 1, messagingLimit: 250, ratePerSecond: 400 });
    const id = await h.campaign('limit', phones(260));
    const waits: string[] = [];
    h.core.events.on('send.progress', (p) => p.waiting && waits.push(p.waiting.reason));
    await h.core.handlers['campaigns.start']({ campaignId: id });
    for (let i = 0; i < 100 && !waits.includes('messaging_limit'); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(waits).toContain('messaging_limit');
    // The 250 claimed before the wait may still be in flight: wait for their answers, not a time.
    for (let i = 0; i < 200 && (h.states(id).sending ?? 0) > 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    const status = await h.core.handlers['campaigns.status']({ campaignId: id });
    expect(status.state).toBe('sending');
    expect(h.states(id)).toMatchObject({ sent: 250, pending: 10 });
  });
});

describe('retry failed', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('creates a draft with only the failures worth retrying', async () => {
    h = await sendHarness();
    const id = await h.campaign('done', [
      '+447911123401',
      '+447911123402',
      '+447911123403',
      '+447911123404',
      '+447911123405',
    ]);
    const now = Date.now();
    const set = h.core.store.sqlite.prepare(
      'UPDATE recipients SET state = ?, error_code = ?, failed_at = ? WHERE campaign_id = ? AND phone = ?',
    );
    h.core.store.sqlite.prepare("UPDATE campaigns SET state = 'completed' WHERE id = ?").run(id);
    set.run('failed', 131026, now, id, '+447911123401'); // not on WhatsApp: never
    set.run('failed', 131050, now, id, '+447911123402'); // opted out: never
    set.run('failed', 131049, now, id, '+447911123403'); // marketing limit (UK): after 24 h
    set.run('failed', 131000, now, id, '+447911123404'); // unknown error: retry
    set.run('delivered', null, null, id, '+447911123405');
    const r = await h.core.handlers['campaigns.retryFailed']({ campaignId: id });
    expect(r.recipients).toBe(2);
    expect(r.leftOut.reduce((a, x) => a + x.count, 0)).toBe(2);
    // The template is UTILITY: the per-user marketing limit does not hold it back.
    expect(r.notBefore).toBeNull();
    const draft = await h.core.handlers['campaigns.get']({ id: r.campaignId });
    expect(draft).toMatchObject({
      state: 'draft',
      templateName: 'order_confirmation',
      counts: { pending: 2, total: 2 },
    });
    const phones = h.core.store.sqlite
      .prepare('SELECT phone FROM recipients WHERE campaign_id = ? ORDER BY phone')
      .pluck()
      .all(r.campaignId);
    expect(phones).toEqual(['+447911123403', '+447911123404']);
    expect(() => h.core.handlers['campaigns.retryFailed']({ campaignId: r.campaignId })).toThrow(
      /not been sent/,
    );
  });

  it('shows who it includes and who it leaves out before creating anything, and never includes now whom WhatsApp asks to wait for', async () => {
    h = await sendHarness({ runSenders: false });
    const id = await h.campaign('sale', ['+447911123401', '+447911123402', '+447911123403']);
    h.core.store.sqlite
      .prepare(
        "UPDATE templates SET category = 'MARKETING' WHERE id = (SELECT template_id FROM campaigns WHERE id = ?)",
      )
      .run(id);
    h.core.store.sqlite.prepare("UPDATE campaigns SET state = 'completed' WHERE id = ?").run(id);
    const now = Date.now();
    const set = h.core.store.sqlite.prepare(
      "UPDATE recipients SET state = 'failed', error_code = ?, failed_at = ? WHERE campaign_id = ? AND phone = ?",
    );
    set.run(131050, now, id, '+447911123401'); // opted out: never
    set.run(131049, now, id, '+447911123402'); // marketing limit: not within 24 h
    set.run(131000, now, id, '+447911123403'); // unknown error: retry
    const campaignsBefore = h.core.store.sqlite
      .prepare('SELECT count(*) FROM campaigns')
      .pluck()
      .get();
    const plan = await h.core.handlers['campaigns.retryFailedPlan']({ campaignId: id });
    expect(plan.recipients).toBe(1);
    // Each reason in a shop owner's words, with its count, before anything is created.
    expect(plan.leftOut).toEqual(
      expect.arrayContaining([
        { reason: 'WhatsApp asks to wait 24 hours after a marketing limit', count: 1 },
        { reason: 'Stopped your marketing messages (not worth sending again)', count: 1 },
      ]),
    );
    expect(plan.leftOut).toHaveLength(2);
    expect(plan.notBefore).toBeGreaterThan(now);
    expect(h.core.store.sqlite.prepare('SELECT count(*) FROM campaigns').pluck().get()).toBe(
      campaignsBefore,
    );
    const r = await h.core.handlers['campaigns.retryFailed']({ campaignId: id });
    expect({ recipients: r.recipients, leftOut: r.leftOut }).toEqual({
      recipients: plan.recipients,
      leftOut: plan.leftOut,
    });
    expect(
      h.core.store.sqlite
        .prepare('SELECT phone FROM recipients WHERE campaign_id = ?')
        .pluck()
        .all(r.campaignId),
    ).toEqual(['+447911123403']);
  });
});
