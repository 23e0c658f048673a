import { runCli } from './cli-run';
import { flushed } from './cli/drain';

// Entry point for `npm run cli -- ...` and the campaign-desk bin.
const stop = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t + '\n'),
  stderr: (t) => process.stderr.write(t + '\n'),
  env: process.env,
  untilStopped: () => stop,
});
// process.exit() would drop whatever a pipe has not taken yet (a long --json answer arrived cut
// at 64 KiB). Set the code, wait until both streams have handed everything to the OS, and let
// the process end by itself.
process.exitCode = code;
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
// Only after the output is out: a handle some command left open must not keep the CLI alive.
setTimeout(() => process.exit(), 1000).unref();
