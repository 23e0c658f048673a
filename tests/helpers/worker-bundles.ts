import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'rolldown';
import type { TestProject } from 'vitest/node';

/**
 * Vitest's global setup: bundles the core's worker threads once per run, as `npm run build` does
 * (scripts/build-cli.mjs), and points workerEntry() at them (CAMPAIGN_DESK_TEST_WORKERS, read in
 * electron/core/workers/run-worker.ts). Without it every import, export and suppression file a
 * test starts boots tsx in a fresh thread and compiles the worker's modules again: ~2 s of CPU
 * each, against ~0.7 s for the bundle, and the integration tests start several hundred of them.
 * The workers' code is the same source; only the loading differs (the built app loads bundles too).
 */
const root = join(import.meta.dirname, '..', '..');

/** Bundles the worker entries into `dir`, as scripts/build-cli.mjs bundles them for the CLI. */
async function bundle(dir: string): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const external = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...builtinModules,
    ...builtinModules.map((m) => `node:${m}`),
  ];
  await build({
    input: {
      'import-worker': join(root, 'electron/core/contacts/import-worker.ts'),
      'export-worker': join(root, 'electron/core/reports/export-worker.ts'),
      'suppression-worker': join(root, 'electron/core/suppression/import-worker.ts'),
      'core-host': join(root, 'electron/core/host/thread-entry.ts'),
    },
    platform: 'node',
    external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
    logLevel: 'warn',
    output: {
      dir,
      format: 'esm',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
  });
}

export default async function setup(project: TestProject): Promise<() => void> {
  // Set already: the other vitest project's setup built them in this process (or tsx asked for).
  if (process.env.CAMPAIGN_DESK_TEST_WORKERS || process.env.CAMPAIGN_DESK_TEST_WORKERS_TSX)
    return () => undefined;
  // Inside the repository, so the bundles find node_modules (better-sqlite3 is native, not bundled);
  // one folder per run, so two runs in one worktree do not overwrite each other's files.
  const dir = join(root, 'node_modules', '.cache', 'test-workers', String(process.pid));
  mkdirSync(dir, { recursive: true });
  await bundle(dir);
  // In watch mode the sources change between runs: bundle again before each rerun.
  project.onTestsRerun(() => bundle(dir));
  process.env.CAMPAIGN_DESK_TEST_WORKERS = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env.CAMPAIGN_DESK_TEST_WORKERS;
  };
}
