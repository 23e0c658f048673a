#!/usr/bin/env node
// The installed `campaign-desk`: the bundled CLI (out/cli, built by `npm run build`) with plain
// node. In a source checkout that was not built yet, the TypeScript CLI through tsx instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out', 'cli', 'cli.js');

if (existsSync(bundle)) {
  await import(pathToFileURL(bundle).href);
} else {
  const require = createRequire(import.meta.url);
  let tsx;
  try {
    tsx = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
  } catch {
    console.error('campaign-desk: the CLI is not built. Run `npm run build` in ' + root + '.');
    process.exit(1);
  }
  const result = spawnSync(
    process.execPath,
    [tsx, join(root, 'electron/headless/cli.ts'), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}
