import type { Caller } from './caller';
import {
  failureFromCall,
  failureFromResponse,
  isSuccessStatus,
  malformedFailure,
  type FailureContext,
} from './failures';
import { isRecord, numberOr, parseJson, stringOr } from './json';
import type { ApiFailure } from './types';

export interface MediaInfo {
  url: URL;
  mimeType: string | null;
  sha256: string | null;
  fileSize: number | null;
}

export type MediaInfoOutcome = { ok: true; info: MediaInfo } | ApiFailure;
export type MediaBytesOutcome =
  { ok: true; bytes: Buffer; contentType: string | null } | ApiFailure;

const urlOf = (raw: string | null): URL | null => {
  try {
    return raw ? new URL(raw) : null;
  } catch {
    return null;
  }
};

/**
 * GET /{v}/{media-id} (cloud-api.md §7, verified): a download `url` valid 5 minutes, with
 * `mime_type`, `sha256` and `file_size`. A customer's media id lasts 7 days.
 */
export const mediaInfo = async (caller: Caller, mediaId: string): Promise<MediaInfoOutcome> => {
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const result = await caller.call({ method: 'GET', url: caller.url([mediaId]) });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  const raw = isRecord(json) ? stringOr(json.url, null) : null;
  const url = urlOf(raw);
  if (!isRecord(json) || url === null)
    return malformedFailure(result, ctx, 'the media answer has no download url');
  const size = numberOr(json.file_size, null) ?? Number(stringOr(json.file_size, 'NaN'));
  return {
    ok: true,
    info: {
      url,
      mimeType: stringOr(json.mime_type, null),
      sha256: stringOr(json.sha256, null),
      fileSize: Number.isFinite(size) ? size : null,
    },
  };
};

/** The file itself, with the token; bodies beyond the caller's response limit come back as a failure. */
export const mediaBytes = async (caller: Caller, url: URL): Promise<MediaBytesOutcome> => {
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const result = await caller.call({ method: 'GET', url, mediaDownload: true });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const type = result.headers['content-type'];
  return { ok: true, bytes: result.body, contentType: typeof type === 'string' ? type : null };
};
