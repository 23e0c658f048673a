import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { PUSH_CHANNEL } from '../../shared/api';
import { defaultDataDir } from '../core/paths';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp';
import { createCore, type Core } from '../core/service';
import { registerDownloads } from './downloads';
import { registerIpc } from './ipc';
import { electronNativeBinding } from './native';
import { mimeFor, resolveAppFile } from './protocol';
import { APP_ORIGIN, hardenContents, hardenSession, isSafeExternalUrl, windowOptions } from './window';

// Composition root: lifecycle, window, IPC registration. Features live in electron/core.

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// The headless shell and CLI compute the same folder without Electron; pin it so they agree.
app.setPath('userData', defaultDataDir());

let core: Core | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  hardenContents(win.webContents, (url) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

async function start(): Promise<void> {
  const rendererRoot = join(import.meta.dirname, '../renderer');
  protocol.handle('app', async (request) => {
    const file = resolveAppFile(rendererRoot, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), {
        headers: { 'Content-Type': mimeFor(file), 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
  hardenSession(session.defaultSession);

  const nativeBinding = electronNativeBinding(app.getAppPath(), process.resourcesPath, app.isPackaged);
  try {
    core = createCore({
      dataDir: app.getPath('userData'),
      shell: 'electron',
      runSenders: true,
      // electron-vite emits the import worker beside this bundle (see electron.vite.config.ts).
      workerEntry: { url: new URL('./import-worker.js', import.meta.url) },
      ...(nativeBinding ? { nativeBinding } : {}),
    });
  } catch (e) {
    dialog.showErrorBox('Campaign Desk cannot open its data', e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  registerIpc(ipcMain, core.handlers);
  registerDownloads(ipcMain, core, async (event, suggestedName) => {
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: join(app.getPath('downloads'), suggestedName) };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled ? undefined : result.filePath;
  });
  core.events.onAny((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(PUSH_CHANNEL, { name, payload });
  });
  createWindow();
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

app.whenReady().then(start, (e: unknown) => {
  console.error(e);
  app.exit(1);
});

app.on('activate', () => {
  if (core && BrowserWindow.getAllWindows().length === 0) createWindow();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', (event) => {
  if (!core) return;
  // Let send loops finish their requests in flight and write results before the process ends.
  event.preventDefault();
  const closing = core;
  core = undefined;
  void closing.close().finally(() => app.quit());
});
