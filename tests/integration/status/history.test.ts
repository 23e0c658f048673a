import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_TEST_NUMBERS as N } from '../../../electron/sandbox';
// spring_sale is a marketing template: the UK twins of the test numbers (WhatsApp does not deliver marketing to US numbers).
import { ukTwin } from '../../../electron/sandbox/test-numbers';
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
      [
        ukTwin(N.read.number),
        ukTwin(N.deliveredNeverRead.number),
        ukTwin(N.notOnWhatsApp.number),
        ukTwin(N.neverDelivered.number),
      ],
      SPRING_SALE,
    );
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    await new Promise((r) => setTimeout(r, 150));

    const first = await h.core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(first.sources.find((s) => s.source === 'history')).toMatchObject({ ok: true, calls: 1 });
    expect(first.after).toMatchObject({ read: 1, delivered: 1, failed: 1, sent: 1 });
    // message_history gives words, not a code (cloud-api.md §5.1).
    expect(byPhone(h.core, id)[ukTwin(N.notOnWhatsApp.number)]).toMatchObject({
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
    expect(byPhone(h.core, id)[ukTwin(N.notOnWhatsApp.number)]).toMatchObject({
      state: 'failed',
      error_code: 131026,
    });
  });

  it('lists a failure without a code apart as "reason unknown", never retries it, and suppresses on opt-out wording', async () => {
    h = await statusHarness({ statusPolling: false });
    const db = h.core.store.sqlite;
    db.prepare(
      "INSERT INTO status_sources (account_id, source, enabled) VALUES (1, 'sandbox', 0)",
    ).run();
    await h.core.handlers['accounts.setStatusSources']({
      accountId: 1,
      historyEnabled: true,
      historyBudgetPerHour: 10,
    });
    const id = await h.campaign(
      'unknown',
      [ukTwin(N.read.number), ukTwin(N.notOnWhatsApp.number), ukTwin(N.optedOutOfMarketing.number)],
      SPRING_SALE,
    );
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    await new Promise((r) => setTimeout(r, 150));
    await h.core.handlers['campaigns.syncStatus']({ campaignId: id });

    const phones = byPhone(h.core, id);
    expect(phones[ukTwin(N.notOnWhatsApp.number)]).toMatchObject({
      state: 'failed',
      error_code: null,
    });
    expect(phones[ukTwin(N.optedOutOfMarketing.number)]).toMatchObject({
      state: 'failed',
      error_code: null,
    });
    // Meta's wording of 131050 in message_history's description: the number is suppressed all the same.
    const suppressed = db.prepare('SELECT phone, detail FROM suppression ORDER BY phone').all() as {
      phone: string;
      detail: string;
    }[];
    expect(suppressed).toEqual([
      { phone: ukTwin(N.optedOutOfMarketing.number), detail: 'error 131050 (history)' },
    ]);

    const groups = await h.core.handlers['campaigns.failures']({ campaignId: id });
    const unknown = groups.filter((g) => g.reasonUnknown);
    expect(unknown).toMatchObject([
      { code: null, title: 'Reason unknown', count: 1, retryable: false },
    ]);
    expect(groups.find((g) => !g.reasonUnknown)).toMatchObject({
      code: null,
      title: describeError(131050).title,
      suppressed: true,
      retryable: false,
    });

    // Neither goes into a "retry failed" draft: one is the customer's wish, the other may be.
    const plan = await h.core.handlers['campaigns.retryFailedPlan']({ campaignId: id });
    expect(plan.recipients).toBe(0);
    expect(plan.leftOut.map((l) => l.count).reduce((a, b) => a + b, 0)).toBe(2);
    expect(plan.leftOut.some((l) => /^Reason unknown/.test(l.reason))).toBe(true);
    // A follow-up that would include nobody is refused, saying why.
    await expect(
      (async () => h.core.handlers['campaigns.retryFailed']({ campaignId: id }))(),
    ).rejects.toThrow(/Nobody can be retried now\..*1 left out: Reason unknown/);
  });
});
