import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CoreError, type FileRef } from '../../../shared/api';

/**
 * Files the browser shell uploads (a browser cannot hand over a path). They live in the data
 * folder under a random name and are removed a day later.
 */
export function uploadsDir(dataDir: string): string {
  return join(dataDir, 'uploads');
}

/** Uploads are customer files (a 1,000,000-row CSV is about 100 MB); past this, refused. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

const tooLarge = (max: number) =>
  new CoreError(
    'VALIDATION',
    `The file is larger than ${Math.round(max / 2 ** 20)} MB, the most Campaign Desk takes. Split it into smaller files.`,
  );

/** Passes bytes through until `max`, then fails the stream. */
function capped(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(tooLarge(max));
      else done(null, chunk);
    },
  });
}

export async function saveUpload(
  dataDir: string,
  body: Readable,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<{ id: string; size: number }> {
  const dir = uploadsDir(dataDir);
  // Customers' files: the owner's alone (0700 folder, 0600 files), as the rest of the data folder.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const id = randomBytes(18).toString('base64url');
  const path = join(dir, id);
  try {
    await pipeline(body, capped(maxBytes), createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
  return { id, size: (await stat(path)).size };
}

export function resolveFileRef(dataDir: string, ref: FileRef): string {
  if (ref.kind === 'path') return ref.path;
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(ref.id))
    throw new CoreError('NOT_FOUND', 'That upload does not exist.');
  return join(uploadsDir(dataDir), ref.id);
}

export async function pruneUploads(
  dataDir: string,
  olderThanMs: number,
  now: number,
): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await readdir(uploadsDir(dataDir));
  } catch {
    return 0;
  }
  for (const name of names) {
    const path = join(uploadsDir(dataDir), name);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > olderThanMs) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}
