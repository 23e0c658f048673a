import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import { tempDir } from '../../helpers/tmp';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {} },
  };
}

describe('CLI: suppression and accounts', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const setup = () => {
    const d = tempDir('cd-supp-cli-');
    dirs.push(d);
    const cli = async (...args: string[]) => {
      const r = io();
      const code = await runCli(['--data-dir', d.path, ...args], r.io);
      return { code, out: r.out.join('\n'), err: r.err.join('\n') };
    };
    return { dir: d.path, cli };
  };

  it('adds, lists, searches, exports, imports and removes numbers', async () => {
    const { dir, cli } = setup();
    expect(await cli('suppression', 'list')).toMatchObject({
      code: EXIT.OK,
      out: 'The suppression list is empty.',
    });
    expect(
      await cli('suppression', 'add', '+44 7911 123456', '--reason', 'Phoned the shop'),
    ).toMatchObject({ code: EXIT.OK, out: 'Added +447911123456 to the suppression list.' });
    expect((await cli('suppression', 'add', '07911 123456', '--country', 'gb')).out).toMatch(
      /already on the list \(Phoned the shop/,
    );

    const file = join(dir, 'old-list.csv');
    writeFileSync(file, 'Mobile;Name\r\n(650) 555-1234;Ann\r\n12;Bob\r\n');
    const imported = await cli(
      'suppression',
      'import',
      file,
      '--country',
      'US',
      '--phone-column',
      'Mobile',
      '--json',
    );
    expect(imported.code).toBe(EXIT.OK);
    expect(JSON.parse(imported.out)).toMatchObject({
      rows: 2,
      added: 1,
      rejected: 1,
      rejectedRows: [{ row: 3, value: '12' }],
    });

    const listed = await cli('suppression', 'list', '--json');
    expect(JSON.parse(listed.out)).toMatchObject({
      total: 2,
      rows: [{ phone: expect.any(String) }, { phone: expect.any(String) }],
    });
    expect(
      JSON.parse((await cli('suppression', 'list', '--search', '650', '--json')).out),
    ).toMatchObject({ total: 1, rows: [{ phone: '+16505551234', source: 'csv' }] });
    const human = await cli('suppression', 'list', '--limit', '1');
    expect(human.out).toMatch(/1 of 2 shown/);

    const out = join(dir, 'export.csv');
    expect(await cli('suppression', 'export', '--out', out)).toMatchObject({
      code: EXIT.OK,
      out: `Wrote 2 numbers to ${out}.`,
    });
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFPhone,Added (UTC),Source')).toBe(true);
    expect(csv).toContain('\r\n+447911123456,');

    expect(
      await cli('suppression', 'remove', '+447911123456', '--note', 'Wants offers again'),
    ).toMatchObject({ code: EXIT.OK });
    expect(await cli('suppression', 'remove', '+447911123456')).toMatchObject({
      code: EXIT.FAILED,
      err: expect.stringMatching(/not on the suppression list/),
    });
    expect(JSON.parse((await cli('suppression', 'list', '--json')).out).total).toBe(1);
  });

  it('refuses bad arguments with exit 2 and failed operations with exit 1', async () => {
    const { dir, cli } = setup();
    expect(await cli('suppression', 'list', '--limit', 'lots')).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/--limit must be a number/),
    });
    expect(await cli('suppression', 'add', '+447911123456', '--country', 'Britain')).toMatchObject({
      code: EXIT.USAGE,
    });
    expect(await cli('suppression', 'export')).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/needs --out/),
    });
    expect(await cli('suppression', 'import', join(dir, 'missing.csv'))).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/no file/),
    });
    expect(await cli('suppression', 'add', '4.47911E+11')).toMatchObject({
      code: EXIT.FAILED,
      err: expect.stringMatching(/Excel|scientific/i),
    });
    expect(
      await cli('suppression', 'export', '--out', join(dir, 'no', 'such', 'folder', 'x.csv')),
    ).toMatchObject({ code: EXIT.FAILED, err: expect.stringMatching(/Could not write/) });
  });

  it('lists and updates accounts, and creates a campaign on a chosen one', async () => {
    const { cli } = setup();
    const added = await cli(
      'accounts',
      'add',
      '--name',
      'Shop',
      '--phone-number-id',
      '106540352242922',
      '--waba-id',
      '102290129340398',
      '--token-env',
      'WA_TOKEN',
      '--json',
    );
    const shop = JSON.parse(added.out) as { id: number };
    const list = JSON.parse((await cli('accounts', 'list', '--json')).out) as {
      id: number;
      kind: string;
    }[];
    expect(list.map((a) => a.kind)).toEqual(['sandbox', 'cloud']);
    const sandboxId = list[0]!.id;

    const updated = await cli(
      'accounts',
      'update',
      String(shop.id),
      '--rate',
      '20',
      '--daily-limit',
      '2000',
      '--name',
      'Shop (main)',
      '--json',
    );
    expect(JSON.parse(updated.out)).toMatchObject({
      name: 'Shop (main)',
      ratePerSecond: 20,
      messagingLimit: 2000,
      tokenEnv: 'WA_TOKEN',
    });
    expect(await cli('accounts', 'update', String(shop.id), '--rate', '5000')).toMatchObject({
      code: EXIT.FAILED,
      err: expect.stringMatching(/at most 1,000/),
    });
    expect(await cli('accounts', 'update', String(shop.id))).toMatchObject({ code: EXIT.USAGE });

    const onSandbox = JSON.parse(
      (
        await cli(
          'campaigns',
          'create',
          '--name',
          'Test run',
          '--account',
          String(sandboxId),
          '--json',
        )
      ).out,
    );
    expect(onSandbox).toMatchObject({ accountId: sandboxId, accountName: 'Sandbox' });
    const onDefault = JSON.parse(
      (await cli('campaigns', 'create', '--name', 'Real', '--json')).out,
    );
    expect(onDefault).toMatchObject({ accountId: shop.id });
    expect(await cli('campaigns', 'create', '--name', 'X', '--account', '99')).toMatchObject({
      code: EXIT.FAILED,
      err: expect.stringMatching(/Account 99 does not exist/),
    });
    expect(await cli('campaigns', 'create', '--name', 'X', '--account', 'main')).toMatchObject({
      code: EXIT.USAGE,
    });
  });
});
