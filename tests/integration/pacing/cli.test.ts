import { writeFileSync } from 'node:fs';
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

describe('CLI: campaigns settings, pacing part', () => {
  const dir = tempDir('cd-pacing-cli-');
  afterEach(() => dir.cleanup());

  it('sets the frequency cap, quiet hours, zones and spread, and prints them', async () => {
    const run = async (...args: string[]) => {
      const r = io();
      const code = await runCli(['--data-dir', dir.path, ...args], r.io);
      return { code, out: r.out.join('\n'), err: r.err.join('\n') };
    };
    const created = JSON.parse(
      (await run('campaigns', 'create', '--name', 'Pacing', '--json')).out,
    ) as { id: number };
    const csv = join(dir.path, 'people.csv');
    writeFileSync(csv, 'phone,name\n+12025551000,Ann\n+447400123410,Bob\n');
    expect((await run('campaigns', 'import', String(created.id), csv)).code).toBe(EXIT.OK);
    const id = String(created.id);

    const set = await run(
      'campaigns',
      'settings',
      id,
      '--frequency-cap-days',
      '3',
      '--quiet-hours',
      '21:00-8:00',
      '--quiet-zone',
      'us=America/Chicago',
      '--spread',
      '6h',
      '--json',
    );
    expect(set.code).toBe(EXIT.OK);
    const value = JSON.parse(set.out) as {
      changed: string[];
      settings: {
        pacing: {
          frequencyCap: unknown;
          quietHours: { zones: unknown; from: string; to: string };
          spread: unknown;
        };
      };
    };
    expect(value.changed).toEqual(['frequency cap, quiet hours, spread']);
    expect(value.settings.pacing.frequencyCap).toMatchObject({
      enabled: true,
      days: 3,
      source: 'campaign',
    });
    expect(value.settings.pacing.quietHours).toMatchObject({
      enabled: true,
      from: '21:00',
      to: '08:00',
      zones: { US: 'America/Chicago' },
    });
    expect(value.settings.pacing.spread).toMatchObject({ durationMinutes: 360 });

    const shown = await run('campaigns', 'settings', id);
    expect(shown.out).toMatch(/Frequency cap: on, 3 days; 0 recipients would be excluded now\./);
    expect(shown.out).toMatch(/Quiet hours: 21:00–08:00 in each recipient's time zone/);
    expect(shown.out).toMatch(/Time zones chosen: US: America\/Chicago\./);
    expect(shown.out).toMatch(/Spread: over 6 h from the start/);

    // A zone alone merges into the current settings; "any" removes a choice; off keeps the times.
    await run(
      'campaigns',
      'settings',
      id,
      '--quiet-zone',
      'US=any',
      '--quiet-hours',
      'off',
      '--spread',
      'off',
      '--frequency-cap-days',
      'default',
    );
    const after = JSON.parse((await run('campaigns', 'settings', id, '--json')).out) as {
      settings: { pacing: { quietHours: unknown; spread: unknown; frequencyCap: unknown } };
    };
    expect(after.settings.pacing.quietHours).toMatchObject({
      enabled: false,
      from: '21:00',
      to: '08:00',
      zones: {},
    });
    expect(after.settings.pacing.spread).toMatchObject({ durationMinutes: null });
    expect(after.settings.pacing.frequencyCap).toMatchObject({ source: 'default', enabled: false });

    const bad: [string[], RegExp, number][] = [
      [['--quiet-hours', '9pm-8am'], /must look like 21:00-08:00/, EXIT.USAGE],
      [['--quiet-hours', '08:00-08:00'], /empty/, EXIT.USAGE],
      [['--quiet-zone', 'US:America/Chicago'], /US=America\/Chicago/, EXIT.USAGE],
      [['--quiet-zone', 'US=Europe/Paris'], /not a time zone of United States/, EXIT.FAILED],
      [['--spread', '6 hours'], /not a duration/, EXIT.USAGE],
      [['--frequency-cap-days', 'weekly'], /number of days/, EXIT.USAGE],
    ];
    for (const [args, message, code] of bad) {
      const r = await run('campaigns', 'settings', id, ...args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.err, args.join(' ')).toMatch(message);
    }
  });
});
