import { CoreError } from '../../../shared/api';

/**
 * SQLite and file-system failures a shop owner can fix (a folder they cannot write, a full disk),
 * in their words and with what to do, instead of "SQLITE_READONLY: attempt to write a readonly
 * database". Codes: better-sqlite3's SqliteError.code (extended codes such as
 * SQLITE_READONLY_DBMOVED start with the primary one) and Node's errno codes.
 */
const READ_ONLY =
  'Campaign Desk cannot write to its data folder{dir}: it is read-only, or owned by another user. ' +
  'Nothing was changed. Check that the folder and its files belong to you and that the disk is not write-protected, then try again.';
const FULL =
  'The disk holding the data folder{dir} is full. Nothing was lost: free some space (or move the data folder to a larger disk with --data-dir), then try again.';
const CANNOT_OPEN =
  'Campaign Desk cannot open its database in its data folder{dir}. Check that the folder exists, belongs to you and is on a disk that is connected, then start again.';

export function storageProblem(e: unknown, dataDir?: string): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const words = (template: string) => template.replace('{dir}', dataDir ? ` (${dataDir})` : '');
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS'
  )
    return words(READ_ONLY);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return words(FULL);
  if (code.startsWith('SQLITE_CANTOPEN')) return words(CANNOT_OPEN);
  return null;
}

/** The same failure as a CoreError the UI shows as it is (UNAVAILABLE: fixable outside the app). */
export function asStorageError(e: unknown, dataDir: string): CoreError | null {
  const message = storageProblem(e, dataDir);
  return message === null ? null : new CoreError('UNAVAILABLE', message);
}
