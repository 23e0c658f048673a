// Status benchmark (issue 6): applying 1,000,000 status observations with 10% duplicates and
// out-of-order arrivals (target under 20 s), against a floor measured in the same run, and the progress
// view's queries at 1,000,000 recipients. Each measurement runs in its own process, so peak RSS is that
// run's alone. Run: npx tsx tests/bench/status.ts   (BENCH_OBS / BENCH_RECIPIENTS change the sizes)
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function run(script: string, arg: string, env: NodeJS.ProcessEnv = {}): Record<string, unknown> {
  const out = execFileSync(process.execPath, [tsx, join(import.meta.dirname, script), arg], {
    encoding: 'utf8',
    cwd: root,
    env: { ...process.env, ...env },
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

const obs = process.env.BENCH_OBS ?? '1000000';
const recipients = process.env.BENCH_RECIPIENTS ?? '1000000';
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

const floor = run('status-apply.ts', obs, { STATUS_FLOOR: '1' });
const app = run('status-apply.ts', obs);
const s = (ms: unknown) => `${((ms as number) / 1000).toFixed(1)} s`;
console.log(
  `Applying ${Number(obs).toLocaleString('en')} observations (${app.unique as number} unique, ${app.duplicates as number} duplicates, ${app.recipients as number} recipients, ${app.transactions as number} transactions):`,
);
console.log(
  `  floor (find + insert raw + update, no ladder/idempotency): apply ${s(floor.applyMs)}, parse ${s(floor.parseMs)}, peak RSS ${floor.maxRssMB as number} MB`,
);
console.log(
  `  reconciler: apply ${s(app.applyMs)} + parse ${s(app.parseMs)} = ${s(app.totalMs)} (${app.perSecond as number}/s), peak RSS ${app.maxRssMB as number} MB, database ${app.dbMB as number} MB, result ${app.ok ? 'correct' : 'WRONG'}`,
);
console.log(
  `  ratio reconciler/floor (apply): ${((app.applyMs as number) / (floor.applyMs as number)).toFixed(2)}   (target: under 20 s)`,
);

const q = run('status-queries.ts', recipients);
console.log(
  `Progress view at ${Number(recipients).toLocaleString('en')} recipients (median of 5):`,
);
for (const [k, v] of Object.entries(q)) {
  if (typeof v === 'object' && v !== null) {
    const r = v as { medianMs: number; note?: string };
    console.log(`  ${k}: ${r.medianMs} ms${r.note ? ` (${r.note})` : ''}`);
  }
}
console.log(`  peak RSS ${q.maxRssMB as number} MB`);
