import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import { tempDir } from '../../helpers/tmp';

const CSV = [
  'name,phone,lang',
  'Ann,+447400123456,en',
  'Ana,+34612345678,Español',
  'Udo,+4915112345678,Deutsch',
].join('\n');

describe('CLI: campaigns map --language-column / --language-by-country', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('sets the language choice and prints rows per language; refuses a bad fallback', async () => {
    const d = tempDir();
    dirs.push(d);
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['--data-dir', d.path, ...args], {
        stdout: (t: string) => out.push(t),
        stderr: (t: string) => err.push(t),
        env: {},
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const created = await run('campaigns', 'create', '--name', 'Lang', '--json');
    const id = String((JSON.parse(created.out) as { id: number }).id);
    const csv = join(d.path, 'c.csv');
    writeFileSync(csv, CSV);
    expect((await run('campaigns', 'import', id, csv)).code).toBe(EXIT.OK);
    const mapped = await run(
      'campaigns',
      'map',
      id,
      '--template',
      'spring_sale',
      '--language',
      'en_US',
      '--language-column',
      'lang',
      '--fallback-language',
      'es',
    );
    expect(mapped.code, mapped.err).toBe(EXIT.OK);
    expect(mapped.out).toContain('Language from the column "lang", else es (approved: en_US, es).');
    expect(mapped.out).toMatch(/es\s+2 rows \(1 by fallback\)/);
    expect(mapped.out).toMatch(/en_US\s+1 row\b/);

    const bad = await run(
      'campaigns',
      'map',
      id,
      '--language-by-country',
      '--fallback-language',
      'fr',
    );
    expect(bad.code).not.toBe(EXIT.OK);
    expect(bad.err).toContain('"fr" has no approved template');
    const both = await run(
      'campaigns',
      'map',
      id,
      '--language-by-country',
      '--language-column',
      'lang',
    );
    expect(both.code).not.toBe(EXIT.OK);
  });
});
