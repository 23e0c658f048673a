import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { CoreError } from '../../../shared/api';
import type { ReplyMedia, ReplyPicture } from '../../../shared/api/replies';
import type { Download } from '../downloads';
import { MB } from './media-type';
import { safeFileName } from './media';

/** Pictures shown inline in a thread; bigger ones are offered as a download only. */
export const MAX_INLINE_PICTURE_BYTES = 5 * MB;

/**
 * What the Replies view does with a customer's file once fetched (media.ts): a picture shown as a
 * picture (only when its bytes say JPEG, PNG, WebP or GIF), anything else saved where the user says.
 */
export function createMediaViews(deps: {
  db: SqliteDatabase;
  dataDir: string;
  fetch: (replyId: number) => Promise<ReplyMedia>;
}) {
  const byId = deps.db.prepare<[number]>(
    'SELECT id, type, media_id, media_path, media_filename FROM replies WHERE id = ?',
  );

  return {
    async picture(replyId: number): Promise<ReplyPicture> {
      const m = await deps.fetch(replyId);
      if (!m.image)
        throw new CoreError(
          'VALIDATION',
          `${m.fileName} is not a picture by its content: it is only offered as a download.`,
        );
      if (m.size > MAX_INLINE_PICTURE_BYTES)
        throw new CoreError(
          'VALIDATION',
          `This picture is ${(m.size / MB).toFixed(1)} MB: download it to look at it.`,
        );
      const bytes = await readFile(m.path);
      return {
        replyId,
        mimeType: m.mimeType,
        dataUrl: `data:${m.mimeType};base64,${bytes.toString('base64')}`,
      };
    },

    /** The save-as download of a file already fetched (replies.media fetches it first). */
    download(replyId: number): Download {
      const r = byId.get(replyId) as
        | {
            id: number;
            type: string;
            media_id: string | null;
            media_path: string | null;
            media_filename: string | null;
          }
        | undefined;
      if (!r?.media_id) throw new CoreError('NOT_FOUND', 'That reply has no file.');
      const path = r.media_path ? join(deps.dataDir, r.media_path) : null;
      if (!path || !existsSync(path))
        throw new CoreError('NOT_FOUND', 'That file is not downloaded yet: fetch it first.');
      const ext = /\.[a-z0-9]+$/i.exec(r.media_path ?? '')?.[0] ?? '.bin';
      return {
        fileName: safeFileName(r.media_filename, `${r.type}-${r.id}${ext}`),
        write: (out) => pipeline(createReadStream(path), out, { end: false }),
      };
    },
  };
}
