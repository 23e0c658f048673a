// Sender under transient faults: 3,000 recipients at 150/s against a sandbox (its own process)
// that answers 2 % of sends with a 5xx and resets 1 % of connections. The simulator's throughput
// limit is set far above 150/s so its "most accepted in any 1 000 ms" shows our own pacing.
// BASELINE_DIR=<a checkout of main with node_modules> also runs that tree's app (same machine, same
// run), with this tree's send-app.ts and sandbox. Run: npx tsx tests/bench/send-faults.ts
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const RATE = Number(process.env.FAULT_RATE ?? 150);
const COUNT = Number(process.env.FAULT_COUNT ?? 3000);
const SERVER_ERRORS = process.env.FAULT_5XX ?? '0.02';
const RESETS = process.env.FAULT_RESETS ?? '0.01';

async function withSandbox<T>(seed: number, fn: (url: string) => T): Promise<T> {
  const child = spawn(
    process.execPath,
    [
      tsx,
      join(root, 'electron/headless/cli.ts'),
      '--json',
      'sandbox',
      '--port',
      '0',
      '--rate',
      '100000',
      '--server-error-rate',
      SERVER_ERRORS,
      '--reset-rate',
      RESETS,
      '--fault-seed',
      String(seed),
    ],
    { cwd: root },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      try {
        resolve((JSON.parse(out) as { url: string }).url);
      } catch {
        /* wait for the whole document */
      }
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
  try {
    return fn(url);
  } finally {
    child.kill('SIGTERM');
  }
}

function run(tree: string, url: string): Record<string, number> {
  const script = join(tree, 'tests', 'bench', 'send-app.ts');
  if (tree !== root) copyFileSync(join(root, 'tests', 'bench', 'send-app.ts'), script);
  const out = execFileSync(process.execPath, [tsx, script, url, String(RATE), String(COUNT)], {
    encoding: 'utf8',
    cwd: tree,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
}

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString()}`,
);
const trees: [string, string][] = [['this tree', root]];
if (process.env.BASELINE_DIR) trees.unshift(['baseline', process.env.BASELINE_DIR]);
for (const [name, tree] of trees) {
  const r = await withSandbox(7, (url) => run(tree, url));
  console.log(
    `${name}: ${COUNT.toLocaleString('en')} at ${RATE}/s, ${Number(SERVER_ERRORS) * 100} % 5xx + ${Number(RESETS) * 100} % resets: ` +
      `achieved ${r.achievedRate}/s (${(r.achievedRate! / RATE).toFixed(3)} of configured), wall ${(r.wallMs! / 1000).toFixed(1)} s, ` +
      `max in any 1 s ${r.maxInOneSecond}, duplicates ${r.duplicates}, server errors ${r.serverErrors}, ` +
      `sent ${r.sent}, unknown ${r.unknown}, failed ${r.failed}`,
  );
}
