import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type Result } from '../../shared/api';
import { createCore, type Core } from '../../electron/core/service';
import { isTrustedSender, registerIpc } from '../../electron/main/ipc';
import { resolveAppFile } from '../../electron/main/protocol';
import {
  hardenContents,
  hardenSession,
  isSafeExternalUrl,
  windowOptions,
} from '../../electron/main/window';
import { tempDir } from '../helpers/tmp';

type Handler = (event: IpcMainInvokeEvent, raw: unknown) => Promise<Result<unknown>>;

/** Records what the glue registers, like Electron's ipcMain would. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle(channel: string, listener: Handler) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };
}

const appEvent = {
  senderFrame: { url: 'app://campaign-desk/index.html' },
} as unknown as IpcMainInvokeEvent;
const foreignEvent = {
  senderFrame: { url: 'https://evil.example/' },
} as unknown as IpcMainInvokeEvent;

describe('IPC registration', () => {
  let core: Core | undefined;
  const dirs: { cleanup(): void }[] = [];
  afterEach(async () => {
    await core?.close();
    dirs.splice(0).forEach((d) => d.cleanup());
  });

  function setup() {
    const dir = tempDir();
    dirs.push(dir);
    core = createCore({ dataDir: dir.path, shell: 'electron' });
    const ipc = fakeIpcMain();
    const unregister = registerIpc(ipc, core.handlers, { logger: { error: () => undefined } });
    return { ipc, unregister };
  }

  it('registers every contract method and nothing else', () => {
    const { ipc, unregister } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual([...METHOD_NAMES].sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('rejects invalid input for every method with a VALIDATION error', async () => {
    const { ipc } = setup();
    for (const name of METHOD_NAMES) {
      const result = await ipc.handlers.get(name)!(appEvent, { definitely: 'not valid' });
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.error.code, name).toBe('VALIDATION');
    }
  });

  it('answers valid calls through the core', async () => {
    const { ipc } = setup();
    const created = await ipc.handlers.get('campaigns.create')!(appEvent, { name: 'Via IPC' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Via IPC', state: 'draft' } });
    const missing = await ipc.handlers.get('campaigns.get')!(appEvent, { id: 999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses calls from frames that are not the app', async () => {
    const { ipc } = setup();
    const result = await ipc.handlers.get('campaigns.list')!(foreignEvent, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(isTrustedSender(appEvent)).toBe(true);
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
  });
});

describe('window hardening', () => {
  it('turns on isolation and the sandbox, and off node integration', () => {
    const prefs = windowOptions('/x/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      preload: '/x/preload.cjs',
    });
  });

  it('blocks navigation away from the app and denies new windows', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, fn: (event: { preventDefault(): void }, url: string) => void) =>
        listeners.set(name, fn),
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    };
    const opened: string[] = [];
    hardenContents(contents as never, (url) => opened.push(url));

    const nav = (name: string, url: string) => {
      let prevented = false;
      listeners.get(name)!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(nav('will-navigate', 'https://evil.example/')).toBe(true);
    expect(nav('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(nav('will-navigate', 'app://campaign-desk/index.html')).toBe(false);
    expect(nav('will-redirect', 'http://127.0.0.1:9/')).toBe(true);

    expect(openHandler!({ url: 'https://business.facebook.com/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://business.facebook.com/']);
  });

  it('opens only https links without credentials externally', () => {
    expect(isSafeExternalUrl('https://developers.facebook.com/docs')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@example.com')).toBe(false);
    expect(isSafeExternalUrl('smb://share')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });

  it('denies every permission request and sets the CSP header', () => {
    let requestHandler: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    let headersHandler:
      | ((d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void)
      | undefined;
    const session = {
      setPermissionRequestHandler: (fn: typeof requestHandler) => (requestHandler = fn),
      setPermissionCheckHandler: (fn: typeof checkHandler) => (checkHandler = fn),
      webRequest: { onHeadersReceived: (fn: typeof headersHandler) => (headersHandler = fn) },
    };
    hardenSession(session as never);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      let granted: boolean | undefined;
      requestHandler!({}, p, (ok) => (granted = ok));
      expect(granted).toBe(false);
    }
    expect(checkHandler!()).toBe(false);
    let headers: { responseHeaders: Record<string, string[]> } | undefined;
    headersHandler!({ responseHeaders: {} }, (r) => (headers = r as typeof headers));
    expect(headers!.responseHeaders['Content-Security-Policy']![0]).toContain("script-src 'self'");
  });
});

describe('app:// protocol', () => {
  it('serves files inside the renderer folder and refuses escapes', () => {
    expect(resolveAppFile('/app/renderer', 'app://campaign-desk/index.html')).toBe(
      '/app/renderer/index.html',
    );
    expect(resolveAppFile('/app/renderer', 'app://campaign-desk/assets/a.js')).toBe(
      '/app/renderer/assets/a.js',
    );
    expect(resolveAppFile('/app/renderer', 'app://campaign-desk/campaigns/3')).toBe(
      '/app/renderer/index.html',
    );
    // Whatever the URL parser makes of dot segments, the result never leaves the renderer folder.
    const staysInside = (url: string) => {
      const file = resolveAppFile('/app/renderer', url);
      return file === null || file.startsWith('/app/renderer/');
    };
    for (const url of [
      'app://campaign-desk/../secret.txt',
      'app://campaign-desk/%2e%2e/%2e%2e/etc/passwd',
      'app://campaign-desk/..%2f..%2fsecret.txt',
      'app://campaign-desk/assets/..%5c..%5csecret.txt',
    ]) {
      expect(staysInside(url), url).toBe(true);
    }
    expect(resolveAppFile('/app/renderer', 'app://other-host/index.html')).toBeNull();
  });
});
