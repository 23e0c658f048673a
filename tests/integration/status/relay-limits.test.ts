import { statSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { feedSource } from '../../../electron/core/status/sources/feed';
import { MAX_BODY_BYTES, startRelay, type RelayLimits } from '../../../electron/headless/relay';
import { fakeClock, tempDir } from '../../helpers/tmp';
import { statusWebhook, status } from '../../unit/status/meta-payloads';
import { page, post, READ, SECRET, VERIFY } from './relay-helpers';

const MB = 1024 * 1024;

/** Opens a socket that sends a signed POST's headers and `sent` bytes of a bigger body, then stalls. */
function stalled(url: string, sent: number): Promise<Socket> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const s = connect(Number(port), '127.0.0.1', () => {
      s.write(
        `POST /webhook HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${MAX_BODY_BYTES}\r\nX-Hub-Signature-256: sha256=${'0'.repeat(64)}\r\n\r\n`,
      );
      s.write(Buffer.alloc(sent, 0x20), () => resolve(s));
    });
    // Reads (and drops) what the relay answers, so its closing is seen.
    s.resume();
    s.on('error', () => undefined);
    s.once('error', reject);
  });
}

const closed = (s: Socket) =>
  s.destroyed ? Promise.resolve() : new Promise<void>((r) => s.once('close', () => r()));

/** Meta's way: a webhook that did not get a 200 is sent again. */
async function postUntilKept(relay: { url: string }, raw: string): Promise<number> {
  for (let attempt = 1; attempt <= 200; attempt++) {
    const r = await post(relay as never, raw);
    if (r.status === 200) return attempt;
    expect([503, 429]).toContain(r.status);
    await new Promise((res) => setImmediate(res));
  }
  throw new Error('never kept');
}

describe('the relay on the open internet', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });
  const start = async (limits: Partial<RelayLimits> = {}, now?: () => number) => {
    const dir = tempDir('cd-relay-limits-');
    closers.push(() => dir.cleanup());
    const dataFile = join(dir.path, 'relay', 'relay.sqlite');
    const relay = await startRelay({
      port: 0,
      host: '127.0.0.1',
      verifyToken: VERIFY,
      appSecret: SECRET,
      readToken: READ,
      dataFile,
      limits,
      ...(now ? { now } : {}),
    });
    closers.push(() => relay.close());
    return { relay, dataFile, dir: dir.path };
  };
  const inFlight = async (url: string) =>
    (
      (await (
        await fetch(`${url}/health`, { headers: { Authorization: `Bearer ${READ}` } })
      ).json()) as { inFlight: { pending: number; bytes: number } }
    ).inFlight;

  it('holds at most its byte budget for stalled unsigned-until-the-end bodies, drops them on timeout, and keeps every valid webhook', async () => {
    const { relay } = await start({
      maxPendingBodies: 16,
      maxBytesInFlight: 4 * MB,
      headersTimeoutMs: 1_000,
      requestTimeoutMs: 2_000,
      idleTimeoutMs: 2_000,
    });
    // 30 clients each send 512 KB of a 3 MB body and stall: 15 MB if the relay held it all.
    const sockets: Socket[] = [];
    for (let i = 0; i < 30; i++) sockets.push(await stalled(relay.url, 512 * 1024));
    const held = await inFlight(relay.url);
    expect(held.bytes).toBeLessThanOrEqual(4 * MB);
    expect(held.pending).toBeLessThanOrEqual(16);
    expect(relay.counters().busy).toBeGreaterThan(0);

    // A burst of valid webhooks while the stalled clients are still there: each is kept, some after
    // a 503 (as Meta retries).
    const raws = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify(statusWebhook([status(`wamid.load${i}`, 'delivered', 1750030073 + i)])),
    );
    await Promise.all(raws.map((raw) => postUntilKept(relay, raw)));

    // The request timeout closes every stalled socket; the budget is all given back.
    await Promise.all(sockets.map(closed));
    // Polled, not read once: right after the stalled refusals, 127.0.0.1's rate budget may still
    // be refilling, and /health then answers 429 without the figures.
    await expect
      .poll(() => inFlight(relay.url), { timeout: 10_000 })
      .toEqual({
        pending: 0,
        bytes: 0,
      });
    const events = [];
    let after = '';
    for (;;) {
      const p = await page(relay, after, 1000);
      events.push(...p.json.events);
      if (!p.json.next) break;
      after = p.json.next;
    }
    expect(events.map((e) => JSON.stringify(e.body)).sort()).toEqual(
      raws.map((r) => JSON.stringify(JSON.parse(r))).sort(),
    );
  }, 60_000);

  it('refuses an unsigned body before reading it, and closes the connection', async () => {
    const { relay } = await start();
    const r = await post(relay, '{"object":"whatsapp_business_account"}', null);
    expect(r.status).toBe(401);
    expect(relay.counters()).toMatchObject({ unsigned: 1, accepted: 0 });
  });

  it('limits each source: a burst then 429 with Retry-After; refused signatures cost more', async () => {
    const clock = fakeClock();
    const { relay } = await start({ burst: 5, perSecond: 1, failureCost: 3 }, clock.now);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${relay.url}/health`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await fetch(`${relay.url}/health`);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    clock.advance(2_000);
    expect((await fetch(`${relay.url}/health`)).status).toBe(200);
    // A wrong read token: 1 request + 3 for the failure leaves the bucket empty.
    clock.advance(10_000);
    expect((await page(relay, '', undefined, 'wrong-token')).status).toBe(401);
    expect((await fetch(`${relay.url}/health`)).status).toBe(200);
    expect((await fetch(`${relay.url}/health`)).status).toBe(429);
    expect(relay.counters().rateLimited).toBeGreaterThanOrEqual(2);
  });

  it('bounds an /events page in bytes as well as in count', async () => {
    const { relay } = await start();
    // Five bodies of ~2.9 MB: 1,000 of them would not fit in one answer.
    const big = (i: number) =>
      JSON.stringify({ object: 'whatsapp_business_account', i, pad: 'x'.repeat(2.9 * MB) });
    for (let i = 0; i < 5; i++) expect((await post(relay, big(i))).status).toBe(200);
    const first = await page(relay, '', 1000);
    expect(first.status).toBe(200);
    expect(first.json.events.length).toBeGreaterThan(0);
    expect(first.json.events.length).toBeLessThan(5);
    expect(first.json.next).not.toBeNull();
    let seen = first.json.events.length;
    let after = first.json.next!;
    while (after) {
      const p = await page(relay, after, 1000);
      seen += p.json.events.length;
      after = p.json.next ?? '';
    }
    expect(seen).toBe(5);
  }, 30_000);

  it.skipIf(process.platform === 'win32')(
    'keeps its store (database, WAL, SHM) readable by its owner only',
    async () => {
      const { relay, dataFile } = await start();
      expect(
        (
          await post(
            relay,
            JSON.stringify(statusWebhook([status('wamid.mode', 'sent', 1750030073)])),
          )
        ).status,
      ).toBe(200);
      expect(statSync(join(dataFile, '..')).mode & 0o777).toBe(0o700);
      for (const f of [dataFile, `${dataFile}-wal`, `${dataFile}-shm`])
        expect(statSync(f).mode & 0o777).toBe(0o600);
    },
  );
});

describe("the app's feed poller", () => {
  it('asks for half the page after a 5xx, and reads the page the server can build', async () => {
    const limits: number[] = [];
    const server = createServer((req, res) => {
      const limit = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('limit'));
      limits.push(limit);
      if (limit > 250) {
        res.writeHead(500).end('{"error":{"message":"too big"}}');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ events: [], next: null }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      const source = feedSource({
        id: 'relay',
        baseUrl: `http://127.0.0.1:${port}`,
        token: () => READ,
        scope: null,
      });
      const budget = { calls: 10, signal: new AbortController().signal };
      await expect(source.poll(null, budget)).rejects.toThrow(/HTTP 500/);
      await expect(source.poll(null, budget)).rejects.toThrow(/HTTP 500/);
      await expect(source.poll(null, budget)).resolves.toMatchObject({ more: false });
      expect(limits).toEqual([1000, 500, 250]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
