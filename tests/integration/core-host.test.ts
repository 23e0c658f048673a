import { afterEach, describe, expect, it } from 'vitest';
import { connectCore, startCoreThread, type ShellPort } from '../../electron/core/host/client';
import { serveCore } from '../../electron/core/host/serve';
import type { FromHost, ToHost } from '../../shared/core-host/protocol';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp';

describe('the core host: the core beside the shell, one protocol', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const dir = () => {
    const d = tempDir('cd-host-');
    dirs.push(d);
    return d.path;
  };

  it('in a worker thread: answers calls as dispatch does, forwards events, closes cleanly', async () => {
    const client = startCoreThread({ dataDir: dir(), shell: 'headless', externalChangePollMs: 0 });
    await client.ready;
    const changed: unknown[] = [];
    client.on('db.changed', (p) => changed.push(p));
    const created = await client.call('campaigns.create', { name: 'Beside the UI' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Beside the UI', state: 'draft' } });
    expect(await client.call('campaigns.list', {})).toMatchObject({
      ok: true,
      value: [{ name: 'Beside the UI' }],
    });
    expect(changed.length).toBeGreaterThan(0);
    // Inputs stay unknown until the method's own schema parses them, in the host.
    expect(await client.call('campaigns.create', { name: 42 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await client.call('no.such', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    await client.close();
    expect(await client.call('campaigns.list', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
  });

  it('the shell drops what is not of the protocol, and answers calls left open when the host ends', async () => {
    let deliver: (m: unknown) => void = () => undefined;
    let exit: (code: number) => void = () => undefined;
    const sent: ToHost[] = [];
    const port: ShellPort = {
      post: (m) => sent.push(m),
      onMessage: (l) => (deliver = l),
      onExit: (l) => (exit = l),
    };
    const client = connectCore(port);
    deliver({ type: 'ready' });
    await client.ready;
    const call = client.call('campaigns.list', {});
    expect(sent).toEqual([{ type: 'call', id: 1, method: 'campaigns.list', input: {} }]);
    // A forged answer of the wrong shape, and one with an error code outside the contract.
    deliver({ type: 'result', id: 1, result: { ok: true } });
    deliver({
      type: 'result',
      id: 1,
      result: { ok: false, error: { code: 'BOOM', message: 'x' } },
    });
    deliver('not even an object');
    exit(1);
    expect(await call).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('the host refuses options it does not understand and messages not of the protocol', async () => {
    const posted: FromHost[] = [];
    let exited = 0;
    serveCore(
      { dataDir: dir(), shell: 'headless', tokens: 'secret' },
      {
        post: (m) => posted.push(m),
        onMessage: () => undefined,
        exit: () => exited++,
      },
    );
    expect(posted).toEqual([{ type: 'failed', message: expect.stringMatching(/options/) }]);
    expect(exited).toBe(1);

    const out: FromHost[] = [];
    let toCore: (m: unknown) => void = () => undefined;
    const closed = new Promise<void>((resolve) =>
      serveCore(
        { dataDir: dir(), shell: 'headless', externalChangePollMs: 0 },
        {
          post: (m) => out.push(m),
          onMessage: (l) => (toCore = l),
          exit: resolve,
        },
      ),
    );
    expect(out).toEqual([{ type: 'ready' }]);
    toCore({ type: 'call', id: -1, method: 'campaigns.list', input: {} });
    toCore({ type: 'drop-tables' });
    toCore({ type: 'call', id: 7, method: 'campaigns.list', input: {} });
    toCore({ type: 'close' });
    await closed;
    expect(out.filter((m) => m.type === 'result')).toEqual([
      { type: 'result', id: 7, result: { ok: true, value: [] } },
    ]);
    expect(out.at(-1)).toEqual({ type: 'closed' });
  });

  it('host ops over the thread: the test clock only when asked for, downloads only to a full path', async () => {
    const data = dir();
    const client = startCoreThread({
      dataDir: data,
      shell: 'headless',
      externalChangePollMs: 0,
      testClock: true,
    });
    await client.ready;
    try {
      const moved = await client.op('clock.move', { advanceMs: 86_400_000 });
      expect(moved).toMatchObject({ ok: true });
      expect((moved as { value: { now: number } }).value.now).toBeGreaterThan(
        Date.now() + 86_000_000,
      );
      expect(await client.op('clock.move', { advanceMs: -1 })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringMatching(/only moves forward/) },
      });
      expect(
        await client.op('download.save', { kind: 'suppression', id: 1, path: 'relative.csv' }),
      ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      const path = join(data, 'opt-outs.csv');
      expect(await client.op('download.save', { kind: 'suppression', id: 1, path })).toMatchObject({
        ok: true,
        value: { fileName: expect.stringMatching(/\.csv$/) },
      });
      expect(readFileSync(path, 'utf8')).toMatch(/Phone/);
      expect(await client.op('download.name', { kind: 'report', id: 4242 })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    } finally {
      await client.close();
    }
    const realTime = startCoreThread({
      dataDir: dir(),
      shell: 'headless',
      externalChangePollMs: 0,
    });
    await realTime.ready;
    expect(await realTime.op('clock.move', { advanceMs: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/real clock/) },
    });
    await realTime.close();
  });
});
