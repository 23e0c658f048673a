import { checkPhoneNumberId, checkToken } from './auth';
import { fail } from './errors';
import { ok, type Reply, type RouteRequest } from './http';
import { boundaryOf, MultipartError, parseMultipart, type MultipartFile } from './multipart';
import type { SandboxState } from './state';

/** POST /{version}/{phone-number-id}/media (cloud-api.md §7). */

/** Uploaded media ids expire after 30 days. */
export const MEDIA_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const MB = 1024 * 1024;

const startsWith = (bytes: number[]) => (head: Buffer) => bytes.every((b, i) => head[i] === b);
const isJpeg = startsWith([0xff, 0xd8, 0xff]);
const isPng = startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isPdf = startsWith([0x25, 0x50, 0x44, 0x46]);
const isIsoMedia = (head: Buffer) => head.subarray(4, 8).toString('latin1') === 'ftyp';

interface MediaRule {
  maxBytes: number;
  /** The first bytes a real file of this type starts with; MIME mismatch is Meta's usual 131053. */
  magic?: (head: Buffer) => boolean;
}

const RULES: Readonly<Record<string, MediaRule>> = {
  'image/jpeg': { maxBytes: 5 * MB, magic: isJpeg },
  'image/png': { maxBytes: 5 * MB, magic: isPng },
  'image/webp': { maxBytes: 500 * 1024 },
  'video/mp4': { maxBytes: 16 * MB, magic: isIsoMedia },
  'video/3gpp': { maxBytes: 16 * MB, magic: isIsoMedia },
  'audio/aac': { maxBytes: 16 * MB },
  'audio/amr': { maxBytes: 16 * MB },
  'audio/mpeg': { maxBytes: 16 * MB },
  'audio/mp4': { maxBytes: 16 * MB },
  'audio/ogg': { maxBytes: 16 * MB },
  'application/pdf': { maxBytes: 100 * MB, magic: isPdf },
  'text/plain': { maxBytes: 100 * MB },
  'application/msword': { maxBytes: 100 * MB },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { maxBytes: 100 * MB },
  'application/vnd.ms-excel': { maxBytes: 100 * MB },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { maxBytes: 100 * MB },
  'application/vnd.ms-powerpoint': { maxBytes: 100 * MB },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    maxBytes: 100 * MB,
  },
};

const mimeOf = (raw: string | undefined): string | undefined =>
  raw?.split(';')[0]?.trim().toLowerCase() || undefined;

function checkFile(file: MultipartFile, declared: string | undefined): string {
  const mime = mimeOf(declared) ?? mimeOf(file.contentType);
  if (mime === undefined)
    return fail(100, 'The parameter type is required (the MIME type of the file).');
  const rule = RULES[mime];
  if (!rule)
    fail(
      100,
      `Param file must be a file with one of the following types: ${Object.keys(RULES).join(', ')}. Received ${mime}.`,
    );
  if (file.size === 0) fail(131053, 'Media upload error: the file is empty.');
  if (file.size > rule!.maxBytes) {
    fail(
      131053,
      `Media upload error: the file is ${file.size} bytes; ${mime} files can be at most ${rule!.maxBytes} bytes.`,
    );
  }
  if (rule!.magic && !rule!.magic(file.head)) {
    fail(131053, `Media upload error: the file content does not match its type ${mime}.`);
  }
  return mime;
}

export async function handleMediaUpload(state: SandboxState, rr: RouteRequest): Promise<Reply> {
  checkToken(state, rr.req);
  checkPhoneNumberId(state, rr.objectId, 'post');
  const boundary = boundaryOf(rr.req.headers['content-type']);
  if (boundary === undefined) fail(100, 'Media uploads must be sent as multipart/form-data.');

  let form;
  try {
    form = await parseMultipart(rr.req as AsyncIterable<Buffer>, boundary!);
  } catch (e) {
    if (e instanceof MultipartError)
      return fail(100, `The upload is not valid multipart/form-data: ${e.message}`);
    throw e;
  }
  if (form.fields.get('messaging_product') !== 'whatsapp') {
    fail(100, 'The parameter messaging_product is required and must be "whatsapp".');
  }
  const file = form.files.find((f) => f.field === 'file');
  if (!file) return fail(100, 'The parameter file is required.');
  const mime = checkFile(file, form.fields.get('type'));

  const id = state.newId();
  state.media.set(id, { id, mime, size: file.size, uploadedAt: state.now() });
  state.countMedia();
  return ok({ id });
}
