// One measured run of the real import path (worker, decoding, normalisation, dedupe, one
// transaction) on a fresh data folder. Prints JSON: { ms, cpuMs, maxRssMB, imported }; cpuMs is
// the CPU time of every thread of the process (the import worker's included) over the import.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/service';

const file = process.argv[2];
if (!file) throw new Error('usage: import-app.ts FILE');
const dataDir = mkdtempSync(join(tmpdir(), 'cd-bench-'));
const core = createCore({ dataDir, shell: 'headless', externalChangePollMs: 0 });
try {
  const campaign = await core.handlers['campaigns.create']({ name: 'bench' });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await core.handlers['audience.import']({
    campaignId: campaign.id,
    file: { kind: 'path', path: file },
    fileName: 'bench.csv',
    options: { defaultCountry: 'GB' },
  });
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      ms: Math.round(ms),
      cpuMs: Math.round((user + system) / 1000),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      imported: result.imported,
    }),
  );
} finally {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
