import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp';
import { mimeFor, resolveRendererPath } from '../core/static/renderer-files';

/** Built files whose names carry a content hash (vite's assets/name-HASH.ext): never change. */
const HASHED = /-[\w-]{8,}\.\w+$/;

function plain(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** Content codings the client accepts, from Accept-Encoding (a q of 0 means "not this one"). */
function acceptedCodings(req: IncomingMessage): Set<string> {
  const accepted = new Set<string>();
  for (const part of String(req.headers['accept-encoding'] ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (coding && (q === undefined || Number(q.slice(2)) > 0)) accepted.add(coding);
  }
  return accepted;
}

/** The precompressed sibling the build wrote (electron.vite.config.ts), if the client takes it. */
function pickEncoding(req: IncomingMessage, file: string): { path: string; encoding?: string } {
  const accepted = acceptedCodings(req);
  if (accepted.has('br') && existsSync(`${file}.br`)) return { path: `${file}.br`, encoding: 'br' };
  if (accepted.has('gzip') && existsSync(`${file}.gz`))
    return { path: `${file}.gz`, encoding: 'gzip' };
  return { path: file };
}

function cacheControl(file: string): string {
  if (file.endsWith('.html')) return 'no-store';
  if (basename(dirname(file)) === 'assets' && HASHED.test(file))
    return 'private, max-age=31536000, immutable';
  return 'private, max-age=3600';
}

/** Serves the built renderer: the single static server of the headless shell. */
export function serveRenderer(
  req: IncomingMessage,
  res: ServerResponse,
  rendererRoot: string,
  encodedPath: string,
): void {
  const resolved = resolveRendererPath(rendererRoot, encodedPath);
  if (resolved.kind === 'bad') return plain(res, 400, 'Bad request: that address is not valid.');
  const file = resolved.file;
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (resolved.kind === 'file') return plain(res, 404, 'Not found');
    return plain(res, 503, 'The user interface is not built yet. Run `npm run build` and reload.');
  }
  const { path, encoding } = pickEncoding(req, file);
  res.writeHead(200, {
    'Content-Type': mimeFor(file),
    'Content-Length': statSync(path).size,
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
    Vary: 'Accept-Encoding',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': cacheControl(file),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(path).pipe(res);
}
