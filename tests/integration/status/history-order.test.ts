import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryOrder } from '../../../electron/sandbox';
import type { SourceRound } from '../../../shared/api';
import { phones, type SendHarness } from '../sending/helpers';
import { statusHarness } from './helpers';

const N = 230; // three pages of message_history (100 a page)

async function sendAndSweep(order: HistoryOrder) {
  const h = await statusHarness({
    statusPolling: false,
    // The harness's quick delivery, since these options replace its own.
    sandboxOptions: {
      delivery: { sentAfterMs: 20, deliveredAfterMs: 40, readAfterMs: 60, seed: 7 },
      historyOrder: order,
    },
  });
  const db = h.core.store.sqlite;
  // message_history alone: the sandbox feed off.
  db.prepare(
    "INSERT INTO status_sources (account_id, source, enabled) VALUES (1, 'sandbox', 0)",
  ).run();
  await h.core.handlers['accounts.setStatusSources']({ accountId: 1, historyEnabled: true });
  const id = await h.campaign(`history ${order}`, phones(N));
  await h.core.handlers['campaigns.start']({ campaignId: id });
  await h.waitFor(id, ['completed']);
  await new Promise((r) => setTimeout(r, 150));
  return { h, id };
}

const historyRound = (r: { sources: SourceRound[] }) =>
  r.sources.find((s) => s.source === 'history');

describe('message_history in either page order (Meta documents none)', () => {
  let h: SendHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  for (const order of ['newest-first', 'oldest-first'] as const) {
    it(`collects every status when pages come ${order}`, async () => {
      const run = await sendAndSweep(order);
      h = run.h;
      // Not proven yet: the first round is one probing call, whatever the budget.
      const probe = await h.core.handlers['campaigns.syncStatus']({ campaignId: run.id });
      expect(historyRound(probe)).toMatchObject({ ok: true, calls: 1 });
      const before = await h.core.handlers['accounts.statusSources']({ accountId: 1 });
      expect(before.sources.find((s) => s.source === 'history')?.state).toBe('ok');

      // Proven: the next manual rounds finish the sweep, in whichever order the pages come.
      for (let i = 0; i < 5; i++)
        await h.core.handlers['campaigns.syncStatus']({ campaignId: run.id });
      const counts = h.states(run.id);
      expect(counts.pending ?? 0).toBe(0);
      // Every message has a status past `sent` (the sandbox's seeded outcomes), none left unknown.
      expect((counts.delivered ?? 0) + (counts.read ?? 0) + (counts.failed ?? 0)).toBe(
        N - (counts.sent ?? 0),
      );
      expect(counts.sent ?? 0).toBeLessThan(N / 4);
      expect(counts.unknown ?? 0).toBe(0);

      // The budget is sized by what a sweep reads: 3 pages a sweep, about four sweeps an hour.
      const after = await h.core.handlers['accounts.statusSources']({ accountId: 1 });
      expect(after.historyBudgetAuto).toBe(true);
      expect(after.historyBudgetPerHour).toBe(12);
    });
  }

  it('oldest first: walks past history older than the window to the new messages, and starts there next time', async () => {
    // The sandbox's clock runs two days behind while an old campaign sends, so its messages sit at the
    // start of an oldest-first history, wholly older than the window the app needs.
    let behind = 48 * 3_600_000;
    h = await statusHarness({
      statusPolling: false,
      sandboxOptions: {
        delivery: { sentAfterMs: 20, deliveredAfterMs: 40, readAfterMs: 60, seed: 7 },
        historyOrder: 'oldest-first',
        now: () => Date.now() - behind,
      },
    });
    const db = h.core.store.sqlite;
    db.prepare(
      "INSERT INTO status_sources (account_id, source, enabled) VALUES (1, 'sandbox', 0)",
    ).run();
    await h.core.handlers['accounts.setStatusSources']({ accountId: 1, historyEnabled: true });
    const old = await h.campaign('two days ago', phones(150));
    await h.core.handlers['campaigns.start']({ campaignId: old });
    await h.waitFor(old, ['completed']);
    // Settled long ago: nothing of it waits for a status.
    db.prepare("UPDATE recipients SET state = 'delivered' WHERE campaign_id = ?").run(old);
    behind = 0;
    const id = await h.campaign('today', phones(60, 150));
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    await new Promise((r) => setTimeout(r, 150));

    await h.core.handlers['campaigns.syncStatus']({ campaignId: id }); // the probe: the oldest page
    const sweep = await h.core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(historyRound(sweep)).toMatchObject({ ok: true, calls: 2 });
    const counts = h.states(id);
    expect(counts.unknown ?? 0).toBe(0);
    expect(counts.sent ?? 0).toBeLessThan(60 / 3);

    // The next sweep starts at the first page that held today's messages, not at the oldest.
    const next = await h.core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(historyRound(next)).toMatchObject({ ok: true, calls: 2, applied: 0 });
  });
});
