import { describe, expect, it } from 'vitest';
import { startCoreProcess } from '../../../electron/main/core-process';
import { fakeFork, fakeIpcMain } from './fakes';
import { hostOptions } from '../../../shared/core-host/protocol';
import { DOWNLOAD_CHANNEL } from '../../../shared/api';
import { registerIpc } from '../../../electron/main/ipc';
import { registerDownloads } from '../../../electron/main/downloads';
import { factsThrough } from '../../../electron/main/notifications';
import { createSendingCount } from '../../../electron/main/quit-guard';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/tmp';

describe('the desktop core in a utilityProcess (faked)', () => {
  it('forks the host entry with its options, answers calls, and ends when closed', async () => {
    const dir = tempDir('cd-utility-');
    try {
      const { fork, forks } = fakeFork();
      const options = { dataDir: dir.path, shell: 'electron' as const, externalChangePollMs: 0 };
      const client = startCoreProcess(options, '/app/out/main/core-utility.js', fork);
      await client.ready;
      expect(forks).toHaveLength(1);
      expect(forks[0]!.path).toBe('/app/out/main/core-utility.js');
      expect(hostOptions.parse(JSON.parse(forks[0]!.args[1]!))).toEqual(options);
      expect(await client.call('campaigns.create', { name: 'Desktop' })).toMatchObject({
        ok: true,
        value: { name: 'Desktop' },
      });
      await client.close();
      expect(await client.call('campaigns.list', {})).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE' },
      });
    } finally {
      dir.cleanup();
    }
  });

  it('gives the main process the facts it shows and asks before quitting, through host ops', async () => {
    const dir = tempDir('cd-utility-');
    try {
      const { fork } = fakeFork();
      const client = startCoreProcess(
        { dataDir: dir.path, shell: 'electron', externalChangePollMs: 0, runSenders: false },
        '/app/out/main/core-utility.js',
        fork,
      );
      await client.ready;
      const created = await client.call('campaigns.create', { name: 'Spring sale' });
      const id = created.ok ? (created.value as { id: number }).id : 0;
      const describe = factsThrough((op, input) => client.op(op, input));
      expect(await describe(id)).toEqual({ name: 'Spring sale', pauseCode: null });
      expect(await describe(id + 100)).toBeUndefined();
      expect(await client.op('campaign.facts', { id: 'one' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      const count = createSendingCount((op, input) => client.op(op, input));
      expect(await count.refresh()).toBe(0);
      await client.close();
      // A closed core keeps the last count rather than inventing one.
      expect(await count.refresh()).toBe(0);
      await expect(describe(id)).rejects.toThrow(/not running/);
    } finally {
      dir.cleanup();
    }
  });

  it('takes the tokens the main process decrypted through the tokens.set host op, and only when relayed', async () => {
    const dir = tempDir('cd-utility-');
    try {
      const { fork } = fakeFork();
      const base = { dataDir: dir.path, shell: 'electron' as const, externalChangePollMs: 0 };
      const client = startCoreProcess({ ...base, keychainRelay: true }, '/app/core.js', fork);
      await client.ready;
      const accounts = await client.call('accounts.list', {});
      const first = accounts.ok ? (accounts.value as { id: number }[])[0] : undefined;
      expect(first).toBeDefined();
      const vaultState = async () => {
        const r = await client.call('accounts.tokenStatus', { accountId: first!.id });
        return r.ok ? (r.value as { vault: string }).vault : r.error.code;
      };
      // Until main has handed the keychain over, the core cannot store or read stored tokens.
      expect(await vaultState()).toBe('locked');
      expect(
        await client.op('tokens.set', {
          unavailableReason: null,
          tokens: { 'account:2': 'EAAGtoken' },
        }),
      ).toEqual({ ok: true, value: { tokens: 1 } });
      expect(await vaultState()).toBe('open');
      expect(await client.op('tokens.set', { tokens: 'EAAG' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      await client.close();

      const own = startCoreProcess(base, '/app/core.js', fakeFork().fork);
      await own.ready;
      expect(await own.op('tokens.set', { unavailableReason: null, tokens: {} })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      await own.close();
    } finally {
      dir.cleanup();
    }
  });

  it('routes IPC calls and downloads to the core process; a crashed core answers UNAVAILABLE', async () => {
    const dir = tempDir('cd-utility-');
    try {
      const { fork, crash } = fakeFork();
      const client = startCoreProcess(
        { dataDir: dir.path, shell: 'electron', externalChangePollMs: 0 },
        '/app/out/main/core-utility.js',
        fork,
      );
      await client.ready;
      const { ipcMain, invoke } = fakeIpcMain();
      registerIpc(ipcMain, (method, raw) => client.call(method, raw));
      const asked: string[] = [];
      const target = join(dir.path, 'saved.csv');
      registerDownloads(
        ipcMain,
        (op, input) => client.op(op, input),
        async (_event, name) => {
          asked.push(name);
          return target;
        },
      );
      expect(await invoke('campaigns.create', { name: 'Routed' })).toMatchObject({
        ok: true,
        value: { name: 'Routed' },
      });
      // Inputs are parsed in the core's process, by the method's schema.
      expect(await invoke('campaigns.create', { name: 7 })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      expect(await invoke(DOWNLOAD_CHANNEL, { kind: 'suppression', id: 1 })).toEqual({
        ok: true,
        value: { saved: true },
      });
      expect(asked).toHaveLength(1);
      expect(existsSync(target)).toBe(true);
      expect(readFileSync(target, 'utf8')).toMatch(/Phone/);
      expect(await invoke(DOWNLOAD_CHANNEL, { kind: 'report', id: 4242 })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });

      crash();
      expect(await invoke('campaigns.list', {})).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE', message: expect.stringMatching(/not running/) },
      });
    } finally {
      dir.cleanup();
    }
  });
});
