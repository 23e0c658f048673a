import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron build of better-sqlite3 lives apart from the Node build in node_modules
 * (native/electron/ in development, resources/native/ when packaged), so tests under Node and
 * the app under Electron never fight over one binary. See docs/architecture.md, "Native module".
 */
export function electronNativeBinding(
  appPath: string,
  resourcesPath: string,
  packaged: boolean,
): string | undefined {
  const candidate = packaged
    ? join(resourcesPath, 'native', 'better_sqlite3.node')
    : join(appPath, 'native', 'electron', 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}
