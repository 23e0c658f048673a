import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { ORDER_TEMPLATE, phones, sendHarness, storeTemplate, type SendHarness } from './helpers';

/** A cloud account whose token comes from an environment the test controls, against an external sandbox. */
async function cloudSetup(
  h: SendHarness,
  sandbox: Sandbox,
  env: Record<string, string>,
  rate = 200,
) {
  const account = await h.core.handlers['accounts.add']({
    name: 'Shop number',
    phoneNumberId: sandbox.phoneNumberId,
    wabaId: sandbox.wabaId,
    tokenEnv: 'SHOP_TOKEN',
    baseUrl: sandbox.url,
    ratePerSecond: rate,
  });
  env.SHOP_TOKEN = 'sandbox-token';
  return account.id;
}

async function cloudCampaign(h: SendHarness, accountId: number, count: number) {
  const id = await h.campaign(`c${Math.random()}`, phones(count));
  h.core.store.sqlite
    .prepare('UPDATE campaigns SET account_id = ? WHERE id = ?')
    .run(accountId, id);
  const templateId = storeTemplate(h.core, accountId, ORDER_TEMPLATE.name, ORDER_TEMPLATE.language);
  h.core.store.sqlite
    .prepare('UPDATE campaigns SET template_id = ? WHERE id = ?')
    .run(templateId, id);
  return id;
}

function finalStatesOk(h: SendHarness, sandbox: Sandbox, campaignId: number, allowPending = false) {
  const rows = h.core.store.sqlite
    .prepare('SELECT phone, state FROM recipients WHERE campaign_id = ?')
    .all(campaignId) as { phone: string; state: string }[];
  const accepted = sandbox.stats().acceptedByRecipient;
  for (const r of rows) {
    const n = accepted[r.phone] ?? 0;
    expect(
      ['sent', 'failed', 'unknown', 'skipped', ...(allowPending ? ['pending'] : [])],
      `${r.phone} is ${r.state}`,
    ).toContain(r.state);
    if (r.state === 'pending') expect(n, r.phone).toBe(0);
    if (r.state === 'sent') expect(n, r.phone).toBe(1);
    if (r.state === 'failed') expect(n, r.phone).toBe(0);
    expect(n, r.phone).toBeLessThanOrEqual(1);
  }
  return rows;
}

describe('sender reliability', () => {
  let h: SendHarness;
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await h.close();
    await sandbox?.close();
    sandbox = undefined;
  });

  it('with 5xx, resets, accept-then-reset and timeouts, every recipient ends final and nobody gets two', async () => {
    const env: Record<string, string> = {};
    h = await sendHarness({
      tokens: { tokenFor: (a) => (a.tokenEnv ? env[a.tokenEnv] : undefined) },
      cloudApiTimeoutMs: 300,
    });
    sandbox = await startSandbox({
      ratePerSecond: 1000,
      faults: {
        serverErrorRate: 0.15,
        resetRate: 0.08,
        acceptThenResetRate: 0.05,
        timeoutRate: 0.04,
        timeoutMs: 600,
        seed: 3,
      },
    });
    const accountId = await cloudSetup(h, sandbox, env);
    const id = await cloudCampaign(h, accountId, 120);
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed'], 60_000);
    const rows = finalStatesOk(h, sandbox, id);
    const states = h.states(id);
    expect(states.sent).toBeGreaterThan(60);
    // Accept-then-reset and timeouts after sending are ambiguous: recorded as unknown, never resent.
    expect(states.unknown ?? 0).toBeGreaterThan(0);
    expect(rows).toHaveLength(120);
  }, 90_000);

  it('pauses with the reason when the token is revoked, and finishes after the token is replaced', async () => {
    const env: Record<string, string> = {};
    h = await sendHarness({
      tokens: { tokenFor: (a) => (a.tokenEnv ? env[a.tokenEnv] : undefined) },
    });
    sandbox = await startSandbox({ ratePerSecond: 1000, faults: { revokeTokenAfter: 30 } });
    const accountId = await cloudSetup(h, sandbox, env);
    const id = await cloudCampaign(h, accountId, 100);
    await h.core.handlers['campaigns.start']({ campaignId: id });
    expect(await h.waitFor(id, ['paused', 'completed'])).toBe('paused');
    const status = await h.core.handlers['campaigns.status']({ campaignId: id });
    expect(status.pauseReason).toMatch(/token|log in|expired/i);
    expect(status.counts.sent).toBe(30);
    expect(status.counts.pending).toBe(70);

    sandbox.setFaults({});
    sandbox.setToken('new-token');
    env.SHOP_TOKEN = 'new-token';
    await h.core.handlers['accounts.update']({ id: accountId, tokenEnv: 'SHOP_TOKEN' });
    await h.core.handlers['campaigns.resume']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    finalStatesOk(h, sandbox, id);
    expect(h.states(id)).toEqual({ sent: 100 });
  });

  it('pauses when Meta pauses the template mid-campaign', async () => {
    const env: Record<string, string> = {};
    h = await sendHarness({
      tokens: { tokenFor: (a) => (a.tokenEnv ? env[a.tokenEnv] : undefined) },
    });
    sandbox = await startSandbox({
      ratePerSecond: 1000,
      faults: { pauseTemplateAfter: { name: 'order_confirmation', language: 'en_US', after: 20 } },
    });
    const accountId = await cloudSetup(h, sandbox, env);
    const id = await cloudCampaign(h, accountId, 60);
    await h.core.handlers['campaigns.start']({ campaignId: id });
    expect(await h.waitFor(id, ['paused', 'completed'])).toBe('paused');
    const status = await h.core.handlers['campaigns.status']({ campaignId: id });
    expect(status.pauseReason).toMatch(/paused/i);
    expect(status.counts.sent).toBe(20);
    expect(status.counts.pending).toBe(40);
    finalStatesOk(h, sandbox, id, true);
  });

  it('waits while the network is down and continues by itself when it is back', async () => {
    const env: Record<string, string> = {};
    h = await sendHarness({
      tokens: { tokenFor: (a) => (a.tokenEnv ? env[a.tokenEnv] : undefined) },
      cloudApiTimeoutMs: 500,
    });
    sandbox = await startSandbox({ ratePerSecond: 1000 });
    const port = sandbox.port;
    const accountId = await cloudSetup(h, sandbox, env, 40);
    const id = await cloudCampaign(h, accountId, 120);
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await new Promise((r) => setTimeout(r, 700));
    const before = sandbox.stats().acceptedByRecipient;
    await sandbox.close();
    const seen: string[] = [];
    const off = h.core.events.on('send.progress', (p) => p.waiting && seen.push(p.waiting.reason));
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen).toContain('offline');
    expect(await h.waitFor(id, ['sending'])).toBe('sending');
    sandbox = await startSandbox({ port, ratePerSecond: 1000 });
    await h.waitFor(id, ['completed'], 60_000);
    off();
    // Nobody is sent twice across the outage: the two simulators' acceptances do not overlap.
    const after = sandbox.stats().acceptedByRecipient;
    for (const phone of Object.keys(after)) expect(before[phone] ?? 0, phone).toBe(0);
    const states = h.states(id);
    expect((states.sent ?? 0) + (states.unknown ?? 0)).toBe(120);
  }, 90_000);
});
