import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readSignedBody } from './body';
import { BodyBudget, DEFAULT_LIMITS, RateLimiter, sourceOf, type RelayLimits } from './limits';
import { sameSecret } from './signature';
import { openRelayStore, type RelayStore } from './store';

/**
 * The webhook relay (docs/operations/relay.md): the one public piece of Campaign
 * Desk. Meta POSTs webhooks to /webhook; the relay keeps each correctly signed body and serves them to
 * the desktop app at GET /events?after=CURSOR&limit=N, in the sandbox feed's shape.
 */

/** Meta's payloads are at most 3 MB (cloud-api.md §4.2). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;
/**
 * A page of events stops growing past this many bytes of bodies (one event always fits): 1,000 bodies
 * of 3 MB would be a 3 GB answer no client reads in one go and no JS string holds.
 */
export const MAX_PAGE_BYTES = 8 * 1024 * 1024;
const PRUNE_EVERY_MS = 3_600_000;

export interface RelayOptions {
  port: number;
  host: string;
  verifyToken: string;
  appSecret: string;
  readToken: string;
  /** SQLite file; ':memory:' for tests. */
  dataFile: string;
  /** Events older than this are deleted (Meta retries for 7 days; the app polls every few seconds). */
  retainDays?: number;
  /** Bounds on what anonymous clients can hold (tests shrink them). */
  limits?: Partial<RelayLimits>;
  now?: () => number;
}

export interface RelayCounters {
  accepted: number;
  unsigned: number;
  badSignature: number;
  tooLarge: number;
  malformed: number;
  unauthorizedReads: number;
  /** Refused because too many bodies or bytes were being read at once. */
  busy: number;
  rateLimited: number;
  /** The client went away or timed out before sending its whole body. */
  aborted: number;
}

export interface Relay {
  url: string;
  port: number;
  counters: () => RelayCounters;
  close: () => Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'application/json; charset=utf-8',
  close = false,
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, JSON.stringify(value));
const problem = (res: ServerResponse, status: number, message: string, close = false) =>
  send(res, status, JSON.stringify({ error: { message } }), undefined, close);

export async function startRelay(o: RelayOptions): Promise<Relay> {
  const now = o.now ?? Date.now;
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...o.limits };
  const store: RelayStore = openRelayStore(o.dataFile);
  const budget = new BodyBudget(limits);
  const rate = new RateLimiter(limits, now);
  const counters: RelayCounters = {
    accepted: 0,
    unsigned: 0,
    badSignature: 0,
    tooLarge: 0,
    malformed: 0,
    unauthorizedReads: 0,
    busy: 0,
    rateLimited: 0,
    aborted: 0,
  };
  const startedAt = now();
  const readerOk = (req: IncomingMessage) => {
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization?.trim() ?? '');
    return sameSecret(m?.[1]?.trim(), o.readToken);
  };

  const verify = (res: ServerResponse, q: URLSearchParams, source: string) => {
    // Meta's handshake (§4.3): echo hub.challenge as plain text when the verify token matches.
    const challenge = q.get('hub.challenge') ?? '';
    if (
      q.get('hub.mode') === 'subscribe' &&
      sameSecret(q.get('hub.verify_token'), o.verifyToken) &&
      challenge.length > 0 &&
      challenge.length <= 512
    ) {
      return send(res, 200, challenge, 'text/plain; charset=utf-8');
    }
    rate.penalize(source);
    return problem(
      res,
      403,
      'Verification failed: hub.mode must be "subscribe" and hub.verify_token must match.',
    );
  };

  const receive = async (req: IncomingMessage, res: ServerResponse, source: string) => {
    const body = await readSignedBody(req, o.appSecret, MAX_BODY_BYTES, budget);
    switch (body.kind) {
      case 'too_large':
        counters.tooLarge++;
        return problem(res, 413, `Webhook bodies are at most ${MAX_BODY_BYTES} bytes.`, true);
      case 'missing':
        counters.unsigned++;
        rate.penalize(source);
        return problem(res, 401, 'Missing X-Hub-Signature-256.', true);
      case 'mismatch':
        counters.badSignature++;
        rate.penalize(source);
        return problem(res, 403, 'X-Hub-Signature-256 does not match the body.', true);
      case 'busy':
        // Meta retries a webhook that did not get a 200 (for up to 7 days), so refusing loses nothing.
        counters.busy++;
        res.setHeader('Retry-After', '5');
        return problem(res, 503, 'The relay is busy; try again shortly.', true);
      case 'aborted':
        counters.aborted++;
        return res.destroy();
      case 'ok':
        break;
    }
    const text = body.raw.toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      counters.malformed++;
      return problem(res, 400, 'The body is not a JSON object.');
    }
    const cursor = store.append(text, now());
    counters.accepted++;
    return json(res, 200, { ok: true, cursor });
  };

  const feed = (req: IncomingMessage, res: ServerResponse, q: URLSearchParams, source: string) => {
    if (!readerOk(req)) {
      counters.unauthorizedReads++;
      rate.penalize(source);
      return problem(res, 401, 'Missing or wrong read token (Authorization: Bearer <token>).');
    }
    const after = q.get('after') ?? '';
    if (after !== '' && !/^\d{1,15}$/.test(after))
      return problem(res, 400, `The cursor "${after.slice(0, 40)}" is not valid.`);
    const rawLimit = q.get('limit') ?? '';
    const limit = rawLimit === '' ? DEFAULT_PAGE : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1)
      return problem(res, 400, 'limit must be a positive whole number.');
    const from = after === '' ? 0 : Number(after);
    return send(res, 200, store.pageJson(from, Math.min(limit, MAX_PAGE), MAX_PAGE_BYTES));
  };

  // Anyone may learn that the relay is up; its counters and cursor are for the app (read token).
  const health = (req: IncomingMessage, res: ServerResponse) =>
    readerOk(req)
      ? json(res, 200, {
          ok: true,
          startedAt,
          lastCursor: store.lastCursor(),
          counters,
          inFlight: budget.snapshot(),
        })
      : send(res, 200, 'ok', 'text/plain; charset=utf-8');

  // Slow or stalled clients lose their socket in seconds: Meta sends a whole webhook at once. Node
  // checks the header and request timeouts every connectionsCheckingInterval (default 30 s).
  const timeouts = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, limits.headersTimeoutMs / 4)),
    keepAliveTimeout: Math.min(5_000, limits.idleTimeoutMs),
  };
  const server: Server = createServer(timeouts, (req, res) => {
    const source = sourceOf(req, limits.trustProxy);
    if (!rate.allow(source)) {
      counters.rateLimited++;
      res.setHeader('Retry-After', String(Math.max(1, rate.retryAfter(source))));
      return problem(res, 429, 'Too many requests from your address; slow down.', true);
    }
    const url = new URL(req.url ?? '/', 'http://relay');
    const route = `${req.method ?? ''} ${url.pathname.replace(/\/+$/, '') || '/'}`;
    const handle = async () => {
      switch (route) {
        case 'GET /webhook':
          return verify(res, url.searchParams, source);
        case 'POST /webhook':
          return receive(req, res, source);
        case 'GET /events':
          return feed(req, res, url.searchParams, source);
        case 'GET /health':
          return health(req, res);
        default:
          return problem(
            res,
            ['/webhook', '/events', '/health'].includes(url.pathname) ? 405 : 404,
            'Not here.',
          );
      }
    };
    handle().catch((e: unknown) => {
      // A failed disk write must not be acknowledged: Meta retries what did not get a 200.
      console.error('relay: request failed', e);
      if (!res.headersSent) problem(res, 500, 'The relay could not store the event.');
      else res.destroy();
    });
  });
  server.timeout = limits.idleTimeoutMs;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const retainMs = (o.retainDays ?? 30) * 86_400_000;
  const pruner = setInterval(() => store.prune(now() - retainMs), PRUNE_EVERY_MS);
  pruner.unref();
  const port = (server.address() as AddressInfo).port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;

  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    counters: () => ({ ...counters }),
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(pruner);
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
