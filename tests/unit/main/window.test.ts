import { describe, expect, it } from 'vitest';
import { hardenAllContents, openExternalSafely } from '../../../electron/main/security';
import { hardenSession, isSafeExternalUrl, windowOptions } from '../../../electron/main/window';

type NavListener = (event: { preventDefault(): void }, url: string) => void;

/** A web contents that records the listeners the hardening installs. */
function fakeContents() {
  const listeners = new Map<string, NavListener[]>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  return {
    contents: {
      on(name: string, fn: NavListener) {
        listeners.set(name, [...(listeners.get(name) ?? []), fn]);
      },
      setWindowOpenHandler(fn: typeof openHandler) {
        openHandler = fn;
      },
    },
    prevented(name: string, url: string): boolean {
      let prevented = false;
      for (const fn of listeners.get(name) ?? [])
        fn({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

describe('window options', () => {
  it('keep the checklist settings whatever bounds and icon are restored', () => {
    const options = windowOptions(
      '/app/preload.cjs',
      { x: 10, y: 20, width: 1000, height: 700 },
      '/app/icon.png',
    );
    expect(options).toMatchObject({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      icon: '/app/icon.png',
      show: false,
    });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    // Nothing that loosens the defaults sneaks in.
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.webPreferences).not.toHaveProperty('additionalArguments');
  });
});

describe('every web contents is hardened', () => {
  it('through app "web-contents-created": navigation, redirects, new windows and webviews are refused', () => {
    let created: ((event: unknown, contents: unknown) => void) | undefined;
    const app = {
      on: (name: string, fn: typeof created) => name === 'web-contents-created' && (created = fn),
    };
    const opened: string[] = [];
    hardenAllContents(app as never, (url) => opened.push(url));

    const c = fakeContents();
    created!({}, c.contents);
    expect(c.prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(c.prevented('will-navigate', 'app://campaign-desk.evil/')).toBe(true);
    expect(c.prevented('will-navigate', 'app://campaign-desk/campaigns/2')).toBe(false);
    expect(c.prevented('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(c.prevented('will-attach-webview', 'app://campaign-desk/')).toBe(true);
    // Middle-click and window.open land here too: always denied, https goes to the browser.
    expect(c.open('https://developers.facebook.com/docs/whatsapp')).toEqual({ action: 'deny' });
    expect(c.open('app://campaign-desk/index.html')).toEqual({ action: 'deny' });
    expect(c.open('ms-msdt:/id')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://developers.facebook.com/docs/whatsapp']);
  });
});

describe('external links', () => {
  it('open only https URLs without credentials, and say so when refused', async () => {
    const opened: string[] = [];
    const log: string[] = [];
    const open = async (url: string) => void opened.push(url);
    for (const url of [
      'file:///C:/Windows/system32/calc.exe',
      'smb://host/share',
      'http://example.com',
      'https://u:p@example.com',
      'javascript:alert(1)',
      'vbscript:x',
      '',
    ]) {
      expect(
        openExternalSafely(open, url, (m) => log.push(m)),
        url,
      ).toBe(false);
    }
    expect(openExternalSafely(open, 'https://business.facebook.com/wa/manage/home/')).toBe(true);
    await Promise.resolve();
    expect(opened).toEqual(['https://business.facebook.com/wa/manage/home/']);
    expect(log).toHaveLength(7);
    expect(isSafeExternalUrl('HTTPS://EXAMPLE.COM/')).toBe(true);
  });

  it('swallow a failure of the system browser instead of crashing the main process', async () => {
    expect(
      openExternalSafely(() => Promise.reject(new Error('no browser')), 'https://example.com/'),
    ).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
  });
});

describe('session', () => {
  it('denies every permission request and check, and sets the CSP on every response', () => {
    let onRequest:
      | ((wc: unknown, permission: string, cb: (ok: boolean) => void, details: unknown) => void)
      | undefined;
    let onCheck: ((wc: unknown, permission: string) => boolean) | undefined;
    let onHeaders:
      | ((
          d: { responseHeaders?: Record<string, string[]> },
          cb: (r: { responseHeaders: Record<string, string[]> }) => void,
        ) => void)
      | undefined;
    hardenSession({
      setPermissionRequestHandler: (fn: typeof onRequest) => (onRequest = fn),
      setPermissionCheckHandler: (fn: typeof onCheck) => (onCheck = fn),
      webRequest: { onHeadersReceived: (fn: typeof onHeaders) => (onHeaders = fn) },
    } as never);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'display-capture',
      'hid',
      'serial',
      'usb',
    ]) {
      let granted: boolean | undefined;
      onRequest!({}, p, (ok) => (granted = ok), {});
      expect(granted, p).toBe(false);
      expect(onCheck!({}, p), p).toBe(false);
    }
    let out: { responseHeaders: Record<string, string[]> } | undefined;
    onHeaders!(
      { responseHeaders: { 'Content-Security-Policy': ['default-src *'] } },
      (r) => (out = r),
    );
    const csp = out!.responseHeaders['Content-Security-Policy']!;
    expect(csp).toHaveLength(1);
    expect(csp[0]).toMatch(/default-src 'self'/);
    expect(csp[0]).toMatch(/object-src 'none'/);
    expect(csp[0]).not.toMatch(/script-src[^;]*unsafe/);
  });
});
