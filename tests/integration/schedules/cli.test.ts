import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import { openSqlite } from '../../../electron/core/db/connection';
import { tempDir } from '../../helpers/tmp';

describe('CLI: schedules', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('adds, lists, pauses, resumes, shows runs and deletes a schedule; refuses bad --every in words', async () => {
    const d = tempDir('cd-sched-cli-');
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
    expect((await cli('segments', 'create', '--name', 'Everyone')).code).toBe(EXIT.OK);
    const created = JSON.parse(
      (await cli('campaigns', 'create', '--name', 'Offer', '--json')).out,
    ) as { id: number };
    const db = openSqlite(join(d.path, 'campaign-desk.sqlite'));
    db.prepare(
      "UPDATE campaigns SET template_name = 'order_confirmation', template_language = 'en_US' WHERE id = ?",
    ).run(created.id);
    db.close();

    const bad = await cli(
      'schedules',
      'add',
      '--name',
      'Weekly',
      '--segment',
      '1',
      '--from',
      String(created.id),
      '--every',
      'someday 10:00',
    );
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.err).toMatch(
      /"someday" is not a day\. Write it as 'daily 18:00', 'mon 10:00' or '1st 09:00'\./,
    );

    const added = await cli(
      'schedules',
      'add',
      '--name',
      'Weekly',
      '--segment',
      '1',
      '--from',
      String(created.id),
      '--every',
      'mon 10:00',
      '--zone',
      'Europe/Paris',
      '--grace-hours',
      '12',
      '--until',
      '2030-12-31',
    );
    expect(added.code).toBe(EXIT.OK);
    expect(added.out).toMatch(
      /Schedule 1: Weekly\n {2}When: every Monday at 10:00 \(Europe\/Paris\); missed runs still go out up to 12 hours late\./,
    );
    expect(added.out).toMatch(/Who: segment 1 "Everyone", read at each run\./);
    expect(added.out).toMatch(/Next run: \d{4}-\d\d-\d\d 10:00; ends 2030-12-31\./);

    expect((await cli('schedules', 'pause', '1')).out).toMatch(
      /Schedule 1: Weekly \(paused\)[\s\S]*Next run: none while paused/,
    );
    expect((await cli('schedules', 'resume', '1')).out).toMatch(/Next run: \d{4}-\d\d-\d\d 10:00/);
    const list = JSON.parse((await cli('schedules', 'list', '--json')).out) as {
      name: string;
      graceMinutes: number;
    }[];
    expect(list).toEqual([expect.objectContaining({ name: 'Weekly', graceMinutes: 720 })]);
    expect((await cli('schedules', 'runs', '1')).out).toBe('No runs yet.');
    expect((await cli('schedules', 'delete', '1')).code).toBe(EXIT.USAGE);
    expect((await cli('schedules', 'delete', '1', '--yes')).out).toMatch(/Deleted\./);
    expect((await cli('schedules', 'list')).out).toMatch(/No schedules yet\./);
  });
});
