import type { ImportProgress } from './audience';

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
] as const;
export type TableName = (typeof TABLES)[number];

export interface EventMap {
  'db.changed': { tables: TableName[]; campaignId?: number };
  'import.progress': ImportProgress;
}

export type EventName = keyof EventMap;
export const eventNames: EventName[] = ['db.changed', 'import.progress'];

export interface PushEvent<K extends EventName = EventName> {
  name: K;
  payload: EventMap[K];
}
