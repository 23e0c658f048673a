import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/service';
import { startHeadlessServer, type HeadlessServer } from '../../electron/headless/server';
import { inProcessCore } from '../../electron/headless/core/shell-core';
import { MAX_UPLOAD_BYTES } from '../../electron/core/contacts/uploads';
import { tempDir } from '../helpers/tmp';
import { createTestClock } from '../../electron/core/host/test-clock';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP so the test controls every header, including Host. */
function http(
  port: number,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('headless shell', () => {
  let dir: { path: string; cleanup(): void };
  let core: Core;
  let server: HeadlessServer;

  beforeEach(async () => {
    dir = tempDir();
    const renderer = join(dir.path, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Campaign Desk</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir.path, 'secret.txt'), 'do not serve');
    core = createCore({ dataDir: join(dir.path, 'data'), shell: 'headless' });
    server = await startHeadlessServer({ core: inProcessCore({ core }), rendererDir: renderer });
  });
  afterEach(async () => {
    await server.close();
    await core.close();
    dir.cleanup();
  });

  const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    http(server.port, `/api/${method}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${server.token}`,
        ...headers,
      },
      body: JSON.stringify(body),
    });

  it('has no refusal switch unless started with one; with it, refuses the methods named until told to stop', async () => {
    const refuse = (port: number, token: string, body: unknown) =>
      http(port, '/test/refuse', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    // The plain server (what the desktop build and `serve` without the env var run) has none.
    expect((await refuse(server.port, server.token, { methods: '*' })).status).toBe(405);
    expect(JSON.parse((await api('campaigns.list', {})).body)).toMatchObject({ ok: true });

    const armed = await startHeadlessServer({
      core: inProcessCore({ core }),
      rendererDir: dir.path,
      testSwitches: true,
    });
    try {
      const call = (method: string) =>
        http(armed.port, `/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${armed.token}` },
          body: '{}',
        });
      expect((await refuse(armed.port, armed.token, { methods: ['no.such'] })).status).toBe(400);
      expect(
        (await refuse(armed.port, armed.token, { methods: ['campaigns.list'], message: 'No.' }))
          .status,
      ).toBe(200);
      const refused = await call('campaigns.list');
      expect(refused.status).toBe(409);
      expect(JSON.parse(refused.body)).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: 'No.' },
      });
      expect(JSON.parse((await call('accounts.list')).body)).toMatchObject({ ok: true });
      await refuse(armed.port, armed.token, { methods: null });
      expect(JSON.parse((await call('campaigns.list')).body)).toMatchObject({ ok: true });
    } finally {
      await armed.close();
    }
  });

  it('has no clock switch unless given a test clock; with one, moves it forward only', async () => {
    const move = (port: number, token: string, body: unknown) =>
      http(port, '/test/clock', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    expect((await move(server.port, server.token, { advanceMs: 1000 })).status).toBe(405);

    const clock = createTestClock();
    const timed = createCore({ dataDir: join(dir.path, 'timed'), shell: 'headless', clock });
    const armed = await startHeadlessServer({
      core: inProcessCore({ core: timed, testClock: clock }),
      rendererDir: dir.path,
      testSwitches: true,
      testClock: true,
    });
    try {
      // A campaign scheduled for tomorrow starts as soon as the clock passes its time.
      const id = Number(
        timed.store.sqlite
          .prepare(
            "INSERT INTO campaigns (account_id, name, state, scheduled_at, created_at, updated_at) VALUES (1, 'Later', 'scheduled', ?, 0, 0)",
          )
          .run(Date.now() + 86_400_000).lastInsertRowid,
      );
      const state = () =>
        (
          timed.store.sqlite.prepare('SELECT state FROM campaigns WHERE id = ?').get(id) as {
            state: string;
          }
        ).state;
      const at = Date.now() + 2 * 86_400_000;
      const moved = await move(armed.port, armed.token, { at });
      expect(moved.status).toBe(200);
      expect(
        (JSON.parse(moved.body) as { value: { now: number } }).value.now,
      ).toBeGreaterThanOrEqual(at);
      expect(state()).not.toBe('scheduled');
      const back = await move(armed.port, armed.token, { at: Date.now() });
      expect(back.status).toBe(400);
      expect(JSON.parse(back.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect((await move(armed.port, armed.token, { when: 'now' })).status).toBe(400);
      expect(clock.now()).toBeGreaterThanOrEqual(at);
    } finally {
      await armed.close();
      await timed.close();
    }
  });

  it('listens on loopback only', () => {
    expect((server.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('makes a long random token per start', async () => {
    expect(server.token.length).toBeGreaterThanOrEqual(32);
    const other = await startHeadlessServer({
      core: inProcessCore({ core }),
      rendererDir: dir.path,
    });
    expect(other.token).not.toBe(server.token);
    await other.close();
  });

  it('refuses every request without the token with 401', async () => {
    expect((await http(server.port, '/')).status).toBe(401);
    expect((await http(server.port, '/assets/app.js')).status).toBe(401);
    expect((await http(server.port, '/api/events')).status).toBe(401);
    const noToken = await http(server.port, '/api/campaigns.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(noToken.status).toBe(401);
    expect((await api('campaigns.list', {}, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await http(server.port, '/?token=wrong')).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await http(server.port, '/api/campaigns.list', {
      method: 'POST',
      headers: {
        Host: 'evil.example',
        'Content-Type': 'application/json',
        Authorization: `Bearer ${server.token}`,
      },
      body: '{}',
    });
    expect(r.status).toBe(421);
  });

  it('trades the token in the link for an HttpOnly cookie, then serves the UI', async () => {
    const open = await http(
      server.port,
      new URL(server.openUrl).pathname + new URL(server.openUrl).search,
    );
    expect(open.status).toBe(303);
    expect(open.headers.location).toBe('/');
    const cookie = String(open.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await http(server.port, '/', { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Campaign Desk');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const spa = await http(server.port, '/campaigns/3', {
      headers: { Cookie: cookie.split(';')[0]! },
    });
    expect(spa.body).toContain('Campaign Desk');
  });

  it('takes the link once: a second use is refused, the session lives on; the cookie is named for the port', async () => {
    const link = new URL(server.openUrl);
    const first = await http(server.port, link.pathname + link.search);
    expect(first.status).toBe(303);
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(cookie.startsWith(`cd_token_${server.port}=`)).toBe(true);
    const again = await http(server.port, link.pathname + link.search);
    expect(again.status).toBe(401);
    expect(again.body).toMatch(/already used/);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await http(server.port, '/', { headers: { Cookie: cookie } })).status).toBe(200);
    // The session token is not a link: it works as a cookie or a bearer, never in the address.
    expect((await http(server.port, `/?token=${server.token}`)).status).toBe(401);
    // Another shell's cookie (another port) opens nothing here.
    const other = `cd_token_${server.port + 1}=${cookie.split('=')[1]}`;
    expect((await http(server.port, '/', { headers: { Cookie: other } })).status).toBe(401);
  });

  it('refuses state-changing requests from another origin or site, /upload included', async () => {
    const foreign: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const h of foreign) {
      const call = await api('campaigns.create', { name: 'CSRF' }, h);
      expect(call.status).toBe(403);
      const up = await http(server.port, '/upload', {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.token}`, ...h },
        body: 'name,phone\n',
      });
      expect(up.status).toBe(403);
      expect(JSON.parse(up.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(await core.handlers['campaigns.list']({})).toEqual([]);
    const own = await api(
      'campaigns.create',
      { name: 'Mine' },
      { Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' },
    );
    expect(own.status).toBe(200);
  });

  it('refuses an upload over the size cap before reading it', async () => {
    const r = await http(server.port, '/upload', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${server.token}`,
        'Content-Length': String(MAX_UPLOAD_BYTES + 1),
      },
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { message: /larger than/ } });
  });

  it('refuses file paths outside the data folder (symlinks followed); paths inside it still work', async () => {
    const campaign = await core.handlers['campaigns.create']({ name: 'Paths' });
    const outside = join(dir.path, 'customers.csv');
    writeFileSync(outside, 'name,phone\nAna,+447911123456\n');
    symlinkSync(outside, join(core.dataDir, 'link.csv'));
    for (const path of [
      '/etc/passwd',
      outside,
      join(core.dataDir, '..', 'customers.csv'),
      join(core.dataDir, 'link.csv'),
      'relative.csv',
    ]) {
      const r = await api('audience.preview', {
        campaignId: campaign.id,
        file: { kind: 'path', path },
      });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(r.body).not.toContain('root:');
    }
    const media = await api('campaigns.setMediaFile', {
      campaignId: campaign.id,
      file: { kind: 'path', path: '/etc/hostname' },
    });
    expect(media.status).toBe(403);
    const inside = join(core.dataDir, 'customers.csv');
    writeFileSync(inside, 'name,phone\nAna,+447911123456\n');
    const ok = await api('audience.preview', {
      campaignId: campaign.id,
      file: { kind: 'path', path: inside },
    });
    expect(ok.status).toBe(200);
  });

  it('never serves files outside the renderer folder', async () => {
    const auth = { Authorization: `Bearer ${server.token}` };
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const r = await http(server.port, path, { headers: auth });
      expect(r.body, path).not.toContain('do not serve');
    }
  });

  it('serves precompressed assets to clients that take them, cached by content hash', async () => {
    const renderer = join(dir.path, 'renderer');
    const js = 'export const x = 1;'.repeat(200);
    writeFileSync(join(renderer, 'assets', 'index-AbC123xY.js'), js);
    writeFileSync(join(renderer, 'assets', 'index-AbC123xY.js.br'), brotliCompressSync(js));
    writeFileSync(join(renderer, 'assets', 'index-AbC123xY.js.gz'), gzipSync(js));
    const auth = { Authorization: `Bearer ${server.token}` };
    const get = (encoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/assets/index-AbC123xY.js',
            headers: { ...auth, 'Accept-Encoding': encoding },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done({ headers: res.headers, body: Buffer.concat(chunks) }));
          },
        );
        req.on('error', fail);
        req.end();
      });
    const br = await get('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(js);
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.headers.vary).toBe('Accept-Encoding');
    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(js);
    const none = await get('identity');
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.toString()).toBe(js);
    // br refused with q=0 falls back to gzip.
    expect((await get('br;q=0, gzip')).headers['content-encoding']).toBe('gzip');
    // A file without a hash in its name is cached for a short while only; the page never.
    const plain = await http(server.port, '/assets/app.js', { headers: auth });
    expect(plain.headers['cache-control']).not.toContain('immutable');
    const page = await http(server.port, '/', { headers: auth });
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('answers a malformed address with 400, not a stack trace', async () => {
    const auth = { Authorization: `Bearer ${server.token}` };
    for (const path of ['/%E0%A4%A', '/assets/%', '/%00.js']) {
      const r = await http(server.port, path, { headers: auth });
      expect(r.status, path).toBe(400);
      expect(r.body, path).not.toMatch(/at \w+ \(|URIError/);
    }
    // A contract call with a malformed `%` is an unknown method, not a server error.
    const odd = await http(server.port, '/api/campaigns.%E0%A4%A', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(odd.status).toBe(404);
    expect(JSON.parse(odd.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('serves the contract as POST /api/<method> with Results', async () => {
    const created = await api('campaigns.create', { name: 'Over HTTP' });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { name: 'Over HTTP' } });

    const invalid = await api('campaigns.get', { id: 'seven' });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const missing = await api('campaigns.get', { id: 12345 });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    expect((await api('nope.nothing', {})).status).toBe(404);
    const badJson = await http(server.port, '/api/campaigns.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: '{not json',
    });
    expect(badJson.status).toBe(400);
    const formPost = await http(server.port, '/api/campaigns.list', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Bearer ${server.token}`,
      },
      body: 'a=1',
    });
    expect(formPost.status).toBe(415);
    const huge = await api('campaigns.create', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });

  it('pushes events as server-sent events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/events',
          headers: { Authorization: `Bearer ${server.token}` },
        },
        (res) => {
          res.setEncoding('utf8');
          let buf = '';
          res.on('data', (c: string) => {
            buf += c;
            if (buf.includes('event: push')) {
              resolve(buf);
              req.destroy();
            } else if (buf.includes(': connected')) {
              void api('campaigns.create', { name: 'Pushed' });
            }
          });
        },
      );
      req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    const frame = await received;
    const data = JSON.parse(frame.split('data: ')[1]!.split('\n')[0]!);
    expect(data).toMatchObject({ name: 'db.changed', payload: { tables: ['campaigns'] } });
  });
});

describe('headless shell: uploads and downloads', () => {
  it('stores an upload in the data folder, imports it, and serves the rows to fix as a CSV download', async () => {
    const dir = tempDir();
    const core = createCore({
      dataDir: join(dir.path, 'data'),
      shell: 'headless',
      externalChangePollMs: 0,
    });
    const server = await startHeadlessServer({
      core: inProcessCore({ core }),
      rendererDir: dir.path,
    });
    try {
      const auth = { Authorization: `Bearer ${server.token}` };
      expect((await http(server.port, '/upload', { method: 'POST', body: 'x' })).status).toBe(401);
      const up = await http(server.port, '/upload', {
        method: 'POST',
        headers: auth,
        body: 'name,phone\nAna,+447911123456\nBob,oops\n',
      });
      expect(up.status).toBe(200);
      const file = (JSON.parse(up.body) as { value: { kind: string; id: string } }).value;
      expect(file.kind).toBe('upload');
      const campaign = await core.handlers['campaigns.create']({ name: 'Upload' });
      const imported = await core.handlers['audience.import']({
        campaignId: campaign.id,
        file: { kind: 'upload', id: file.id },
        fileName: 'list.csv',
        options: {},
      });
      expect(imported).toMatchObject({ imported: 1, invalid: 1, fileName: 'list.csv' });

      const dl = await http(server.port, `/download/import-rejects/${imported.importId}`, {
        headers: auth,
      });
      expect(dl.status).toBe(200);
      expect(dl.headers['content-disposition']).toContain('list - rows to fix.csv');
      expect(dl.body).toContain('Bob,oops');
      expect(
        (await http(server.port, '/download/import-rejects/999', { headers: auth })).status,
      ).toBe(404);
      expect((await http(server.port, '/download/secrets/1', { headers: auth })).status).toBe(404);
      expect(
        (await http(server.port, `/download/import-rejects/${imported.importId}`)).status,
      ).toBe(401);
    } finally {
      await server.close();
      await core.close();
      dir.cleanup();
    }
  });
});
