import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { ORDER_TEMPLATE, phones, sendHarness, storeTemplate, type SendHarness } from './helpers';

const tokens = { tokenFor: () => 'sandbox-token' };

async function cloudCampaign(h: SendHarness, sandbox: Sandbox, rate: number, count: number) {
  const account = await h.core.handlers['accounts.add']({
    name: 'Shop number',
    phoneNumberId: sandbox.phoneNumberId,
    wabaId: sandbox.wabaId,
    tokenEnv: 'SHOP_TOKEN',
    baseUrl: sandbox.url,
    ratePerSecond: rate,
  });
  const id = await h.campaign(`c${count}`, phones(count));
  const templateId = storeTemplate(
    h.core,
    account.id,
    ORDER_TEMPLATE.name,
    ORDER_TEMPLATE.language,
  );
  h.core.store.sqlite
    .prepare('UPDATE campaigns SET account_id = ?, template_id = ? WHERE id = ?')
    .run(account.id, templateId, id);
  return id;
}

/** Every recipient in a final state, and the simulator's acceptances agree with it. */
function expectFinalAndOnce(h: SendHarness, sandbox: Sandbox, id: number) {
  const rows = h.core.store.sqlite
    .prepare('SELECT phone, state, error_code FROM recipients WHERE campaign_id = ?')
    .all(id) as { phone: string; state: string; error_code: number | null }[];
  const accepted = sandbox.stats().acceptedByRecipient;
  for (const r of rows) {
    const n = accepted[r.phone] ?? 0;
    expect(['sent', 'unknown', 'failed'], `${r.phone} is ${r.state}`).toContain(r.state);
    expect(n, r.phone).toBeLessThanOrEqual(1);
    if (r.state === 'sent') expect(n, r.phone).toBe(1);
    if (r.state === 'failed') expect(n, r.phone).toBe(0);
  }
  return rows;
}

describe('transient faults', () => {
  let h: SendHarness | undefined;
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await h?.close();
    await sandbox?.close();
    h = sandbox = undefined;
  });

  it('at 2 % server errors and 1 % resets: retries those recipients only, never above the rate, nobody twice', async () => {
    h = await sendHarness({ tokens, cloudApiTimeoutMs: 2000 });
    // The simulator allows far more than the account's rate, so its per-second count shows ours.
    const s = (sandbox = await startSandbox({
      ratePerSecond: 100_000,
      faults: { serverErrorRate: 0.02, resetRate: 0.01, seed: 5 },
    }));
    const id = await cloudCampaign(h, s, 150, 900);
    const waits = new Set<string>();
    h.core.events.on('send.progress', (p) => p.waiting && waits.add(p.waiting.reason));
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed'], 120_000);

    const rows = expectFinalAndOnce(h, s, id);
    expect(rows).toHaveLength(900);
    const stats = s.stats();
    // Counted by the simulator over every 1 000 ms window, not timed here.
    expect(stats.maxInOneSecond).toBeLessThanOrEqual(150);
    expect((stats.rejected[131000] ?? 0) + (stats.rejected[2] ?? 0)).toBeGreaterThan(0);
    // A server error is retried: those recipients were sent in the end (or failed after their tries).
    const states = h.states(id);
    expect(states.sent).toBeGreaterThan(850);
    // Resets may have been accepted: unknown, never resent.
    expect(states.unknown ?? 0).toBeGreaterThan(0);
    // No fault stopped everybody: the whole number never waited, nor was the breaker opened.
    expect([...waits].filter((w) => w !== 'retry')).toEqual([]);
  }, 150_000);

  it('holds sending during an outage with the reason, probes, and continues by itself', async () => {
    h = await sendHarness({ tokens });
    const s = (sandbox = await startSandbox({ ratePerSecond: 1000 }));
    const id = await cloudCampaign(h, s, 100, 300);
    const seen: { reason: string; message: string }[] = [];
    h.core.events.on('send.progress', (p) => p.waiting && seen.push(p.waiting));
    await h.core.handlers['campaigns.start']({ campaignId: id });
    for (let i = 0; i < 400 && s.stats().accepted < 50; i++)
      await new Promise((r) => setTimeout(r, 25));
    // WhatsApp answers every send with a server error (503 / code 2, or 500 / 131000).
    s.setFaults({ serverErrorRate: 1, seed: 2 });
    for (let i = 0; i < 400 && !seen.some((w) => w.reason === 'outage'); i++)
      await new Promise((r) => setTimeout(r, 25));
    const outage = seen.find((w) => w.reason === 'outage');
    expect(outage?.message).toMatch(/not answering normally.*continues by itself/);
    // Held, not paused: a person has nothing to do.
    expect(await h.waitFor(id, ['sending'])).toBe('sending');
    const rejectedWhileOpen = Object.values(s.stats().rejected).reduce((a, b) => a + b, 0);
    s.setFaults({});
    await h.waitFor(id, ['completed'], 60_000);
    // While it was open, only probes went out: far fewer failed tries than recipients left.
    expect(rejectedWhileOpen).toBeLessThan(60);
    const rows = expectFinalAndOnce(h, s, id);
    expect(rows.filter((r) => r.state === 'sent').length).toBeGreaterThan(280);
    // Only 131000 (two more tries allowed) can have failed for good.
    for (const r of rows.filter((x) => x.state === 'failed')) expect(r.error_code).toBe(131000);
  }, 90_000);
});
