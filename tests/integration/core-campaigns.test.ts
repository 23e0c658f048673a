import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { LATEST_VERSION } from '../../electron/core/db/migrations';
import { createCore, type Core } from '../../electron/core/service';
import { fakeClock, tempDir } from '../helpers/tmp';

describe('core: campaigns and accounts', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  function setup(path?: string) {
    const dir = path ? { path, cleanup: () => undefined } : tempDir();
    const clock = fakeClock();
    const core = createCore({ dataDir: dir.path, shell: 'headless', clock });
    cleanups.push(() => void core.close(), dir.cleanup);
    return { core, clock, dir: dir.path };
  }
  const call = (core: Core, method: string, input: unknown) =>
    dispatch(core.handlers, method, input, { error: () => undefined });

  it('has exactly one Sandbox account, however often it starts', async () => {
    const { core, dir } = setup();
    await core.close();
    const again = setup(dir).core;
    const accounts = await again.handlers['accounts.list']({});
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      kind: 'sandbox',
      name: 'Sandbox',
      ratePerSecond: 80,
      // Meta's starting limit until the simulator's is read (issue 16 item 3).
      messagingLimit: 250,
      messagingLimitSource: 'default',
    });
  });

  it('creates, lists, gets, renames and deletes a draft', async () => {
    const { core, clock } = setup();
    const events: unknown[] = [];
    core.events.on('db.changed', (e) => events.push(e));

    const created = await call(core, 'campaigns.create', { name: ' Spring sale ' });
    expect(created).toMatchObject({
      ok: true,
      value: { name: 'Spring sale', state: 'draft', accountName: 'Sandbox' },
    });
    const id = created.ok ? (created.value as { id: number }).id : 0;

    clock.advance(1000);
    const renamed = await call(core, 'campaigns.rename', { id, name: 'Spring sale (final)' });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Spring sale (final)' } });
    expect(
      (renamed as { value: { updatedAt: number; createdAt: number } }).value.updatedAt,
    ).toBeGreaterThan((renamed as { value: { createdAt: number } }).value.createdAt);

    const list = await call(core, 'campaigns.list', {});
    expect(list).toMatchObject({
      ok: true,
      value: [{ id, name: 'Spring sale (final)', recipients: 0 }],
    });

    expect(await call(core, 'campaigns.delete', { id })).toEqual({ ok: true, value: { id } });
    expect(await call(core, 'campaigns.get', { id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(events.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses to delete a campaign that is not a draft, keeping its recipients', async () => {
    const { core } = setup();
    const created = await call(core, 'campaigns.create', { name: 'Sent one' });
    const id = (created as { value: { id: number } }).value.id;
    core.store.sqlite.prepare("UPDATE campaigns SET state = 'completed' WHERE id = ?").run(id);
    core.store.sqlite
      .prepare(
        "INSERT INTO recipients (campaign_id, row_number, phone, state) VALUES (?, 2, '+14155550100', 'delivered')",
      )
      .run(id);

    const result = await call(core, 'campaigns.delete', { id });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((result as { error: { message: string } }).error.message).toMatch(/only drafts/);
    expect(await call(core, 'campaigns.get', { id })).toMatchObject({
      ok: true,
      value: { counts: { delivered: 1, total: 1 } },
    });
  });

  it('answers NOT_FOUND for unknown ids and accounts, VALIDATION for bad input', async () => {
    const { core } = setup();
    expect(await call(core, 'campaigns.rename', { id: 42, name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(core, 'campaigns.delete', { id: 42 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(core, 'campaigns.create', { name: 'x', accountId: 99 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(core, 'campaigns.create', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await call(core, 'campaigns.create', null)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await call(core, 'no.such.method', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
  });

  it('hides internal failures behind INTERNAL without leaking details', async () => {
    const { core } = setup();
    core.store.sqlite.exec('DROP TABLE recipients');
    const result = await call(core, 'campaigns.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect((result as { error: { message: string } }).error.message).not.toMatch(/recipients/);
  });

  it('reports app info with the data folder and schema version', async () => {
    const { core, dir } = setup();
    const info = await call(core, 'app.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { shell: 'headless', dataDir: dir, schemaVersion: LATEST_VERSION },
    });
  });
});

describe('core: writes by another process', () => {
  it('announce themselves as db.changed within the poll interval', async () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir.path, shell: 'headless', externalChangePollMs: 20 });
    const other = createCore({ dataDir: dir.path, shell: 'headless', externalChangePollMs: 0 });
    try {
      const seen = new Promise((resolve) => core.events.on('db.changed', resolve));
      void other.handlers['campaigns.create']({ name: 'From the CLI' });
      await expect(seen).resolves.toMatchObject({ tables: expect.arrayContaining(['campaigns']) });
    } finally {
      await other.close();
      await core.close();
      dir.cleanup();
    }
  });
});
