import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IMPORT_WORKER_LIMITS, runJob } from '../../../electron/core/contacts/runner';
import { manyDistinctStrings } from '../../helpers/hostile-files';
import { harness, type Harness } from './helpers';

describe('the import worker runs inside a memory cap (issue 22 item 1)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('starts every import worker with IMPORT_WORKER_LIMITS', async () => {
    const probe = { url: new URL('./limits-probe.mjs', import.meta.url) };
    const task = { kind: 'preview', path: 'unused', fileName: 'unused', options: {} } as const;
    const m = await runJob(task, probe, () => undefined).done;
    expect(m).toMatchObject({ type: 'preview', result: IMPORT_WORKER_LIMITS });
    expect(IMPORT_WORKER_LIMITS.maxOldGenerationSizeMb).toBeGreaterThan(0);
  });

  it('refuses a file that needs more memory than the cap, changes nothing, and the process imports the next file', async () => {
    // 48 MB of heap is enough for the worker and a small workbook, not for exceljs holding
    // 600,000 distinct shared strings (~28 MB of XML, which passes every byte limit).
    h = await harness({
      importWorkerLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 },
    });
    const small = join(h.dir, 'small.xlsx');
    writeFileSync(small, manyDistinctStrings(1000));
    const fits = await h.importFile(small, { phoneColumn: 'phone', defaultCountry: 'GB' });
    expect(fits.ok && fits.value.imported).toBe(1);

    const big = join(h.dir, 'big.xlsx');
    writeFileSync(big, manyDistinctStrings(600_000));
    const before = h.recipients();
    const r = await h.importFile(big, { phoneColumn: 'phone', defaultCountry: 'GB' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toBe(
        'This file needs more memory than the import may use (48 MB) and was refused. Nothing was changed.',
      );
    }
    expect(h.recipients()).toEqual(before);
    const db = h.core.store.sqlite;
    expect(db.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(1);

    // The worker died, not the process: the same core imports the next file.
    const next = join(h.dir, 'next.csv');
    writeFileSync(next, 'phone\n+447911000002\n');
    const again = await h.importFile(next, { phoneColumn: 'phone' });
    expect(again.ok && again.value.imported).toBe(1);
  });
});
