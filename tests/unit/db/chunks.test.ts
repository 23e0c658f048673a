import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { inChunks } from '../../../electron/core/db/chunks';
import { writeTransaction } from '../../../electron/core/db/tx';
import { tempDir } from '../../helpers/tmp';

// Another thread's short writes with a 1 s busy_timeout (the import test's figure).
const WAITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const write = db.prepare('INSERT INTO probe (n) VALUES (1)');
const pause = new Int32Array(new SharedArrayBuffer(4));
let ok = 0, busy = 0;
parentPort.postMessage('ready');
const until = Date.now() + workerData.forMs;
while (Date.now() < until) {
  try { db.transaction(() => write.run()).immediate(); ok++; } catch { busy++; }
  Atomics.wait(pause, 0, 0, 5);
}
db.close();
parentPort.postMessage({ ok, busy });
`;

describe('inChunks', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('leaves the write lock free between chunks, so a short writer never waits past its busy_timeout', async () => {
    const d = tempDir('cd-chunks-');
    dirs.push(d);
    const file = join(d.path, 'x.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE probe (n INTEGER)');
    const waiter = new Worker(WAITER, {
      eval: true,
      workerData: {
        file,
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        forMs: 1500,
      },
    });
    const messages: unknown[] = [];
    const finished = new Promise<{ ok: number; busy: number }>((resolve, reject) => {
      waiter.on('message', (m: unknown) =>
        m === 'ready' ? messages.push(m) : resolve(m as { ok: number; busy: number }),
      );
      waiter.on('error', reject);
    });
    while (messages.length === 0) await new Promise((r) => setTimeout(r, 5));
    // 50 chunks that each hold the lock 30 ms: back to back, the waiter would starve.
    let steps = 0;
    const spin = db.prepare('SELECT 1');
    inChunks(
      writeTransaction(db, () => {
        const until = performance.now() + 30;
        while (performance.now() < until) spin.get();
        return ++steps < 50;
      }),
    );
    const { ok, busy } = await finished;
    db.close();
    expect(steps).toBe(50);
    expect(busy).toBe(0);
    expect(ok).toBeGreaterThan(5);
  }, 30_000);
});
