import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

describe('migration 210 (marketing declined)', () => {
  let dir: { path: string; cleanup(): void };
  afterEach(() => dir.cleanup());

  it('keeps every customer with its consent and starts them with no "no" on record (209 → fixtures → 210)', () => {
    dir = tempDir('cd-mig210-');
    const db = openSqlite(join(dir.path, 'db.sqlite'));
    migrate(db, { target: 209 });
    db.prepare(
      `INSERT INTO customers (phone, attributes_json, first_seen_at, last_seen_at, consent_source, consent_at, consent_evidence, created_at, updated_at)
       VALUES ('+447911123456', '{"Name":"Ann"}', 1, 2, 'import', 1, 'imported from a.csv on 2026-03-02', 1, 2)`,
    ).run();
    expect(migrate(db, { target: 210 }).applied).toEqual([210]);
    expect(
      db
        .prepare(
          'SELECT phone, attributes_json, consent_evidence, marketing_declined_at, marketing_declined_evidence FROM customers',
        )
        .all(),
    ).toEqual([
      {
        phone: '+447911123456',
        attributes_json: '{"Name":"Ann"}',
        consent_evidence: 'imported from a.csv on 2026-03-02',
        marketing_declined_at: null,
        marketing_declined_evidence: null,
      },
    ]);
    db.close();
  });
});
