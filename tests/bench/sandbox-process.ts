// The sandbox in its own process for the send benches, so its work never shares a core's event loop
// with the app being measured.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');
export const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Starts `campaign-desk sandbox` with extra CLI flags, runs fn with its URL, then stops it. */
export async function withSandbox<T>(flags: string[], fn: (url: string) => T): Promise<T> {
  const cli = join(root, 'electron/headless/cli.ts');
  const child = spawn(process.execPath, [tsx, cli, '--json', 'sandbox', '--port', '0', ...flags], {
    cwd: root,
  });
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

/** Runs send-app.ts of `tree` against the sandbox; its last output line is the JSON of figures. */
export function runSendApp(
  tree: string,
  url: string,
  rate: number,
  count: number,
): Record<string, number> {
  const script = join(tree, 'tests', 'bench', 'send-app.ts');
  const out = execFileSync(process.execPath, [tsx, script, url, String(rate), String(count)], {
    encoding: 'utf8',
    cwd: tree,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
}
