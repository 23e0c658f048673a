import type { ImportProgress } from './audience';
import type { ReportProgress } from './reports';
import type { SendProgress } from './sending';
import type { StatusSyncEvent } from './status';

/**
 * Push events from the core to the renderer. The renderer refetches what depends on
 * the tables named in `db.changed` instead of the core pushing whole rows.
 */
export const TABLES = [
  'accounts',
  'templates',
  'template_drafts',
  'campaigns',
  'recipients',
  'status_events',
  'suppression',
  'template_analytics',
  'replies',
  'customers',
  'schedules',
] as const;
export type TableName = (typeof TABLES)[number];

export interface EventMap {
  'db.changed': { tables: TableName[]; campaignId?: number };
  'import.progress': ImportProgress;
  'send.progress': SendProgress;
  'status.sync': StatusSyncEvent;
  'report.progress': ReportProgress;
  'replies.new': RepliesNewEvent;
  'replies.open': RepliesOpenEvent;
}

/**
 * The desktop shell asks its window to show Replies (a reply's notification was clicked), on that
 * customer's conversation when the notice was about one customer.
 */
export interface RepliesOpenEvent {
  phone: string | null;
}

/** New customer replies were stored (issue 19). */
export interface RepliesNewEvent {
  count: number;
  /** Replies not read yet, for the navigation's count. */
  unread: number;
  /** False while a campaign sends and replies come faster than one a minute: no notification then. */
  notify: boolean;
  latest: { phone: string | null; words: string | null };
  at: number;
}

export type EventName = keyof EventMap;
export const eventNames: EventName[] = [
  'db.changed',
  'import.progress',
  'send.progress',
  'status.sync',
  'report.progress',
  'replies.new',
  'replies.open',
];

export interface PushEvent<K extends EventName = EventName> {
  name: K;
  payload: EventMap[K];
}
