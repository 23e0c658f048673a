import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorEnvelope, fail, type GraphFailure } from './errors';

/** What a handler answers; the router decides how (and whether) it reaches the socket. */
export interface Reply {
  status: number;
  body: unknown;
  /** Set on error envelopes so the router can count rejections by code. */
  errorCode?: number;
  /** Set when a send was accepted, so an accept-then-reset fault knows there is something to lose. */
  accepted?: boolean;
}

export interface RouteRequest {
  req: IncomingMessage;
  version: string;
  /** The phone number id or WABA id of the path. */
  objectId: string;
  query: URLSearchParams;
  /** http://127.0.0.1:PORT, for the absolute `next` links Graph paging returns. */
  baseUrl: string;
  pathname: string;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });

export const failureReply = (f: GraphFailure): Reply => ({
  status: f.status,
  body: errorEnvelope(f.code, f.details),
  errorCode: f.code,
});

export function writeReply(res: ServerResponse, reply: Reply, version?: string): void {
  const body = JSON.stringify(reply.body);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=UTF-8',
    'Cache-Control': 'no-store',
  };
  const trace = (reply.body as { error?: { fbtrace_id?: unknown } } | null)?.error?.fbtrace_id;
  if (typeof trace === 'string') headers['x-fb-trace-id'] = trace;
  if (version !== undefined) headers['facebook-api-version'] = version;
  res.writeHead(reply.status, headers);
  res.end(body);
}

export const bearerToken = (req: IncomingMessage): string | undefined => {
  const h = req.headers.authorization;
  const m = h === undefined ? null : /^Bearer\s+(.+)$/i.exec(h.trim());
  return m?.[1]?.trim();
};

const MAX_JSON_BYTES = 1024 * 1024;

/** Reads a JSON body; Graph answers malformed JSON with code 100. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) fail(100, 'The request body is larger than 1 MB.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') fail(100, 'The request body is empty; send the message as JSON.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fail(100, 'The request body is not valid JSON.');
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Positive integer query parameter with a default and a cap, as Graph's `limit`. */
export function limitParam(query: URLSearchParams, fallback: number, max: number): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    fail(100, `Param limit must be a positive integer, got "${raw}".`);
  return Math.min(n, max);
}

/** Graph paging cursors are opaque base64; ours wrap a position. */
export const encodeCursor = (position: number): string =>
  Buffer.from(`pos:${position}`).toString('base64url');

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^pos:(\d+)$/.exec(text);
  if (!m?.[1]) return fail(100, `The cursor "${cursor}" is not valid.`);
  return Number(m[1]);
}
