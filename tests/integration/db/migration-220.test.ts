import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 220 (schedules)', () => {
  let dir: { path: string; cleanup(): void };
  afterEach(() => dir.cleanup());

  it('keeps segments and campaigns and adds schedules whose runs are unique per occurrence (219 → fixtures → 220)', () => {
    dir = tempDir('cd-mig220-');
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 219 });
    db.prepare(
      `INSERT INTO segments (name, definition_json, created_at, updated_at) VALUES ('Quiet', '{"filter":null,"history":[]}', 1, 1)`,
    ).run();
    expect(migrate(db, { target: 220 }).applied).toEqual([220]);
    expect(db.prepare('SELECT name FROM segments').all()).toEqual([{ name: 'Quiet' }]);
    db.prepare(
      `INSERT INTO schedules (name, segment_id, rule_json, time_zone, settings_json, next_run_at, created_at, updated_at)
       VALUES ('Weekly', 1, '{"kind":"daily","minute":600}', 'Europe/Paris', '{}', 100, 1, 1)`,
    ).run();
    const run = db.prepare(
      "INSERT INTO schedule_runs (schedule_id, due_at, state, created_at) VALUES (1, 100, 'skipped', 2)",
    );
    run.run();
    expect(() => run.run()).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT grace_minutes, paused_at FROM schedules').get()).toEqual({
      grace_minutes: 360,
      paused_at: null,
    });
    db.prepare('DELETE FROM schedules').run();
    expect(db.prepare('SELECT count(*) AS n FROM schedule_runs').get()).toEqual({ n: 0 });
    db.close();
  });
});
