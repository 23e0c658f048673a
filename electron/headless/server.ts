import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DownloadKind, ErrorCode, Result } from '../../shared/api';
import type { ShellCore } from './core/shell-core';
import { serveRenderer } from './static';
import { MAX_UPLOAD_BYTES, saveUpload } from '../core/contacts/uploads';
import { isCoreError } from '../../shared/api';
import { crossSiteReason, outsidePath } from './guards';
import { isDownloadKind } from '../core/downloads';
import { log } from '../core/log';
import { parseRefusing, type Refusing } from './test-switches';

/** Loopback only: the headless shell is a local UI, never a network service. */
export const HEADLESS_HOST = '127.0.0.1';
/** Named for the port: two shells on one machine keep their own sessions (cookies ignore ports). */
const cookieName = (port: number) => `cd_token_${port}`;
const MAX_JSON_BODY = 1024 * 1024;

const STATUS_FOR: Record<ErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  UNKNOWN_METHOD: 404,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export interface HeadlessOptions {
  /** The core beside the shell: a worker thread in `serve` (core/threaded.ts), or in-process. */
  core: ShellCore;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a random one is made otherwise. */
  token?: string;
  /** Enables POST /test/refuse (test-switches.ts); only `serve` with the test env var sets it. */
  testSwitches?: boolean;
  /** POST /test/clock moves the core's test clock (core/host/test-clock.ts; the core must have one). */
  testClock?: boolean;
}

export interface HeadlessServer {
  url: string;
  /** The URL to open: its one-time token is traded for a session cookie, then the link is dead. */
  openUrl: string;
  /** The session token (cookie, or `Authorization: Bearer` for scripts). */
  token: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function cookieToken(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

const fail = (code: ErrorCode, message: string) => ({
  ok: false as const,
  error: { code, message },
});
const tooBigMessage = `The file is larger than ${MAX_UPLOAD_BYTES / 2 ** 20} MB, the most Campaign Desk takes. Split it into smaller files.`;

async function readJson(
  req: IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY)
      return { ok: false, status: 413, message: 'Request body is too large.' };
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, message: 'The request body is not valid JSON.' };
  }
}

/** Where generated files wait while they are streamed to the browser; emptied at every start. */
const pendingDownloads = (dataDir: string) => join(dataDir, 'tmp', 'downloads');

/**
 * Streams a generated file (e.g. the rows to fix) as an attachment. The core writes it whole to
 * the data folder first (it cannot hand a stream across its thread), then the shell sends it.
 */
async function streamDownload(
  core: ShellCore,
  kind: DownloadKind,
  id: number,
  res: ServerResponse,
): Promise<void> {
  const path = join(pendingDownloads(core.dataDir), randomUUID());
  try {
    const saved = await core.op('download.save', { kind, id, path });
    if (!saved.ok) return send(res, STATUS_FOR[saved.error.code], saved.error.message);
    const { fileName } = saved.value as { fileName: string };
    const ascii = fileName.replace(/[^\w .()-]/g, '_');
    res.writeHead(200, {
      'Content-Type': fileName.endsWith('.csv')
        ? 'text/csv; charset=utf-8'
        : 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'Cache-Control': 'no-store',
    });
    await pipeline(createReadStream(path), res);
  } finally {
    rmSync(path, { force: true });
  }
}

/**
 * The contract over HTTP: POST /api/<method> with a JSON body, pushes as server-sent events at
 * GET /api/events, and the built renderer for everything else. Every request needs the token
 * made at start (header, cookie, or once in the opening URL); anything else gets 401.
 */
export async function startHeadlessServer(options: HeadlessOptions): Promise<HeadlessServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  // The link's token is another secret, good once: a link left in a history or a log opens nothing.
  const linkToken = randomBytes(24).toString('base64url');
  let linkUsed = false;
  const rendererRoot = resolve(options.rendererDir);
  const sseClients = new Set<ServerResponse>();
  let port = 0;
  let refusing: Refusing | null = null;

  rmSync(pendingDownloads(options.core.dataDir), { recursive: true, force: true });
  mkdirSync(pendingDownloads(options.core.dataDir), { recursive: true });
  const offEvents = options.core.onAny((name, payload) => {
    const frame = `event: push\ndata: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of sseClients) res.write(frame);
  });

  const allowedHost = (host: string | undefined) =>
    host === `${HEADLESS_HOST}:${port}` || host === `localhost:${port}`;
  const origins = () => [`http://${HEADLESS_HOST}:${port}`, `http://localhost:${port}`];

  const server = createServer((req, res) => {
    void (async () => {
      // DNS rebinding: a page on another origin that resolves to 127.0.0.1 sends its own Host.
      if (!allowedHost(req.headers.host)) return send(res, 421, 'Misdirected request');
      const url = new URL(req.url ?? '/', `http://${HEADLESS_HOST}:${port}`);
      const queryToken = url.searchParams.get('token');

      if (req.method === 'GET' && queryToken !== null) {
        if (!safeEqual(queryToken, linkToken))
          return send(res, 401, 'Unauthorized: the token in the link is wrong.');
        if (linkUsed)
          return send(
            res,
            401,
            'This link was already used. Go on in the browser where you opened it, or restart `campaign-desk serve` for a new link.',
          );
        linkUsed = true;
        // Trade the link for a session cookie so the secret leaves the address bar and history.
        url.searchParams.delete('token');
        res.writeHead(303, {
          'Set-Cookie': `${cookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
          Location: url.pathname + (url.search || ''),
          'Cache-Control': 'no-store',
        });
        return res.end();
      }

      const presented = bearerToken(req) ?? cookieToken(req, cookieName(port));
      if (presented === undefined || !safeEqual(presented, token)) {
        return send(res, 401, 'Unauthorized: open the link printed by `campaign-desk serve`.');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const refused = crossSiteReason(req, origins());
        if (refused) return sendJson(res, 403, fail('UNAUTHORIZED', refused));
      }

      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }

      if (url.pathname === '/upload' && req.method === 'POST') {
        // A browser cannot hand over a file path, so the file itself is streamed to the data folder.
        const declared = Number(req.headers['content-length']);
        if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES) {
          res.setHeader('Connection', 'close');
          return sendJson(res, 413, fail('VALIDATION', tooBigMessage));
        }
        let saved;
        try {
          saved = await saveUpload(options.core.dataDir, req);
        } catch (e) {
          if (!isCoreError(e)) throw e;
          res.setHeader('Connection', 'close');
          return sendJson(res, 413, fail(e.code, e.message));
        }
        return sendJson(res, 200, {
          ok: true,
          value: { kind: 'upload', id: saved.id, size: saved.size },
        });
      }

      const download = /^\/download\/([a-z-]+)\/(\d+)$/.exec(url.pathname);
      if (download && req.method === 'GET') {
        const kind = download[1]!;
        if (!isDownloadKind(kind)) return send(res, 404, 'Not found');
        return streamDownload(options.core, kind, Number(download[2]), res);
      }

      if (options.testSwitches && url.pathname === '/test/refuse' && req.method === 'POST') {
        const body = await readJson(req);
        const parsed = body.ok ? parseRefusing(body.value) : body.message;
        if (typeof parsed === 'string') return sendJson(res, 400, fail('VALIDATION', parsed));
        refusing = parsed;
        return sendJson(res, 200, { ok: true, value: { refusing: parsed !== null } });
      }

      if (options.testClock && url.pathname === '/test/clock' && req.method === 'POST') {
        const body = await readJson(req);
        if (!body.ok) return sendJson(res, 400, fail('VALIDATION', body.message));
        const moved = await options.core.op('clock.move', body.value);
        return sendJson(res, moved.ok ? 200 : STATUS_FOR[moved.error.code], moved);
      }

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'Use POST.');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
          return send(res, 415, 'Send application/json.');
        }
        const body = await readJson(req);
        if (!body.ok) {
          return sendJson(res, body.status, {
            ok: false,
            error: { code: 'VALIDATION', message: body.message },
          });
        }
        // Contract names are plain ASCII: nothing to decode, so a malformed `%` cannot throw.
        const method = url.pathname.slice('/api/'.length);
        const outside = outsidePath(body.value, options.core.dataDir);
        if (outside !== null)
          return sendJson(
            res,
            403,
            fail(
              'VALIDATION',
              `The browser shell opens only files you upload (or files in its data folder), not ${outside.slice(0, 200)}. Drop or choose the file in the page instead.`,
            ),
          );
        const result: Result<unknown> = refusing?.methods.has(method)
          ? fail(refusing.code, refusing.message)
          : await options.core.call(method, body.value);
        return sendJson(res, result.ok ? 200 : STATUS_FOR[result.error.code], result);
      }

      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, 'Method not allowed');
      serveRenderer(req, res, rendererRoot, url.pathname);
    })().catch((e: unknown) => {
      log.error('headless: request failed', e);
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.end();
    });
  });

  const heartbeat = setInterval(() => {
    for (const res of sseClients) res.write(': ping\n\n');
  }, 15_000);
  heartbeat.unref();

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HEADLESS_HOST, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://${HEADLESS_HOST}:${port}`;

  return {
    url: base,
    openUrl: `${base}/?token=${encodeURIComponent(linkToken)}`,
    token,
    port,
    server,
    close: async () => {
      clearInterval(heartbeat);
      offEvents();
      for (const res of sseClients) res.end();
      sseClients.clear();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
