import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  SERVICE_WINDOW_MS,
  type CustomerLabel,
  type ReplyAnswer,
  type ServiceWindow,
  type Thread,
  type ThreadItem,
} from '../../../shared/api/replies';
import { createNameReader } from './customer-name';
import { REPLY_COLUMNS, toReply, type ReplyRow } from './queries';

/** The newest items of each kind a thread shows; older ones are in `replies list`. */
const THREAD_ITEMS = 500;

export interface AnswerRow {
  id: number;
  phone: string;
  kind: ReplyAnswer['kind'];
  body: string | null;
  media_filename: string | null;
  template_name: string | null;
  state: ReplyAnswer['state'];
  error_title: string | null;
  created_at: number;
}

export const toAnswer = (a: AnswerRow): ReplyAnswer => ({
  id: a.id,
  phone: a.phone,
  kind: a.kind,
  body: a.body,
  mediaFilename: a.media_filename,
  templateName: a.template_name,
  state: a.state,
  errorTitle: a.error_title,
  createdAt: a.created_at,
});

/**
 * The customer-service window: free-form messages are allowed for 24 h after the customer's last
 * message (cloud-api.md §3.4, error 131047 outside it; verified on Meta's pages). Assumed, not
 * verified: a reaction does not open the window (Meta's pages say "messages you"); counting only
 * real messages means we refuse rather than send into a 131047.
 */
export function windowOf(lastInboundAt: number | null, now: number): ServiceWindow {
  if (lastInboundAt === null)
    return { open: false, lastInboundAt: null, closesAt: null, remainingMs: 0 };
  const closesAt = lastInboundAt + SERVICE_WINDOW_MS;
  return {
    open: now < closesAt,
    lastInboundAt,
    closesAt,
    remainingMs: Math.max(0, closesAt - now),
  };
}

/** One customer's conversation: replies, our answers and opt-outs, oldest first. */
export function createThreadReader(db: SqliteDatabase) {
  const replies = db.prepare<[string, number]>(
    `SELECT ${REPLY_COLUMNS} FROM replies r LEFT JOIN campaigns c ON c.id = r.campaign_id
     WHERE r.phone = ? ORDER BY r.meta_ts DESC, r.id DESC LIMIT ?`,
  );
  const answers = db.prepare<[string, number]>(
    `SELECT id, phone, kind, body, media_filename, template_name, state, error_title, created_at
     FROM reply_answers WHERE phone = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const optOuts = db.prepare<[string]>(
    'SELECT COALESCE(event_at, created_at) AS at, reason, source FROM suppression WHERE phone = ?',
  );
  const labels = db.prepare<[string]>(
    `SELECT label, set_at AS setAt, source, campaign_id AS campaignId FROM customer_labels
     WHERE phone = ? ORDER BY set_at, label`,
  );
  const lastInbound = db
    .prepare<[string]>("SELECT MAX(meta_ts) FROM replies WHERE phone = ? AND type <> 'reaction'")
    .pluck();
  const accountOf = db
    .prepare<[string]>(
      'SELECT account_id FROM replies WHERE phone = ? AND account_id IS NOT NULL ORDER BY meta_ts DESC LIMIT 1',
    )
    .pluck();
  const nameOf = createNameReader(db);
  const markRead = db.prepare<[number, string]>(
    'UPDATE replies SET read_at = ? WHERE phone = ? AND read_at IS NULL',
  );

  return {
    window(phone: string, now: number): ServiceWindow {
      return windowOf((lastInbound.get(phone) as number | null) ?? null, now);
    },
    accountOf(phone: string): number | null {
      return (accountOf.get(phone) as number | undefined) ?? null;
    },
    /** Marks the customer's replies read; the caller runs it in a write transaction. */
    markRead(phone: string, now: number): number {
      return markRead.run(now, phone).changes;
    },
    read(phone: string, now: number): Thread {
      const items: ThreadItem[] = [
        ...(replies.all(phone, THREAD_ITEMS) as ReplyRow[]).map((r): ThreadItem => ({
          kind: 'reply',
          at: r.meta_ts,
          reply: toReply(r),
        })),
        ...(answers.all(phone, THREAD_ITEMS) as AnswerRow[]).map((a): ThreadItem => ({
          kind: 'answer',
          at: a.created_at,
          answer: toAnswer(a),
        })),
        ...(optOuts.all(phone) as { at: number; reason: string; source: string }[]).map(
          (o): ThreadItem => ({ kind: 'optout', ...o }),
        ),
      ].sort((a, b) => a.at - b.at);
      return {
        phone,
        name: nameOf(phone),
        items,
        labels: labels.all(phone) as CustomerLabel[],
        window: this.window(phone, now),
        optedOut: items.some((i) => i.kind === 'optout'),
        accountId: this.accountOf(phone),
      };
    },
  };
}
