import { join } from 'node:path';

export interface ResourceRoots {
  packaged: boolean;
  appPath: string;
  resourcesPath: string;
}

/**
 * Files the main process reads at run time (tray and window icons). In development they are in
 * build/; electron-builder.yml's extraResources copies the same folders next to app.asar
 * (resources/), because build/ itself is never packed into the app.
 */
export function resourceFile(roots: ResourceRoots, ...rel: string[]): string {
  return roots.packaged ? join(roots.resourcesPath, ...rel) : join(roots.appPath, 'build', ...rel);
}
