import { extname, join, normalize, resolve, sep } from 'node:path';

/** One map of the renderer's file types, for the desktop protocol and the headless shell. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export function mimeFor(file: string): string {
  return MIME[extname(file)] ?? 'application/octet-stream';
}

export type RendererPath =
  | { kind: 'file'; file: string }
  /** An extension-less path: the single-page app's shell answers it. */
  | { kind: 'shell'; file: string }
  | { kind: 'bad' };

/**
 * Maps a URL path (still percent-encoded) to a file inside the built renderer. Paths that
 * escape the root (../, encoded separators) and malformed percent-encoding are 'bad', never a
 * file outside the root and never an exception.
 */
export function resolveRendererPath(rendererRoot: string, encodedPath: string): RendererPath {
  let pathname: string;
  try {
    pathname = decodeURIComponent(encodedPath);
  } catch {
    return { kind: 'bad' };
  }
  if (pathname.includes('\0')) return { kind: 'bad' };
  const root = resolve(rendererRoot);
  const shell = { kind: 'shell', file: join(root, 'index.html') } as const;
  const rel = normalize(pathname).replace(/^([/\\])+/, '');
  if (rel === '' || rel === '.') return shell;
  const file = resolve(join(root, rel));
  if (!file.startsWith(root + sep)) return { kind: 'bad' };
  return extname(file) ? { kind: 'file', file } : shell;
}
