import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * Maps an app://campaign-desk/<path> URL to a file inside the built renderer, or null when
 * the path escapes it (../, encoded separators). Unknown extension-less paths get index.html.
 */
export function resolveAppFile(rendererRoot: string, requestUrl: string): string | null {
  let pathname: string;
  try {
    const url = new URL(requestUrl);
    if (url.host !== 'campaign-desk') return null;
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  const root = resolve(rendererRoot);
  const rel = normalize(pathname).replace(/^([/\\])+/, '');
  if (rel === '' || rel === '.') return join(root, 'index.html');
  const file = resolve(join(root, rel));
  if (!file.startsWith(root + sep)) return null;
  return extname(file) ? file : join(root, 'index.html');
}

export function mimeFor(file: string): string {
  return MIME[extname(file)] ?? 'application/octet-stream';
}
