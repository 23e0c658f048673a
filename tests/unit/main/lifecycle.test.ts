import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimSingleInstance, revealWindow } from '../../../electron/main/single-instance';
import {
  parseWindowState,
  restoreBounds,
  trackWindowState,
  type WindowState,
} from '../../../electron/main/window-state';
import { HELP_LINKS, menuTemplate } from '../../../electron/main/menu';
import { createTrayController, trayIconPath } from '../../../electron/main/tray';
import { isSafeExternalUrl } from '../../../electron/main/window';
import type { MenuItemConstructorOptions } from 'electron';

describe('single instance', () => {
  const fakeApp = (gotLock: boolean) => {
    const on = new Map<string, () => void>();
    const calls: string[] = [];
    return {
      on,
      calls,
      app: {
        requestSingleInstanceLock: () => gotLock,
        on: (name: string, fn: () => void) => on.set(name, fn),
        quit: () => calls.push('quit'),
      },
    };
  };

  it('the first start keeps the lock and shows its window when started again', () => {
    const f = fakeApp(true);
    let shown = 0;
    expect(claimSingleInstance(f.app as never, () => shown++)).toBe(true);
    expect(f.calls).toEqual([]);
    f.on.get('second-instance')!();
    f.on.get('second-instance')!();
    expect(shown).toBe(2);
  });

  it('a second start quits at once and goes no further', () => {
    const f = fakeApp(false);
    expect(claimSingleInstance(f.app as never, () => undefined)).toBe(false);
    expect(f.calls).toEqual(['quit']);
    expect(f.on.has('second-instance')).toBe(false);
  });

  it('reveals a minimised or hidden window, or creates one when it was closed', () => {
    const win = (destroyed = false, minimized = false) => {
      const log: string[] = [];
      return {
        log,
        isDestroyed: () => destroyed,
        isMinimized: () => minimized,
        restore: () => log.push('restore'),
        show: () => log.push('show'),
        focus: () => log.push('focus'),
      };
    };
    const minimised = win(false, true);
    expect(revealWindow(minimised, () => win())).toBe(minimised);
    expect(minimised.log).toEqual(['restore', 'show', 'focus']);

    const fresh = win();
    expect(revealWindow(undefined, () => fresh)).toBe(fresh);
    expect(revealWindow(win(true), () => fresh)).toBe(fresh);
    expect(fresh.log).toEqual(['show', 'focus', 'show', 'focus']);
  });
});

describe('window size and position', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1050 }];
  const saved = (
    x: number,
    y: number,
    width = 1300,
    height = 850,
    maximized = false,
  ): WindowState => ({ bounds: { x, y, width, height }, maximized });

  it('come back where they were', () => {
    expect(restoreBounds(saved(100, 80), screen)).toEqual({
      bounds: { x: 100, y: 80, width: 1300, height: 850 },
      maximized: false,
    });
    expect(restoreBounds(saved(100, 80, 1300, 850, true), screen).maximized).toBe(true);
  });

  it('are centred at the default size when first started or the monitor is gone', () => {
    expect(restoreBounds(undefined, screen)).toEqual({
      bounds: { width: 1200, height: 800 },
      maximized: false,
    });
    // Saved on a second monitor to the right that is unplugged now.
    expect(restoreBounds(saved(2500, 100), screen).bounds).toEqual({ width: 1300, height: 850 });
    // Title bar above the top of the screen: could not be dragged back.
    expect(restoreBounds(saved(100, -400), screen).bounds).not.toHaveProperty('x');
  });

  it('are kept within the screen and above the minimum size', () => {
    expect(restoreBounds(saved(0, 0, 4000, 3000), screen).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1050,
    });
    expect(restoreBounds(saved(0, 0, 200, 100), screen).bounds).toEqual({
      x: 0,
      y: 0,
      width: 900,
      height: 600,
    });
    const twoScreens = [...screen, { x: 1920, y: 0, width: 1280, height: 1000 }];
    expect(restoreBounds(saved(2000, 50), twoScreens).bounds).toEqual({
      x: 2000,
      y: 50,
      width: 1280,
      height: 850,
    });
  });

  it('ignore a damaged or foreign state file', () => {
    expect(parseWindowState(undefined)).toBeUndefined();
    expect(parseWindowState('{oops')).toBeUndefined();
    expect(parseWindowState('{"bounds":{"x":"1","y":2,"width":3,"height":4}}')).toBeUndefined();
    expect(
      parseWindowState('{"bounds":{"x":1,"y":2,"width":1000,"height":700},"maximized":true}'),
    ).toEqual(saved(1, 2, 1000, 700, true));
  });

  it('are saved after moving stops and when the window closes, as the normal bounds', () => {
    const on = new Map<string, () => void>();
    let maximized = false;
    const win = {
      on: (e: string, fn: () => void) => on.set(e, fn),
      getNormalBounds: () => ({ x: 5, y: 6, width: 1000, height: 700 }),
      isMaximized: () => maximized,
      isDestroyed: () => false,
    };
    const timers: (() => void)[] = [];
    const saves: WindowState[] = [];
    trackWindowState(win as never, (s) => saves.push(s), {
      set: (fn) => timers.push(fn),
      clear: () => timers.splice(0),
    });
    on.get('move')!();
    on.get('resize')!();
    expect(saves).toHaveLength(0);
    expect(timers).toHaveLength(1); // debounced: one pending save
    timers[0]!();
    maximized = true;
    on.get('close')!();
    expect(saves).toEqual([
      { bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: false },
      { bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: true },
    ]);
  });
});

describe('application menu', () => {
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((i) => [
      ...(i.role ? [String(i.role)] : []),
      ...(Array.isArray(i.submenu) ? roles(i.submenu) : []),
    ]);
  const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label ?? i.role);
  const actions = {
    appName: 'Campaign Desk',
    openExternal: () => undefined,
    about: () => undefined,
    showLogFolder: () => undefined,
  };

  it('has the usual entries on each platform', () => {
    const win = menuTemplate({ ...actions, platform: 'win32', packaged: true });
    expect(labels(win)).toEqual(['File', 'Edit', 'View', 'window', 'help']);
    expect(roles(win)).toEqual(
      expect.arrayContaining([
        'quit',
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'zoomIn',
        'togglefullscreen',
        'minimize',
      ]),
    );
    const mac = menuTemplate({ ...actions, platform: 'darwin', packaged: true });
    expect(labels(mac)[0]).toBe('Campaign Desk');
    expect(roles(mac)).toEqual(
      expect.arrayContaining(['about', 'hide', 'quit', 'pasteAndMatchStyle', 'front']),
    );
  });

  it('offers "Show log folder" in Help, the place every "see the log" message points to', () => {
    let shown = 0;
    const help = menuTemplate({
      ...actions,
      platform: 'win32',
      packaged: true,
      showLogFolder: () => (shown += 1),
    }).find((m) => m.role === 'help')!;
    const item = (help.submenu as MenuItemConstructorOptions[]).find(
      (i) => i.label === 'Show log folder',
    );
    (item?.click as (() => void) | undefined)?.();
    expect(shown).toBe(1);
  });

  it('offers developer tools only in development builds', () => {
    expect(roles(menuTemplate({ ...actions, platform: 'linux', packaged: true }))).not.toContain(
      'toggleDevTools',
    );
    expect(roles(menuTemplate({ ...actions, platform: 'linux', packaged: false }))).toContain(
      'toggleDevTools',
    );
  });

  it('opens help links through the checked external opener, all https', () => {
    const opened: string[] = [];
    const help = menuTemplate({
      ...actions,
      platform: 'linux',
      packaged: true,
      openExternal: (u) => opened.push(u),
    }).find((m) => m.role === 'help')!;
    for (const item of help.submenu as MenuItemConstructorOptions[])
      (item.click as (() => void) | undefined)?.();
    expect(opened).toEqual(HELP_LINKS.map((l) => l.url));
    expect(opened.every(isSafeExternalUrl)).toBe(true);
  });
});

describe('tray', () => {
  it('shows whether the app is sending and offers open and quit', () => {
    const calls: { tip: string[]; menus: MenuItemConstructorOptions[][]; click?: () => void } = {
      tip: [],
      menus: [],
    };
    const log: string[] = [];
    const tray = createTrayController({
      appName: 'Campaign Desk',
      createTray: () => ({
        setToolTip: (t) => calls.tip.push(t),
        setContextMenu: (m) => calls.menus.push(m as MenuItemConstructorOptions[]),
        on: (_e, fn) => (calls.click = fn),
        destroy: () => log.push('destroy'),
      }),
      buildMenu: (t) => t,
      showWindow: () => log.push('show'),
      quit: () => log.push('quit'),
    });
    tray.update(0); // unchanged: no rebuild
    tray.update(2);
    tray.update(2);
    tray.update(1);
    expect(calls.tip).toEqual([
      'Campaign Desk',
      'Campaign Desk: sending 2 campaigns',
      'Campaign Desk: sending 1 campaign',
    ]);
    const last = calls.menus.at(-1)!;
    expect(last.map((i) => i.label ?? i.type)).toEqual([
      'Sending 1 campaign',
      'separator',
      'Open Campaign Desk',
      'Quit Campaign Desk',
    ]);
    (last[2]!.click as () => void)();
    (last[3]!.click as () => void)();
    calls.click!();
    tray.destroy();
    expect(log).toEqual(['show', 'quit', 'show', 'destroy']);
  });

  it('uses a template image on macOS, and the packaged copy when packaged', () => {
    expect(trayIconPath('darwin', { packaged: true, appPath: '/a', resourcesPath: '/r' })).toBe(
      join('/r', 'tray', 'trayTemplate.png'),
    );
    expect(trayIconPath('linux', { packaged: false, appPath: '/a', resourcesPath: '/r' })).toBe(
      join('/a', 'build', 'tray', 'tray.png'),
    );
  });
});
