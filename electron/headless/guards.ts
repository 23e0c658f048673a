import { realpathSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The browser shell's API is no wider than its UI (issue 22 item 4): what a page of ours can do, and
 * nothing a page of another site, or a holder of the token, could use to reach outside the data folder.
 */

/**
 * A state-changing request from a browser carries Origin and Sec-Fetch-Site; both must say it comes
 * from our own page. Clients that send neither (curl, scripts with the bearer token) are not browsers,
 * so another site cannot make them send anything.
 */
export function crossSiteReason(req: IncomingMessage, origins: readonly string[]): string | null {
  const origin = req.headers.origin;
  if (origin !== undefined && !origins.includes(origin))
    return `Requests from ${origin.slice(0, 100)} are not accepted.`;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return `Requests from another site (${String(site).slice(0, 20)}) are not accepted.`;
  return null;
}

/** The real path, following symlinks, of a file or (when it does not exist yet) of its folder. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : resolve(real(parent), relative(parent, path));
  }
}

function insideFolder(path: string, folder: string): boolean {
  if (!isAbsolute(path)) return false;
  const rel = relative(real(folder), real(path));
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

const MAX_DEPTH = 32;

/**
 * The first `{ kind: 'path', path }` file reference in a request that points outside the data folder
 * (after symlinks), or null. The browser uploads files (`{ kind: 'upload' }`); paths are for the
 * desktop app's file dialog and the CLI, where the user names the file in their own shell.
 */
export function outsidePath(value: unknown, dataDir: string, depth = 0): string | null {
  if (typeof value !== 'object' || value === null) return null;
  if (depth > MAX_DEPTH) return '(nested too deep)';
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = outsidePath(v, dataDir, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  const o = value as Record<string, unknown>;
  if (o.kind === 'path' && 'path' in o) {
    const p = typeof o.path === 'string' ? o.path : '';
    if (!insideFolder(p, dataDir)) return p || '(no path)';
  }
  for (const v of Object.values(o)) {
    const found = outsidePath(v, dataDir, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
