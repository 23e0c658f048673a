// `npm run bench`: benchmarks that measure against targets and against a floor measured in the
// same run (timings on shared machines are noisy; ratios in one run are what we compare).
// Each measurement runs in its own process so peak RSS is that run's alone.
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

const root = join(import.meta.dirname, '..', '..');
const work = join(root, '.tmp', 'bench');
mkdirSync(work, { recursive: true });

async function makeCsv(rows: number): Promise<string> {
  const path = join(work, `customers-${rows}.csv`);
  if (existsSync(path)) return path;
  const out = createWriteStream(path);
  out.write('first_name,phone,last_name,email,city,postcode,last_order,total_spent\n');
  for (let i = 0; i < rows; i++) {
    // UK mobiles written the way spreadsheets hold them; 1% duplicates.
    const n = i % 100 === 99 ? i - 1 : i;
    const line = `Name${i},07${String(400000000 + n).padStart(9, '0')},Surname${i % 977},user${i}@example.com,City ${i % 313},AB${i % 90} ${i % 9}CD,2026-0${(i % 9) + 1}-1${i % 9},${(i % 5000) / 10}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

interface Measurement {
  ms: number;
  /** CPU time of all the process's threads: less disturbed than `ms` by other work on the machine. */
  cpuMs: number;
  maxRssMB: number;
  imported: number;
}

function measure(script: string, file: string): Measurement {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const out = execFileSync(process.execPath, [tsx, join(import.meta.dirname, script), file], {
    encoding: 'utf8',
    cwd: root,
  });
  const last = out.trim().split('\n').at(-1)!;
  return JSON.parse(last) as Measurement;
}

/** Every benchmark `npm run bench` runs, in order; `BENCH_ONLY=send,status` runs some of them. */
const BENCHES: Record<string, string> = {
  import: 'run.ts',
  export: 'export.ts',
  send: 'send.ts',
  'send-faults': 'send-faults.ts',
  status: 'status.ts',
  'progress-view': 'progress-view.ts',
  'audience-filter': 'audience-filter.ts',
  'relay-load': 'relay-load.ts',
  'hostile-files': 'hostile-files.ts',
  // The browser shell's event loop, core in-process vs in its thread (200,000 recipients by default).
  'event-loop': 'event-loop.ts',
};
const selected = process.env.BENCH_ONLY
  ? process.env.BENCH_ONLY.split(',').map((s) => s.trim())
  : Object.keys(BENCHES);
for (const name of selected)
  if (!BENCHES[name])
    throw new Error(
      `BENCH_ONLY: unknown benchmark "${name}" (known: ${Object.keys(BENCHES).join(', ')})`,
    );

if (selected.includes('import')) {
  const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
  // Several runs, floor and import alternating, so both see the same machine; the median is reported.
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const file = await makeCsv(rows);
  console.log(
    `Import benchmark: ${rows.toLocaleString('en')} rows × 8 columns (${(statSync(file).size / 1e6).toFixed(0)} MB), ${runs} run(s)`,
  );
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const results: { floor: Measurement; app: Measurement; ratio: number }[] = [];
  for (let run = 1; run <= runs; run++) {
    const floor = measure('import-floor.ts', file);
    const app = measure('import-app.ts', file);
    const ratio = app.ms / floor.ms;
    results.push({ floor, app, ratio });
    console.log(
      `  run ${run}: floor ${seconds(floor.ms)} (CPU ${seconds(floor.cpuMs)}) / ${floor.maxRssMB} MB; ` +
        `import ${seconds(app.ms)} (CPU ${seconds(app.cpuMs)}) / ${app.maxRssMB} MB (${app.imported.toLocaleString('en')} imported); ratio ${ratio.toFixed(2)}`,
    );
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const m = (pick: (r: (typeof results)[number]) => number) => median(results.map(pick));
  console.log(
    `  median: floor (papaparse + one prepared INSERT, one transaction): ${seconds(m((r) => r.floor.ms))}, peak RSS ${m((r) => r.floor.maxRssMB)} MB`,
  );
  console.log(
    `  median: import (worker, decode, E.164, dedupe, one transaction):  ${seconds(m((r) => r.app.ms))}, peak RSS ${m((r) => r.app.maxRssMB)} MB`,
  );
  console.log(
    `  median ratio import/floor: ${m((r) => r.ratio).toFixed(2)}  (targets: < 15 s, < 400 MB, ratio <= 2)`,
  );
  console.log(
    `  median CPU time: floor ${seconds(m((r) => r.floor.cpuMs))}, import ${seconds(m((r) => r.app.cpuMs))}`,
  );
}

// The other benchmarks, each a script of its own that runs its measurements in their own processes.
// The progress view's UI benchmark needs the built app: `npx electron-vite build` first.
for (const name of selected.filter((n) => n !== 'import')) {
  console.log(`\n== ${name} (tests/bench/${BENCHES[name]})`);
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      join(import.meta.dirname, BENCHES[name]!),
    ],
    { stdio: 'inherit', cwd: root },
  );
}
