// `npm run depcruise` (part of `npm test`): the import graph of the app, checked against the
// architecture. "A folder is a process": each folder may import only what its process can load,
// and no module may reach itself through others. eslint.config.js states the same process
// boundaries with no-restricted-imports, which costs lint next to nothing and gives the editor its
// message as you type; this checks them on the resolved graph, where an import is caught however it
// is written (a re-export, a dynamic import, a relative path lint's patterns miss), and adds what
// lint cannot see: cycles, the preload, imports of tests/ and imports that resolve to nothing.
// Globals (window, process, fetch) are not imports: only lint sees them.
// A rule's `comment` is what the author of a violating import reads: say what to do instead.

const CORE_PROCESSES = '^electron/(core|headless|sandbox)/';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A module that imports itself through others: move the part both need into its own file.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'core-without-electron',
      severity: 'error',
      comment:
        'The core, the headless shell and the sandbox run in plain Node (a utility process, the CLI, the ' +
        'browser shell): they never load Electron. Inject what you need from electron/main instead.',
      from: { path: CORE_PROCESSES },
      to: { path: ['^node_modules/electron/', '^electron/(main|preload)/'] },
    },
    {
      name: 'shared-is-platform-free',
      severity: 'error',
      comment:
        'shared/ runs in every process, the renderer included: no node:* modules, no Electron, no React, ' +
        'and nothing from electron/ or renderer/. Pass what it needs in as arguments.',
      from: { path: '^shared/' },
      to: {
        path: ['^electron/', '^renderer/', '^node_modules/(electron|react|react-dom)/'],
      },
    },
    {
      name: 'shared-without-node-builtins',
      severity: 'error',
      comment: 'shared/ is platform-free: no node:* (or fs, path, crypto…) modules.',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-only-through-api',
      severity: 'error',
      comment:
        'The renderer runs in a browser sandbox and reaches the backend only through ' +
        'renderer/src/lib/api.ts: import the contract from shared/api, never electron/ or Node.',
      from: { path: '^renderer/' },
      to: { path: ['^electron/', '^node_modules/electron/'] },
    },
    {
      name: 'renderer-without-node-builtins',
      severity: 'error',
      comment: 'The renderer runs in a browser sandbox: no node:* modules.',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-only-shared',
      severity: 'error',
      comment:
        'The preload is sandboxed: it builds the bridge from the contract in shared/api and imports ' +
        'nothing else of ours (the core runs in its own process).',
      from: { path: '^electron/preload/' },
      to: { path: ['^electron/(core|main|headless|sandbox)/', '^renderer/'] },
    },
    {
      name: 'app-not-from-tests',
      severity: 'error',
      comment:
        'Shipped code never imports from tests/: move the helper into the app or keep it there.',
      from: { path: '^(electron|shared|renderer|bin)/' },
      to: { path: '^tests/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import that resolves to no file: a typo, or a package missing from package.json.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|\\.tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.mjs', '.js'],
      // Packages such as tsx publish their entry points only through package.json "exports".
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
