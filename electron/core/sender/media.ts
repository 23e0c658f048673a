import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { MediaRef, MediaSource } from '../../../shared/domain/templates';
import type { ApiFailure, CloudApiClient } from '../cloud-api';
import type { Store } from '../db/connection';

/** Meta's uploaded media ids live 30 days; re-upload a day early so none expires mid-campaign. */
export const MEDIA_REUSE_MS = 29 * 24 * 3600_000;

const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.mp4': 'video/mp4',
  '.3gp': 'video/3gpp',
  '.pdf': 'application/pdf',
};

export type MediaOutcome =
  { ok: true; media: MediaRef } | { ok: false; message: string; failure?: ApiFailure };

/**
 * The header media for a campaign: a link is sent as is; a local file is uploaded to
 * /{phone-number-id}/media once and its id reused until it is close to Meta's 30-day expiry.
 */
export async function ensureMedia(
  deps: { store: Store; client: CloudApiClient; accountId: number; now: number },
  source: MediaSource,
): Promise<MediaOutcome> {
  if (source.type === 'link') return { ok: true, media: { link: source.url } };
  const mimeType = MIME[extname(source.path).toLowerCase()];
  if (!mimeType)
    return {
      ok: false,
      message: `WhatsApp cannot send ${extname(source.path) || 'this kind of'} files in a template header. Use JPEG, PNG, MP4 or PDF.`,
    };
  const info = await stat(source.path).catch(() => undefined);
  if (!info?.isFile())
    return { ok: false, message: `The header file ${source.path} is no longer there.` };
  const key = `${source.path}|${info.size}|${Math.round(info.mtimeMs)}`;
  const { store } = deps;
  const cached = store.first(
    store.q
      .selectFrom('media_uploads')
      .select(['media_id', 'uploaded_at'])
      .where('account_id', '=', deps.accountId)
      .where('source_key', '=', key),
  );
  if (cached && deps.now - cached.uploaded_at < MEDIA_REUSE_MS)
    return { ok: true, media: { id: cached.media_id } };
  const uploaded = await deps.client.uploadMedia({ path: source.path, mimeType });
  if (!uploaded.ok)
    return {
      ok: false,
      message: `The header file could not be uploaded: ${uploaded.failure.entry.explanation}`,
      failure: uploaded,
    };
  store.run(
    store.q
      .insertInto('media_uploads')
      .values({
        account_id: deps.accountId,
        source_key: key,
        media_id: uploaded.id,
        uploaded_at: deps.now,
      })
      .onConflict((oc) =>
        oc
          .columns(['account_id', 'source_key'])
          .doUpdateSet({ media_id: uploaded.id, uploaded_at: deps.now }),
      ),
  );
  return { ok: true, media: { id: uploaded.id } };
}
