// `npm test`: every check, with the time of each phase. The build comes first (6 s): the
// end-to-end tests drive it. Then the end-to-end tests run beside the static checks: Playwright
// keeps about one of our two cores busy (its tests wait on the UI and the app; 309 s of CPU in
// 318 s of wall on 2 cores), so the static checks, one at a time, use the other one instead of
// adding their time to the total. Vitest comes last, alone: its integration files use both
// cores. Each static check's output is printed whole when it ends, so logs stay readable;
// Playwright's and vitest's stream. Exit code: 1 if any step failed.
// TEST_OVERLAP=0 runs the old order (static checks two at a time, vitest, build, E2E).
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const OVERLAP = process.env.TEST_OVERLAP !== '0';
// Static checks at a time: beside E2E one (the other core is Playwright's), alone two.
const PARALLEL = Number(process.env.TEST_PARALLEL ?? (OVERLAP ? 1 : 2));
// Longest first, so lanes end at about the same time.
const STATIC = [
  'lint',
  'typecheck:tests',
  'typecheck:node',
  'typecheck:web',
  'security',
  'docs:check',
  'knip',
  'depcruise',
  'format:check',
];

/** Runs one npm script with its output collected; resolves with its exit code and seconds. */
function run(script) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
    });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      resolve({ script, code: code ?? 1, seconds, output: Buffer.concat(chunks).toString() });
    });
  });
}

/** Runs the scripts at most `limit` at a time, printing each one's output as it finishes. */
async function phase(scripts, limit) {
  const queue = [...scripts];
  const results = [];
  const lane = async () => {
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      const r = await run(s);
      process.stdout.write(`\n── ${r.script} (${r.seconds.toFixed(1)} s, exit ${r.code}) ──\n`);
      process.stdout.write(r.output);
      results.push(r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
  return results;
}

/** Runs one long step with its output streamed (vitest and Playwright report as they go). */
function stream(script) {
  const started = performance.now();
  process.stdout.write(`\n── ${script} ──\n`);
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: 'inherit' });
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      resolve({ script, code: code ?? 1, seconds });
    });
  });
}

const total = performance.now();
const results = [];
const failed = () => results.some((r) => r.code !== 0);

if (OVERLAP) {
  results.push(await stream('build'));
  if (!failed()) {
    const [e2e, checks] = await Promise.all([stream('test:e2e'), phase(STATIC, PARALLEL)]);
    results.push(e2e, ...checks);
  }
  if (!failed()) results.push(await stream('test:unit'));
} else {
  results.push(...(await phase(STATIC, PARALLEL)));
  if (!failed()) results.push(await stream('test:unit'));
  if (!failed()) results.push(await stream('build'));
  if (!failed()) results.push(await stream('test:e2e'));
}

process.stdout.write('\n── time of each phase ──\n');
for (const r of results) {
  const mark = r.code === 0 ? 'ok  ' : 'FAIL';
  process.stdout.write(`${mark} ${r.script.padEnd(16)} ${r.seconds.toFixed(1).padStart(7)} s\n`);
}
process.stdout.write(
  `     ${'total'.padEnd(16)} ${((performance.now() - total) / 1000).toFixed(1).padStart(7)} s\n`,
);
process.exit(failed() ? 1 : 0);
