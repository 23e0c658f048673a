import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { checkToken } from './auth';
import { fail } from './errors';
import { ok, type Reply, type RouteRequest } from './http';
import type { SandboxState } from './state';
import type { SandboxReply } from './test-numbers';
import type { InboundMediaSubject } from './webhooks';

/**
 * The files the sandbox's customers send (issue 19). Small but real: the JPEG starts with its SOI
 * and JFIF marker, the PDF is a complete one-page document, so a type check by magic bytes passes.
 */
const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9',
  'hex',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** Inbound media ids last 7 days (cloud-api.md §7). */
export const INBOUND_MEDIA_TTL_MS = 7 * 24 * 3600_000;

/** Stores the file a reply carries under a new media id and describes it as the webhook does. */
export function inboundMediaOf(
  state: SandboxState,
  reply: SandboxReply,
): InboundMediaSubject | undefined {
  const file =
    'image' in reply
      ? { kind: 'image' as const, mime: 'image/jpeg', bytes: JPEG, caption: reply.image.caption }
      : 'document' in reply
        ? {
            kind: 'document' as const,
            mime: 'application/pdf',
            bytes: PDF,
            filename: reply.document.filename,
            ...(reply.document.caption !== undefined && { caption: reply.document.caption }),
          }
        : undefined;
  if (!file) return undefined;
  const id = state.newId();
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  state.media.set(id, {
    id,
    mime: file.mime,
    size: file.bytes.length,
    uploadedAt: state.now(),
    bytes: file.bytes,
    sha256,
    inbound: true,
  });
  return {
    kind: file.kind,
    id,
    mime: file.mime,
    sha256,
    ...(file.caption !== undefined && { caption: file.caption }),
    ...('filename' in file && { filename: file.filename }),
  };
}

/**
 * GET /{version}/{media-id} for a customer's file (cloud-api.md §7: a download `url` valid 5 minutes,
 * with `mime_type`, `sha256`, `file_size`). The URL is the sandbox's /_media/{id}, which, like
 * Meta's, wants the access token as a bearer token.
 */
export function handleInboundMediaGet(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  const m = state.media.get(rr.objectId);
  if (!m?.inbound || state.now() - m.uploadedAt >= INBOUND_MEDIA_TTL_MS)
    return fail(
      100,
      `Unsupported get request. Object with ID '${rr.objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    );
  return ok({
    messaging_product: 'whatsapp',
    url: `${rr.baseUrl}/_media/${encodeURIComponent(m.id)}`,
    mime_type: m.mime,
    sha256: m.sha256,
    file_size: m.size,
    id: m.id,
  });
}

/** The download itself: the bytes, or 401/404 as JSON. */
export function serveInboundMedia(
  state: SandboxState,
  id: string,
  authorization: string | undefined,
  out: ServerResponse,
): void {
  const m = state.media.get(id);
  const status =
    state.token === null || authorization !== `Bearer ${state.token}` ? 401 : !m?.bytes ? 404 : 200;
  if (status !== 200 || !m?.bytes) {
    out.writeHead(status, { 'content-type': 'application/json' });
    out.end(
      JSON.stringify({
        error: { message: status === 401 ? 'Invalid OAuth access token.' : 'Not found.' },
      }),
    );
    return;
  }
  out.writeHead(200, { 'content-type': m.mime, 'content-length': String(m.bytes.length) });
  out.end(m.bytes);
}
