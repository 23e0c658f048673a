import type { Database as SqliteDatabase } from 'better-sqlite3';

/**
 * A finished campaign of any size written straight into SQLite, for tests and benchmarks of the
 * report (importing and sending a million recipients would measure other things). The outcome mix
 * is fixed by row number so runs are comparable: 55% read, 25% delivered, 8% sent, 7% failed
 * over three codes, 5% skipped.
 */
export function insertFinishedCampaign(
  db: SqliteDatabase,
  options: { accountId: number; name: string; rows: number; now: number },
): number {
  const { now } = options;
  const columns = ['name', 'phone', 'city', 'order', 'note'];
  const campaignId = Number(
    db
      .prepare(
        `INSERT INTO campaigns (account_id, name, state, columns_json, started_at, completed_at, created_at, updated_at)
         VALUES (?, ?, 'completed', ?, ?, ?, ?, ?)`,
      )
      .run(
        options.accountId,
        options.name,
        JSON.stringify(columns),
        now - 3600_000,
        now,
        now - 7200_000,
        now,
      ).lastInsertRowid,
  );
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?),
     r AS (SELECT i, i % 100 AS m, '+1202' || printf('%07d', i) AS phone FROM n)
     INSERT INTO recipients (campaign_id, row_number, phone, country, phone_type, fields_json, state, wamid,
                             sent_at, delivered_at, read_at, failed_at, error_code, error_title, skip_reason)
     SELECT ?, i + 1, phone, 'US', 'MOBILE',
       json_object('name', 'Customer ' || i, 'phone', phone, 'city', CASE i % 3 WHEN 0 THEN 'Zürich' WHEN 1 THEN 'Москва' ELSE 'São Paulo' END,
                   'order', CASE WHEN i % 10 = 0 THEN '=1+' || i ELSE 'A-' || i END, 'note', 'Line, with "quotes"'),
       CASE WHEN m < 55 THEN 'read' WHEN m < 80 THEN 'delivered' WHEN m < 88 THEN 'sent' WHEN m < 95 THEN 'failed' ELSE 'skipped' END,
       CASE WHEN m < 95 THEN 'wamid.HBgLMTIwMjU1NTAxMDEVAgARGBI' || ? || 'X' || i END,
       CASE WHEN m < 95 THEN ? + i END,
       CASE WHEN m < 80 THEN ? + i + 5000 END,
       CASE WHEN m < 55 THEN ? + i + 60000 END,
       CASE WHEN m >= 88 AND m < 95 THEN ? + i + 9000 END,
       CASE WHEN m >= 88 AND m < 95 THEN (CASE i % 3 WHEN 0 THEN 131026 WHEN 1 THEN 131049 ELSE 131050 END) END,
       NULL,
       CASE WHEN m >= 95 THEN 'Cancelled before sending.' END
     FROM r`,
  ).run(
    options.rows,
    campaignId,
    campaignId,
    now - 3600_000,
    now - 3600_000,
    now - 3600_000,
    now - 3600_000,
  );
  return campaignId;
}
