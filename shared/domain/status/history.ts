import { z } from 'zod';
import {
  addProblem,
  type LadderStatus,
  type ParsedObservations,
  type StatusObservation,
} from './types';

/**
 * Cloud API message_history (cloud-api.md §5.1, known only from Meta's OpenAPI spec) into status
 * observations. Its `delivery_status` comes in upper case, with two enum variants
 * (SENT/DELIVERED/READ/FAILED/DELETED and ACCEPTED/DELIVERED/ERROR/READ/SENT); a failure carries only
 * a free-text `error_description`, no numeric code.
 */

export interface HistoryEventLike {
  status: string;
  /** Unix seconds. */
  timestamp: number;
  errorDescription?: string;
}

export interface HistoryItemLike {
  messageId: string;
  events: HistoryEventLike[];
}

const MAP: Readonly<Record<string, LadderStatus | 'ignore'>> = {
  SENT: 'sent',
  DELIVERED: 'delivered',
  READ: 'read',
  FAILED: 'failed',
  ERROR: 'failed',
  // Accepted is what the send answer already told us; deleted is not a delivery outcome.
  ACCEPTED: 'ignore',
  DELETED: 'ignore',
};

/** The client's parsed entries (electron/core/cloud-api/history.ts) into observations. */
export function historyObservations(
  items: readonly HistoryItemLike[],
  phoneNumberId: string | null = null,
): ParsedObservations {
  const out: ParsedObservations = { observations: [], problems: [], ignored: 0 };
  for (const item of items) {
    for (const e of item.events) {
      const status = MAP[e.status.toUpperCase()];
      if (status === undefined) {
        addProblem(
          out,
          `message_history: unknown delivery_status "${e.status}" for ${item.messageId}, ignored.`,
        );
        continue;
      }
      if (status === 'ignore') {
        out.ignored++;
        continue;
      }
      if (!Number.isFinite(e.timestamp) || e.timestamp < 0) {
        addProblem(out, `message_history: bad timestamp for ${item.messageId}, ignored.`);
        continue;
      }
      const o: StatusObservation = {
        kind: 'status',
        wamid: item.messageId,
        status,
        at: Math.round(e.timestamp * 1000),
        waId: null,
        callback: null,
        error:
          status === 'failed'
            ? {
                code: null,
                title: e.errorDescription ?? 'The message could not be delivered.',
                details: null,
              }
            : null,
        phoneNumberId,
        raw: { message_id: item.messageId, ...e },
      };
      out.observations.push(o);
    }
  }
  return out;
}

const rawEvent = z.object({
  delivery_status: z.string().max(40),
  timestamp: z.union([z.number(), z.string().regex(/^\d{1,12}$/)]).transform(Number),
  error_description: z.string().max(2000).optional(),
});
const rawItem = z.object({
  message_id: z.string().min(1).max(400),
  events: z.object({ data: z.array(z.unknown()) }).optional(),
});
const rawPage = z.object({ data: z.array(z.unknown()) });

/** A raw message_history page, exactly as §5.1 shows it. */
export function parseHistoryPage(
  body: unknown,
  phoneNumberId: string | null = null,
): ParsedObservations {
  const page = rawPage.safeParse(body);
  if (!page.success)
    return {
      observations: [],
      problems: ['message_history: the page has no "data" list.'],
      ignored: 0,
    };
  const items: HistoryItemLike[] = [];
  const problems: string[] = [];
  page.data.data.forEach((raw, i) => {
    const item = rawItem.safeParse(raw);
    if (!item.success) return void problems.push(`message_history entry ${i}: malformed.`);
    const events: HistoryEventLike[] = [];
    for (const rawE of item.data.events?.data ?? []) {
      const e = rawEvent.safeParse(rawE);
      if (!e.success) {
        problems.push(`message_history entry ${i}: malformed event.`);
        continue;
      }
      events.push({
        status: e.data.delivery_status,
        timestamp: e.data.timestamp,
        ...(e.data.error_description !== undefined
          ? { errorDescription: e.data.error_description }
          : {}),
      });
    }
    items.push({ messageId: item.data.message_id, events });
  });
  const out = historyObservations(items, phoneNumberId);
  for (const p of problems) addProblem(out, p);
  return out;
}
