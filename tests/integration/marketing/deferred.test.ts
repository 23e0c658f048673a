import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/service';
import type { Sandbox } from '../../../electron/sandbox';
import { tempDir } from '../../helpers/tmp';
import { storeTemplate } from '../sending/helpers';
import { SPRING_SALE } from '../status/helpers';

/**
 * Issue 17's figure: 2,000 marketing recipients, 30 % refused by WhatsApp's per-user limit (131049)
 * on day 1 and 10 % on the days after (the sandbox's limit, on its clock). The app defers them a day
 * at a time; after 3 days nearly everyone whom only the limit stopped has it. Indian numbers: Meta's
 * limit does not apply in the UK or the EEA (sandbox/marketing.ts), so UK numbers never hit it.
 * Everything runs on a fake clock; the test waits on database conditions, never on time.
 */

const DAY = 86_400_000;
const N = 2000;
const indianPhones = (n: number) =>
  Array.from({ length: n }, (_, i) => `+9198${String(10_000_000 + i).padStart(8, '0')}`);

describe('deferred delivery for the per-user marketing limit', { timeout: 600_000 }, () => {
  let dir: { path: string; cleanup(): void };
  let core: Core;
  afterEach(async () => {
    await core.close();
    dir.cleanup();
  });

  it('2,000 recipients, 30 % then 10 % limited: ≥ 97 % delivered after 3 days, none re-sent within 24 h, none after stop-after, no duplicates', async () => {
    dir = tempDir('cd-deferred-');
    // Time runs (the sandbox's throughput and the sender's retries need it to) and jumps a day at a time.
    const realStart = Date.now();
    const clock = {
      base: Date.UTC(2026, 5, 16, 6, 0, 0),
      get t() {
        return this.base + (Date.now() - realStart);
      },
      set t(v: number) {
        this.base = v - (Date.now() - realStart);
      },
      now: () => clock.t,
    };
    core = createCore({
      dataDir: dir.path,
      shell: 'headless',
      externalChangePollMs: 0,
      runSenders: true,
      statusPolling: false,
      clock,
      sandboxOptions: {
        now: () => clock.t,
        delivery: { sentAfterMs: 100, deliveredAfterMs: 200, readAfterMs: 300, seed: 3 },
      },
    });
    const sandbox: Sandbox = await core.clients.sandbox();
    const db = core.store.sqlite;
    const accountId = db
      .prepare("SELECT id FROM accounts WHERE kind = 'sandbox'")
      .pluck()
      .get() as number;
    db.prepare('UPDATE accounts SET rate_per_second = 1000 WHERE id = ?').run(accountId);
    const sync = () => core.status.poller.run(accountId, true);

    const c = await core.handlers['campaigns.create']({ name: 'flash sale' });
    const file = join(dir.path, 'audience.csv');
    const phones = indianPhones(N);
    writeFileSync(
      file,
      ['phone,name,order', ...phones.map((p, i) => `${p},C ${i},A-${i}`)].join('\n'),
    );
    await core.handlers['audience.import']({
      campaignId: c.id,
      file: { kind: 'path', path: file },
      fileName: '',
      options: { defaultCountry: 'IN' },
    });
    const templateId = storeTemplate(core, accountId, SPRING_SALE.name, SPRING_SALE.language);
    db.prepare(
      'UPDATE campaigns SET template_id = ?, template_name = ?, template_language = ?, mapping_json = ? WHERE id = ?',
    ).run(
      templateId,
      SPRING_SALE.name,
      SPRING_SALE.language,
      JSON.stringify(SPRING_SALE.mapping),
      c.id,
    );
    // Stop after 3 days and 2 hours from the start; up to 3 days of retries (the default).
    db.prepare(
      `UPDATE campaigns SET settings_json = json_set(settings_json, '$.delivery', json('{"deferDays":3,"stopAfter":{"afterMinutes":4440}}')) WHERE id = ?`,
    ).run(c.id);

    sandbox.setMarketing({ perUserLimitShare: 0.3 });
    const start = clock.t;
    await core.handlers['campaigns.start']({ campaignId: c.id });

    const state = () =>
      db.prepare('SELECT state FROM campaigns WHERE id = ?').pluck().get(c.id) as string;
    const dueLeft = () =>
      db
        .prepare(
          "SELECT count(*) FROM recipients WHERE campaign_id = ? AND (state = 'sending' OR (state = 'pending' AND coalesce(next_attempt_at, 0) <= ?))",
        )
        .pluck()
        .get(c.id, clock.t) as number;
    /** Until the sender has sent everyone due now and put the campaign to rest. */
    const settle = async () => {
      const started = Date.now();
      while (dueLeft() > 0 || !['completed', 'scheduled'].includes(state())) {
        if (Date.now() - started > 300_000)
          throw new Error(
            `still ${state()}, ${dueLeft()} due, ${JSON.stringify(db.prepare('SELECT state, count(*) n, min(next_attempt_at) - ? AS d FROM recipients WHERE campaign_id = ? GROUP BY state').all(clock.t, c.id))}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
      // Let every status play out on the sandbox clock, then read them.
      clock.t += 10 * 60_000;
      await sync();
    };

    await settle();
    const day1 = db
      .prepare(
        "SELECT count(*) FROM recipients WHERE campaign_id = ? AND limited_at IS NOT NULL AND state = 'pending'",
      )
      .pluck()
      .get(c.id) as number;
    expect(day1).toBeGreaterThan(N * 0.25);
    expect(state()).toBe('scheduled');
    const status = await core.handlers['campaigns.status']({ campaignId: c.id });
    expect(status.deferred?.count).toBe(day1);
    expect(status.waiting?.reason).toBe('deferred');

    sandbox.setMarketing({ perUserLimitShare: 0.1 });
    // Each retry is due a day after its 131049 (Meta's timestamp), and yesterday's sends took real
    // seconds (more under load), so some come due seconds after the jump: settle() would find nothing
    // due yet, return, and the next jump would skip those people a day (a race of the test's day
    // stepping with the sender's next_attempt_at scan, not of the app: time keeps flowing in real
    // life). So the jump goes to the latest retry due in that day's first 12 hours.
    const latestDueToday = (dayStart: number) =>
      db
        .prepare(
          "SELECT max(next_attempt_at) FROM recipients WHERE campaign_id = ? AND state = 'pending' AND next_attempt_at < ?",
        )
        .pluck()
        .get(c.id, dayStart + 12 * 60 * 60_000) as number | null;
    for (let day = 1; day <= 4; day++) {
      const dayStart = start + day * DAY + 60 * 60_000;
      clock.t = Math.max(dayStart, (latestDueToday(dayStart) ?? 0) + 1000);
      core.senders.tick();
      await settle();
    }

    const stopAt = start + 4440 * 60_000;
    const messages = sandbox.state.messages();
    // 0 sends after stop-after.
    expect(messages.filter((m) => m.acceptedAt >= stopAt)).toHaveLength(0);
    // 0 sends within 24 h of a 131049 for the same person.
    const byPerson = new Map<string, typeof messages>();
    for (const m of messages) byPerson.set(m.to, [...(byPerson.get(m.to) ?? []), m]);
    let early = 0;
    let duplicates = 0;
    for (const list of byPerson.values()) {
      for (let i = 1; i < list.length; i++) {
        const before = list[i - 1]!;
        const limited = before.plan.find((p) => p.errorCode === 131049 || p.errorCode === 132015);
        if (!limited) duplicates++;
        else if (list[i]!.acceptedAt < limited.timestamp + DAY) early++;
      }
    }
    expect(early).toBe(0);
    expect(duplicates).toBe(0);
    expect(byPerson.size).toBe(N);

    // Delivered after 3 days: of everyone, and of those whom nothing but the limit stopped.
    const outcome = db
      .prepare(
        `SELECT sum(state IN ('delivered', 'read')) AS delivered,
                sum(state = 'failed' AND error_code NOT IN (131049, 132015)) AS otherFailures,
                sum(state = 'sent') AS neverDelivered,
                sum(state IN ('pending', 'sending')) AS left
         FROM recipients WHERE campaign_id = ?`,
      )
      .get(c.id) as {
      delivered: number;
      otherFailures: number;
      neverDelivered: number;
      left: number;
    };
    const reachable = N - outcome.otherFailures - outcome.neverDelivered;
    const share = outcome.delivered / reachable;
    console.log(
      `deferred figure: ${day1} limited on day 1; delivered ${outcome.delivered}/${reachable} reachable (${(share * 100).toFixed(1)} %), ${outcome.delivered}/${N} of all; ${messages.length} sends`,
    );
    const breakdown = db
      .prepare(
        "SELECT state, error_code, deferrals, count(*) n FROM recipients WHERE campaign_id = ? AND state NOT IN ('delivered', 'read') GROUP BY 1, 2, 3",
      )
      .all(c.id);
    expect(share, JSON.stringify(breakdown)).toBeGreaterThanOrEqual(0.97);
    expect(outcome.left).toBe(0);
    expect(state()).toBe('completed');
  });
});
