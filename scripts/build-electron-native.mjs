// Builds better-sqlite3 for Electron's ABI into native/electron/, leaving the Node build in
// node_modules (used by the tests and the CLI) untouched. Needs internet access once, to fetch
// Electron's headers. The app loads this file through better-sqlite3's `nativeBinding` option.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = join(root, '.tmp', 'electron-native', 'better-sqlite3');
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');

rmSync(work, { recursive: true, force: true });
mkdirSync(dirname(work), { recursive: true });
cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${source}/build`) });

console.log(
  `Building better-sqlite3 for Electron ${electronVersion} (${process.platform}-${process.arch})...`,
);
const r = spawnSync(
  process.execPath,
  [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit' },
);
if (r.status !== 0) {
  console.error(
    'Building the Electron native module failed (it needs internet access to fetch Electron headers).',
  );
  process.exit(r.status ?? 1);
}
mkdirSync(join(root, 'native', 'electron'), { recursive: true });
copyFileSync(
  join(work, 'build', 'Release', 'better_sqlite3.node'),
  join(root, 'native', 'electron', 'better_sqlite3.node'),
);
console.log('Wrote native/electron/better_sqlite3.node');
