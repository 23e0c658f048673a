import type { Sandbox } from '../../../electron/sandbox';
import { createCore, type Core } from '../../../electron/core/service';
import { parseWebhook } from '../../../shared/domain/status';
import { tempDir } from '../../helpers/tmp';
import { inboundWebhook, PHONE_NUMBER_ID } from '../../unit/optout/inbound-payloads';

export interface ReplyHarness {
  core: Core;
  dir: string;
  clock: { t: number; now(): number };
  accountId: number;
  /** A campaign with one sent recipient per phone; returns its id and each recipient's wamid. */
  sentCampaign(name: string, phones: string[], sentAt: number, variant?: string): Campaign;
  /** Feeds inbound webhooks through the status reconciler, as the relay or sandbox feed would. */
  receive(messages: Record<string, unknown>[], from: string): number;
  /** Closes the core (the data folder stays, e.g. for the CLI); close() then only cleans up. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface Campaign {
  id: number;
  wamids: Record<string, string>;
}

/** A core on a fake clock with a cloud account whose phone number id the payloads name. */
export function replyHarness(): ReplyHarness {
  const dir = tempDir('cd-replies-');
  const clock = {
    t: Date.UTC(2026, 5, 16, 9, 0, 0),
    now() {
      return this.t;
    },
  };
  const core = createCore({
    dataDir: dir.path,
    shell: 'headless',
    externalChangePollMs: 0,
    clock,
  });
  const db = core.store.sqlite;
  const accountId = Number(
    db
      .prepare(
        `INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at)
         VALUES ('Shop', 'cloud', ?, '102290129340398', 'https://graph.example', 0, 0)`,
      )
      .run(PHONE_NUMBER_ID).lastInsertRowid,
  );
  let wamidN = 0;
  let stopped = false;
  return {
    core,
    dir: dir.path,
    clock,
    accountId,
    sentCampaign(name, phones, sentAt, variant) {
      const id = Number(
        db
          .prepare(
            "INSERT INTO campaigns (account_id, name, state, created_at, updated_at) VALUES (?, ?, 'completed', 0, 0)",
          )
          .run(accountId, name).lastInsertRowid,
      );
      const wamids: Record<string, string> = {};
      phones.forEach((phone, i) => {
        const wamid = `wamid.OURS${(wamidN++).toString().padStart(6, '0')}`;
        wamids[phone] = wamid;
        db.prepare(
          `INSERT INTO recipients (campaign_id, row_number, phone, state, wamid, wa_id, sent_at, variant)
           VALUES (?, ?, ?, 'read', ?, ?, ?, ?)`,
        ).run(id, i + 2, phone, wamid, phone.slice(1), sentAt, variant ?? null);
      });
      return { id, wamids };
    },
    receive(messages, from) {
      const parsed = parseWebhook(inboundWebhook(messages, from));
      if (parsed.problems.length) throw new Error(parsed.problems.join('\n'));
      return core.status.reconciler.apply({
        source: 'relay',
        accountId,
        receivedAt: clock.now(),
        observations: parsed.observations,
      }).replies;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await core.close();
    },
    async close() {
      await this.stop();
      dir.cleanup();
    },
  };
}

/**
 * A core on a fake clock (2026-06-16 09:00 UTC) with its own sandbox answering quickly: for
 * answers, whose window and statuses follow that clock. `sync` reads the sandbox's reports.
 */
export async function answerCore(prefix: string) {
  const dir = tempDir(prefix);
  const clock = { t: Date.UTC(2026, 5, 16, 9, 0, 0), now: () => clock.t };
  const core = createCore({
    dataDir: dir.path,
    shell: 'headless',
    externalChangePollMs: 0,
    clock,
    sandboxOptions: {
      now: () => clock.t,
      delivery: { sentAfterMs: 100, deliveredAfterMs: 200, readAfterMs: 300, seed: 1 },
    },
  });
  const sandbox: Sandbox = await core.clients.sandbox();
  const accountId = core.store.sqlite
    .prepare("SELECT id FROM accounts WHERE kind = 'sandbox'")
    .pluck()
    .get() as number;
  const sync = () => core.status.poller.run(accountId, true);
  return { core, dir: dir.path, cleanup: () => dir.cleanup(), clock, sandbox, accountId, sync };
}
