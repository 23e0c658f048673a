import type { LookupFunction } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiFailure } from '../../../electron/core/cloud-api';
import { networkKindOf } from '../../../electron/core/cloud-api/transport';
import { SEND_BODY, harness, sendJson, unusedPort } from './fake-server';

const h = harness();
afterEach(() => h.cleanup());

const failed = <T extends { ok: boolean }>(outcome: T): ApiFailure => {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome as unknown as ApiFailure;
};

const failingLookup =
  (code: string): LookupFunction =>
  (hostname, _options, callback) => {
    const error = Object.assign(new Error(`${code} ${hostname}`), { code });
    process.nextTick(() => callback(error, '', 4));
  };

const SUCCESS = { messages: [{ id: 'wamid.OK' }] };

describe('network failures before anything was sent', () => {
  it('connection refused: nothing was sent, so it is retryable and not ambiguous', async () => {
    const port = await unusedPort();
    const f = failed(await h.client(`http://127.0.0.1:${port}`).sendTemplate(SEND_BODY));
    expect(f).toMatchObject({ network: 'refused', code: null, httpStatus: null });
    expect(f.failure).toMatchObject({ ambiguous: false, retryable: true, handling: 'retry_later' });
  });

  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ENETUNREACH', 'offline'],
  ])('a %s from name resolution is network %s, not ambiguous', async (code, kind) => {
    const client = h.client('https://graph.campaign-desk.invalid', { lookup: failingLookup(code) });
    const f = failed(await client.sendTemplate(SEND_BODY));
    expect(f.network).toBe(kind);
    expect(f.failure).toMatchObject({ ambiguous: false, retryable: true });
  });

  it('a timeout before the connection is up is not ambiguous: the request never left', async () => {
    const hanging: LookupFunction = () => undefined;
    const started = Date.now();
    const f = failed(
      await h
        .client('https://graph.campaign-desk.invalid', { lookup: hanging })
        .sendTemplate(SEND_BODY),
    );
    expect(Date.now() - started).toBeLessThan(1500);
    expect(f.network).toBe('timeout');
    expect(f.failure).toMatchObject({ ambiguous: false, retryable: true });
  });

  it('maps socket error codes', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(networkKindOf(err('ECONNREFUSED'), false)).toBe('refused');
    expect(networkKindOf(err('EHOSTUNREACH'), false)).toBe('offline');
    expect(networkKindOf(err('ETIMEDOUT'), false)).toBe('timeout');
    expect(networkKindOf(err('ECONNRESET'), true)).toBe('reset');
    expect(networkKindOf(err('EPIPE'), true)).toBe('reset');
    // A TLS failure happens before any request byte is sent.
    expect(networkKindOf(err('ERR_TLS_CERT_ALTNAME_INVALID'), false)).toBe('refused');
  });
});

describe('network failures after the request was sent', () => {
  it('a reset after the server read the whole request is ambiguous and never retryable', async () => {
    const server = await h.server((req) => req.socket.resetAndDestroy());
    const f = failed(await h.client(server.baseUrl).sendTemplate(SEND_BODY));
    expect(server.requests).toHaveLength(1);
    expect(f).toMatchObject({ network: 'reset', httpStatus: null });
    expect(f.failure).toMatchObject({ ambiguous: true, retryable: false });
  });

  it('a connection cut in the middle of the answer is ambiguous', async () => {
    const server = await h.server((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
      res.write('{"messages":[{"id":"wam');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const f = failed(await h.client(server.baseUrl).sendTemplate(SEND_BODY));
    expect(f.network).toBe('reset');
    expect(f.failure.ambiguous).toBe(true);
  });

  it('no answer within timeoutMs: ambiguous timeout, and the socket is really closed', async () => {
    const server = await h.server(() => undefined);
    const client = h.client(server.baseUrl, { timeoutMs: 200 });
    const started = Date.now();
    const f = failed(await client.sendTemplate(SEND_BODY));
    const elapsed = Date.now() - started;

    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1500);
    expect(f).toMatchObject({ network: 'timeout', httpStatus: null });
    expect(f.failure).toMatchObject({ ambiguous: true, retryable: false });
    // The server sees the connection go away: the request was aborted, not left hanging.
    await server.socketClosed(0);
  });

  it('a slow-drip answer still times out (the deadline covers the whole exchange)', async () => {
    const server = await h.server((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const drip = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(drip));
    });
    const f = failed(await h.client(server.baseUrl).sendTemplate(SEND_BODY));
    expect(f.network).toBe('timeout');
    expect(f.failure.ambiguous).toBe(true);
  });

  it('after a timeout the next call works on a fresh connection', async () => {
    let calls = 0;
    const server = await h.server((_req, res) => {
      calls += 1;
      if (calls > 1) sendJson(res, 200, SUCCESS);
    });
    const client = h.client(server.baseUrl);
    expect((await client.sendTemplate(SEND_BODY)).ok).toBe(false);
    expect(await client.sendTemplate(SEND_BODY)).toMatchObject({ ok: true, wamid: 'wamid.OK' });
    expect(server.sockets).toHaveLength(2);
  });

  it('a timeout on a read-only call is retryable: repeating a GET cannot message anybody twice', async () => {
    const server = await h.server(() => undefined);
    const f = failed(await h.client(server.baseUrl).listTemplates());
    expect(f.network).toBe('timeout');
    expect(f.failure).toMatchObject({ ambiguous: false, retryable: true });
  });
});

describe('connections', () => {
  it('keeps one connection alive across 50 sequential sends', async () => {
    const server = await h.server((_req, res) => sendJson(res, 200, SUCCESS));
    const client = h.client(server.baseUrl);
    for (let i = 0; i < 50; i++) {
      const outcome = await client.sendTemplate(SEND_BODY);
      expect(outcome.ok).toBe(true);
    }
    expect(server.requests).toHaveLength(50);
    expect(server.sockets.length).toBeGreaterThanOrEqual(1);
    expect(server.sockets.length).toBeLessThanOrEqual(2);
  });

  it('close() drops the kept-alive connection and refuses further calls', async () => {
    const server = await h.server((_req, res) => sendJson(res, 200, SUCCESS));
    const client = h.client(server.baseUrl);
    expect((await client.sendTemplate(SEND_BODY)).ok).toBe(true);
    client.close();
    await server.socketClosed(0);
    await expect(client.sendTemplate(SEND_BODY)).rejects.toThrow(/closed/);
  });

  it('logs every request without the token', async () => {
    const server = await h.server((_req, res) => sendJson(res, 200, SUCCESS));
    const log: unknown[] = [];
    await h.client(server.baseUrl, { onRequest: (e) => log.push(e) }).sendTemplate(SEND_BODY);
    expect(log).toEqual([
      {
        method: 'POST',
        url: `${server.baseUrl}/v23.0/106540352242922/messages`,
        httpStatus: 200,
        durationMs: expect.any(Number),
      },
    ]);
  });
});
