import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { dispatch } from '../../../electron/core/api/dispatch';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import { tempDir } from '../../helpers/tmp';
import { phones, sendHarness, type SendHarness } from '../sending/helpers';

const PORTFOLIO = '300000000000001';

describe('migration 140 (portfolio limits)', () => {
  const dir = tempDir('cd-mig140-');
  afterEach(() => dir.cleanup());

  it('marks a limit set before as set by hand, gives the others 250, moves the Sandbox to v24.0 (130 → fixtures → 140)', () => {
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 130 });
    db.prepare(
      `INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, messaging_limit, created_at, updated_at) VALUES
       ('Sandbox', 'sandbox', '1', '2', 'sandbox:embedded', NULL, 0, 0),
       ('Shop', 'cloud', '3', '4', 'https://graph.facebook.com', NULL, 0, 0),
       ('Big', 'cloud', '5', '6', 'https://graph.facebook.com', 10000, 0, 0)`,
    ).run();
    expect(migrate(db, { target: 140 }).applied).toEqual([140]);
    // Also in 140: held messages (template pacing) have their own column, empty for every existing row.
    expect(db.prepare('SELECT held_at FROM recipients').all()).toEqual([]);
    expect(
      db
        .prepare(
          'SELECT name, graph_version, messaging_limit, messaging_limit_source, business_portfolio_id FROM accounts ORDER BY id',
        )
        .all(),
    ).toEqual([
      {
        name: 'Sandbox',
        graph_version: 'v24.0',
        messaging_limit: 250,
        messaging_limit_source: 'default',
        business_portfolio_id: null,
      },
      // A real account keeps its version until the user confirms the upgrade.
      {
        name: 'Shop',
        graph_version: 'v23.0',
        messaging_limit: 250,
        messaging_limit_source: 'default',
        business_portfolio_id: null,
      },
      {
        name: 'Big',
        graph_version: 'v23.0',
        messaging_limit: 10000,
        messaging_limit_source: 'manual',
        business_portfolio_id: null,
      },
    ]);
    expect(() => db.prepare("UPDATE accounts SET messaging_limit_source = 'guess'").run()).toThrow(
      /CHECK/,
    );
    db.close();
  });
});

describe("the business portfolio's messaging limit, read from Meta (against the sandbox)", () => {
  let h: SendHarness;
  afterEach(() => h.close());

  const account = async (id = 1) =>
    (await h.core.handlers['accounts.list']({})).find((a) => a.id === id)!;

  it('reads the portfolio and its limit on v24.0, and says 250 and why on v23.0 until the user upgrades', async () => {
    h = await sendHarness({ runSenders: false });
    expect(await account()).toMatchObject({
      graphVersion: 'v24.0',
      messagingLimit: 250,
      messagingLimitSource: 'default',
      businessPortfolioId: null,
    });
    const read = await h.core.handlers['accounts.refreshMessagingLimit']({ accountId: 1 });
    expect(read).toMatchObject({
      messagingLimit: null,
      messagingLimitSource: 'meta',
      messagingLimitError: null,
      businessPortfolioId: PORTFOLIO,
      graphVersionUpgrade: null,
    });

    // Meta raises (or lowers) the limit: the next read follows it.
    (await h.core.clients.sandbox()).setPortfolioLimit(2000);
    expect(await h.core.handlers['accounts.refreshMessagingLimit']({ accountId: 1 })).toMatchObject(
      { messagingLimit: 2000, messagingLimitSource: 'meta' },
    );

    // An account on v23.0 cannot read it: 250 once the value read before is forgotten, and a reason.
    h.core.store.sqlite
      .prepare(
        "UPDATE accounts SET graph_version = 'v23.0', messaging_limit_source = 'default', messaging_limit_read_at = NULL WHERE id = 1",
      )
      .run();
    h.core.clients.forget(1);
    const old = await h.core.handlers['accounts.refreshMessagingLimit']({ accountId: 1 });
    expect(old).toMatchObject({
      messagingLimit: 250,
      messagingLimitSource: 'default',
      graphVersionUpgrade: 'v24.0',
    });
    expect(old.messagingLimitError).toMatch(/v24\.0/);

    // The upgrade is only made when confirmed.
    const refused = await dispatch(h.core.handlers, 'accounts.upgradeGraphVersion', {
      accountId: 1,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Confirm/) },
    });
    expect(await account()).toMatchObject({ graphVersion: 'v23.0' });
    const upgraded = await h.core.handlers['accounts.upgradeGraphVersion']({
      accountId: 1,
      confirm: true,
    });
    expect(upgraded).toMatchObject({
      graphVersion: 'v24.0',
      messagingLimit: 2000,
      messagingLimitSource: 'meta',
      graphVersionUpgrade: null,
    });
  });

  it('keeps a limit set by hand, labelled as such, until the user goes back to Meta’s', async () => {
    h = await sendHarness({ runSenders: false });
    await h.core.handlers['accounts.update']({ id: 1, messagingLimit: 10_000 });
    expect(await h.core.handlers['accounts.refreshMessagingLimit']({ accountId: 1 })).toMatchObject(
      { messagingLimit: 10_000, messagingLimitSource: 'manual' },
    );
    expect(await h.core.handlers['accounts.useMetaMessagingLimit']({ accountId: 1 })).toMatchObject(
      { messagingLimit: null, messagingLimitSource: 'meta' },
    );
  });

  it('counts the people reached by every number of the portfolio against its one limit', async () => {
    h = await sendHarness({ sandboxOptions: { portfolio: { limit: 5 } } });
    const db = h.core.store.sqlite;
    const id = await h.campaign('portfolio', phones(4));
    // Another number of the same portfolio reached 3 people an hour ago.
    const other = await h.core.handlers['accounts.add']({
      name: 'Second number',
      phoneNumberId: '555000111',
      wabaId: '555000222',
      tokenEnv: 'NOT_SET_FOR_THIS_TEST',
    });
    db.prepare('UPDATE accounts SET business_portfolio_id = ? WHERE id = ?').run(
      PORTFOLIO,
      other.id,
    );
    const sentAt = Date.now() - 3600_000;
    const { lastInsertRowid: otherCampaign } = db
      .prepare(
        "INSERT INTO campaigns (account_id, name, state, created_at, updated_at) VALUES (?, 'earlier', 'completed', 0, 0)",
      )
      .run(other.id);
    const insert = db.prepare(
      "INSERT INTO recipients (campaign_id, row_number, phone, state, sent_at) VALUES (?, ?, ?, 'delivered', ?)",
    );
    phones(3, 500).forEach((p, i) => insert.run(otherCampaign, i + 2, p, sentAt));

    const waits: string[] = [];
    h.core.events.on('send.progress', (p) => p.waiting && waits.push(p.waiting.message));
    await h.core.handlers['campaigns.start']({ campaignId: id });
    for (let i = 0; i < 100 && waits.length === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 100 && (h.states(id).sending ?? 0) > 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    // Read at the start (precheck): 5 for the portfolio, 3 used by the other number → 2 left here.
    expect(await account()).toMatchObject({ messagingLimit: 5, businessPortfolioId: PORTFOLIO });
    expect(waits[0]).toMatch(/business portfolio has reached its messaging limit of 5/);
    expect(h.states(id)).toMatchObject({ sent: 2, pending: 2 });
  });
});

describe('CLI: accounts list --json', () => {
  const dir = tempDir('cd-acc-cli-');
  afterEach(() => dir.cleanup());

  it("shows each account's portfolio, messaging limit and where the limit came from", async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: () => undefined, env: {} };
    expect(await runCli(['--data-dir', dir.path, 'accounts', 'refresh-limit', '1'], io)).toBe(
      EXIT.OK,
    );
    out.length = 0;
    expect(await runCli(['--data-dir', dir.path, 'accounts', 'list', '--json'], io)).toBe(EXIT.OK);
    expect(JSON.parse(out.join(''))).toMatchObject([
      {
        id: 1,
        kind: 'sandbox',
        businessPortfolioId: PORTFOLIO,
        messagingLimit: null,
        messagingLimitSource: 'meta',
      },
    ]);
    out.length = 0;
    expect(await runCli(['--data-dir', dir.path, 'accounts', 'upgrade-graph', '1'], io)).toBe(
      EXIT.USAGE,
    );
  });
});
