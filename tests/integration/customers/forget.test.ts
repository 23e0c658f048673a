import type { Database as SqliteDatabase } from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/db/open';
import { callApi, openBook } from './helpers';

const PHONE = '+447911123456';
const DIGITS = PHONE.slice(1);
const OTHER = '+447911123457';
// A wamid carries the number base64-encoded, as Meta's do.
const wamid = (digits: string) =>
  `wamid.HBgM${Buffer.from(digits).toString('base64')}FQIAERgSQUFBQUFBQUFBQUFBQUFBQUFB`;

const neighbours = (from: number, to: number) =>
  Array.from(
    { length: to - from },
    (_, i) => `+1650555${String(2000 + from + i)},N${i},n${i}@example.com\n`,
  ).join('');

/** Every text cell of every table that holds the number, in either form. */
function cellsNaming(db: SqliteDatabase, needles: string[]): string[] {
  const hits: string[] = [];
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  for (const t of tables) {
    for (const row of db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[])
      for (const [col, v] of Object.entries(row))
        if (typeof v === 'string' && needles.some((n) => v.includes(n))) hits.push(`${t}.${col}`);
  }
  return hits;
}

describe('customer book: forget', () => {
  const open: ReturnType<typeof openBook>[] = [];
  afterEach(async () => {
    for (const b of open.splice(0)) await b.close();
  });

  it('erases the number from the book, every campaign, events and opt-outs, keeps anonymised counts, and leaves no byte of it in the file or the WAL', async () => {
    const b = openBook();
    open.push(b);
    const campaign = await callApi(b.core, 'campaigns.create', { name: 'Spring' });
    const path = b.file(
      'spring.csv',
      // Other customers around the number, so its rows share pages that stay in use after it goes.
      `phone,name,email\n${neighbours(0, 150)}${PHONE},Ann,ann@example.com\n${OTHER},Bob,bob@example.com\n${neighbours(150, 300)}`,
    );
    await callApi(b.core, 'audience.import', {
      campaignId: campaign.id,
      file: { kind: 'path', path },
    });
    const db = b.core.store.sqlite;
    // What sending and webhooks would have left: Meta's ids, statuses, a reply, an opt-out.
    db.prepare(
      `UPDATE recipients SET state = 'read', wamid = ?, wa_id = ?, user_id = 'US.13491208655302741918', sent_at = 10, delivered_at = 11, read_at = 12 WHERE phone = ?`,
    ).run(wamid(DIGITS), DIGITS, PHONE);
    db.prepare(
      `UPDATE recipients SET state = 'delivered', wamid = ?, wa_id = ?, sent_at = 10, delivered_at = 11 WHERE phone = ?`,
    ).run(wamid(OTHER.slice(1)), OTHER.slice(1), OTHER);
    const ann = db.prepare('SELECT id FROM recipients WHERE phone = ?').pluck().get(PHONE);
    const event = db.prepare(
      "INSERT INTO status_events (source, wamid, status, recipient_id, payload_json, received_at, kind, dedupe_key) VALUES ('sandbox', ?, ?, ?, ?, 1, ?, ?)",
    );
    event.run(wamid(DIGITS), 'read', ann, JSON.stringify({ recipient_id: DIGITS }), 'status', null);
    event.run(
      null,
      null,
      null,
      JSON.stringify({ from: DIGITS, text: { body: 'STOP' } }),
      'inbound',
      'k1',
    );
    event.run(null, null, null, JSON.stringify({ from: OTHER.slice(1) }), 'inbound', 'k2');
    await callApi(b.core, 'suppression.add', { phone: PHONE, reason: 'Replied STOP' });
    // What the Replies view keeps (issue 19): her reply with a photo on disk, an answer, a label.
    mkdirSync(join(b.dir, 'replies-media'), { recursive: true });
    writeFileSync(join(b.dir, 'replies-media', '1'), 'photo bytes');
    db.prepare(
      `INSERT INTO replies (message_id, phone, wa_id, account_id, type, body, media_path, campaign_id, meta_ts, received_at)
       VALUES ('wamid.in1', ?, ?, 1, 'image', 'Here is my receipt', 'replies-media/1', ?, 1, 1)`,
    ).run(PHONE, DIGITS, campaign.id);
    db.prepare(
      "INSERT INTO reply_answers (phone, account_id, kind, body, state, created_at) VALUES (?, 1, 'text', 'Thanks Ann', 'sent', 1)",
    ).run(PHONE);
    db.prepare(
      "INSERT INTO customer_labels (phone, label, set_at, source) VALUES (?, 'interested', 1, 'manual')",
    ).run(PHONE);

    const r = await callApi(b.core, 'customers.forget', {
      phone: '07911 123456',
      defaultCountry: 'GB',
      compact: true,
    });
    expect(r).toEqual({
      forgotten: true,
      recipientsRedacted: 1,
      eventsRemoved: 2,
      suppressionRemoved: 1,
      repliesRemoved: 3,
      compacted: true,
    });
    expect(existsSync(join(b.dir, 'replies-media', '1'))).toBe(false);

    expect(cellsNaming(db, [DIGITS, wamid(DIGITS)])).toEqual([]);
    // The campaign's counts stand: two recipients, one read, one delivered.
    expect(
      db
        .prepare(
          "SELECT state, count(*) AS n FROM recipients WHERE campaign_id = ? AND state <> 'pending' GROUP BY state ORDER BY state",
        )
        .all(campaign.id),
    ).toEqual([
      { state: 'delivered', n: 1 },
      { state: 'read', n: 1 },
    ]);
    // Everything about the other customer is untouched.
    expect(cellsNaming(db, [OTHER.slice(1)]).sort()).toEqual(
      [
        'customers.phone',
        'recipients.fields_json',
        'recipients.phone',
        'recipients.wa_id',
        'status_events.payload_json',
      ].sort(),
    );
    expect(
      db
        .prepare(
          'SELECT recipients_redacted, events_removed, suppression_removed FROM customer_forgets',
        )
        .all(),
    ).toEqual([{ recipients_redacted: 1, events_removed: 2, suppression_removed: 1 }]);
    await expect(callApi(b.core, 'customers.show', { phone: PHONE })).rejects.toThrow(
      /not in the customer book/,
    );

    // The bytes on disk: the database file (compacted) and its WAL after the checkpoint.
    const file = join(b.dir, DATABASE_FILE);
    const bytes = [
      readFileSync(file),
      existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0),
    ];
    for (const buf of bytes) {
      expect(buf.includes(DIGITS)).toBe(false);
      expect(buf.includes('ann@example.com')).toBe(false);
      expect(buf.includes('Here is my receipt')).toBe(false);
    }
    // The log line names counts, never the number.
    const log = join(b.dir, 'logs', 'campaign-desk.log');
    if (existsSync(log)) expect(readFileSync(log, 'utf8')).not.toContain(DIGITS);
  });

  it('answers plainly when nothing was stored about a number', async () => {
    const b = openBook();
    open.push(b);
    expect(await callApi(b.core, 'customers.forget', { phone: '+16505551234' })).toEqual({
      forgotten: false,
      recipientsRedacted: 0,
      eventsRemoved: 0,
      suppressionRemoved: 0,
      repliesRemoved: 0,
      compacted: false,
    });
    expect(b.core.store.sqlite.prepare('SELECT count(*) FROM customer_forgets').pluck().get()).toBe(
      0,
    );
  });
});
