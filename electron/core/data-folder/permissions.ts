import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
} from 'node:fs';
import { join } from 'node:path';
import { restrictToCurrentUser, type CommandRunner } from './windows-acl';

/**
 * The data folder holds customers' phone numbers and messages: the owner's alone (folders 0700,
 * files 0600) on Linux and macOS. Checked at every start and repaired, so files an older version (or
 * a process with a wider umask) left readable by other users of the machine are closed too. On
 * Windows the folder's ACL is narrowed to the current user instead (windows-acl.ts): a folder under
 * the profile is private already, but one chosen elsewhere (D:\CampaignDesk) typically inherits
 * read access for every user.
 */
const MAX_ENTRIES = 100_000;
const MAX_DEPTH = 4;

export interface PermissionRepair {
  /** Paths whose mode was wider than the owner's and was narrowed. */
  repaired: string[];
  /** Why the folder could not be made private (the app works on; the log and the user are told). */
  warning?: string;
}

/** Tests run the Windows path anywhere, with a fake icacls. */
export interface PlatformHooks {
  platform?: NodeJS.Platform;
  run?: CommandRunner;
  env?: NodeJS.ProcessEnv;
}

export function secureDataDir(dataDir: string, hooks: PlatformHooks = {}): PermissionRepair {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const repaired: string[] = [];
  if ((hooks.platform ?? process.platform) === 'win32') {
    const { warning } = restrictToCurrentUser(dataDir, hooks.run, hooks.env);
    return warning ? { repaired, warning } : { repaired };
  }
  let seen = 0;
  const visit = (path: string, depth: number) => {
    if (++seen > MAX_ENTRIES) return;
    const info = lstatSync(path);
    // A symlink is not followed: what it points to is not ours to change.
    if (info.isSymbolicLink()) return;
    // Group and other bits off; the owner's own bits stay as they are.
    if ((info.mode & 0o077) !== 0) {
      chmodSync(path, info.mode & 0o700);
      repaired.push(path);
    }
    if (info.isDirectory() && depth < MAX_DEPTH)
      for (const name of readdirSync(path)) visit(join(path, name), depth + 1);
  };
  visit(dataDir, 0);
  return { repaired };
}

/** Creates an empty file readable by its owner only (SQLite then gives its -wal and -shm the same mode). */
export function createOwnerOnly(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
}
