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
  'campaigns',
  'recipients',
  'status_events',
  'suppression',
  'template_analytics',
  'customers',
] as const;
export type TableName = (typeof TABLES)[number];

export interface EventMap {
  'db.changed': { tables: TableName[]; campaignId?: number };
  'import.progress': ImportProgress;
  'send.progress': SendProgress;
  'status.sync': StatusSyncEvent;
  'report.progress': ReportProgress;
}

export type EventName = keyof EventMap;
export const eventNames: EventName[] = [
  'db.changed',
  'import.progress',
  'send.progress',
  'status.sync',
  'report.progress',
];

export interface PushEvent<K extends EventName = EventName> {
  name: K;
  payload: EventMap[K];
}
