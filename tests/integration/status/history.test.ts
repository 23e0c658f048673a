import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_TEST_NUMBERS as N } from '../../../electron/sandbox';
import { describeError } from '../../../shared/domain/errors';
import type { SendHarness } from '../sending/helpers';
import { byPhone, SPRING_SALE, statusHarness } from './helpers';

describe('Cloud API message_history as a status source (against the sandbox)', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('reads statuses page by page within the budget; the webhook later adds the code history lacks', async () => {
    h = await statusHarness({ statusPolling: false });
    const db = h.core.store.sqlite;
    // Only message_history: the sandbox feed off, history on with a budget of 2 calls an hour.
    db.prepare(
      "INSERT INTO status_sources (account_id, source, enabled) VALUES (1, 'sandbox', 0)",
    ).run();
    await h.core.handlers['accounts.setStatusSources']({
      accountId: 1,
      historyEnabled: true,
      historyBudgetPerHour: 2,
    });
    const id = await h.campaign(
      'history',
      [N.read.number, N.deliveredNeverRead.number, N.notOnWhatsApp.number, N.neverDelivered.number],
      SPRING_SALE,
    );
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    await new Promise((r) => setTimeout(r, 150));

    const first = await h.core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(first.sources.find((s) => s.source === 'history')).toMatchObject({ ok: true, calls: 1 });
    expect(first.after).toMatchObject({ read: 1, delivered: 1, failed: 1, sent: 1 });
    // message_history gives words, not a code (cloud-api.md §5.1).
    expect(byPhone(h.core, id)[N.notOnWhatsApp.number]).toMatchObject({
      state: 'failed',
      error_code: null,
      error_title: describeError(131026).title,
    });

    const second = await h.core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(second.sources.find((s) => s.source === 'history')).toMatchObject({
      ok: true,
      calls: 1,
      applied: 0,
      duplicates: 7,
    });
    const third = await h.core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(third.sources.find((s) => s.source === 'history')?.skipped).toMatch(/budget is used up/);
    const health = await h.core.handlers['accounts.statusSources']({ accountId: 1 });
    expect(health.sources.find((s) => s.source === 'history')).toMatchObject({
      callsThisHour: 2,
      budgetPerHour: 2,
      state: 'ok',
    });

    // The same failure by webhook, with Meta's code, is not a duplicate: it adds the code.
    db.prepare(
      "UPDATE status_sources SET enabled = 1 WHERE account_id = 1 AND source = 'sandbox'",
    ).run();
    await h.core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(byPhone(h.core, id)[N.notOnWhatsApp.number]).toMatchObject({
      state: 'failed',
      error_code: 131026,
    });
  });
});
