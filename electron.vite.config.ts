import { resolve } from 'node:path';

const __dirname = import.meta.dirname;
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // Imports run in a worker thread; the core finds it beside index.js.
          'import-worker': resolve(__dirname, 'electron/core/contacts/import-worker.ts'),
          // Delivery reports are written in a worker too (electron/core/reports/runner.ts).
          'export-worker': resolve(__dirname, 'electron/core/reports/export-worker.ts'),
          // Files of numbers onto the suppression list (electron/core/suppression/runner.ts).
          'suppression-worker': resolve(__dirname, 'electron/core/suppression/import-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() packages: bundle everything, emit CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
