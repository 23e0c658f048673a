import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Vitest's default in a run is one worker fewer than the cores: on our 2-core machines a single
// worker, so every file waited for the one before it. One worker per core: the integration tests
// are mostly CPU (SQLite, the sandbox and the core in one process), so more workers than cores
// gain little and stretch each test towards its timeout on a loaded machine.
// VITEST_MAX_WORKERS overrides it.
const workers = Number(process.env.VITEST_MAX_WORKERS) || availableParallelism();

/**
 * Integration files that run in a fresh process each. These folders have not yet had a whole run
 * with shared modules (2026-12-08's load of 20-30 left no time for it; a partial one had a failure
 * in each of sending/send, reliability and end-states, not yet compared with an isolated run):
 * they move to the shared project once such a run shows no failure an isolated run does not.
 */
const ISOLATED: string[] = [
  'tests/integration/import/**/*.test.ts',
  'tests/integration/status/**/*.test.ts',
  'tests/integration/sending/**/*.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    // A guard against hangs, not a speed check: on our shared 2-core machine (load average ~20)
    // tests that take 1-4 s on a quiet one took 20-46 s, and the old 20 s limit failed dozens of
    // them (with a cascade in the tests after them). Speed targets live in tests/bench.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: workers,
    projects: [
      {
        extends: true,
        // Unit tests keep no state between files (no mocks, no globals), so a worker reuses the
        // modules it has loaded instead of loading zod, kysely and the core again for every
        // file: that loading was most of their time.
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false },
      },
      {
        extends: true,
        // Integration files share their worker's modules too: loading the core, the sandbox, zod
        // and kysely again for each file cost ~0.9 s of CPU per file (BENCHMARKS.md, "Test suite
        // time"). Each file still starts its own cores, sandboxes and data folders and closes
        // them; the process-wide state they touch (the core's log, environment variables) is put
        // back when a core closes or in the file's own cleanup. Their worker threads (imports,
        // exports) load bundles built once per run instead of tsx compiling them in every thread
        // (~1.2 s of CPU saved per thread; see the setup file).
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: ISOLATED,
          isolate: false,
          globalSetup: ['tests/helpers/worker-bundles.ts'],
        },
      },
      {
        extends: true,
        // The files that need a process of their own (see ISOLATED).
        test: {
          name: 'integration-isolated',
          include: ISOLATED,
          globalSetup: ['tests/helpers/worker-bundles.ts'],
        },
      },
    ],
  },
});
