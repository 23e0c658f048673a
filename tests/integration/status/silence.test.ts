import { afterEach, describe, expect, it } from 'vitest';
import { gbPhones, type SendHarness } from '../sending/helpers';
import { statusHarness } from './helpers';

describe('a campaign whose status sources are all silent says so', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('after 10 minutes without a single report: what is set up, what fails, and the relay steps', async () => {
    h = await statusHarness({ statusPolling: false });
    const db = h.core.store.sqlite;
    // Nobody listening: the sandbox feed and message_history off, no relay.
    db.prepare(
      "INSERT INTO status_sources (account_id, source, enabled) VALUES (1, 'sandbox', 0), (1, 'history', 0)",
    ).run();
    const id = await h.campaign('silent', gbPhones(5));
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);

    // Started a minute ago: too early to worry.
    const early = await h.core.handlers['campaigns.status']({ campaignId: id });
    expect(early.statusSilence).toBeNull();

    db.prepare('UPDATE campaigns SET started_at = ? WHERE id = ?').run(
      Date.now() - 11 * 60_000,
      id,
    );
    const silent = await h.core.handlers['campaigns.status']({ campaignId: id });
    expect(silent.statusSilence?.message).toMatch(
      /started sending 11 minutes ago and no delivery report has arrived for any of its 5 sent messages/,
    );
    expect(silent.statusSilence?.message).toMatch(/webhook relay is not set up/);
    expect(silent.statusSilence?.message).toMatch(/message history is switched off/);
    expect(silent.statusSilence?.message).toMatch(/simulated webhook feed is switched off/);
    expect(silent.statusSilence?.fixes[0]).toMatch(/Set up the webhook relay/);
    expect(silent.statusSilence?.fixes.join(' ')).toContain(`campaigns sync-status ${id}`);

    // One report is enough: the feed switched on brings them.
    db.prepare("UPDATE status_sources SET enabled = 1 WHERE source = 'sandbox'").run();
    await h.core.handlers['campaigns.syncStatus']({ campaignId: id });
    const heard = await h.core.handlers['campaigns.status']({ campaignId: id });
    expect(heard.statusSilence).toBeNull();
  });

  it('a relay that is set up but quiet gets a different fix than a missing one', async () => {
    h = await statusHarness({ statusPolling: false });
    const db = h.core.store.sqlite;
    db.prepare(
      "INSERT INTO status_sources (account_id, source, enabled) VALUES (1, 'sandbox', 0), (1, 'history', 0)",
    ).run();
    await h.core.handlers['accounts.setStatusSources']({
      accountId: 1,
      relayUrl: 'https://relay.example.com',
      relayTokenEnv: 'RELAY_READ_TOKEN',
    });
    const id = await h.campaign('quiet relay', gbPhones(3));
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);
    db.prepare('UPDATE campaigns SET started_at = ? WHERE id = ?').run(
      Date.now() - 30 * 60_000,
      id,
    );
    const silent = await h.core.handlers['campaigns.status']({ campaignId: id });
    expect(silent.statusSilence?.fixes[0]).toMatch(/Check that the relay runs/);
    expect(silent.statusSilence?.message).toMatch(/webhook relay has not been asked yet/);
  });
});
