import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/service';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import { startRelay } from '../../../electron/headless/relay';
import { tempDir } from '../../helpers/tmp';
import { status, statusWebhook } from '../../unit/status/meta-payloads';
import { sentCampaign } from './helpers';
import { post, READ, SECRET, VERIFY } from './relay-helpers';

function io(env: NodeJS.ProcessEnv = {}, untilStopped?: () => Promise<void>) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      env,
      ...(untilStopped ? { untilStopped } : {}),
    },
  };
}

describe('CLI: relay, sync-status, status sources', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });
  const dir = () => {
    const d = tempDir('cd-status-cli-');
    closers.push(() => d.cleanup());
    return d.path;
  };

  it('runs the relay until stopped, answering the handshake', async () => {
    const d = dir();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    // Secrets from the environment and from a file (a Docker or systemd secret), never argv.
    writeFileSync(join(d, 'read-token'), `${READ}\n`, { mode: 0o600 });
    const a = io({ APP_SECRET: SECRET, VERIFY_TOKEN: VERIFY }, () => stopped);
    const running = runCli(
      [
        '--json',
        'relay',
        '--port',
        '0',
        '--verify-token-env',
        'VERIFY_TOKEN',
        '--app-secret-env',
        'APP_SECRET',
        '--read-token-file',
        join(d, 'read-token'),
        '--data',
        join(d, 'r.sqlite'),
      ],
      a.io,
    );
    const started = await new Promise<{ url: string; host: string }>((resolve) => {
      const check = setInterval(() => {
        if (a.out.length) {
          clearInterval(check);
          resolve(JSON.parse(a.out.join('')) as { url: string; host: string });
        }
      }, 10);
    });
    expect(started.host).toBe('127.0.0.1');
    const res = await fetch(
      `${started.url}/webhook?hub.mode=subscribe&hub.challenge=42&hub.verify_token=${VERIFY}`,
    );
    expect(await res.text()).toBe('42');
    const health = await fetch(`${started.url}/health`, {
      headers: { Authorization: `Bearer ${READ}` },
    });
    expect(await health.json()).toMatchObject({ ok: true });
    expect(a.err.join('')).toBe('');
    stop();
    expect(await running).toBe(EXIT.OK);
  });

  it('still takes --verify-token on the command line, with a deprecation message', async () => {
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const a = io({ APP_SECRET: SECRET, READ_TOKEN: READ }, () => stopped);
    const running = runCli(
      [
        'relay',
        '--port',
        '0',
        '--verify-token',
        VERIFY,
        '--app-secret-env',
        'APP_SECRET',
        '--read-token-env',
        'READ_TOKEN',
        '--data',
        join(dir(), 'r.sqlite'),
      ],
      a.io,
    );
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (a.out.length) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    expect(a.err.join('')).toMatch(/--verify-token is deprecated .* --verify-token-env/);
    stop();
    expect(await running).toBe(EXIT.OK);
  });

  it('refuses to start the relay without its secrets, or with a short read token', async () => {
    const missing = io({});
    expect(
      await runCli(
        [
          'relay',
          '--verify-token',
          'v',
          '--app-secret-env',
          'APP_SECRET',
          '--read-token-env',
          'READ_TOKEN',
        ],
        missing.io,
      ),
    ).toBe(EXIT.USAGE);
    expect(missing.err.join('')).toMatch(/APP_SECRET .* is empty/);
    const short = io({ APP_SECRET: 's', READ_TOKEN: 'short' });
    expect(
      await runCli(
        [
          'relay',
          '--verify-token',
          'v',
          '--app-secret-env',
          'APP_SECRET',
          '--read-token-env',
          'READ_TOKEN',
        ],
        short.io,
      ),
    ).toBe(EXIT.USAGE);
    expect(short.err.join('')).toMatch(/at least 16 characters/);
  });

  it('campaigns sync-status --once polls the relay and prints what changed; campaigns status shows failures by code', async () => {
    const d = dir();
    const relay = await startRelay({
      port: 0,
      host: '127.0.0.1',
      verifyToken: VERIFY,
      appSecret: SECRET,
      readToken: READ,
      dataFile: join(d, 'relay.sqlite'),
    });
    closers.push(() => relay.close());
    const dataDir = join(d, 'data');
    const setupCore = createCore({ dataDir, shell: 'headless', externalChangePollMs: 0 });
    const account = await setupCore.handlers['accounts.add']({
      name: 'Shop',
      phoneNumberId: '106540352242922',
      wabaId: '102290129340398',
      tokenEnv: 'WA_TOKEN',
    });
    const id = sentCampaign(setupCore, account.id, [
      { phone: '+16505551234', wamid: 'wamid.A' },
      { phone: '+16505551235', wamid: 'wamid.B' },
    ]);
    await setupCore.close();

    const configured = io();
    expect(
      await runCli(
        [
          '--data-dir',
          dataDir,
          '--json',
          'accounts',
          'status-sources',
          String(account.id),
          '--relay-url',
          relay.url,
          '--relay-token-env',
          'RELAY_READ_TOKEN',
          '--history',
          'off',
        ],
        configured.io,
      ),
    ).toBe(EXIT.OK);
    expect(JSON.parse(configured.out.join(''))).toMatchObject({
      relayUrl: relay.url,
      relayTokenEnv: 'RELAY_READ_TOKEN',
      historyEnabled: false,
    });

    await post(
      relay,
      JSON.stringify(
        statusWebhook([
          status('wamid.A', 'read', 1750030080),
          status('wamid.B', 'failed', 1750030081, { code: 131026 }),
        ]),
      ),
    );
    // The CLI reads tokens from its environment (the headless shell's token source).
    process.env.RELAY_READ_TOKEN = READ;
    closers.push(() => void delete process.env.RELAY_READ_TOKEN);
    const synced = io();
    expect(
      await runCli(
        ['--data-dir', dataDir, '--json', 'campaigns', 'sync-status', String(id), '--once'],
        synced.io,
      ),
    ).toBe(EXIT.OK);
    const result = JSON.parse(synced.out.join('')) as {
      applied: number;
      before: { sent: number };
      after: { read: number; failed: number };
      sources: { source: string; ok: boolean }[];
    };
    expect(result).toMatchObject({
      applied: 2,
      before: { sent: 2 },
      after: { read: 1, failed: 1 },
    });
    expect(result.sources.find((s) => s.source === 'relay')?.ok).toBe(true);

    const human = io();
    expect(
      await runCli(
        ['--data-dir', dataDir, 'campaigns', 'sync-status', String(id), '--once'],
        human.io,
      ),
    ).toBe(EXIT.OK);
    expect(human.out.join('')).toMatch(/Campaign \d+: 0 sent · 0 delivered · 1 read · 1 failed/);
    expect(human.out.join('')).toMatch(/relay: ok — 1 requests, 0 observations/);

    const st = io();
    expect(
      await runCli(['--data-dir', dataDir, '--json', 'campaigns', 'status', String(id)], st.io),
    ).toBe(EXIT.OK);
    expect(JSON.parse(st.out.join(''))).toMatchObject({
      counts: { read: 1, failed: 1 },
      failedByCode: [
        { code: 131026, count: 1, title: expect.any(String), action: expect.any(String) },
      ],
    });

    // A relay that is down: shown, and the command fails when no source worked.
    await relay.close();
    const down = io();
    expect(
      await runCli(
        ['--data-dir', dataDir, 'campaigns', 'sync-status', String(id), '--once'],
        down.io,
      ),
    ).toBe(EXIT.FAILED);
    expect(down.out.join('')).toMatch(/relay: FAILED[\s\S]*Could not reach/);
  });
});
