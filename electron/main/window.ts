import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp';

export const APP_ORIGIN = 'app://campaign-desk';
/** Must equal `appId` in electron-builder.yml: Windows ties notifications and the taskbar to it. */
export const APP_ID = 'app.campaigndesk.desktop';

/** Window options per the Electron security checklist; unit-tested. */
export function windowOptions(
  preloadPath: string,
  bounds: { x?: number; y?: number; width: number; height: number } = { width: 1200, height: 800 },
  icon?: string,
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    ...(icon ? { icon } : {}),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Campaign Desk',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: true,
    },
  };
}

/** Allowed external links: https only, no credentials. Everything else is refused. */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/**
 * Denies navigation away from the app, new windows (https links go to the system browser),
 * and every permission request (camera, notifications from the page, geolocation, ...).
 */
export function hardenContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}
