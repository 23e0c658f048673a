// One hostile file through the real import path (core, import worker with its memory cap,
// xlsx limits, CSV row guard) in a fresh process and data folder. Prints JSON: the time to the
// answer, the process's RSS before the import and its peak (VmHWM: the worker thread is part of
// the process), what the user was told, and whether the same core then imports a small file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/service';
import { dispatch } from '../../electron/core/api/dispatch';

const [file, fileName] = process.argv.slice(2);
if (!file || !fileName) throw new Error('usage: hostile-import.ts FILE FILENAME');
const rssMB = (field: 'VmRSS' | 'VmHWM') => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return Math.round(Number(m?.[1] ?? 0) / 1024);
};

const imported = (v: unknown) => {
  const r = v as { imported: number; invalid: number; encoding: string | null };
  return `imported ${r.imported}, ${r.invalid} row(s) refused${r.encoding ? ` (read as ${r.encoding})` : ''}`;
};

const dataDir = mkdtempSync(join(tmpdir(), 'cd-hostile-'));
const core = createCore({ dataDir, shell: 'headless', externalChangePollMs: 0 });
try {
  const campaign = await core.handlers['campaigns.create']({ name: 'hostile' });
  const importFile = (path: string, name: string) =>
    dispatch(core.handlers, 'audience.import', {
      campaignId: campaign.id,
      file: { kind: 'path', path },
      fileName: name,
      options: { phoneColumn: 'phone', defaultCountry: 'GB' },
    });
  const rssBeforeMB = rssMB('VmRSS');
  const started = performance.now();
  const result = await importFile(file, fileName);
  const ms = performance.now() - started;
  const peakMB = rssMB('VmHWM');
  const ok = join(dataDir, 'after.csv');
  writeFileSync(ok, 'phone\n+447911000001\n');
  const after = await importFile(ok, 'after.csv');
  console.log(
    JSON.stringify({
      ms: Math.round(ms),
      rssBeforeMB,
      peakMB,
      answer: result.ok ? imported(result.value) : `${result.error.code}: ${result.error.message}`,
      aliveAfter: after.ok,
    }),
  );
} finally {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
