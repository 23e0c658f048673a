import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Caller } from './caller';
import {
  failureFromCall,
  failureFromResponse,
  fileFailure,
  isSuccessStatus,
  malformedFailure,
  type FailureContext,
} from './failures';
import { isRecord, parseJson, stringOr } from './json';
import type { ApiFailure } from './types';

/**
 * Meta's Resumable Upload API: a template's sample media becomes a `header_handle`
 * (verified: developers.facebook.com/docs/graph-api/guides/upload). The app id comes from
 * `GET /app` for the token (assumed: Graph's node for the token's app).
 * 1. POST /{app-id}/uploads?file_name&file_length&file_type → { id: "upload:…" }
 * 2. POST /upload:… with `Authorization: OAuth`, `file_offset: 0` and the bytes → { h }
 */

export type UploadHandleOutcome = { ok: true; handle: string } | ApiFailure;

/** The types the upload API takes for template samples. */
export const SAMPLE_TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.mp4': 'video/mp4',
  '.pdf': 'application/pdf',
};

async function appId(caller: Caller, ctx: FailureContext): Promise<string | ApiFailure> {
  const result = await caller.call({ method: 'GET', url: caller.url(['app'], { fields: 'id' }) });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  const id = isRecord(json) ? stringOr(json.id, null) : null;
  return id ?? malformedFailure(result, ctx, 'the app answer has no id');
}

export const uploadSample = async (
  caller: Caller,
  input: { path: string; mimeType: string },
): Promise<UploadHandleOutcome> => {
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  let size: number;
  try {
    const info = await stat(input.path);
    if (!info.isFile()) return fileFailure(`${input.path} is not a file`, ctx);
    size = info.size;
  } catch (error) {
    return fileFailure(error instanceof Error ? error.message : String(error), ctx);
  }
  if (size === 0) return fileFailure(`${input.path} is empty`, ctx);
  const app = await appId(caller, ctx);
  if (typeof app !== 'string') return app;
  const query = { file_name: basename(input.path), file_length: size, file_type: input.mimeType };
  const start = await caller.call({ method: 'POST', url: caller.url([app, 'uploads'], query) });
  if (start.kind !== 'response') return failureFromCall(start, ctx);
  if (!isSuccessStatus(start.status)) return failureFromResponse(start, ctx);
  const session = parseJson(start.body);
  const sessionId = isRecord(session) ? stringOr(session.id, null) : null;
  if (sessionId === null || !sessionId.startsWith('upload:'))
    return malformedFailure(start, ctx, 'the upload session answer has no upload id');
  const stream = createReadStream(input.path);
  const put = await caller.call({
    method: 'POST',
    url: caller.url([sessionId]),
    authScheme: 'OAuth',
    headers: { file_offset: 0, 'Content-Length': size },
    body: stream,
    timeoutKind: 'idle',
  });
  if (put.kind !== 'response') {
    stream.destroy();
    return failureFromCall(put, ctx);
  }
  if (!isSuccessStatus(put.status)) return failureFromResponse(put, ctx);
  const done = parseJson(put.body);
  const handle = isRecord(done) ? stringOr(done.h, null) : null;
  if (handle === null) return malformedFailure(put, ctx, 'the upload answer has no handle');
  return { ok: true, handle };
};
