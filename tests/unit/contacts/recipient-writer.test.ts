import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import {
  ROWS_PER_INSERT,
  RecipientWriter,
  type RecipientRow,
} from '../../../electron/core/contacts/recipient-writer';
import { ImportSink } from '../../../electron/core/contacts/sink';

let db: Database;

beforeEach(() => {
  db = openSqlite(':memory:');
  migrate(db);
  db.prepare(
    "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('a', 'cloud', '1', '2', 'x', 0, 0)",
  ).run();
  db.prepare(
    "INSERT INTO campaigns (account_id, name, created_at, updated_at) VALUES (1, 'c', 0, 0)",
  ).run();
  db.prepare(
    "INSERT INTO imports (campaign_id, file_name, file_size, format, has_header, phone_column, summary_json, created_at) VALUES (1, 'f.csv', 0, 'csv', 1, 'phone', '{}', 0)",
  ).run();
});
afterEach(() => db.close());

const stored = () =>
  db.prepare('SELECT row_number AS row, phone FROM recipients ORDER BY row_number').all() as {
    row: number;
    phone: string;
  }[];
const row = (rowNumber: number, phone: string): RecipientRow => ({
  rowNumber,
  phone,
  country: 'GB',
  type: 'MOBILE',
  fieldsJson: '{}',
  suppressed: false,
});

describe('RecipientWriter', () => {
  it('keeps the first row of each number, within a batch, across batches and against earlier imports', () => {
    db.prepare(
      "INSERT INTO recipients (campaign_id, row_number, phone) VALUES (1, 2, '+447900000000')",
    ).run();
    const outcomes: [number, boolean][] = [];
    const writer = new RecipientWriter(db, 1, (r, inserted) =>
      outcomes.push([r.rowNumber, inserted]),
    );
    // 2.5 batches; every 7th row repeats the number of the row 3 before it (same batch or the previous one),
    // and row 10 repeats the number imported before.
    const total = Math.floor(ROWS_PER_INSERT * 2.5);
    const phoneOf = (n: number): string =>
      n === 10
        ? '+447900000000'
        : n % 7 === 0
          ? phoneOf(n - 3)
          : `+44790000${String(n).padStart(4, '0')}`;
    for (let n = 1; n <= total; n++) writer.add(row(n, phoneOf(n)));
    expect(outcomes).toHaveLength(ROWS_PER_INSERT * 2); // the last half batch waits for flush()
    writer.flush();
    writer.flush(); // nothing left: a no-op

    expect(outcomes.map(([n]) => n)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const duplicates = outcomes.filter(([, inserted]) => !inserted).map(([n]) => n);
    const expected = Array.from({ length: total }, (_, i) => i + 1).filter(
      (n) => n === 10 || n % 7 === 0,
    );
    expect(duplicates).toEqual(expected);
    // The first occurrence is the one stored.
    const rows = stored();
    expect(rows).toHaveLength(1 + total - expected.length);
    expect(rows.find((r) => r.phone === phoneOf(14))?.row).toBe(11);
    expect(rows.find((r) => r.phone === '+447900000000')?.row).toBe(2);
  });
});

describe('ImportSink with batched writes', () => {
  it('counts duplicates, suppressed and landline rows exactly, whichever batch they fall in', () => {
    db.prepare(
      "INSERT INTO suppression (phone, reason, source, created_at) VALUES ('+447911000150', 'opt_out', 'test', 0)",
    ).run();
    const sink = new ImportSink(db, {
      campaignId: 1,
      importId: 1,
      hasHeader: true,
      phoneColumn: 'phone',
      defaultCountry: 'GB',
    });
    sink.accept(['name', 'phone'], 1);
    const rows = ROWS_PER_INSERT * 3 + 17;
    for (let i = 0; i < rows; i++) {
      // Every 50th row is a London landline; rows 120 and 299 repeat earlier numbers; one number is suppressed.
      const n = i === 120 ? 20 : i === 299 ? 150 : i;
      const phone =
        n % 50 === 25
          ? `020 7946 ${String(n).padStart(4, '0')}`
          : `07911 ${String(n).padStart(6, '0')}`;
      sink.accept([`Customer ${i}`, phone], i + 2);
    }
    sink.accept(['Nobody', 'call me'], rows + 2);
    sink.finish();

    const landlines = Array.from({ length: rows }, (_, i) => i).filter((i) => i % 50 === 25).length;
    expect(sink.counts).toMatchObject({
      rows: rows + 1,
      duplicates: 2,
      suppressed: 1,
      invalid: 1,
      nonMobile: landlines,
      imported: rows - 2 - 1,
    });
    expect(db.prepare('SELECT count(*) AS n FROM recipients').get()).toEqual({ n: rows - 2 });
    expect(
      db.prepare("SELECT row_number AS row FROM recipients WHERE phone = '+447911000150'").get(),
    ).toEqual({ row: 152 });
    expect(
      db
        .prepare(
          "SELECT count(*) AS n FROM recipients WHERE state = 'skipped' AND skip_reason = 'suppressed'",
        )
        .get(),
    ).toEqual({ n: 1 });
  });
});
