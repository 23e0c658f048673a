import type { RecipientCounts, RecipientState } from '../../../../shared/api';

/**
 * The finished screen's one vocabulary and one way of counting (issue 15 item 4): the counters, the
 * table's filter chips and the chart's legend all read their words and their numbers from here. Each
 * figure is the set of recipient states it covers, so a chip shows exactly the rows its number
 * counts. "Accepted by WhatsApp" includes delivered and read (not failed: a message refused after it
 * was accepted counts once, as failed), "Delivered" includes read, like the chart's running totals;
 * Waiting + Accepted + Failed + Unknown + Skipped is every recipient.
 */
export const FIGURES = {
  waiting: { label: 'Waiting', states: ['pending', 'sending'] },
  sent: { label: 'Accepted by WhatsApp', states: ['sent', 'delivered', 'read', 'expired'] },
  delivered: { label: 'Delivered (incl. read)', states: ['delivered', 'read'] },
  read: { label: 'Read', states: ['read'] },
  failed: { label: 'Failed', states: ['failed'] },
  unknown: { label: 'Unknown', states: ['unknown'] },
  skipped: { label: 'Skipped', states: ['skipped'] },
  expired: { label: 'No report (expired)', states: ['expired'] },
} as const satisfies Record<string, { label: string; states: readonly RecipientState[] }>;

export type FigureKey = keyof typeof FIGURES;

export function figureCount(key: FigureKey, counts: RecipientCounts): number {
  return FIGURES[key].states.reduce((n, s) => n + counts[s], 0);
}
