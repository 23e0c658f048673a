import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../electron/headless/cli-run';
import { tempDir } from '../helpers/tmp';

function io(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env },
  };
}

describe('CLI', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const dir = () => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };

  it('creates a campaign and lists it as JSON', async () => {
    const dataDir = dir();
    const a = io();
    expect(
      await runCli(
        ['--data-dir', dataDir, 'campaigns', 'create', '--name', 'Demo', '--json'],
        a.io,
      ),
    ).toBe(EXIT.OK);
    const created = JSON.parse(a.out.join('')) as { id: number; name: string; state: string };
    expect(created).toMatchObject({ name: 'Demo', state: 'draft' });

    const b = io();
    expect(await runCli(['campaigns', 'list', '--json', '--data-dir', dataDir], b.io)).toBe(
      EXIT.OK,
    );
    expect(JSON.parse(b.out.join(''))).toMatchObject([{ id: created.id, name: 'Demo' }]);

    const c = io();
    await runCli(['--data-dir', dataDir, 'campaigns', 'list'], c.io);
    expect(c.out.join('')).toMatch(/Demo/);
  });

  it('uses CAMPAIGN_DESK_DATA_DIR when --data-dir is absent', async () => {
    const dataDir = dir();
    const a = io({ CAMPAIGN_DESK_DATA_DIR: dataDir });
    expect(await runCli(['campaigns', 'create', '--name', 'From env'], a.io)).toBe(EXIT.OK);
    const db = new Database(join(dataDir, 'campaign-desk.sqlite'), { readonly: true });
    expect(db.prepare('SELECT name FROM campaigns').all()).toEqual([{ name: 'From env' }]);
    db.close();
  });

  it('exits 2 with a clear message on bad arguments', async () => {
    const dataDir = dir();
    const cases: [string[], RegExp][] = [
      [['campaigns', 'create'], /needs --name/],
      [['campaigns', 'explode'], /Unknown command "campaigns explode"/],
      [['campaigns', 'list', '--bogus'], /Unknown option '--bogus'/],
      [['campaigns', 'list', '--name', 'x'], /--name does not apply to campaigns list/],
      [['serve', '--port', 'abc'], /--port must be a number/],
      [['campaigns', 'list', 'extra'], /Unexpected argument "extra"/],
      [[], /Usage/],
    ];
    for (const [args, message] of cases) {
      const r = io();
      expect(await runCli(['--data-dir', dataDir, ...args], r.io), args.join(' ')).toBe(EXIT.USAGE);
      expect(r.err.join('') + r.out.join(''), args.join(' ')).toMatch(message);
    }
  });

  it('exits 1 when the operation fails', async () => {
    const r = io();
    expect(await runCli(['--data-dir', dir(), 'campaigns', 'create', '--name', '   '], r.io)).toBe(
      EXIT.FAILED,
    );
    expect(r.err.join('')).toMatch(/Give the campaign a name/);
  });

  it('runs through `npm run cli` exactly as documented', () => {
    const dataDir = dir();
    const out = execFileSync(
      'npm',
      [
        'run',
        '-s',
        'cli',
        '--',
        '--data-dir',
        dataDir,
        'campaigns',
        'create',
        '--name',
        'Demo',
        '--json',
      ],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    expect(JSON.parse(out)).toMatchObject({ name: 'Demo' });
    const bad = spawnSync('npm', ['run', '-s', 'cli', '--', '--data-dir', dataDir, 'frobnicate'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown command/);
  });
});

describe('CLI: audience import', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('imports a file and prints the documented JSON; recipients list shows phone and fields', async () => {
    const d = tempDir();
    dirs.push(d);
    const created = io();
    await runCli(
      ['--data-dir', d.path, 'campaigns', 'create', '--name', 'Import', '--json'],
      created.io,
    );
    const id = String((JSON.parse(created.out.join('')) as { id: number }).id);
    const fixture = join(import.meta.dirname, '..', 'fixtures', 'contacts', 'messy.csv');

    const r = io();
    expect(
      await runCli(
        [
          '--data-dir',
          d.path,
          'campaigns',
          'import',
          id,
          fixture,
          '--country',
          'gb',
          '--phone-column',
          'phone',
          '--delimiter',
          'comma',
          '--encoding',
          'utf8',
          '--json',
        ],
        r.io,
      ),
    ).toBe(EXIT.OK);
    const result = JSON.parse(r.out.join('')) as Record<string, unknown>;
    expect(result).toMatchObject({
      rows: 10,
      imported: 5,
      duplicates: 1,
      invalid: 3,
      missingPhone: 1,
      suppressed: 0,
      encoding: 'utf-8',
      delimiter: ',',
      phoneColumn: 'phone',
    });
    expect(result.invalidRows).toHaveLength(4);
    expect((result.invalidRows as { row: number }[])[0]).toMatchObject({
      row: 4,
      value: '2.34803E+12',
    });

    const list = io();
    expect(
      await runCli(
        ['--data-dir', d.path, 'recipients', 'list', id, '--limit', '2', '--json'],
        list.io,
      ),
    ).toBe(EXIT.OK);
    const items = JSON.parse(list.out.join('')) as {
      phone: string;
      fields: Record<string, string>;
    }[];
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ phone: '+447911123456', fields: { name: 'Ana' } });
  });

  it('exits non-zero with a message for a bad file or bad flags, leaving the audience unchanged', async () => {
    const d = tempDir();
    dirs.push(d);
    const created = io();
    await runCli(
      ['--data-dir', d.path, 'campaigns', 'create', '--name', 'Import', '--json'],
      created.io,
    );
    const id = String((JSON.parse(created.out.join('')) as { id: number }).id);
    const empty = join(import.meta.dirname, '..', 'fixtures', 'contacts', 'empty.csv');
    const r = io();
    expect(await runCli(['--data-dir', d.path, 'campaigns', 'import', id, empty], r.io)).toBe(
      EXIT.FAILED,
    );
    expect(r.err.join('')).toMatch(/is empty/);
    const bad = io();
    expect(
      await runCli(
        ['--data-dir', d.path, 'campaigns', 'import', id, empty, '--delimiter', 'x'],
        bad.io,
      ),
    ).toBe(EXIT.USAGE);
    expect(bad.err.join('')).toMatch(/--delimiter must be one of/);
    const badId = io();
    expect(
      await runCli(['--data-dir', d.path, 'campaigns', 'import', 'abc', empty], badId.io),
    ).toBe(EXIT.USAGE);
    const list = io();
    await runCli(['--data-dir', d.path, 'recipients', 'list', id, '--json'], list.io);
    expect(JSON.parse(list.out.join(''))).toEqual([]);
  });
});
