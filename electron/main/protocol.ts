import { resolveRendererPath } from '../core/static/renderer-files';

export { mimeFor } from '../core/static/renderer-files';

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
