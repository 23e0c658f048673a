import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { ReplyRule } from '../../../shared/api/replies';

/**
 * Labels on customers (by E.164 phone, so the customer book can join them) and the per-campaign
 * rules that turn a quick-reply tap into a label. Writes run in the caller's transaction.
 */
export function createLabelStore(db: SqliteDatabase) {
  const add = db.prepare(
    `INSERT INTO customer_labels (phone, label, set_at, source, campaign_id) VALUES (?, ?, ?, 'manual', NULL)
     ON CONFLICT(phone, label) DO UPDATE SET set_at = excluded.set_at, source = 'manual'`,
  );
  const remove = db.prepare('DELETE FROM customer_labels WHERE phone = ? AND label = ?');
  const rules = db.prepare<[number]>(
    'SELECT campaign_id AS campaignId, button, label FROM reply_rules WHERE campaign_id = ? ORDER BY button',
  );
  const setRule = db.prepare(
    `INSERT INTO reply_rules (campaign_id, button, label, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(campaign_id, button) DO UPDATE SET label = excluded.label`,
  );
  const dropRule = db.prepare('DELETE FROM reply_rules WHERE campaign_id = ? AND button = ?');

  return {
    label(phone: string, label: string, now: number): void {
      add.run(phone, label, now);
    },
    unlabel(phone: string, label: string): boolean {
      return remove.run(phone, label).changes === 1;
    },
    rules(campaignId: number): ReplyRule[] {
      return rules.all(campaignId) as ReplyRule[];
    },
    setRule(campaignId: number, button: string, label: string | null, now: number): void {
      if (label === null) dropRule.run(campaignId, button);
      else setRule.run(campaignId, button, label, now);
    },
  };
}
