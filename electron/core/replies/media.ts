import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CoreError } from '../../../shared/api';
import type { ReplyMedia } from '../../../shared/api/replies';
import type { AccountClients } from '../accounts/clients';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import { writeTransaction } from '../db/tx';
import { MB, sniffMime } from './media-type';

/**
 * What Campaign Desk downloads of a customer's file: Meta's limit for video and audio (16 MB), the
 * Cloud API client's response limit. Bigger documents stay in WhatsApp on the phone.
 */
export const MAX_INBOUND_MEDIA_BYTES = 16 * MB;
/** Only these are ever shown as pictures; every other file is offered as a download. */
const RENDERABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
const EXTENSION: Readonly<Record<string, string>> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'application/pdf': '.pdf',
  'video/mp4': '.mp4',
  'audio/ogg': '.ogg',
};

/**
 * A customer's file name made safe to show and to offer as a "save as" name: no folders, no
 * control or bidirectional-override characters (which can disguise "exe.pdf" as "fdp.exe"), no
 * leading dots, at most 100 characters. It never names the file on disk.
 */
export function safeFileName(raw: string | null, fallback: string): string {
  const cleaned = (raw ?? '')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 100);
  return cleaned || fallback;
}

interface Row {
  id: number;
  media_id: string | null;
  media_mime: string | null;
  media_sha256: string | null;
  media_filename: string | null;
  media_path: string | null;
  media_size: number | null;
  account_id: number | null;
  type: string;
}

const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;

/**
 * Downloads a customer's file on request (issue 19 item 5): GET /{media-id}, then its URL with the
 * token, into the data folder's replies-media/ under the reply's id (never the customer's name).
 * Size-limited before and during the download; the type is read from the bytes, not the claim.
 */
export function createMediaFetcher(deps: {
  store: Store;
  clock: Clock;
  clients: AccountClients;
  dataDir: string;
}) {
  const db = deps.store.sqlite;
  const dir = join(deps.dataDir, 'replies-media');
  const byId = db.prepare<[number]>(
    'SELECT id, media_id, media_mime, media_sha256, media_filename, media_path, media_size, account_id, type FROM replies WHERE id = ?',
  );
  const save = writeTransaction(db, (id: number, path: string, size: number, mime: string) =>
    db
      .prepare('UPDATE replies SET media_path = ?, media_size = ?, media_mime = ? WHERE id = ?')
      .run(path, size, mime, id),
  );

  const describe = (r: Row, mime: string, size: number, path: string): ReplyMedia => ({
    replyId: r.id,
    path: join(deps.dataDir, path),
    fileName: safeFileName(r.media_filename, `${r.type}-${r.id}${EXTENSION[mime] ?? '.bin'}`),
    mimeType: mime,
    size,
    image: RENDERABLE.has(mime),
  });

  const tooBig = (size: number) =>
    new CoreError(
      'VALIDATION',
      `This file is ${mb(size)}; Campaign Desk downloads customers' files up to ${mb(MAX_INBOUND_MEDIA_BYTES)}. Open it in WhatsApp on the phone.`,
    );

  return async (replyId: number): Promise<ReplyMedia> => {
    const r = byId.get(replyId) as Row | undefined;
    if (!r?.media_id) throw new CoreError('NOT_FOUND', 'That reply has no file.');
    if (r.media_path && r.media_mime && existsSync(join(deps.dataDir, r.media_path)))
      return describe(r, r.media_mime, r.media_size ?? 0, r.media_path);
    if (r.account_id === null)
      throw new CoreError(
        'NOT_FOUND',
        'No account received this reply, so its file cannot be fetched.',
      );
    const client = await deps.clients.clientFor(r.account_id);
    const info = await client.mediaInfo(r.media_id);
    if (!info.ok)
      throw new CoreError(
        'UNAVAILABLE',
        `WhatsApp did not give the file (${info.failure.entry.title}). Customers' files can be fetched for 7 days.`,
      );
    if (info.info.fileSize !== null && info.info.fileSize > MAX_INBOUND_MEDIA_BYTES)
      throw tooBig(info.info.fileSize);
    const got = await client.mediaBytes(info.info.url);
    if (!got.ok)
      throw new CoreError(
        'UNAVAILABLE',
        `The file could not be downloaded (${got.failure.entry.title}); it may be larger than ${mb(MAX_INBOUND_MEDIA_BYTES)}.`,
      );
    if (got.bytes.length > MAX_INBOUND_MEDIA_BYTES) throw tooBig(got.bytes.length);
    if (got.bytes.length === 0) throw new CoreError('UNAVAILABLE', 'WhatsApp sent an empty file.');
    // Assumed, not verified: Meta's sha256 is hex in GET /{media-id}; webhooks may differ, so both encodings are accepted.
    const digest = createHash('sha256').update(got.bytes);
    const hex = digest.copy().digest('hex');
    const b64 = digest.digest('base64');
    const expected = info.info.sha256 ?? r.media_sha256;
    if (expected && expected !== hex && expected !== b64)
      throw new CoreError(
        'UNAVAILABLE',
        'The downloaded file does not match its checksum: it was not kept.',
      );
    const mime =
      sniffMime(got.bytes.subarray(0, 16), r.media_filename ?? '') ?? 'application/octet-stream';
    const rel = join('replies-media', `${r.id}${EXTENSION[mime] ?? '.bin'}`);
    await mkdir(dir, { recursive: true });
    const tmp = join(deps.dataDir, `${rel}.part`);
    await writeFile(tmp, got.bytes, { mode: 0o600 });
    await rename(tmp, join(deps.dataDir, rel));
    save(r.id, rel, got.bytes.length, mime);
    return describe(r, mime, got.bytes.length, rel);
  };
}
