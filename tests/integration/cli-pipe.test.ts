import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../electron/headless/cli-run';
import { tempDir } from '../helpers/tmp';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(
  dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
  'dist',
  'cli.mjs',
);

function quiet() {
  const out: string[] = [];
  return { out, io: { stdout: (t: string) => out.push(t), stderr: () => {}, env: {} } };
}

/** Runs the real CLI entry in a child process and reads its stdout through a pipe that is slow to drain. */
function runPiped(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, join(root, 'electron/headless/cli.ts'), ...args], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const chunks: Buffer[] = [];
    child.stdout.pause();
    // The reader is late: the child fills the pipe (64 KiB) long before anyone reads it, as
    // `… --json | slow-consumer` does.
    child.stdout.once('readable', () => {
      setTimeout(() => {
        child.stdout.on('data', (c: Buffer) => chunks.push(c));
        child.stdout.resume();
      }, 300);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks).toString('utf8') }));
  });
}

describe('CLI through a pipe', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('delivers a 2 MB --json answer whole and exits 0', async () => {
    const d = tempDir();
    dirs.push(d);
    const created = quiet();
    await runCli(
      ['--data-dir', d.path, 'campaigns', 'create', '--name', 'Pipe', '--json'],
      created.io,
    );
    const id = String((JSON.parse(created.out.join('')) as { id: number }).id);
    const rows = 3000;
    const note = 'n'.repeat(600);
    const csv = ['phone,name,note'];
    for (let i = 0; i < rows; i++)
      csv.push(`+4474000${String(i).padStart(5, '0')},Customer ${i},${note}`);
    const file = join(d.path, 'wide.csv');
    writeFileSync(file, csv.join('\n'));
    const imported = quiet();
    expect(
      await runCli(
        ['--data-dir', d.path, 'campaigns', 'import', id, file, '--phone-column', 'phone'],
        imported.io,
      ),
    ).toBe(EXIT.OK);

    const { code, stdout } = await runPiped([
      '--data-dir',
      d.path,
      'recipients',
      'list',
      id,
      '--limit',
      String(rows),
      '--json',
    ]);
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(2_000_000);
    const list = JSON.parse(stdout) as { phone: string }[];
    expect(list).toHaveLength(rows);
    expect(list.at(-1)?.phone).toBe(`+4474000${String(rows - 1).padStart(5, '0')}`);
  }, 120_000);
});
