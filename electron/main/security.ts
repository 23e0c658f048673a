import type { App } from 'electron';
import { hardenContents, isSafeExternalUrl } from './window';

/**
 * Opens a link in the user's browser only when it is https without credentials; anything else
 * (file:, smb:, javascript:, custom schemes that launch programs) is dropped. Returns whether it opened.
 */
export function openExternalSafely(
  open: (url: string) => Promise<void>,
  url: string,
  log: (message: string) => void = () => undefined,
): boolean {
  if (!isSafeExternalUrl(url)) {
    log(`Refused to open a link that is not https: ${url.slice(0, 200)}`);
    return false;
  }
  void open(url).catch(() => undefined);
  return true;
}

/**
 * Every web contents the app ever creates (windows, and anything a bug might create) gets the
 * same rules: no navigation away from app://, no new windows, no <webview>.
 */
export function hardenAllContents(app: Pick<App, 'on'>, openExternal: (url: string) => void): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, openExternal));
}
