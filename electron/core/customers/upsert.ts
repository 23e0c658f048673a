import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { MarketingAnswer } from '../contacts/presets';
import {
  nextConsent,
  sameConsent,
  type ConsentEvidence,
  type ConsentState,
  type MarketingWords,
} from './consent';

export type { ConsentEvidence } from './consent';

export interface BookRow {
  phone: string;
  country: string | null;
  /** Attribute name → value; empty values never erase a known one. */
  fields: Record<string, string>;
  /** A number this import already gave: merged, not counted again. */
  repeat?: boolean;
  /** The file's answer to the marketing question for this customer, when it has one. */
  marketing?: MarketingAnswer;
}

export interface UpsertCounts {
  new: number;
  updated: number;
  unchanged: number;
}

interface Existing extends ConsentState {
  id: number;
  phone: string;
  country: string | null;
  attributes_json: string;
  attribute_dates_json: string;
}

/** Phones per lookup: far below SQLite's 32,766-variable limit, large enough to amortise a call. */
const LOOKUP = 500;
/** Rows buffered before they are written; the caller's transaction holds them all. */
export const UPSERT_BUFFER = 2000;

/**
 * Merges one value set into what the book knows: a non-empty value that differs wins and takes
 * `now` as its date; an empty one never erases; a column never seen before is added.
 */
export function mergeAttributes(
  known: Record<string, string>,
  dates: Record<string, number>,
  incoming: Record<string, string>,
  now: number,
): boolean {
  let changed = false;
  for (const [name, raw] of Object.entries(incoming)) {
    const value = raw.trim();
    if (value === '' || known[name] === value) continue;
    known[name] = value;
    dates[name] = now;
    changed = true;
  }
  return changed;
}

/**
 * Upserts customers by E.164 number inside the caller's (IMMEDIATE) transaction: rows are
 * buffered, their current book rows read in lookups of 500, merged in JS (mergeAttributes), and
 * only what changed is rewritten; unchanged customers only move their last-seen date.
 * Call flush() before the caller commits.
 */
export class CustomerUpserter {
  readonly counts: UpsertCounts = { new: 0, updated: 0, unchanged: 0 };
  private readonly pending = new Map<string, BookRow>();
  private readonly lookups = new Map<number, Statement<unknown[], Existing>>();
  private readonly insert: Statement<unknown[]>;
  private readonly update: Statement<unknown[]>;
  private readonly touch: Statement<unknown[]>;

  /** `marketing`: the words of the file's marketing answers, when the file has such a column. */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly consent: ConsentEvidence,
    private readonly now: number,
    private readonly marketing?: MarketingWords,
  ) {
    this.insert = db.prepare(
      `INSERT INTO customers (phone, country, attributes_json, attribute_dates_json, first_seen_at, last_seen_at,
         consent_source, consent_at, consent_evidence, marketing_declined_at, marketing_declined_evidence,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, @consent_source, @consent_at, @consent_evidence, @marketing_declined_at,
         @marketing_declined_evidence, ?, ?)`,
    );
    this.update = db.prepare(
      `UPDATE customers SET attributes_json = ?, attribute_dates_json = ?, country = coalesce(country, ?),
         last_seen_at = max(last_seen_at, ?), updated_at = ?,
         consent_source = @consent_source, consent_at = @consent_at, consent_evidence = @consent_evidence,
         marketing_declined_at = @marketing_declined_at,
         marketing_declined_evidence = @marketing_declined_evidence
       WHERE id = ?`,
    );
    this.touch = db.prepare(
      'UPDATE customers SET last_seen_at = max(last_seen_at, ?) WHERE id = ?',
    );
  }

  /** A repeat of a number already buffered merges into it (the later row's values win). */
  add(row: BookRow): void {
    const held = this.pending.get(row.phone);
    if (held) {
      for (const [k, v] of Object.entries(row.fields)) if (v.trim() !== '') held.fields[k] = v;
      held.country ??= row.country;
      if (row.marketing) held.marketing = row.marketing;
    } else this.pending.set(row.phone, { ...row, fields: { ...row.fields } });
    if (this.pending.size >= UPSERT_BUFFER) this.flush();
  }

  flush(): void {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending.clear();
    for (let i = 0; i < rows.length; i += LOOKUP) this.write(rows.slice(i, i + LOOKUP));
  }

  private write(rows: BookRow[]) {
    const found = new Map<string, Existing>();
    for (const e of this.lookup(rows.length).all(rows.map((r) => r.phone))) found.set(e.phone, e);
    const { now, consent, marketing } = this;
    for (const row of rows) {
      const old = found.get(row.phone);
      const agreed = nextConsent(old ?? null, row.marketing, consent, marketing, now);
      if (!old) {
        const attrs: Record<string, string> = {};
        const dates: Record<string, number> = {};
        mergeAttributes(attrs, dates, row.fields, now);
        this.insert.run(
          agreed,
          row.phone,
          row.country,
          JSON.stringify(attrs),
          JSON.stringify(dates),
          now,
          now,
          now,
          now,
        );
        if (!row.repeat) this.counts.new++;
        continue;
      }
      const attrs = JSON.parse(old.attributes_json) as Record<string, string>;
      const dates = JSON.parse(old.attribute_dates_json) as Record<string, number>;
      const changed =
        mergeAttributes(attrs, dates, row.fields, now) ||
        (old.country === null && row.country !== null) ||
        !sameConsent(old, agreed);
      if (!changed) {
        this.touch.run(now, old.id);
        if (!row.repeat) this.counts.unchanged++;
        continue;
      }
      this.update.run(
        agreed,
        JSON.stringify(attrs),
        JSON.stringify(dates),
        row.country,
        now,
        now,
        old.id,
      );
      if (!row.repeat) this.counts.updated++;
    }
  }

  private lookup(size: number): Statement<unknown[], Existing> {
    let stmt = this.lookups.get(size);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], Existing>(
        `SELECT id, phone, country, attributes_json, attribute_dates_json, consent_source, consent_at,
           consent_evidence, marketing_declined_at, marketing_declined_evidence
         FROM customers WHERE phone IN (${Array.from({ length: size }, () => '?').join(', ')})`,
      );
      this.lookups.set(size, stmt);
    }
    return stmt;
  }
}

/** "imported from shop.csv on 2026-03-02": the consent evidence an import leaves. */
export function importEvidence(fileName: string, now: number): ConsentEvidence {
  return {
    source: 'import',
    evidence: `imported from ${fileName} on ${new Date(now).toISOString().slice(0, 10)}`,
  };
}
