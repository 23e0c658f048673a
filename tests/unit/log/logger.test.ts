import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, LOG_FILE, LOG_FOLDER, redact } from '../../../electron/core/log';
import { dispatch } from '../../../electron/core/api/dispatch';
import { createCore } from '../../../electron/core/service';
import { runCli } from '../../../electron/headless/cli-run';
import { tempDir } from '../../helpers/tmp';

describe('redact', () => {
  it('removes Graph tokens, bearer headers, token parameters and JSON secrets, and registered values', () => {
    const token = `EAA${'x1Y2z3'.repeat(8)}`;
    const text = [
      `Authorization: Bearer ${token}`,
      `GET https://graph.facebook.com/v24.0/1?access_token=${token}&fields=a`,
      `{"access_token":"abc123secret","name":"Shop"}`,
      `token is ${token}`,
      'relay secret: s3cr3t-value-here',
      'about the shop',
    ].join('\n');
    const out = redact(text, ['s3cr3t-value-here', 'ab']);
    expect(out).not.toContain(token);
    expect(out).not.toContain('abc123secret');
    expect(out).not.toContain('s3cr3t-value-here');
    expect(out).toContain('"name":"Shop"');
    expect(out).toContain('fields=a');
    // A value too short to be a secret is left alone rather than blanking ordinary words.
    expect(out).toContain('about the shop');
  });
});

describe('the log file', () => {
  const dirs: { path: string; cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const dir = () => {
    const d = tempDir('cd-log-');
    dirs.push(d);
    return d.path;
  };

  it('writes lines at or above its level, 0600 in a 0700 folder, with the error stack', () => {
    const data = dir();
    const log = createFileLogger({
      dataDir: data,
      level: 'warn',
      now: () => Date.UTC(2026, 11, 7),
    });
    log.info('not written');
    log.warn('slow answer', { ms: 900 });
    log.error('sender loop failed', new Error('database is locked'));
    const file = join(data, LOG_FOLDER, LOG_FILE);
    expect(log.file).toBe(file);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('not written');
    expect(text).toContain('2026-12-07T00:00:00.000Z WARN slow answer { ms: 900 }');
    expect(text).toMatch(/ERROR sender loop failed Error: database is locked\n\s+at /);
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(data, LOG_FOLDER)).mode & 0o777).toBe(0o700);
    }
  });

  it('rotates past its size and keeps a bounded number of old files', () => {
    const data = dir();
    const log = createFileLogger({ dataDir: data, maxBytes: 200, keep: 3 });
    for (let i = 0; i < 40; i++) log.error(`line ${i} ${'x'.repeat(40)}`);
    const file = join(data, LOG_FOLDER, LOG_FILE);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(true);
    expect(existsSync(`${file}.4`)).toBe(false);
    expect(statSync(file).size).toBeLessThanOrEqual(200);
    expect(readFileSync(file, 'utf8')).toContain('line 39');
  });

  it('never throws when the folder cannot be written', () => {
    const data = dir();
    writeFileSync(join(data, LOG_FOLDER), 'a file where the folder should be');
    const log = createFileLogger({ dataDir: data });
    expect(() => log.error('lost, but the app lives on')).not.toThrow();
    chmodSync(join(data, LOG_FOLDER), 0o600);
  });

  it('records an unexpected failure of a method, and the message says where to look', async () => {
    const data = dir();
    const core = createCore({ dataDir: data, shell: 'headless' });
    try {
      core.handlers['campaigns.list'] = () => {
        throw new Error('boom with Bearer abcdefghijklmnop');
      };
      const result = await dispatch(core.handlers, 'campaigns.list', {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain('logs/campaign-desk.log');
      const text = readFileSync(join(data, LOG_FOLDER, LOG_FILE), 'utf8');
      expect(text).toContain('Unexpected failure in campaigns.list');
      expect(text).toContain('boom with Bearer [redacted]');
    } finally {
      await core.close();
    }
  });

  it('the CLI refuses an unknown --log-level with a usage error', async () => {
    const err: string[] = [];
    const code = await runCli(['--data-dir', dir(), '--log-level', 'loud', 'campaigns', 'list'], {
      stdout: () => undefined,
      stderr: (t) => err.push(t),
      env: {},
    });
    expect(code).toBe(2);
    expect(err.join('')).toContain('--log-level must be one of error, warn, info, debug');
  });
});
