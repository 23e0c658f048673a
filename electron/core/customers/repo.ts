import type { Database as SqliteDatabase } from 'better-sqlite3';
import type {
  CustomerDetail,
  CustomerPage,
  CustomerReply,
  CustomerSummary,
  TimelineEntry,
} from '../../../shared/api';
import type { SqlPart } from './segment-sql';

interface Row {
  id: number;
  phone: string;
  country: string | null;
  attributes_json: string;
  attribute_dates_json: string;
  first_seen_at: number;
  last_seen_at: number;
  consent_source: string | null;
  consent_at: number | null;
  consent_evidence: string | null;
  user_id: string | null;
  marketing_declined_at: number | null;
  marketing_declined_evidence: string | null;
  opted_out: number;
  labels: string | null;
  last_campaign_json: string | null;
}

const COLUMNS = `c.id, c.phone, c.country, c.attributes_json, c.attribute_dates_json, c.first_seen_at,
  c.last_seen_at, c.consent_source, c.consent_at, c.consent_evidence, c.user_id,
  c.marketing_declined_at, c.marketing_declined_evidence,
  EXISTS (SELECT 1 FROM suppression s WHERE s.phone = c.phone) AS opted_out,
  (SELECT json_group_array(label) FROM (SELECT l.label FROM customer_labels l WHERE l.phone = c.phone ORDER BY l.label)) AS labels,
  (SELECT json_object('id', k.id, 'name', k.name, 'at', r.sent_at) FROM recipients r JOIN campaigns k ON k.id = r.campaign_id
     WHERE r.phone = c.phone AND r.sent_at IS NOT NULL ORDER BY r.sent_at DESC LIMIT 1) AS last_campaign_json`;
// The two subqueries run per row shown (a page is at most 500): labels through the (phone, label)
// key, the last campaign through recipients_phone_sent (phone, sent_at).

/** Most replies a customer page lists; the Replies page has them all. */
const REPLIES_LIMIT = 100;

/** Most messages a customer page lists; older ones are in each campaign's report. */
const TIMELINE_LIMIT = 500;

const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function summary(r: Row): CustomerSummary {
  return {
    id: r.id,
    phone: r.phone,
    country: r.country,
    attributes: JSON.parse(r.attributes_json) as Record<string, string>,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    optedOut: r.opted_out === 1,
    labels: r.labels ? (JSON.parse(r.labels) as string[]) : [],
    lastCampaign: r.last_campaign_json
      ? (JSON.parse(r.last_campaign_json) as CustomerSummary['lastCampaign'])
      : null,
    marketingDeclined:
      r.marketing_declined_at === null
        ? null
        : { at: r.marketing_declined_at, evidence: r.marketing_declined_evidence ?? '' },
  };
}

/** Reads of the customer book: pages, one customer with consent, opt-out and timeline. */
export function createCustomerRepo(db: SqliteDatabase) {
  const one = db.prepare(`SELECT ${COLUMNS} FROM customers c WHERE c.phone = ?`);
  const optOut = db.prepare('SELECT reason, created_at FROM suppression WHERE phone = ?');
  // Through campaigns: each lookup uses the (campaign_id, phone) key, so no scan of recipients.
  const timeline = db.prepare(
    `SELECT c.id AS campaignId, c.name AS campaignName, c.template_name AS template, r.state,
       r.error_code AS errorCode, r.error_title AS errorTitle, r.sent_at AS sentAt,
       r.delivered_at AS deliveredAt, r.read_at AS readAt, r.failed_at AS failedAt,
       max(coalesce(r.sent_at, 0), coalesce(r.delivered_at, 0), coalesce(r.read_at, 0), coalesce(r.failed_at, 0)) AS at
     FROM campaigns c JOIN recipients r ON r.campaign_id = c.id AND r.phone = ? AND r.import_batch NOT IN (SELECT id FROM import_batches)
     ORDER BY at DESC, c.id DESC LIMIT ${TIMELINE_LIMIT}`,
  );

  const replies = db.prepare(
    `SELECT p.id, p.meta_ts AS at, p.type, p.body, k.name AS campaignName
     FROM replies p LEFT JOIN campaigns k ON k.id = p.campaign_id
     WHERE p.phone = ? ORDER BY p.meta_ts DESC, p.id DESC LIMIT ${REPLIES_LIMIT}`,
  );

  return {
    page(search: string, limit: number, afterId: number, segment?: SqlPart): CustomerPage {
      const where =
        (search ? 'AND (c.phone LIKE ? ESCAPE ? OR c.attributes_json LIKE ? ESCAPE ?)' : '') +
        (segment ? ` AND (${segment.sql})` : '');
      const args = [
        ...(search ? [likeText(search), '\\', likeText(search), '\\'] : []),
        ...(segment?.params ?? []),
      ];
      const rows = db
        .prepare(`SELECT ${COLUMNS} FROM customers c WHERE c.id > ? ${where} ORDER BY c.id LIMIT ?`)
        .all(afterId, ...args, limit + 1) as Row[];
      const total = db
        .prepare(`SELECT count(*) FROM customers c WHERE 1 ${where}`)
        .pluck()
        .get(...args) as number;
      const items = rows.slice(0, limit).map(summary);
      return {
        items,
        total,
        nextAfterId: rows.length > limit ? (items.at(-1)?.id ?? null) : null,
      };
    },

    detail(phone: string): CustomerDetail | undefined {
      const r = one.get(phone) as Row | undefined;
      if (!r) return undefined;
      const out = optOut.get(phone) as { reason: string; created_at: number } | undefined;
      return {
        ...summary(r),
        attributeDates: JSON.parse(r.attribute_dates_json) as Record<string, number>,
        consent:
          r.consent_source && r.consent_at !== null
            ? { source: r.consent_source, at: r.consent_at, evidence: r.consent_evidence ?? '' }
            : null,
        userId: r.user_id,
        optOut: out ? { reason: out.reason, at: out.created_at } : null,
        timeline: (timeline.all(phone) as (TimelineEntry & { at: number })[]).map((t) => ({
          ...t,
          at: t.at || null,
        })),
        replies: replies.all(phone) as CustomerReply[],
      };
    },
  };
}
