// Bundles the CLI (and the relay, the headless shell and the workers it starts) into out/cli/,
// so `campaign-desk` runs with plain node from a production install: no tsx, no TypeScript.
// Packages in `dependencies` stay external (better-sqlite3 is native; the others are installed).
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'rolldown';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
];

await build({
  input: {
    cli: join(root, 'electron/headless/cli.ts'),
    // Beside cli.js, where workerEntry() looks for them (electron/core/workers/run-worker.ts).
    'import-worker': join(root, 'electron/core/contacts/import-worker.ts'),
    'export-worker': join(root, 'electron/core/reports/export-worker.ts'),
    'suppression-worker': join(root, 'electron/core/suppression/import-worker.ts'),
    // `serve` runs the core in a worker thread (electron/core/host/client.ts, startCoreThread).
    'core-host': join(root, 'electron/core/host/thread-entry.ts'),
  },
  platform: 'node',
  external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
  output: {
    dir: join(root, 'out/cli'),
    format: 'esm',
    entryFileNames: '[name].js',
    // Beside the entries, not in chunks/: the core (shared by cli.js and core-host.js) lands in a
    // chunk, and workerEntry() finds the workers next to the module that starts them.
    chunkFileNames: '[name]-[hash].js',
    sourcemap: true,
  },
});
console.log('built out/cli/cli.js');
