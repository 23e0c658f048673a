import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/db/open';
import { writeTransaction } from '../../../electron/core/db/tx';
import { createCore } from '../../../electron/core/service';
import { tempDir } from '../../helpers/tmp';
import { harness, value, type Harness } from './helpers';

function bigCsv(path: string, rows: number) {
  const lines = ['name,phone,city'];
  for (let i = 0; i < rows; i++)
    lines.push(`Customer ${i},+4479${String(10000000 + i).padStart(8, '0')},London`);
  writeFileSync(path, lines.join('\n'));
}

describe('an import beside other writers', () => {
  let h: Harness | undefined;
  const dirs: { cleanup(): void }[] = [];
  afterEach(async () => {
    await h?.close();
    h = undefined;
    dirs.splice(0).forEach((d) => d.cleanup());
  });

  it('lets another connection write between its chunks, never past its busy timeout, and appears all at once', async () => {
    h = await harness();
    const rows = 150_000;
    const csv = join(h.dir, 'big.csv');
    bigCsv(csv, rows);
    // Another writer with the app's own busy timeout (connection.ts: 5 s). A short one proved the
    // same thing on a quiet machine but not on a loaded one, where one 2,000-row chunk can take over
    // a second of wall time; what shows the import writes in chunks is below: writes that land
    // between two chunks, counted by how many hidden rows were committed at that moment.
    const other = new Database(join(h.dir, DATABASE_FILE));
    other.pragma('busy_timeout = 5000');
    const write = writeTransaction(other, (n: number) =>
      other
        .prepare(
          "INSERT INTO settings (key, value_json) VALUES ('probe', ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json",
        )
        .run(String(n)),
    );
    const seen = other
      .prepare(
        'SELECT count(*) FROM recipients WHERE campaign_id = ? AND import_batch NOT IN (SELECT id FROM import_batches)',
      )
      .pluck();
    const hidden = other
      .prepare(
        'SELECT count(*) FROM recipients WHERE campaign_id = ? AND import_batch IN (SELECT id FROM import_batches)',
      )
      .pluck();
    let writes = 0;
    const busy: string[] = [];
    const observed = new Set<number>();
    const between = new Set<number>();
    let done = false;
    const importing = h.importFile(csv).finally(() => (done = true));
    while (!done) {
      try {
        write(writes);
        writes++;
        const partial = hidden.get(h.campaignId) as number;
        if (partial > 0 && partial < rows) between.add(partial);
      } catch (e) {
        busy.push((e as Error).message);
      }
      observed.add(seen.get(h.campaignId) as number);
      await new Promise((r) => setTimeout(r, 5));
    }
    const result = value(await importing);
    observed.add(seen.get(h.campaignId) as number);
    other.close();
    expect(busy).toEqual([]);
    // Writes got in between chunks at several points of the import, not only before and after it.
    expect(between.size).toBeGreaterThanOrEqual(3);
    expect(result.imported).toBe(rows);
    // Nothing in between: the audience was empty, then whole.
    expect([...observed].sort((a, b) => a - b)).toEqual(observed.has(0) ? [0, rows] : [rows]);
  }, 180_000);

  it('killed half way, leaves nothing once the app starts again', async () => {
    const d = tempDir('cd-crash-');
    dirs.push(d);
    const csv = join(d.path, 'big.csv');
    bigCsv(csv, 300_000);
    // tsx's loader in this process (its CLI would run the script in a grandchild the kill misses).
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'crash-child.ts'), d.path, csv],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((r) => child.on('exit', r));
    // Kill once the batch holds rows: the moment is chosen from the database, not a timer.
    const db = join(d.path, DATABASE_FILE);
    for (let i = 0; i < 6000; i++) {
      await new Promise((r) => setTimeout(r, 20));
      let staged = 0;
      try {
        const probe = new Database(db, { readonly: true, fileMustExist: true });
        try {
          staged = probe
            .prepare(
              'SELECT count(*) FROM recipients WHERE import_batch IN (SELECT id FROM import_batches)',
            )
            .pluck()
            .get() as number;
        } finally {
          probe.close();
        }
      } catch {
        // Not created or not migrated yet.
      }
      if (staged > 10_000) break;
    }
    child.kill('SIGKILL');
    await exited;

    const core = createCore({ dataDir: d.path, shell: 'headless', externalChangePollMs: 0 });
    try {
      const count = (sql: string) => core.store.sqlite.prepare(sql).pluck().get();
      expect(count('SELECT count(*) FROM campaigns')).toBe(1);
      expect(count('SELECT count(*) FROM import_batches')).toBe(0);
      expect(count('SELECT count(*) FROM recipients')).toBe(0);
      expect(count('SELECT count(*) FROM imports')).toBe(0);
    } finally {
      await core.close();
    }
  }, 180_000);
});
