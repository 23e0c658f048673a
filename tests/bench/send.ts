// Sender benchmark: the app against a sandbox running in its own process, at 80/s and 1,000/s,
// and a 100,000-recipient campaign at 1,000/s. Run: npx tsx tests/bench/send.ts
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

async function withSandbox<T>(rate: number, fn: (url: string) => T): Promise<T> {
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
      String(rate),
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

function run(url: string, rate: number, count: number): Record<string, number> {
  const out = execFileSync(
    process.execPath,
    [tsx, join(import.meta.dirname, 'send-app.ts'), url, String(rate), String(count)],
    { encoding: 'utf8', cwd: root },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
}

const cases: [number, number][] = process.env.SEND_CASES
  ? (JSON.parse(process.env.SEND_CASES) as [number, number][])
  : [
      [80, 2400],
      [1000, 20_000],
      [1000, 100_000],
    ];
for (const [rate, count] of cases) {
  // The simulator enforces the same rate: any 130429 would mean the app went faster than allowed.
  const r = await withSandbox(rate, (url) => run(url, rate, count));
  console.log(
    `rate ${rate}/s, ${count.toLocaleString('en')} recipients: wall ${(r.wallMs! / 1000).toFixed(1)} s, achieved ${r.achievedRate}/s (${(r.achievedRate! / rate).toFixed(3)} of configured), ` +
      `max in any 1 s ${r.maxInOneSecond}, 130429 answers ${r.rejected429}, CPU ${r.cpuSecondsPer1000} s per 1,000, peak RSS ${r.maxRssMB} MB`,
  );
}
