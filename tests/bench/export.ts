// `npx tsx tests/bench/export.ts`: delivery report exports through the app's own path (worker, its
// read-only connection, keyset pages, formula escaping, times in a zone, catalogue reasons, prices)
// — a 1,000,000-row CSV and a 100,000-row xlsx (EXPORT_CSV_ROWS / EXPORT_XLSX_ROWS change them).
// The campaigns are written once into a data folder; each export then runs in its own process, so
// its peak RSS (main thread + worker) is that export's alone. Targets: CSV < 10 s, xlsx < 15 s, < 300 MB.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../electron/core/clock';
import { insertFinishedCampaign } from '../../electron/core/reports/fixtures';
import { createReportService } from '../../electron/core/reports/service';
import { createCore } from '../../electron/core/service';

const root = join(import.meta.dirname, '..', '..');
const work = join(root, '.tmp', 'bench', 'export');
const csvRows = Number(process.env.EXPORT_CSV_ROWS ?? 1_000_000);
const xlsxRows = Number(process.env.EXPORT_XLSX_ROWS ?? 100_000);

interface Measurement {
  ms: number;
  cpuMs: number;
  maxRssMB: number;
  /** RSS once the core is open, before the export: Node, tsx and the core, not the export. */
  baseRssMB: number;
  rows: number;
  bytes: number;
}

// The worker as the built app runs it (bundled JavaScript, after `npx electron-vite build`), else the
// TypeScript through tsx, which adds tsx's own loader thread and compiler to the measured memory.
const builtWorker = join(root, 'out', 'main', 'export-worker.js');

async function measureOne(
  dataDir: string,
  campaignId: number,
  format: 'csv' | 'xlsx',
  worker: 'built' | 'tsx',
): Promise<void> {
  const core = createCore({ dataDir, shell: 'headless', externalChangePollMs: 0 });
  const reports =
    worker === 'built'
      ? createReportService({
          store: core.store,
          clock: systemClock,
          events: core.events,
          dataDir,
          workerEntry: { url: pathToFileURL(builtWorker) },
        })
      : core.reports;
  const out = join(dataDir, `report-${campaignId}.${format}`);
  rmSync(out, { force: true });
  const baseRssMB = Math.round(process.memoryUsage().rss / 2 ** 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await reports.exportToFile(
    { campaignId, format, filter: 'all', timeZone: 'Europe/Berlin' },
    out,
  );
  const ms = performance.now() - t0;
  const { user, system } = process.cpuUsage(cpu0);
  await core.close();
  const m: Measurement = {
    ms: Math.round(ms),
    cpuMs: Math.round((user + system) / 1000),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    baseRssMB,
    rows: result.rows,
    bytes: statSync(out).size,
  };
  console.log(JSON.stringify(m));
}

function prepare(): { dataDir: string; csvCampaign: number; xlsxCampaign: number } {
  const dataDir = join(work, `data-${csvRows}-${xlsxRows}`);
  const marker = join(dataDir, 'ready');
  if (!existsSync(marker)) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const core = createCore({ dataDir, shell: 'headless', externalChangePollMs: 0 });
    const accountId = (
      core.store.sqlite.prepare('SELECT id FROM accounts LIMIT 1').get() as { id: number }
    ).id;
    const now = Date.UTC(2026, 10, 23, 12);
    core.store.tx(() => {
      insertFinishedCampaign(core.store.sqlite, {
        accountId,
        name: 'Bench CSV',
        rows: csvRows,
        now,
      });
      insertFinishedCampaign(core.store.sqlite, {
        accountId,
        name: 'Bench XLSX',
        rows: xlsxRows,
        now,
      });
    });
    void core.close();
    execFileSync('touch', [marker]);
  }
  return { dataDir, csvCampaign: 1, xlsxCampaign: 2 };
}

function measure(
  dataDir: string,
  campaignId: number,
  format: 'csv' | 'xlsx',
  worker: 'built' | 'tsx',
): Measurement {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const out = execFileSync(
    process.execPath,
    [tsx, import.meta.filename, 'one', dataDir, String(campaignId), format, worker],
    { encoding: 'utf8', cwd: root },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as Measurement;
}

if (process.argv[2] === 'one') {
  await measureOne(
    process.argv[3]!,
    Number(process.argv[4]),
    process.argv[5] as 'csv' | 'xlsx',
    process.argv[6] as 'built' | 'tsx',
  );
} else {
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const t0 = performance.now();
  const { dataDir, csvCampaign, xlsxCampaign } = prepare();
  console.log(
    `Export benchmark (campaigns ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const line = (label: string, m: Measurement, target: number) =>
    console.log(
      `  ${label}: ${m.rows.toLocaleString('en')} rows, ${(m.bytes / 1e6).toFixed(0)} MB in ${(m.ms / 1000).toFixed(1)} s ` +
        `(CPU ${(m.cpuMs / 1000).toFixed(1)} s), peak RSS ${m.maxRssMB} MB (${m.baseRssMB} MB before the export)  (targets: < ${target} s, < 300 MB)`,
    );
  const workers: ('built' | 'tsx')[] = existsSync(builtWorker) ? ['built', 'tsx'] : ['tsx'];
  for (const worker of workers) {
    console.log(
      `  worker: ${worker === 'built' ? 'out/main/export-worker.js (as in the app)' : 'TypeScript through tsx (development)'}`,
    );
    line('CSV ', measure(dataDir, csvCampaign, 'csv', worker), 10);
    line('xlsx', measure(dataDir, xlsxCampaign, 'xlsx', worker), 15);
  }
}
