import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { checkToken } from '../auth';
import { fail } from '../errors';
import { ok, type Reply, type RouteRequest } from '../http';
import type { SandboxState } from '../state';

/**
 * Meta's Resumable Upload API, which turns a sample file into the `header_handle` a template
 * creation needs (verified: developers.facebook.com/docs/graph-api/guides/upload):
 *   POST /{app-id}/uploads?file_name&file_length&file_type → { id: "upload:<session>" }
 *   POST /upload:<session>  (Authorization: OAuth <token>, file_offset: N, body = bytes) → { h }
 *   GET  /upload:<session>  → { id, file_offset } to resume.
 * `GET /app` answering the token's app id is assumed (Graph's `app` node for the current token).
 */

export const SANDBOX_APP_ID = '900000000000001';
const TYPES = ['application/pdf', 'image/jpeg', 'image/jpg', 'image/png', 'video/mp4'];
const MAX_BYTES = 100 * 1024 * 1024;

export function handleApp(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  return ok({ id: SANDBOX_APP_ID, name: 'Campaign Desk Sandbox' });
}

export function handleStartUpload(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  if (rr.objectId !== SANDBOX_APP_ID)
    fail(100, `Unsupported post request. Object with ID '${rr.objectId}' does not exist.`);
  const q = rr.query;
  const length = Number(q.get('file_length'));
  const type = (q.get('file_type') ?? '').toLowerCase();
  if (!Number.isSafeInteger(length) || length < 1 || length > MAX_BYTES)
    fail(100, 'Param file_length must be the file size in bytes (1 byte to 100 MB).');
  if (!TYPES.includes(type)) fail(100, `Param file_type must be one of ${TYPES.join(', ')}.`);
  const id = `upload:${randomBytes(12).toString('base64url')}`;
  state.studio.uploads.set(id, {
    id,
    fileName: q.get('file_name') ?? 'file',
    length,
    type,
    received: [],
    offset: 0,
    handle: null,
  });
  return ok({ id });
}

function oauthToken(req: IncomingMessage): string | undefined {
  const m = /^OAuth\s+(.+)$/i.exec((req.headers.authorization ?? '').trim());
  return m?.[1]?.trim();
}

function session(state: SandboxState, rr: RouteRequest) {
  // The upload step takes `Authorization: OAuth <token>`, as Meta's guide writes it.
  if (oauthToken(rr.req) !== state.token)
    fail(190, 'Error validating access token: send Authorization: OAuth <token>.');
  return (
    state.studio.uploads.get(rr.objectId) ??
    fail(100, `The upload session ${rr.objectId} does not exist or has expired.`)
  );
}

export function handleUploadStatus(state: SandboxState, rr: RouteRequest): Reply {
  const s = session(state, rr);
  return ok({ id: s.id, file_offset: s.offset });
}

export async function handleUploadBytes(state: SandboxState, rr: RouteRequest): Promise<Reply> {
  const s = session(state, rr);
  const offset = Number(rr.req.headers.file_offset ?? 0);
  if (offset !== s.offset)
    fail(100, `The file_offset ${offset} does not match the ${s.offset} bytes received so far.`);
  for await (const chunk of rr.req as AsyncIterable<Buffer>) {
    s.offset += chunk.length;
    if (s.offset > s.length) fail(100, 'More bytes were sent than file_length announced.');
    s.received.push(chunk);
  }
  if (s.offset < s.length) return ok({ id: s.id, file_offset: s.offset });
  s.handle ??= `4::${Buffer.from(s.type).toString('base64')}:${randomBytes(24).toString('base64url')}`;
  s.received = [];
  state.studio.handles.add(s.handle);
  return ok({ h: s.handle });
}
