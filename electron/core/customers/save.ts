import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { MarketingAnswer } from '../contacts/presets';
import { createLabelStore } from '../replies/labels';
import { handMarketingWords, nextConsent, sameConsent, type ConsentState } from './consent';

export interface HandEdit {
  /** The attributes to set: an empty value removes that attribute (a person asked for it). */
  attributes: Record<string, string>;
  /** The labels after the edit; absent: unchanged. */
  labels?: readonly string[];
  marketing?: MarketingAnswer;
}

type Existing = ConsentState & {
  id: number;
  attributes_json: string;
  attribute_dates_json: string;
};

/**
 * A customer added or edited by hand, in the caller's transaction: the given attributes are set,
 * each with today's date; labels are replaced when given; a marketing answer goes through the same
 * rules as an import's (consent.ts). A new customer's consent says "added by hand", unless the
 * person recorded a "no". Returns true when the customer is new.
 */
export function saveByHand(
  db: SqliteDatabase,
  phone: { e164: string; country: string | null },
  edit: HandEdit,
  now: number,
): boolean {
  const old = db
    .prepare(
      `SELECT id, attributes_json, attribute_dates_json, consent_source, consent_at, consent_evidence,
         marketing_declined_at, marketing_declined_evidence FROM customers WHERE phone = ?`,
    )
    .get(phone.e164) as Existing | undefined;
  const attrs = old ? (JSON.parse(old.attributes_json) as Record<string, string>) : {};
  const dates = old ? (JSON.parse(old.attribute_dates_json) as Record<string, number>) : {};
  for (const [name, raw] of Object.entries(edit.attributes)) {
    const value = raw.trim();
    if (value === '') {
      delete attrs[name];
      delete dates[name];
    } else if (attrs[name] !== value) {
      attrs[name] = value;
      dates[name] = now;
    }
  }
  const evidence = {
    source: 'manual' as const,
    evidence: `added by hand on ${new Date(now).toISOString().slice(0, 10)}`,
  };
  const agreed = nextConsent(old ?? null, edit.marketing, evidence, handMarketingWords(now), now);
  if (edit.labels) setLabels(db, phone.e164, edit.labels, now);
  if (old) {
    db.prepare(
      `UPDATE customers SET attributes_json = ?, attribute_dates_json = ?, updated_at = ?,
         consent_source = @consent_source, consent_at = @consent_at, consent_evidence = @consent_evidence,
         marketing_declined_at = @marketing_declined_at, marketing_declined_evidence = @marketing_declined_evidence
       WHERE id = ?`,
    ).run(
      sameConsent(old, agreed) ? old : agreed,
      JSON.stringify(attrs),
      JSON.stringify(dates),
      now,
      old.id,
    );
    return false;
  }
  db.prepare(
    `INSERT INTO customers (phone, country, attributes_json, attribute_dates_json, first_seen_at, last_seen_at,
       consent_source, consent_at, consent_evidence, marketing_declined_at, marketing_declined_evidence,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, @consent_source, @consent_at, @consent_evidence, @marketing_declined_at,
       @marketing_declined_evidence, ?, ?)`,
  ).run(
    agreed,
    phone.e164,
    phone.country,
    JSON.stringify(attrs),
    JSON.stringify(dates),
    now,
    now,
    now,
    now,
  );
  return true;
}

/** The number's labels become exactly `labels` (already lower-cased by the contract). */
function setLabels(db: SqliteDatabase, phone: string, labels: readonly string[], now: number) {
  const store = createLabelStore(db);
  const wanted = new Set(labels);
  const had = db
    .prepare('SELECT label FROM customer_labels WHERE phone = ?')
    .pluck()
    .all(phone) as string[];
  for (const l of had) if (!wanted.has(l)) store.unlabel(phone, l);
  for (const l of wanted) if (!had.includes(l)) store.label(phone, l, now);
}
