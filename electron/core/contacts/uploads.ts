import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CoreError, type FileRef } from '../../../shared/api';

/**
 * Files the browser shell uploads (a browser cannot hand over a path). They live in the data
 * folder under a random name and are removed a day later.
 */
export function uploadsDir(dataDir: string): string {
  return join(dataDir, 'uploads');
}

export async function saveUpload(
  dataDir: string,
  body: Readable,
): Promise<{ id: string; size: number }> {
  const dir = uploadsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const id = randomBytes(18).toString('base64url');
  const path = join(dir, id);
  try {
    await pipeline(body, createWriteStream(path, { flags: 'wx' }));
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
