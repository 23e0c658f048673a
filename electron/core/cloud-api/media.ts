import { randomBytes } from 'node:crypto';
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
import { multipartBody } from './multipart';
import type { UploadMediaInput, UploadMediaOutcome } from './types';

// type/subtype with optional parameters (audio/ogg; codecs=opus).
const MIME = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;.*)?$/;
// A control character (CR, LF) would break out of the part header.
const hasControl = (text: string): boolean =>
  [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * POST /{v}/{phone-number-id}/media as multipart/form-data (cloud-api.md §7): `messaging_product`,
 * `type` (the MIME type) and `file`. The media id it returns expires after 30 days.
 */
export const uploadMedia = async (
  caller: Caller,
  phoneNumberId: string,
  input: UploadMediaInput,
): Promise<UploadMediaOutcome> => {
  if (!MIME.test(input.mimeType) || hasControl(input.mimeType))
    throw new TypeError(`not a MIME type: ${JSON.stringify(input.mimeType)}`);
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

  const body = multipartBody(
    [
      { name: 'messaging_product', value: 'whatsapp' },
      { name: 'type', value: input.mimeType },
    ],
    {
      name: 'file',
      fileName: input.fileName ?? basename(input.path),
      contentType: input.mimeType,
      path: input.path,
      size,
    },
    `CampaignDesk${randomBytes(16).toString('hex')}`,
  );
  const result = await caller.call({
    method: 'POST',
    url: caller.url([phoneNumberId, 'media']),
    headers: { 'Content-Type': body.contentType, 'Content-Length': body.length },
    body: body.stream,
    // A large file on a slow uplink may take minutes; only silence means trouble.
    timeoutKind: 'idle',
  });
  if (result.kind !== 'response') {
    // Not sent at all (e.g. no token): the body stream was never read, so release it explicitly.
    body.stream.destroy();
    return failureFromCall(result, ctx);
  }
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  const id = isRecord(json) ? stringOr(json.id, null) : null;
  if (id === null) return malformedFailure(result, ctx, 'the upload answer has no media id');
  return { ok: true, id };
};
