import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
  utilityProcess,
} from 'electron';
import { PUSH_CHANNEL } from '../../shared/api';
import { LOG_FOLDER } from '../core/log';
import { defaultDataDir } from '../core/paths';
import { askAfterCrash } from './core-supervisor';
import { startDesktopCore, type DesktopCore } from './desktop-core';
import { registerDownloads } from './downloads';
import { registerIpc } from './ipc';
import { createKeychainVault } from './keychain';
import { menuTemplate } from './menu';
import { electronNativeBinding } from './native';
import { factsThrough, watchCampaignOutcomes } from './notifications';
import { watchReplies } from './reply-notifications';
import { registerAppProtocol } from './protocol';
import { resourceFile } from './resources';
import { askBeforeQuit, createQuitGuard, createSendingCount } from './quit-guard';
import { hardenAllContents, openExternalSafely } from './security';
import { claimSingleInstance, revealWindow } from './single-instance';
import { createTrayController, trayIconPath } from './tray';
import { APP_ID, APP_ORIGIN, hardenSession, windowOptions } from './window';
import { readWindowState, restoreBounds, trackWindowState, writeWindowState } from './window-state';

// Composition root: lifecycle and wiring. Each concern lives in its own module beside this one,
// written against injected Electron objects so tests can drive it with fakes.

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// The headless shell and CLI compute the same folder without Electron; pin it so they agree.
// Before the single-instance lock, which lives in this folder.
app.setPath('userData', defaultDataDir());
// Windows shows notifications only for an app id its Start menu shortcut carries (set by the installer).
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

let core: DesktopCore | undefined;
let mainWindow: BrowserWindow | undefined;
let tray: ReturnType<typeof createTrayController> | undefined;
let toldAboutBackground = false;

const openExternal = (url: string) => {
  openExternalSafely(
    (u) => shell.openExternal(u),
    url,
    (m) => console.warn(m),
  );
};
let sendingCount: ReturnType<typeof createSendingCount> | undefined;
const sendingHere = () => (core ? (sendingCount?.current() ?? 0) : 0);
const roots = () => ({
  packaged: app.isPackaged,
  appPath: app.getAppPath(),
  resourcesPath: process.resourcesPath,
});

function createWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const restored = restoreBounds(
    readWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  // Linux window managers take the window's icon from here; macOS and Windows from the bundle.
  const icon =
    process.platform === 'linux' ? resourceFile(roots(), 'icons', '512x512.png') : undefined;
  const win = new BrowserWindow(
    windowOptions(join(import.meta.dirname, '../preload/index.cjs'), restored.bounds, icon),
  );
  trackWindowState(win, (state) => writeWindowState(stateFile, state));
  if (restored.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

function showWindow(): void {
  if (core) mainWindow = revealWindow(mainWindow, createWindow);
}

const quitGuard = createQuitGuard({
  sendingHere,
  ask: (sending) =>
    askBeforeQuit(
      (options) =>
        mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options),
      sending,
    ),
  keepSendingInBackground: () => mainWindow?.close(),
  quit: () => app.quit(),
});

function notify(title: string, body: string, onClick: () => void = showWindow): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title, body });
  n.on('click', onClick);
  n.show();
}

async function start(): Promise<void> {
  const rendererRoot = join(import.meta.dirname, '../renderer');
  registerAppProtocol(protocol, rendererRoot);
  hardenSession(session.defaultSession);

  const nativeBinding = electronNativeBinding(
    app.getAppPath(),
    process.resourcesPath,
    app.isPackaged,
  );
  const desk = startDesktopCore({
    options: {
      dataDir: app.getPath('userData'),
      shell: 'electron',
      runSenders: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    },
    // electron-vite emits the core's entry (and the import workers it starts) beside this bundle.
    entry: join(import.meta.dirname, 'core-utility.js'),
    fork: (path, args, options) => utilityProcess.fork(path, args, options),
    keychain: createKeychainVault({
      safeStorage,
      platform: process.platform,
      file: join(app.getPath('userData'), 'secrets', 'tokens.json'),
    }),
    askRestart: () => askAfterCrash((options) => dialog.showMessageBox(options)),
    quit: () => app.quit(),
    // The pages' data came from the old process: reload it from the new one.
    restarted: () => BrowserWindow.getAllWindows().forEach((w) => w.webContents.reload()),
  });
  try {
    await desk.ready;
  } catch (e) {
    dialog.showErrorBox(
      'Campaign Desk cannot open its data',
      e instanceof Error ? e.message : String(e),
    );
    app.exit(1);
    return;
  }
  core = desk;
  sendingCount = createSendingCount(desk.op);
  registerIpc(ipcMain, desk.call);
  registerDownloads(ipcMain, desk.op, async (event, suggestedName) => {
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: join(app.getPath('downloads'), suggestedName) };
    const result = win
      ? await dialog.showSaveDialog(win, options)
      : await dialog.showSaveDialog(options);
    return result.canceled ? undefined : result.filePath;
  });
  desk.events.onAny((name, payload) => {
    for (const win of BrowserWindow.getAllWindows())
      win.webContents.send(PUSH_CHANNEL, { name, payload });
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        appName: app.name,
        packaged: app.isPackaged,
        openExternal,
        about: () => app.showAboutPanel(),
        showLogFolder: () => {
          const folder = join(app.getPath('userData'), LOG_FOLDER);
          mkdirSync(folder, { recursive: true, mode: 0o700 });
          void shell.openPath(folder);
        },
      }),
    ),
  );
  const icon = nativeImage.createFromPath(trayIconPath(process.platform, roots()));
  tray = createTrayController({
    appName: app.name,
    createTray: () => new Tray(icon),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    showWindow,
    quit: () => app.quit(),
  });
  const refreshTray = () => {
    void sendingCount?.refresh().then(() => tray?.update(sendingHere()));
  };
  desk.events.on('send.progress', refreshTray);
  desk.events.on('db.changed', (e) => {
    if (e.tables.includes('campaigns')) refreshTray();
  });
  // Campaigns the core resumed at start are counted before any event arrives.
  refreshTray();
  watchCampaignOutcomes({
    events: desk.events,
    describe: factsThrough(desk.op),
    notify: (n) => notify(n.title, n.body),
  });
  watchReplies({
    events: desk.events,
    isFocused: () => mainWindow?.isFocused() ?? false,
    notify: (n, onClick) => notify(n.title, n.body, onClick),
    showWindow,
  });
  // Never hold up a shutdown or logout with the quit question: sending resumes on the next start.
  powerMonitor.on('shutdown', () => quitGuard.allowQuit());

  showWindow();
}

if (claimSingleInstance(app, showWindow)) {
  hardenAllContents(app, openExternal);

  app.whenReady().then(start, (e: unknown) => {
    console.error(e);
    app.exit(1);
  });

  app.on('activate', showWindow);

  app.on('window-all-closed', () => {
    if (!quitGuard.stayInBackground(process.platform)) {
      app.quit();
      return;
    }
    if (process.platform !== 'darwin' && !toldAboutBackground) {
      toldAboutBackground = true;
      notify(
        'Campaign Desk is still sending',
        'Sending goes on in the background. The tray icon opens Campaign Desk again or quits it.',
      );
    }
  });

  app.on('before-quit', (event) => quitGuard.beforeQuit(event));

  app.on('will-quit', (event) => {
    tray?.destroy();
    tray = undefined;
    if (!core) return;
    // Let send loops finish their requests in flight and write their results before the process
    // ends. Campaigns stay "sending", and the next start picks them up again.
    event.preventDefault();
    const closing = core;
    core = undefined;
    void closing.close().finally(() => app.quit());
  });
}
