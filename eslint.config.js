// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noElectron = {
  paths: [
    {
      name: 'electron',
      message: 'electron/core and shared/ run without Electron: inject what you need.',
    },
  ],
  patterns: [{ group: ['electron/*'], message: 'electron/core and shared/ run without Electron.' }],
};

export default tseslint.config(
  {
    ignores: [
      '.tmp/**',
      'out/**',
      'dist/**',
      'node_modules/**',
      'native/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // The contract's handlers are sometimes sync and sometimes async by design.
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['scripts/**', 'bin/**', '*.config.*', 'electron/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  // A folder is a process: each zone may import only what its process can load.
  {
    files: ['electron/core/**/*.ts', 'electron/headless/**/*.ts', 'electron/sandbox/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noElectron.paths,
            { name: 'react', message: 'shared/ is platform-free.' },
            { name: 'react-dom', message: 'shared/ is platform-free.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'shared/ is platform-free: no node:* modules.' },
            {
              group: ['fs', 'path', 'os', 'crypto', 'http', 'child_process', 'worker_threads'],
              message: 'shared/ is platform-free.',
            },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ depends on nothing else in the repo.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'process',
        'Buffer',
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer reaches the backend only through lib/api.ts.',
            },
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser sandbox.' },
            {
              group: ['**/electron/**'],
              message: 'The renderer reaches the backend only through lib/api.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only lib/api.ts may touch the transport (fetch, EventSource, the preload bridge).
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/src/lib/api.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Call the backend through renderer/src/lib/api.ts.' },
        { name: 'EventSource', message: 'Subscribe through renderer/src/lib/api.ts.' },
        { name: 'XMLHttpRequest', message: 'Call the backend through renderer/src/lib/api.ts.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'campaignDesk', message: 'Use renderer/src/lib/api.ts.' },
        { object: 'window', property: 'fetch', message: 'Use renderer/src/lib/api.ts.' },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'tests/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
