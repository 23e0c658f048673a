// `npm start`: build, then open the Electron app; where no Electron binary is installed
// (ELECTRON_SKIP_BINARY_DOWNLOAD=1), say so and open the headless shell in the browser instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const passthrough = process.argv.slice(2);

function run(cmd, args) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const bin = join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH,
      process.platform === 'win32' ? 'electron.exe' : 'electron',
    );
    return existsSync(bin) ? bin : null;
  }
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

run(process.execPath, [
  join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'),
  'build',
]);

const electron = electronBinary();
if (electron) {
  // The app needs better-sqlite3 built for Electron's ABI, kept apart from the Node build.
  if (!existsSync(join(root, 'native/electron/better_sqlite3.node')))
    run(process.execPath, [join(root, 'scripts/build-electron-native.mjs')]);
  const child = spawn(electron, [root, ...passthrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'No Electron binary is installed here (it was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed),\n' +
      'so Campaign Desk opens in your default browser instead: the same app, served on 127.0.0.1 only.\n',
  );
  const tsx = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
  const child = spawn(
    process.execPath,
    [tsx, join(root, 'electron/headless/cli.ts'), 'serve', '--open', ...passthrough],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
