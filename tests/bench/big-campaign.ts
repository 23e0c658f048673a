// A finished campaign of N recipients, 8 columns each, in a realistic mix of outcomes over 3 hours:
// 60% read, 22% delivered, 8% sent, 5% failed (3 codes), 3% skipped, 2% unknown. Shared by the
// progress view's query benchmark and its UI benchmark, so both measure the same data.
import type { Database } from 'better-sqlite3';

export function seedBigCampaign(
  db: Database,
  n: number,
  name = 'Big',
): { campaignId: number; lastId: number } {
  const started = Date.now() - 3 * 3_600_000;
  const campaignId = Number(
    db
      .prepare(
        "INSERT INTO campaigns (account_id, name, state, started_at, completed_at, created_at, updated_at) VALUES (1, ?, 'completed', ?, ?, 0, 0)",
      )
      .run(name, started, started + 3_600_000).lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO recipients (campaign_id, row_number, phone, state, fields_json, wamid, wa_id, sent_at, delivered_at, read_at, failed_at, error_code, error_title)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const r = (Math.imul(i + 7, 2654435761) >>> 0) / 2 ** 32;
      const state =
        r < 0.6
          ? 'read'
          : r < 0.82
            ? 'delivered'
            : r < 0.9
              ? 'sent'
              : r < 0.95
                ? 'failed'
                : r < 0.98
                  ? 'skipped'
                  : 'unknown';
      const sent =
        state === 'skipped' || state === 'unknown'
          ? null
          : started + Math.floor((i / n) * 3_600_000);
      const code = state === 'failed' ? [131026, 131049, 131050][i % 3]! : null;
      const phone = `+4479${String(10_000_000 + i)}`;
      insert.run(
        campaignId,
        i + 2,
        phone,
        state,
        JSON.stringify({
          first_name: `Name${i}`,
          last_name: `Surname${i % 977}`,
          email: `user${i}@example.com`,
          city: `City ${i % 313}`,
          postcode: `AB${i % 90} ${i % 9}CD`,
          last_order: '2026-03-14',
          total_spent: String((i % 5000) / 10),
        }),
        sent === null ? null : `wamid.${i.toString(36)}`,
        phone.slice(1),
        sent,
        state === 'read' || state === 'delivered' ? sent! + 4000 : null,
        state === 'read' ? sent! + 60_000 : null,
        state === 'failed' ? sent! + 2000 : null,
        code,
        code === null ? null : 'x',
      );
    }
  })();
  const lastId = (db.prepare('SELECT max(id) AS id FROM recipients').get() as { id: number }).id;
  return { campaignId, lastId };
}
