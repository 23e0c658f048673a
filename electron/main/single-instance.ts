import type { App } from 'electron';

/**
 * One Campaign Desk per user. Two app processes on one data folder would fight over the send
 * lease and the tray, so a second start hands over to the first (which shows its window) and exits.
 * Returns false in the second process, which must stop starting up.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on' | 'quit'>,
  showExisting: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => showExisting());
  return true;
}

export interface RevealableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** Brings the window back from the tray, the dock or minimised; creates one if it was closed. */
export function revealWindow<W extends RevealableWindow>(
  current: W | undefined,
  create: () => W,
): W {
  const win = current && !current.isDestroyed() ? current : create();
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  return win;
}
