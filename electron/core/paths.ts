import { homedir } from 'node:os';
import { join } from 'node:path';

/** The product name Electron derives userData from (package.json "productName"). */
export const PRODUCT_NAME = 'Campaign Desk';
export const DATA_DIR_ENV = 'CAMPAIGN_DESK_DATA_DIR';

/**
 * The folder Electron's app.getPath('userData') resolves to for this app, computed without
 * Electron so the headless shell and the CLI open the same database as the desktop app.
 * The main process sets userData to this value explicitly, so the two can never drift.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

/** --data-dir wins, then CAMPAIGN_DESK_DATA_DIR, then the app's own folder. */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (flag && flag.trim()) return flag;
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv && fromEnv.trim()) return fromEnv;
  return defaultDataDir(process.platform, env);
}
