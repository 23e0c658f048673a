import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/service';
import { startRelay } from '../../../electron/headless/relay';
import { tempDir } from '../../helpers/tmp';
import {
  preferencesWebhook,
  status,
  statusWebhook,
  templateEvent,
} from '../../unit/status/meta-payloads';
import { byPhone, sentCampaign, until } from './helpers';
import { post, READ, SECRET, VERIFY } from './relay-helpers';

const WABA = '102290129340398';
const TOKENS = {
  tokenFor: (a: { tokenEnv: string | null }) =>
    a.tokenEnv === 'RELAY_READ_TOKEN'
      ? READ
      : a.tokenEnv === 'WA_TOKEN'
        ? 'EAAGtestTOKEN0123456789'
        : undefined,
};
const PERMISSION_ERROR = {
  error: {
    message:
      "(#200) Your app doesn't have permission to access message history for this phone number",
    type: 'OAuthException',
    code: 200,
    error_subcode: 1349174,
    fbtrace_id: 'AbCdEf',
  },
};
const T = 1750030073;
const body = (...items: Record<string, unknown>[]) => JSON.stringify(statusWebhook(items, WABA));

describe('the app polling a webhook relay', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  /** A relay, a Graph server whose message_history says "no permission", and a core with a cloud account using both. */
  async function setup(options: Partial<CoreOptions> = {}) {
    const dir = tempDir('cd-relay-app-');
    closers.push(() => dir.cleanup());
    const relay = await startRelay({
      port: 0,
      host: '127.0.0.1',
      verifyToken: VERIFY,
      appSecret: SECRET,
      readToken: READ,
      dataFile: join(dir.path, 'relay', 'relay.sqlite'),
    });
    closers.push(() => relay.close());
    const graph: Server = createServer((_req, res) => {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(PERMISSION_ERROR));
    });
    await new Promise<void>((r) => graph.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => graph.close(() => r())));
    const graphUrl = `http://127.0.0.1:${(graph.address() as AddressInfo).port}`;
    const open = (extra: Partial<CoreOptions> = {}) => {
      const core = createCore({
        dataDir: join(dir.path, 'data'),
        shell: 'headless',
        externalChangePollMs: 0,
        tokens: TOKENS,
        ...options,
        ...extra,
      });
      let closed = false;
      closers.push(() => (closed ? undefined : core.close()));
      return { core, close: async () => ((closed = true), await core.close()) };
    };
    const { core, close } = open();
    const account = await core.handlers['accounts.add']({
      name: 'Shop',
      phoneNumberId: '106540352242922',
      wabaId: WABA,
      tokenEnv: 'WA_TOKEN',
      baseUrl: graphUrl,
    });
    await core.handlers['accounts.setStatusSources']({
      accountId: account.id,
      relayUrl: relay.url,
      relayTokenEnv: 'RELAY_READ_TOKEN',
    });
    return { relay, core, close, open, accountId: account.id, dir: dir.path };
  }

  it('applies signed webhooks from the relay; message_history failing (403) is shown and does not stop it', async () => {
    const { relay, core, accountId } = await setup();
    const id = sentCampaign(core, accountId, [
      { phone: '+16505551234', wamid: 'wamid.A' },
      { phone: '+16505551235', wamid: 'wamid.B' },
      { phone: '+16505551236', wamid: null, state: 'unknown' },
    ]);
    const unknownId = (
      core.store.sqlite.prepare("SELECT id FROM recipients WHERE state = 'unknown'").get() as {
        id: number;
      }
    ).id;
    const a = [
      status('wamid.A', 'sent', T),
      status('wamid.A', 'delivered', T + 3),
      status('wamid.A', 'read', T + 9),
    ];
    expect((await post(relay, body(...a))).status).toBe(200);
    expect((await post(relay, body(...a))).status).toBe(200); // Meta retried: duplicates
    await post(
      relay,
      body(status('wamid.B', 'failed', T + 2, { code: 131050, recipient_id: '16505551235' })),
    );
    await post(
      relay,
      body(
        status('wamid.C', 'delivered', T + 4, {
          recipient_id: '16505551236',
          biz_opaque_callback_data: `cd:${id}:${unknownId}`,
        }),
      ),
    );
    await post(relay, body(status('wamid.someone-elses', 'delivered', T + 4)));

    const r = await core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(r.before).toMatchObject({ sent: 2, unknown: 1 });
    expect(r.after).toMatchObject({ read: 1, failed: 1, delivered: 1, sent: 0, unknown: 0 });
    expect(r).toMatchObject({ duplicates: 3, settled: 1, unmatched: 1, suppressed: 1 });
    const relayRound = r.sources.find((s) => s.source === 'relay')!;
    expect(relayRound).toMatchObject({ ok: true, calls: 1, observations: 9 });
    const history = r.sources.find((s) => s.source === 'history')!;
    expect(history.ok).toBe(false);
    expect(history.problems.join(' ')).toMatch(
      /does not let this app read the message history.*code 200/,
    );
    expect(r.sources.find((s) => s.source === 'sandbox')?.skipped).toBeTruthy();

    const rows = byPhone(core, id);
    expect(rows['+16505551236']).toMatchObject({ state: 'delivered', wamid: 'wamid.C' });
    expect(core.store.sqlite.prepare('SELECT phone, source FROM suppression').all()).toEqual([
      { phone: '+16505551235', source: 'status' },
    ]);

    const health = await core.handlers['accounts.statusSources']({ accountId });
    expect(health).toMatchObject({
      relayUrl: relay.url,
      relayTokenEnv: 'RELAY_READ_TOKEN',
      historyEnabled: true,
    });
    expect(health.sources.find((s) => s.source === 'relay')).toMatchObject({
      state: 'ok',
      consecutiveErrors: 0,
      observations: 6,
    });
    const h = health.sources.find((s) => s.source === 'history')!;
    // It never answered for this account: not proven, and sized at the smallest budget until it does.
    expect(h).toMatchObject({
      state: 'unproven',
      consecutiveErrors: 1,
      callsThisHour: 1,
      budgetPerHour: 12,
    });
    expect(h.lastError).toMatch(/permission/);
    // A permission error is not retried every two seconds: an hour from now.
    expect(h.nextPollAt! - Date.now()).toBeGreaterThan(50 * 60_000);

    // The same again changes nothing.
    const again = await core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(again).toMatchObject({ applied: 0, duplicates: 0 });
    expect(again.after).toEqual(r.after);
  });

  it('keeps its cursor across a restart: only new events are read', async () => {
    const { relay, core, close, open, accountId } = await setup();
    const id = sentCampaign(core, accountId, [
      { phone: '+16505551234', wamid: 'wamid.A' },
      { phone: '+16505551235', wamid: 'wamid.B' },
    ]);
    await post(relay, body(status('wamid.A', 'delivered', T)));
    expect((await core.handlers['campaigns.syncStatus']({ campaignId: id })).applied).toBe(1);
    await close();
    await post(relay, body(status('wamid.B', 'read', T + 1)));
    const reopened = open().core;
    const r = await reopened.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(r.sources.find((s) => s.source === 'relay')).toMatchObject({
      observations: 1,
      applied: 1,
      duplicates: 0,
    });
    expect(r.after).toMatchObject({ delivered: 1, read: 1 });
  });

  it('pauses a sending campaign on a template PAUSED event, and honours user_preferences stop and resume in Meta order', async () => {
    const { relay, core, accountId } = await setup();
    const id = sentCampaign(core, accountId, [{ phone: '+16505551234', wamid: 'wamid.A' }]);
    core.store.sqlite.prepare("UPDATE campaigns SET state = 'sending' WHERE id = ?").run(id);
    await post(
      relay,
      JSON.stringify(
        templateEvent({
          event: 'PAUSED',
          wabaId: WABA,
          id: 77,
          name: 'spring_sale',
          language: 'en_US',
          time: T,
          title: 'FIRST_PAUSE',
        }),
      ),
    );
    await post(relay, JSON.stringify(preferencesWebhook('stop', '16505551234', T)));
    let r = await core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(r.pausedCampaigns).toEqual([id]);
    expect(
      core.store.sqlite.prepare('SELECT state, pause_code FROM campaigns WHERE id = ?').get(id),
    ).toEqual({ state: 'paused', pause_code: 'TEMPLATE_PAUSED' });
    expect(core.store.sqlite.prepare('SELECT phone, source FROM suppression').all()).toEqual([
      { phone: '+16505551234', source: 'user_preferences' },
    ]);

    // The customer resumed later; an older stop arriving late does not undo that.
    await post(relay, JSON.stringify(preferencesWebhook('resume', '16505551234', T + 100)));
    await post(relay, JSON.stringify(preferencesWebhook('stop', '16505551234', T + 50)));
    r = await core.handlers['campaigns.syncStatus']({ campaignId: id });
    expect(r.applied).toBe(2);
    expect(core.store.sqlite.prepare('SELECT count(*) AS n FROM suppression').get()).toEqual({
      n: 0,
    });
    const kinds = core.store.sqlite
      .prepare("SELECT kind, status FROM status_events WHERE kind != 'status' ORDER BY meta_ts, id")
      .all();
    expect(kinds).toEqual([
      { kind: 'template', status: 'PAUSED' },
      { kind: 'preference', status: 'stop' },
      { kind: 'preference', status: 'stop' },
      { kind: 'preference', status: 'resume' },
    ]);
  });

  it('polls in the background, shows a relay that is down, and loses nothing', async () => {
    const { relay, core, accountId, dir } = await setup({
      statusPolling: true,
      statusPoller: { fastMs: 100, slowMs: 200 },
    });
    const id = sentCampaign(core, accountId, [
      { phone: '+16505551234', wamid: 'wamid.A' },
      { phone: '+16505551235', wamid: 'wamid.B' },
    ]);
    await post(relay, body(status('wamid.A', 'read', T)));
    await until(
      'read applied in the background',
      () => byPhone(core, id)['+16505551234']?.state === 'read',
    );

    await relay.close();
    const down = await until('relay shown failing', () => {
      const s = core.handlers['accounts.statusSources']({ accountId }) as Awaited<
        ReturnType<Core['handlers']['accounts.statusSources']>
      >;
      const r = s.sources.find((x) => x.source === 'relay');
      return r?.state === 'failing' ? r : undefined;
    });
    expect(down.lastError).toMatch(/Could not reach 127\.0\.0\.1:\d+: nothing answers/);

    // Back on the same address with the same file: the app continues from its cursor.
    const again = await startRelay({
      port: relay.port,
      host: '127.0.0.1',
      verifyToken: VERIFY,
      appSecret: SECRET,
      readToken: READ,
      dataFile: join(dir, 'relay', 'relay.sqlite'),
    });
    closers.push(() => again.close());
    await post(again, body(status('wamid.B', 'delivered', T + 1)));
    await until(
      'delivered applied after the outage',
      () => byPhone(core, id)['+16505551235']?.state === 'delivered',
      20_000,
    );
    expect(byPhone(core, id)['+16505551234']?.state).toBe('read');
    const events = core.store.sqlite
      .prepare("SELECT count(*) AS n FROM status_events WHERE source = 'relay'")
      .get();
    expect(events).toEqual({ n: 2 });
  });

  it('polls only in processes that run senders, and close() aborts a hanging request', async () => {
    let requests = 0;
    const hanging: Server = createServer(() => {
      requests++; // never answers
    });
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    closers.push(
      () =>
        new Promise<void>((r) => {
          hanging.closeAllConnections();
          hanging.close(() => r());
        }),
    );
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    const dir = tempDir('cd-hang-');
    closers.push(() => dir.cleanup());
    const configure = async (core: Core) => {
      const a = await core.handlers['accounts.add']({
        name: 'Shop',
        phoneNumberId: '106540352242922',
        wabaId: WABA,
        tokenEnv: 'WA_TOKEN',
      });
      await core.handlers['accounts.setStatusSources']({
        accountId: a.id,
        relayUrl: url,
        relayTokenEnv: 'RELAY_READ_TOKEN',
        historyEnabled: false,
      });
    };
    // A CLI-like process: no senders, no background polling.
    const quiet = createCore({
      dataDir: join(dir.path, 'a'),
      shell: 'headless',
      externalChangePollMs: 0,
      tokens: TOKENS,
      statusPoller: { fastMs: 50, slowMs: 50 },
    });
    await configure(quiet);
    await new Promise((r) => setTimeout(r, 700));
    expect(requests).toBe(0);
    await quiet.close();

    const busy = createCore({
      dataDir: join(dir.path, 'b'),
      shell: 'headless',
      externalChangePollMs: 0,
      tokens: TOKENS,
      runSenders: true,
      statusPoller: { fastMs: 50, slowMs: 50 },
    });
    await configure(busy);
    await until('a poll in flight', () => requests > 0);
    const started = Date.now();
    await busy.close();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
