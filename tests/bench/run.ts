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

function measure(script: string, file: string): { ms: number; maxRssMB: number; imported: number } {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const out = execFileSync(process.execPath, [tsx, join(import.meta.dirname, script), file], { encoding: 'utf8', cwd: root });
  const last = out.trim().split('\n').at(-1)!;
  return JSON.parse(last) as { ms: number; maxRssMB: number; imported: number };
}

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
const file = await makeCsv(rows);
console.log(`Import benchmark: ${rows.toLocaleString('en')} rows × 8 columns (${(statSync(file).size / 1e6).toFixed(0)} MB)`);
const floor = measure('import-floor.ts', file);
const app = measure('import-app.ts', file);
console.log(`  floor (papaparse + one prepared INSERT, one transaction): ${(floor.ms / 1000).toFixed(1)} s, peak RSS ${floor.maxRssMB} MB`);
console.log(`  import (worker, decode, E.164, dedupe, one transaction):  ${(app.ms / 1000).toFixed(1)} s, peak RSS ${app.maxRssMB} MB, ${app.imported.toLocaleString('en')} imported`);
console.log(`  ratio import/floor: ${(app.ms / floor.ms).toFixed(2)}  (targets: < 15 s, < 400 MB, ratio <= 2)`);
