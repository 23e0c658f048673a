import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSignature, sameSecret } from './signature';
import { openRelayStore, type RelayStore } from './store';

/**
 * The webhook relay (docs/operations/relay.md): the one public piece of Campaign
 * Desk. Meta POSTs webhooks to /webhook; the relay keeps each correctly signed body and serves them to
 * the desktop app at GET /events?after=CURSOR&limit=N, in the sandbox feed's shape.
 */

/** Meta's payloads are at most 3 MB (cloud-api.md §4.2). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** Past this we stop reading a refused body and close the connection. */
const MAX_DRAIN_BYTES = 32 * 1024 * 1024;
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;
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
  now?: () => number;
}

export interface RelayCounters {
  accepted: number;
  unsigned: number;
  badSignature: number;
  tooLarge: number;
  malformed: number;
  unauthorizedReads: number;
}

export interface Relay {
  url: string;
  port: number;
  counters: () => RelayCounters;
  close: () => Promise<void>;
}

type Body = { kind: 'ok'; raw: Buffer } | { kind: 'too_large' };

async function readBody(req: IncomingMessage): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_DRAIN_BYTES) return { kind: 'too_large' };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Over the limit: keep draining (so the client reads our 413 instead of a reset), keep nothing.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    else if (size > MAX_DRAIN_BYTES) break;
  }
  return size > MAX_BODY_BYTES ? { kind: 'too_large' } : { kind: 'ok', raw: Buffer.concat(chunks) };
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
  const store: RelayStore = openRelayStore(o.dataFile);
  const counters: RelayCounters = {
    accepted: 0,
    unsigned: 0,
    badSignature: 0,
    tooLarge: 0,
    malformed: 0,
    unauthorizedReads: 0,
  };
  const startedAt = now();

  const verify = (res: ServerResponse, q: URLSearchParams) => {
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
    return problem(
      res,
      403,
      'Verification failed: hub.mode must be "subscribe" and hub.verify_token must match.',
    );
  };

  const receive = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    if (body.kind === 'too_large') {
      counters.tooLarge++;
      return problem(res, 413, `Webhook bodies are at most ${MAX_BODY_BYTES} bytes.`, true);
    }
    const signature = checkSignature(body.raw, req.headers['x-hub-signature-256'], o.appSecret);
    if (signature === 'missing') {
      counters.unsigned++;
      return problem(res, 401, 'Missing X-Hub-Signature-256.');
    }
    if (signature === 'mismatch') {
      counters.badSignature++;
      return problem(res, 403, 'X-Hub-Signature-256 does not match the body.');
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

  const feed = (req: IncomingMessage, res: ServerResponse, q: URLSearchParams) => {
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization?.trim() ?? '');
    if (!sameSecret(m?.[1]?.trim(), o.readToken)) {
      counters.unauthorizedReads++;
      return problem(res, 401, 'Missing or wrong read token (Authorization: Bearer <token>).');
    }
    const after = q.get('after') ?? '';
    if (after !== '' && !/^\d{1,15}$/.test(after))
      return problem(res, 400, `The cursor "${after.slice(0, 40)}" is not valid.`);
    const rawLimit = q.get('limit') ?? '';
    const limit = rawLimit === '' ? DEFAULT_PAGE : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1)
      return problem(res, 400, 'limit must be a positive whole number.');
    return send(
      res,
      200,
      store.pageJson(after === '' ? 0 : Number(after), Math.min(limit, MAX_PAGE)),
    );
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay');
    const route = `${req.method ?? ''} ${url.pathname.replace(/\/+$/, '') || '/'}`;
    const handle = async () => {
      switch (route) {
        case 'GET /webhook':
          return verify(res, url.searchParams);
        case 'POST /webhook':
          return receive(req, res);
        case 'GET /events':
          return feed(req, res, url.searchParams);
        case 'GET /health':
          return json(res, 200, { ok: true, startedAt, lastCursor: store.lastCursor(), counters });
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
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

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
