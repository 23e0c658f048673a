import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../electron/core/paths';

describe('data directory', () => {
  it("matches Electron's userData for each platform", () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Campaign Desk');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe(
      '/xdg/Campaign Desk',
    );
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Campaign Desk',
    );
    expect(
      defaultDataDir('win32', { APPDATA: 'C:/Users/ana/AppData/Roaming' }, 'C:/Users/ana'),
    ).toMatch(/Roaming.Campaign Desk$/);
  });

  it('prefers --data-dir, then CAMPAIGN_DESK_DATA_DIR', () => {
    expect(resolveDataDir('/flag', { CAMPAIGN_DESK_DATA_DIR: '/env' })).toBe('/flag');
    expect(resolveDataDir(undefined, { CAMPAIGN_DESK_DATA_DIR: '/env' })).toBe('/env');
    expect(resolveDataDir(undefined, {})).toMatch(/Campaign Desk$/);
  });
});
