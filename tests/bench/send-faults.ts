// Sender under transient faults: 3,000 recipients at 150/s against a sandbox (its own process)
// that answers 2 % of sends with a 5xx and resets 1 % of connections. The simulator's throughput
// limit is set far above 150/s so its "most accepted in any 1 000 ms" shows our own pacing.
// BASELINE_DIR=<a checkout of main with node_modules> also runs that tree's app (same machine, same
// run), with this tree's send-app.ts and sandbox. Run: npx tsx tests/bench/send-faults.ts
import { copyFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { root, runSendApp, withSandbox } from './sandbox-process';

const RATE = Number(process.env.FAULT_RATE ?? 150);
const COUNT = Number(process.env.FAULT_COUNT ?? 3000);
const SERVER_ERRORS = process.env.FAULT_5XX ?? '0.02';
const RESETS = process.env.FAULT_RESETS ?? '0.01';
const FAULTS = ['--rate', '100000', '--server-error-rate', SERVER_ERRORS, '--reset-rate', RESETS];

function run(tree: string, url: string): Record<string, number> {
  // The baseline runs this tree's driver, so both trees are measured the same way.
  if (tree !== root)
    for (const f of ['send-app.ts', 'sandbox-process.ts'])
      copyFileSync(join(root, 'tests', 'bench', f), join(tree, 'tests', 'bench', f));
  return runSendApp(tree, url, RATE, COUNT);
}

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString()}`,
);
const trees: [string, string][] = [['this tree', root]];
if (process.env.BASELINE_DIR) trees.unshift(['baseline', process.env.BASELINE_DIR]);
for (const [name, tree] of trees) {
  const r = await withSandbox([...FAULTS, '--fault-seed', '7'], (url) => run(tree, url));
  console.log(
    `${name}: ${COUNT.toLocaleString('en')} at ${RATE}/s, ${Number(SERVER_ERRORS) * 100} % 5xx + ${Number(RESETS) * 100} % resets: ` +
      `achieved ${r.achievedRate}/s (${(r.achievedRate! / RATE).toFixed(3)} of configured), wall ${(r.wallMs! / 1000).toFixed(1)} s, ` +
      `max in any 1 s ${r.maxInOneSecond}, duplicates ${r.duplicates}, server errors ${r.serverErrors}, ` +
      `sent ${r.sent}, unknown ${r.unknown}, failed ${r.failed}`,
  );
}
