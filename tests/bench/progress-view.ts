// The progress view in a real browser at 1,000,000 recipients (issue 6): time from opening the campaign
// to the first table rows on screen, from a filter click to the filtered rows, from typing a search to
// its rows, and per page while scrolling. The headless shell serves the built UI (run
// `npx electron-vite build` first); Debian's Chromium draws it.
// Run: npx tsx tests/bench/progress-view.ts [recipients]
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { createCore } from '../../electron/core/service';
import { seedBigCampaign } from './big-campaign';

const N = Number(process.argv[2] ?? 1_000_000);
const RUNS = 5;
const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const dataDir = join(root, '.tmp', 'bench', `progress-view-${process.pid}`);
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const core = createCore({
  dataDir,
  shell: 'headless',
  externalChangePollMs: 0,
  statusPolling: false,
});
const seedStart = performance.now();
seedBigCampaign(core.store.sqlite, N);
const seedMs = performance.now() - seedStart;
await core.close();

const server = spawn(
  process.execPath,
  [
    tsx,
    join(root, 'electron/headless/cli.ts'),
    '--data-dir',
    dataDir,
    '--json',
    'serve',
    '--port',
    '0',
  ],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const openUrl = await new Promise<string>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    try {
      resolve((JSON.parse(out) as { openUrl: string }).openUrl);
    } catch {
      // Not the whole document yet.
    }
  });
  server.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

async function timed(
  action: () => Promise<unknown>,
  done: () => Promise<unknown>,
): Promise<number> {
  const a = performance.now();
  await action();
  await done();
  return performance.now() - a;
}

const median = (xs: number[]) =>
  Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! * 10) / 10;
const samples: Record<string, number[]> = {
  open: [],
  chart: [],
  filter: [],
  search: [],
  scrollPage: [],
};

try {
  for (let run = 0; run < RUNS; run++) {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(openUrl);
    const campaign = page.getByRole('button', { name: 'Big', exact: true });
    await campaign.waitFor();
    const rows = page.getByTestId('recipient-row');
    const table = page.getByTestId('recipient-table');
    samples.open!.push(
      await timed(
        () => campaign.click(),
        () => rows.first().waitFor(),
      ),
    );
    // The chart reads the whole campaign once: measured from the table's first paint.
    samples.chart!.push(
      await timed(
        async () => {},
        () => page.locator('[data-testid="timeline-chart"] path[data-series="sent"]').waitFor(),
      ),
    );
    samples.filter!.push(
      await timed(
        () => table.getByText(/^Failed [\d,]+$/).click(),
        () =>
          page
            .locator(
              '[data-testid="recipient-table"][data-filter="failed"] [data-testid="recipient-row"][data-state="failed"]',
            )
            .first()
            .waitFor(),
      ),
    );
    // A phone number near the end of the campaign: the search pages through bounded steps until it is found.
    const wanted = `+4479${10_000_000 + N - 3}`;
    await table.getByText(/^All [\d,]+$/).click();
    samples.search!.push(
      await timed(
        () => table.getByLabel('Search recipients').fill(wanted.slice(3)),
        () => rows.filter({ hasText: wanted }).first().waitFor({ timeout: 60_000 }),
      ),
    );
    await table.getByLabel('Search recipients').fill('');
    await page.locator('[data-testid="recipient-table"][data-loaded="200"]').waitFor();
    const scroller = page.getByTestId('recipient-rows');
    for (let p = 1; p <= 5; p++) {
      samples.scrollPage!.push(
        await timed(
          () => scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight })),
          () =>
            page
              .locator(`[data-testid="recipient-table"][data-loaded="${200 * (p + 1)}"]`)
              .waitFor(),
        ),
      );
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `Progress view in Chromium at ${N.toLocaleString('en')} recipients (seeded in ${(seedMs / 1000).toFixed(1)} s), median of ${RUNS}:`,
);
console.log(`  open the campaign → first table rows: ${median(samples.open!)} ms`);
console.log(`  … → chart drawn (after the rows): ${median(samples.chart!)} ms`);
console.log(`  filter to failed → first failed rows: ${median(samples.filter!)} ms`);
console.log(`  search a phone near the end → its row: ${median(samples.search!)} ms`);
console.log(
  `  scroll to the end of what is loaded → next 200 rows: ${median(samples.scrollPage!)} ms`,
);
