import type { SendProgress, SendWaiting } from '../../../shared/api';
import {
  LIMITED_LABEL,
  offerEndsAt,
  readDelivery,
  stopAfterAt,
} from '../../../shared/domain/delivery';
import type { Store } from '../db/connection';
import { parseSettingsJson } from './settings';

/** "Limited by WhatsApp — next try 8 Dec, 14:05 UTC": the words of a waiting campaign and the CLI. */
export function nextTryText(at: number | null): string {
  if (at === null) return LIMITED_LABEL;
  const d = new Date(at);
  const date = d.toISOString().slice(0, 16).replace('T', ' ');
  return `${LIMITED_LABEL} — next try ${date} UTC`;
}

/**
 * The deferred part of a campaign's progress (issue 17 item 2): who waits for their next try after
 * WhatsApp's per-user limit, the earliest try, and the campaign's stop-after. A campaign that was
 * started and is `scheduled` again waits for those retries ("Waiting for retries").
 */
export function deliveryStatus(
  store: Store,
  c: {
    id: number;
    state: string;
    started_at: number | null;
    scheduled_at: number | null;
    settings_json: string;
    mapping_json: string | null;
  },
): Pick<SendProgress, 'deferred' | 'stopAt'> & { waiting: SendWaiting | null } {
  const row = store.sqlite
    .prepare(
      "SELECT count(*) AS n, min(next_attempt_at) AS at FROM recipients WHERE campaign_id = ? AND state = 'pending' AND limited_at IS NOT NULL",
    )
    .get(c.id) as { n: number; at: number | null };
  const delivery = readDelivery(parseSettingsJson(c.settings_json).delivery);
  const deferred = { count: row.n, nextTryAt: row.n > 0 ? row.at : null };
  const waitingRetries = c.state === 'scheduled' && c.started_at !== null;
  return {
    deferred,
    stopAt: stopAfterAt(delivery.stopAfter, c.started_at, offerEndsAt(c.mapping_json)),
    waiting: waitingRetries
      ? {
          reason: 'deferred',
          message: `Waiting for retries: ${row.n} ${row.n === 1 ? 'person' : 'people'} ${nextTryText(deferred.nextTryAt).replace(LIMITED_LABEL, 'limited by WhatsApp')}.`,
          until: c.scheduled_at,
        }
      : null,
  };
}
