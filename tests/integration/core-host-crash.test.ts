import { afterEach, describe, expect, it } from 'vitest';
import { startCoreThread, type CoreClient } from '../../electron/core/host/client';
import { MAX_RESTARTS, threadedCore } from '../../electron/headless/core/threaded';
import type { HostOptions } from '../../shared/core-host/protocol';
import { tempDir } from '../helpers/tmp';

/** Resolves when `check` holds, looking again after every event loop turn (no timing assumptions). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 10_000; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never happened: ${what}`);
}

describe('the browser shell when its core thread dies', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('answers UNAVAILABLE with words, says so, restarts the core, and the data is still there', async () => {
    const dir = tempDir('cd-crash-');
    dirs.push(dir);
    const threads: (CoreClient & { kill(): Promise<void> })[] = [];
    const notices: string[] = [];
    const core = await threadedCore(
      { dataDir: dir.path, shell: 'headless', externalChangePollMs: 0 },
      {
        start: (o: HostOptions) => {
          const t = startCoreThread(o);
          threads.push(t);
          return t;
        },
        notice: (line) => notices.push(line),
      },
    );
    try {
      const reloads: unknown[] = [];
      core.onAny((name, payload) => name === 'db.changed' && reloads.push(payload));
      expect(await core.call('campaigns.create', { name: 'Before the crash' })).toMatchObject({
        ok: true,
      });
      // (Calls in flight when the host ends answer UNAVAILABLE: core-host.test.ts, with a fake port.)
      await threads[0]!.kill();
      // Until the new thread is ready (it takes a while to start), calls are told why.
      expect(await core.call('campaigns.list', {})).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE', message: expect.stringMatching(/stopped unexpectedly/) },
      });
      expect(notices[0]).toMatch(/core stopped unexpectedly \(exit code \d+\) and is restarting/);
      await until(() => notices.some((n) => /running again/.test(n)), 'the core restarted');
      expect(threads).toHaveLength(2);
      // The pages are told to reload everything they show.
      expect(reloads.at(-1)).toMatchObject({ tables: expect.arrayContaining(['campaigns']) });
      expect(await core.call('campaigns.list', {})).toMatchObject({
        ok: true,
        value: [{ name: 'Before the crash' }],
      });
    } finally {
      await core.close();
    }
  });

  it('gives up after a bounded number of restarts and says what to do', async () => {
    const dir = tempDir('cd-crash-');
    dirs.push(dir);
    const threads: (CoreClient & { kill(): Promise<void> })[] = [];
    const notices: string[] = [];
    const core = await threadedCore(
      { dataDir: dir.path, shell: 'headless', externalChangePollMs: 0 },
      {
        start: (o) => {
          const t = startCoreThread(o);
          threads.push(t);
          return t;
        },
        notice: (line) => notices.push(line),
      },
    );
    try {
      for (let i = 0; i <= MAX_RESTARTS; i++) {
        await until(() => threads.length === i + 1, `thread ${i + 1} started`);
        await threads[i]!.ready;
        await until(
          () => i === 0 || notices.filter((n) => /running again/.test(n)).length === i,
          `restart ${i} done`,
        );
        await threads[i]!.kill();
      }
      await until(() => notices.some((n) => /left stopped/.test(n)), 'the shell gave up');
      expect(threads).toHaveLength(MAX_RESTARTS + 1);
      const refused = await core.call('campaigns.list', {});
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message: expect.stringMatching(/restart `campaign-desk serve`/),
        },
      });
    } finally {
      await core.close();
    }
  });
});
