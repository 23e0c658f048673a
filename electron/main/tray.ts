import { resourceFile, type ResourceRoots } from './resources';
import type { MenuItemConstructorOptions } from 'electron';

export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps {
  appName: string;
  createTray: () => TrayLike;
  buildMenu: (template: MenuItemConstructorOptions[]) => unknown;
  showWindow: () => void;
  quit: () => void;
}

/** What the tray says: the app is running, and how many campaigns it is sending. */
export function trayTemplate(
  appName: string,
  sending: number,
  actions: Pick<TrayDeps, 'showWindow' | 'quit'>,
): MenuItemConstructorOptions[] {
  return [
    {
      label:
        sending === 0 ? 'Not sending' : `Sending ${sending} campaign${sending === 1 ? '' : 's'}`,
      enabled: false,
    },
    { type: 'separator' },
    { label: `Open ${appName}`, click: actions.showWindow },
    { label: `Quit ${appName}`, click: actions.quit },
  ];
}

export function trayTooltip(appName: string, sending: number): string {
  return sending === 0
    ? appName
    : `${appName}: sending ${sending} campaign${sending === 1 ? '' : 's'}`;
}

/**
 * The tray icon keeps the app reachable while it sends with its window closed. It exists for the
 * whole run, so the user can always see that Campaign Desk is still working, and is refreshed
 * only when the number of sending campaigns changes.
 */
export function createTrayController(deps: TrayDeps) {
  const tray = deps.createTray();
  tray.on('click', deps.showWindow);
  let shown: number | undefined;
  const update = (sending: number) => {
    if (sending === shown) return;
    shown = sending;
    tray.setToolTip(trayTooltip(deps.appName, sending));
    tray.setContextMenu(deps.buildMenu(trayTemplate(deps.appName, sending, deps)));
  };
  update(0);
  return { update, destroy: () => tray.destroy() };
}

/**
 * The tray image: a monochrome template on macOS (the menu bar tints it for light and dark), the
 * coloured icon elsewhere. Electron picks the @2x file itself on high-density screens.
 */
export function trayIconPath(platform: NodeJS.Platform, roots: ResourceRoots): string {
  return resourceFile(roots, 'tray', platform === 'darwin' ? 'trayTemplate.png' : 'tray.png');
}
