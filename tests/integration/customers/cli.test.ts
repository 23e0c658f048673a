import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import { tempDir } from '../../helpers/tmp';

describe('CLI: contacts', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('imports into the book, lists, shows and forgets a customer', async () => {
    const d = tempDir('cd-contacts-cli-');
    dirs.push(d);
    const cli = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['--data-dir', d.path, ...args], {
        stdout: (t) => out.push(t),
        stderr: (t) => err.push(t),
        env: {},
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const file = join(d.path, 'customers.csv');
    writeFileSync(file, 'Mobile;Name;Town\r\n07911 123456;Ann;Leeds\r\n12;Bob;York\r\n');
    const imported = await cli('contacts', 'import', file, '--country', 'GB', '--json');
    expect(imported.code).toBe(EXIT.OK);
    expect(JSON.parse(imported.out)).toMatchObject({
      rows: 2,
      new: 1,
      updated: 0,
      unchanged: 0,
      invalid: 1,
      phoneColumn: 'Mobile',
    });
    expect((await cli('contacts', 'import', file, '--country', 'GB')).out).toMatch(
      /0 new, 0 updated, 1 unchanged/,
    );
    const list = await cli('contacts', 'list', '--search', 'leeds');
    expect(list.out).toMatch(/\+447911123456 .*Name: Ann; Town: Leeds/);
    expect(list.out).toMatch(/1 in all\./);
    const shown = await cli('contacts', 'show', '07911123456', '--country', 'GB');
    expect(shown.out).toMatch(
      /Consent: imported from customers\.csv on \d{4}-\d\d-\d\d \(import\)/,
    );
    expect(shown.out).toMatch(/No messages yet\./);

    const seg = await cli(
      'segments',
      'create',
      '--name',
      'Leeds',
      '--filter-where',
      'town = Leeds',
      '--opted-in-after',
      '2020-01-01',
    );
    expect(seg.code).toBe(EXIT.OK);
    expect(seg.out).toMatch(
      /Segment 1: Leeds\n {2}Who: .*Town.*Leeds.* AND opted in on or after 2020-01-01\n {2}1 customer now/,
    );
    expect((await cli('segments', 'list')).out).toMatch(/ID +CUSTOMERS +NAME\n1 +1 +Leeds/);
    const members = await cli('contacts', 'list', '--segment', 'leeds');
    expect(members.out).toMatch(/\+447911123456 /);
    expect(members.out).toMatch(/1 in all\./);
    expect((await cli('contacts', 'list', '--segment', '1')).out).toMatch(/1 in all\./);
    const unknown = await cli('contacts', 'list', '--segment', 'Nowhere');
    expect(unknown.code).not.toBe(EXIT.OK);
    expect(unknown.err).toMatch(/no segment named "Nowhere"/);
    const labelled = await cli('segments', 'create', '--name', 'Keen', '--label', 'Interested');
    expect(labelled.out).toMatch(/Who: labelled "interested"\n {2}0 customers now/);
    const made = await cli('campaigns', 'create', '--name', 'Leeds news', '--segment', '1');
    expect(made.out).toMatch(/1 recipient from the book\./);
    const follow = await cli(
      'campaigns',
      'create',
      '--name',
      'Again',
      '--follow-up',
      '1',
      '--outcome',
      'not-delivered',
    );
    expect(follow.code).toBe(EXIT.FAILED);
    expect(follow.err).toMatch(/not been sent yet/);
    // The refused follow-up left no empty draft behind.
    expect((await cli('campaigns', 'list')).out).not.toMatch(/Again/);

    const refused = await cli('contacts', 'forget', '+447911123456');
    expect(refused.code).toBe(EXIT.USAGE);
    expect(refused.err).toMatch(/--yes/);
    const forgotten = await cli('contacts', 'forget', '+447911123456', '--yes');
    expect(forgotten).toMatchObject({ code: EXIT.OK });
    expect(forgotten.out).toMatch(/^Forgotten: 1 campaign rows/);
    expect((await cli('contacts', 'list')).out).toMatch(/empty/);

    const shop = join(d.path, 'customers_export.csv');
    writeFileSync(
      shop,
      'First Name,Last Name,Email,Accepts Email Marketing,Phone,Accepts SMS Marketing\nCy,Day,c@x.io,yes,+447911123457,no\n',
    );
    const shopOut = (await cli('contacts', 'import', shop)).out;
    expect(shopOut).toMatch(/^Looks like a Shopify customers export\./);
    expect(shopOut).toMatch(/1 of them do not accept marketing/);
  });
});
