import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

const __dirname = import.meta.dirname;
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Writes .br and .gz beside each text asset of the renderer build, so the headless shell serves
 * compressed files without compressing on its own event loop (electron/headless/static.ts).
 */
function precompress(): Plugin {
  return {
    name: 'campaign-desk:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) return;
      const text = Object.keys(bundle).filter((f) => /\.(js|css|html|svg|json)$/.test(f));
      for (const name of text) {
        const data = await readFile(join(dir, name));
        if (data.length < 1024) continue;
        const params = { [zlib.BROTLI_PARAM_QUALITY]: 11 };
        await writeFile(join(dir, `${name}.br`), await brotli(data, { params }));
        await writeFile(join(dir, `${name}.gz`), await gz(data, { level: 9 }));
      }
    },
  };
}

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
          // The core itself, in an Electron utilityProcess (electron/main/core-process.ts).
          'core-utility': resolve(__dirname, 'electron/core/host/utility-entry.ts'),
        },
        // Chunks beside the entries: the core is shared by index.js and core-utility.js, so it lands
        // in a chunk, and workerEntry() looks for the workers next to the module that starts them.
        output: { chunkFileNames: '[name]-[hash].js' },
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
    plugins: [react(), precompress()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite's renderer preset turns minification off; the headless shell serves this
      // bundle over HTTP, so it ships minified.
      minify: true,
      // electron-vite copies rolldownOptions over rollupOptions for the renderer.
      rolldownOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        output: {
          // Vendor code changes less often than ours: its own chunks stay cached across builds.
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
              { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/ },
              { name: 'vendor', test: /node_modules[\\/]/ },
            ],
          },
        },
      },
    },
  },
});
