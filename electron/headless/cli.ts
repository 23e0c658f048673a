import { runCli } from './cli-run';

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
// runCli returns only when the command is done (serve: after Ctrl+C), so exit outright.
process.exit(code);
