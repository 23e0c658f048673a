import type { Database as SqliteDatabase } from 'better-sqlite3';

/** The book's columns that hold a person's name, as shops name them in their customer files. */
const NAME_KEYS = ['name', 'full name', 'full_name', 'customer', 'customer name', 'customer_name'];
const FIRST_KEYS = ['first name', 'first_name', 'firstname'];
const LAST_KEYS = ['last name', 'last_name', 'lastname', 'surname'];

/**
 * The customer's name from the book's attributes (imported columns), for the Replies view: a
 * "name" column, or first and last names joined. Null when the book has none or cannot be read.
 */
export function nameFromAttributes(json: string | null | undefined): string | null {
  if (!json) return null;
  let attrs: unknown;
  try {
    attrs = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof attrs !== 'object' || attrs === null) return null;
  const byKey = new Map<string, string>();
  for (const [k, v] of Object.entries(attrs as Record<string, unknown>))
    if (typeof v === 'string' && v.trim()) byKey.set(k.trim().toLowerCase(), v.trim());
  const pick = (keys: string[]) => keys.map((k) => byKey.get(k)).find((v) => v !== undefined);
  const whole = pick(NAME_KEYS);
  const name = whole ?? [pick(FIRST_KEYS), pick(LAST_KEYS)].filter(Boolean).join(' ');
  return name ? name.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 80) || null : null;
}

export function createNameReader(db: SqliteDatabase): (phone: string) => string | null {
  const attrs = db
    .prepare<[string]>('SELECT attributes_json FROM customers WHERE phone = ?')
    .pluck();
  return (phone) => nameFromAttributes(attrs.get(phone) as string | undefined);
}
