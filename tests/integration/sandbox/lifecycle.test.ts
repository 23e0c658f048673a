import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeSandbox, SANDBOX_TEST_NUMBERS, startSandbox } from '../../../electron/sandbox';
import { SANDBOX_REPLY_NUMBERS } from '../../../electron/sandbox/test-numbers';
import { send, springSale } from './helpers';

const canConnect = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('sandbox: lifecycle', () => {
  it('listens on 127.0.0.1 only', async () => {
    const sb = await startSandbox();
    try {
      expect(sb.url).toBe(`http://127.0.0.1:${sb.port}`);
      expect(await canConnect('127.0.0.1', sb.port)).toBe(true);
      const external = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal);
      if (external) expect(await canConnect(external.address, sb.port)).toBe(false);
    } finally {
      await sb.close();
    }
  });

  it('closes promptly while requests are held open, and refuses connections afterwards', async () => {
    const sb = await startSandbox({ faults: { timeoutRate: 1, timeoutMs: 60_000 } });
    const held = send(sb, springSale('+16505551234')).then(
      () => 'answered',
      () => 'dropped',
    );
    while (sb.stats().dropped === 0) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await sb.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await held).toBe('dropped');
    expect(await canConnect('127.0.0.1', sb.port)).toBe(false);
    await sb.close();
  });

  it('leaves no open handles: a process that started and closed a sandbox exits on its own', async () => {
    const script = fileURLToPath(new URL('./exit-child.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('still running after 15 s');
      }, 15_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c ?? 'killed');
      });
    });
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: 'closed' });
  }, 20_000);

  it('describes itself for the CLI', async () => {
    const sb = await startSandbox({ token: 'tok-1' });
    try {
      const text = describeSandbox(sb);
      for (const part of [sb.url, 'tok-1', sb.phoneNumberId, sb.wabaId, sb.feedToken])
        expect(text).toContain(part);
      for (const t of [
        ...Object.values(SANDBOX_TEST_NUMBERS),
        ...Object.values(SANDBOX_REPLY_NUMBERS),
      ])
        expect(text).toContain(t.number);
    } finally {
      await sb.close();
    }
  });
});
