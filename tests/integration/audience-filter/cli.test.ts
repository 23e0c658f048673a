import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import { tempDir } from '../../helpers/tmp';
import { FILTER_CSV } from './helpers';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {} },
  };
}

describe('campaigns settings: the audience filter from the command line', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  async function setup() {
    const d = tempDir('cd-filter-cli-');
    dirs.push(d);
    const run = async (...args: string[]) => {
      const r = io();
      const code = await runCli(['--data-dir', d.path, ...args], r.io);
      return { code, out: r.out.join('\n'), err: r.err.join('\n') };
    };
    const file = join(d.path, 'customers.csv');
    writeFileSync(file, FILTER_CSV);
    expect((await run('campaigns', 'create', '--name', 'CLI filter')).code).toBe(EXIT.OK);
    expect((await run('campaigns', 'import', '1', file, '--country', 'US')).code).toBe(EXIT.OK);
    return { run, dir: d.path };
  }

  it('sets conditions (all, or any), prints the count and the unreadable cells, and clears', async () => {
    const { run } = await setup();
    const set = await run(
      'campaigns',
      'settings',
      '1',
      '--filter-where',
      'city = London',
      '--filter-where',
      'Spent > 100',
    );
    expect(set.code).toBe(EXIT.OK);
    expect(set.out).toContain('Changed: audience filter: "City" is "London" AND "Spent" > 100');
    // The campaign's country (US) gives the defaults, said out loud.
    expect(set.out).toContain(
      'Numbers are read with a decimal point (1,234.50); dates month first (03/14/2026)',
    );
    // Ann (1,200), Dan (250) and Lee (900); Cat's "n/a" is no number.
    expect(set.out).toContain('3 of 12 recipients match.');
    expect(set.out).toContain(
      '"Spent": 2 cells are not numbers and match no number condition (e.g. "n/a", "lots").',
    );

    const any = await run(
      '--json',
      'campaigns',
      'settings',
      '1',
      '--filter-where',
      'City = York',
      '--filter-where',
      'VIP is not empty',
      '--filter-any',
      '--filter-dates',
      'dmy',
    );
    expect(any.code).toBe(EXIT.OK);
    const json = JSON.parse(any.out) as {
      settings: {
        filter: {
          description: string;
          count: { matching: number; total: number };
          filter: { dateOrder: string };
        };
      };
    };
    // York (Hal, Ivy) or VIP (Ann, Dan, Fay, Ivy, Lee): six people.
    expect(json.settings.filter).toMatchObject({
      description: '"City" is "York" OR "VIP" is not empty',
      count: { matching: 6, total: 12 },
      filter: { dateOrder: 'dmy' },
    });

    const show = await run('campaigns', 'settings', '1');
    expect(show.out).toContain('Audience filter: "City" is "York" OR "VIP" is not empty');
    expect(show.out).toContain('6 of 12 recipients match.');

    const cleared = await run('campaigns', 'settings', '1', '--filter-clear');
    expect(cleared.out).toContain('Changed: audience filter cleared');
    expect(cleared.out).toContain('Audience filter: none (everybody imported, 12 recipients).');
  });

  it('reads a JSON file with nested groups, kinds left out', async () => {
    const { run, dir } = await setup();
    const file = join(dir, 'filter.json');
    writeFileSync(
      file,
      JSON.stringify({
        match: 'all',
        items: [
          { column: 'City', op: 'one_of', values: ['London', 'Leeds'] },
          {
            match: 'any',
            items: [
              { column: 'Spent', op: 'num_ge', value: 1000 },
              { column: 'Joined', op: 'date_after', value: '2026-02-28' },
            ],
          },
        ],
      }),
    );
    const r = await run(
      'campaigns',
      'settings',
      '1',
      '--filter-json',
      file,
      '--filter-dates',
      'dmy',
    );
    expect(r.code).toBe(EXIT.OK);
    // Ann (1,200), Eve (1,500), Fay (1 March), Gus (14/03/2026 day first).
    expect(r.out).toContain('4 of 12 recipients match');
    expect(r.out).toContain(
      '"Joined": 1 cell is not a date and matches no date condition (e.g. "soon").',
    );
    expect(r.out).toContain('("Spent" ≥ 1,000 OR "Joined" after 28 Feb 2026)');

    writeFileSync(file, '{"match": "all", "items": [');
    const broken = await run('campaigns', 'settings', '1', '--filter-json', file);
    expect(broken.code).toBe(EXIT.FAILED);
    expect(broken.err).toMatch(/not valid JSON/);
    writeFileSync(
      file,
      JSON.stringify({ items: [{ column: 'City', op: 'sounds_like', value: 'x' }] }),
    );
    const unknownOp = await run('campaigns', 'settings', '1', '--filter-json', file);
    expect(unknownOp.code).toBe(EXIT.FAILED);
    expect(unknownOp.err).toMatch(/Invalid discriminator value/);
  });

  it('exits 2 with a message on bad flags, 1 when the campaign refuses', async () => {
    const { run } = await setup();
    const cases: [string[], RegExp][] = [
      [['--filter-where', 'Town = Leeds'], /no column "Town"/],
      [['--filter-where', 'Spent > plenty'], /"plenty" is not a number/],
      [['--filter-where', 'City = York', '--filter-clear'], /Use one of --filter-where/],
      [['--filter-any'], /--filter-any goes with --filter-where/],
      [['--filter-decimal', ';'], /--filter-decimal takes/],
      [['--filter-dates', 'ymd'], /--filter-dates takes dmy/],
      [['--filter-decimal', ','], /no audience filter to read differently/],
    ];
    for (const [flags, message] of cases) {
      const r = await run('campaigns', 'settings', '1', ...flags);
      expect(r.code, flags.join(' ')).toBe(EXIT.USAGE);
      expect(r.err, flags.join(' ')).toMatch(message);
    }
    const missing = await run('campaigns', 'settings', '99', '--filter-where', 'City = York');
    expect(missing.code).toBe(EXIT.FAILED);
    expect(missing.err).toMatch(/Campaign 99 does not exist/);
  });
});
