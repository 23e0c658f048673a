import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBinding } from '../../../electron/main/native';
import { resourceFile } from '../../../electron/main/resources';
import { trayIconPath } from '../../../electron/main/tray';
import { APP_ID } from '../../../electron/main/window';

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  npmRebuild: boolean;
  files: string[];
  extraResources: { from: string; to: string }[];
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
}

function loadConfig(): BuilderConfig {
  const yaml = require('js-yaml') as { load: (text: string) => unknown };
  return yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

/** Width and height from a PNG's IHDR, and whether it has an alpha channel (RGBA). */
function pngInfo(file: string) {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), rgba: b[25] === 6 };
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    await expect(
      validateConfiguration(loadConfig(), new DebugLogger(false)),
    ).resolves.toBeUndefined();
  });

  it('names the app as the code does, and builds the targets the README promises', () => {
    const config = loadConfig();
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      productName: string;
      scripts: Record<string, string>;
    };
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(pkg.productName);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(pkg.scripts.dist).toMatch(/build-electron-native\.mjs.*electron-builder/);
  });

  it('keeps the Node build of better-sqlite3 apart and ships the Electron one where the app looks', () => {
    const config = loadConfig();
    expect(config.npmRebuild).toBe(false);
    expect(config.files).toContain('!node_modules/better-sqlite3/build/**');
    const native = config.extraResources.find(
      (r) => r.from === 'native/electron/better_sqlite3.node',
    );
    expect(native?.to).toBe('native/better_sqlite3.node');
    // native.ts reads exactly that path when packaged (undefined here: nothing is packaged).
    expect(electronNativeBinding('/nowhere', '/nowhere/resources', true)).toBeUndefined();
  });

  it('ships every file the main process reads from resources/', () => {
    const config = loadConfig();
    const roots = { packaged: false, appPath: root, resourcesPath: '/r' };
    const shipped = (rel: string) =>
      config.extraResources.some((r) => rel === r.to || rel.startsWith(`${r.to}/`));
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const dev = trayIconPath(platform, roots);
      expect(existsSync(dev), dev).toBe(true);
      const rel = dev
        .slice(join(root, 'build').length + 1)
        .split(/[\\/]/)
        .join('/');
      expect(shipped(rel), rel).toBe(true);
    }
    expect(shipped('icons/512x512.png')).toBe(true);
    expect(existsSync(resourceFile(roots, 'icons', '512x512.png'))).toBe(true);
  });

  it('has the icons at the sizes each platform needs', () => {
    expect(pngInfo(join(root, 'build', 'icon.png'))).toEqual({
      width: 1024,
      height: 1024,
      rgba: true,
    });
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngInfo(join(root, 'build', 'icons', `${size}x${size}.png`))).toEqual({
        width: size,
        height: size,
        rgba: true,
      });
    }
    expect(pngInfo(join(root, 'build', 'tray', 'trayTemplate@2x.png'))).toMatchObject({
      width: 32,
      height: 32,
    });
  });
});
