import type { Database as SqliteDatabase } from 'better-sqlite3';

/**
 * A customer added or edited by hand, in the caller's transaction: the given attributes are set
 * (an empty value removes that attribute: a person asked for it), each with today's date. A new
 * customer's consent says "added by hand". Returns true when the customer is new.
 */
export function saveByHand(
  db: SqliteDatabase,
  phone: { e164: string; country: string | null },
  attributes: Record<string, string>,
  now: number,
): boolean {
  const old = db
    .prepare('SELECT id, attributes_json, attribute_dates_json FROM customers WHERE phone = ?')
    .get(phone.e164) as
    { id: number; attributes_json: string; attribute_dates_json: string } | undefined;
  const attrs = old ? (JSON.parse(old.attributes_json) as Record<string, string>) : {};
  const dates = old ? (JSON.parse(old.attribute_dates_json) as Record<string, number>) : {};
  for (const [name, raw] of Object.entries(attributes)) {
    const value = raw.trim();
    if (value === '') {
      delete attrs[name];
      delete dates[name];
    } else if (attrs[name] !== value) {
      attrs[name] = value;
      dates[name] = now;
    }
  }
  if (old) {
    db.prepare(
      'UPDATE customers SET attributes_json = ?, attribute_dates_json = ?, updated_at = ? WHERE id = ?',
    ).run(JSON.stringify(attrs), JSON.stringify(dates), now, old.id);
    return false;
  }
  db.prepare(
    `INSERT INTO customers (phone, country, attributes_json, attribute_dates_json, first_seen_at, last_seen_at,
       consent_source, consent_at, consent_evidence, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'manual', ?, ?, ?, ?)`,
  ).run(
    phone.e164,
    phone.country,
    JSON.stringify(attrs),
    JSON.stringify(dates),
    now,
    now,
    now,
    `added by hand on ${new Date(now).toISOString().slice(0, 10)}`,
    now,
    now,
  );
  return true;
}
