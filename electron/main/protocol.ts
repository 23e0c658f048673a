import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp';
import { mimeFor, resolveRendererPath } from '../core/static/renderer-files';

/**
 * Maps an app://campaign-desk/<path> URL to a file inside the built renderer, or null when
 * the path escapes it (../, encoded separators). Unknown extension-less paths get index.html.
 */
export function resolveAppFile(rendererRoot: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== 'campaign-desk') return null;
  const path = resolveRendererPath(rendererRoot, url.pathname);
  return path.kind === 'bad' ? null : path.file;
}

/** Serves the built renderer on app://campaign-desk/, with the app's Content-Security-Policy. */
export function registerAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  rendererRoot: string,
): void {
  protocol.handle('app', async (request) => {
    const file = resolveAppFile(rendererRoot, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), {
        headers: {
          'Content-Type': mimeFor(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
