import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRecordStage } from '../../../../electron/core/sender/pipeline/record';
import type { SendResult } from '../../../../electron/core/sender/repo';
import { RECIPIENT_STATES, type RecipientCounts } from '../../../../shared/api';
import { tempDir } from '../../../helpers/tmp';

const dir = tempDir('cd-record-');
afterAll(() => dir.cleanup());

function setup() {
  const path = join(dir.path, `db-${Math.random()}.sqlite`);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE written (id INTEGER PRIMARY KEY, kind TEXT NOT NULL)');
  const other = new Database(path);
  const insert = db.prepare('INSERT INTO written (id, kind) VALUES (?, ?)');
  const apply = db.transaction((rs: readonly SendResult[]) => {
    for (const r of rs) insert.run(r.id, r.kind);
  });
  const counts = Object.fromEntries(
    [...RECIPIENT_STATES, 'total'].map((s) => [s, 0]),
  ) as RecipientCounts;
  counts.sending = 3;
  let t = 0;
  const logs: string[] = [];
  const stage = createRecordStage({
    db,
    apply: (rs) => apply.immediate(rs),
    counts,
    monotonic: () => t,
    random: () => 0.5,
    log: (m) => logs.push(m),
  });
  const written = () => (db.prepare('SELECT count(*) AS n FROM written').get() as { n: number }).n;
  return {
    db,
    other,
    stage,
    counts,
    logs,
    written,
    advance: (ms: number) => (t += ms),
    close: () => {
      other.close();
      db.close();
    },
  };
}

const sent = (id: number): SendResult => ({
  id,
  kind: 'sent',
  wamid: `wamid.${id}`,
  waId: null,
  at: 1,
});

describe('the record stage', () => {
  it('writes what it holds, and counts each result as it arrives', () => {
    const s = setup();
    s.stage.add(sent(1));
    s.stage.add({ id: 2, kind: 'retry', nextAt: 5, uncount: false });
    expect(s.counts).toMatchObject({ sending: 1, sent: 1, pending: 1 });
    expect(s.written()).toBe(0);
    expect(s.stage.flush()).toBe(true);
    expect(s.written()).toBe(2);
    expect(s.stage.held()).toBe(0);
    s.close();
  });

  it('keeps every result while another connection holds the lock, retries later, and writes them all', () => {
    const s = setup();
    s.other.exec('BEGIN IMMEDIATE');
    s.other.prepare('INSERT INTO written (id, kind) VALUES (99, ?)').run('other');
    s.stage.add(sent(1));
    expect(s.stage.flush()).toBe(false);
    expect(s.stage.held()).toBe(1);
    const wait = s.stage.retryInMs();
    expect(wait).toBeGreaterThan(0);
    // Before the retry is due nothing is tried; meanwhile more answers arrive and are held too.
    s.stage.add(sent(2));
    expect(s.stage.flush()).toBe(false);
    s.advance(wait);
    expect(s.stage.flush()).toBe(false);
    expect(s.stage.held()).toBe(2);
    // A short wait is normal beside an import: the log says nothing until the lock has lasted 2 s.
    expect(s.logs).toEqual([]);
    s.advance(2000);
    expect(s.stage.flush()).toBe(false);
    expect(s.logs).toHaveLength(1);
    // The connection's own busy timeout is back after each short try.
    expect(s.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    s.other.exec('COMMIT');
    s.advance(5000);
    expect(s.stage.flush()).toBe(true);
    expect(s.written()).toBe(3);
    expect(s.logs).toHaveLength(2);
    expect(s.logs[0]).toMatch(/database is locked/);
    expect(s.logs[1]).toBe('sender: results written again');
    s.close();
  });

  it('lets a bug surface instead of retrying it forever, and still holds the results', () => {
    const counts = { sending: 1, sent: 0 } as RecipientCounts;
    const stage = createRecordStage({
      db: new Database(':memory:'),
      apply: () => {
        throw new TypeError('bug');
      },
      counts,
      monotonic: () => 0,
      random: () => 0.5,
    });
    stage.add(sent(1));
    expect(() => stage.flush()).toThrow(TypeError);
    expect(stage.held()).toBe(1);
  });

  it('drains until written, and gives up only after its bound, keeping what it could not write', async () => {
    const s = setup();
    s.other.exec('BEGIN IMMEDIATE');
    s.other.prepare('INSERT INTO written (id, kind) VALUES (99, ?)').run('other');
    s.stage.add(sent(1));
    let sleeps = 0;
    const sleep = (ms: number) => {
      sleeps++;
      s.advance(ms);
      return Promise.resolve();
    };
    expect(await s.stage.drain(sleep, 3000)).toBe(false);
    expect(sleeps).toBeGreaterThan(3);
    expect(s.stage.held()).toBe(1);
    // The other writer lets go during the second wait.
    let n = 0;
    const sleepThenUnlock = (ms: number) => {
      if (++n === 2) s.other.exec('COMMIT');
      return sleep(ms);
    };
    expect(await s.stage.drain(sleepThenUnlock, 60_000)).toBe(true);
    expect(s.written()).toBe(2);
    s.close();
  });
});
