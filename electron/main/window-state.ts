import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1200, height: 800 };
const MIN = { width: 900, height: 600 };
/** How much of the title bar must be on a screen for a saved position to be used. */
const VISIBLE_MIN = 100;

/** A saved state, or undefined when the file is missing or not ours (never throws at start-up). */
export function parseWindowState(text: string | undefined): WindowState | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<WindowState>;
    const b = v.bounds;
    const nums =
      b && [b.x, b.y, b.width, b.height].every((n) => typeof n === 'number' && Number.isFinite(n));
    if (!b || !nums) return undefined;
    return {
      bounds: { x: b.x, y: b.y, width: b.width, height: b.height },
      maximized: v.maximized === true,
    };
  } catch {
    return undefined;
  }
}

/**
 * The bounds to open with: the saved ones when their top edge is still on a display (a monitor
 * may have been unplugged since), clamped to a sane size; otherwise the default size, centred.
 */
export function restoreBounds(
  saved: WindowState | undefined,
  workAreas: Rectangle[],
): { bounds: Partial<Rectangle> & { width: number; height: number }; maximized: boolean } {
  if (!saved) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const { x, y } = saved.bounds;
  const width = Math.max(MIN.width, Math.round(saved.bounds.width));
  const height = Math.max(MIN.height, Math.round(saved.bounds.height));
  const onScreen = workAreas.some((a) => {
    const overlapX = Math.min(x + width, a.x + a.width) - Math.max(x, a.x);
    return overlapX >= VISIBLE_MIN && y >= a.y && y < a.y + a.height - 20;
  });
  const area = workAreas.find((a) => x >= a.x && x < a.x + a.width) ?? workAreas[0];
  const fitted = {
    width: area ? Math.min(width, area.width) : width,
    height: area ? Math.min(height, area.height) : height,
  };
  return onScreen
    ? { bounds: { x: Math.round(x), y: Math.round(y), ...fitted }, maximized: saved.maximized }
    : { bounds: fitted, maximized: saved.maximized };
}

export function readWindowState(file: string): WindowState | undefined {
  try {
    return parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}

type TrackedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'>;

/**
 * Saves the window's normal (un-maximised) bounds and whether it is maximised: shortly after it
 * stops moving or resizing, and when it closes. Returns a function that saves at once.
 */
export function trackWindowState(
  win: TrackedWindow,
  save: (state: WindowState) => void,
  timers: { set: (fn: () => void, ms: number) => unknown; clear: (t: unknown) => void } = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (t) => clearTimeout(t as NodeJS.Timeout),
  },
): () => void {
  let pending: unknown;
  const saveNow = () => {
    if (pending !== undefined) timers.clear(pending);
    pending = undefined;
    if (win.isDestroyed()) return;
    try {
      save({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch {
      // Losing the window position is not worth a crash (read-only home, full disk).
    }
  };
  const later = () => {
    if (pending !== undefined) timers.clear(pending);
    pending = timers.set(saveNow, 500);
  };
  for (const e of ['resize', 'move', 'maximize', 'unmaximize'] as const)
    win.on(e as 'resize', later);
  win.on('close', saveNow);
  return saveNow;
}
