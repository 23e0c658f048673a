import type { HistoryCondition, Outcome, SegmentDefinition } from '../../../shared/api';
import { canonicalFilterJson } from '../../../shared/domain/audience-filter';

const DAY_MS = 86_400_000;

export interface SqlPart {
  sql: string;
  params: unknown[];
}

/**
 * Which of a campaign's recipients (alias `r`) had an outcome. "Replied" is an inbound message
 * from the number received after the campaign started: replies are stored as unmatched inbound
 * events whose payload is Meta's message object, whose `from` is the sender's wa_id (digits, no +)
 * (cloud-api.md, webhooks: messages[].from). Assumed, not verified against a live account: a
 * number whose wa_id differs from its E.164 digits (some Brazilian and Mexican numbers) is missed.
 */
export function outcomeSql(
  outcome: Outcome,
  errorCode: number | undefined,
  startedAt: number,
): SqlPart {
  // Not correlated with r: SQLite builds the set of repliers once per query.
  const replied = `substr(r.phone, 2) IN (SELECT json_extract(e.payload_json, '$.from') FROM status_events e
      WHERE e.kind = 'inbound' AND e.received_at >= ?)`;
  switch (outcome) {
    case 'not-delivered':
      return {
        sql: "(r.delivered_at IS NULL AND r.read_at IS NULL AND r.state IN ('sent', 'failed', 'expired', 'unknown'))",
        params: [],
      };
    case 'failed':
      return errorCode === undefined
        ? { sql: "(r.state = 'failed')", params: [] }
        : { sql: "(r.state = 'failed' AND r.error_code = ?)", params: [errorCode] };
    case 'delivered':
      return { sql: '(r.delivered_at IS NOT NULL OR r.read_at IS NOT NULL)', params: [] };
    case 'read':
      return { sql: '(r.read_at IS NOT NULL)', params: [] };
    case 'delivered-not-read':
      return { sql: '(r.delivered_at IS NOT NULL AND r.read_at IS NULL)', params: [] };
    case 'replied':
      return { sql: `(r.sent_at IS NOT NULL AND ${replied})`, params: [startedAt] };
    case 'no-reply':
      return { sql: `(r.sent_at IS NOT NULL AND NOT ${replied})`, params: [startedAt] };
  }
}

/** When a campaign started sending (0 when it never did): replies count from then. */
export type StartedAt = (campaignId: number) => number;

function historySql(h: HistoryCondition, now: number, startedAt: StartedAt): SqlPart {
  // Through the (campaign_id, phone) key: one lookup per customer, no scan of recipients.
  const inCampaign = 'SELECT 1 FROM recipients r WHERE r.campaign_id = ? AND r.phone = c.phone';
  switch (h.kind) {
    case 'got':
      return {
        sql: `EXISTS (${inCampaign} AND r.sent_at IS NOT NULL)`,
        params: [h.campaignId],
      };
    case 'outcome': {
      const o = outcomeSql(h.outcome, h.errorCode, startedAt(h.campaignId));
      return { sql: `EXISTS (${inCampaign} AND ${o.sql})`, params: [h.campaignId, ...o.params] };
    }
    case 'quiet':
      // recipients_phone_sent (phone, sent_at) answers it from the index.
      return {
        sql: 'NOT EXISTS (SELECT 1 FROM recipients r WHERE r.phone = c.phone AND r.sent_at >= ?)',
        params: [now - h.days * DAY_MS],
      };
    case 'optedInAfter':
      return { sql: 'c.consent_at >= ?', params: [Date.parse(`${h.date}T00:00:00Z`)] };
    case 'label':
      // Through the (phone, label) key; labels are stored lower-case (labelText).
      return {
        sql: 'EXISTS (SELECT 1 FROM customer_labels l WHERE l.phone = c.phone AND l.label = ?)',
        params: [h.label],
      };
  }
}

/** The WHERE clause over `customers c` for a segment: the attribute filter AND every history condition. */
export function segmentWhere(def: SegmentDefinition, now: number, startedAt: StartedAt): SqlPart {
  const parts: SqlPart[] = [];
  if (def.filter)
    parts.push({
      sql: 'audience_match_json(?, c.attributes_json) = 1',
      params: [canonicalFilterJson(def.filter)],
    });
  for (const h of def.history) parts.push(historySql(h, now, startedAt));
  if (parts.length === 0) return { sql: '1', params: [] };
  return {
    sql: parts.map((p) => p.sql).join(' AND '),
    params: parts.flatMap((p) => p.params),
  };
}
