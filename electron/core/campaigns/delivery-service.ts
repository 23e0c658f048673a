import type { ParsedInput } from '../../../shared/api';
import type { DeliveryView } from '../../../shared/api/methods/delivery';
import { CoreError } from '../../../shared/api';
import {
  offerEndsAt,
  readDelivery,
  STOP_AFTER_PAST,
  stopAfterAt,
} from '../../../shared/domain/delivery';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { readSettings, writeSetting } from './settings';

/** The `delivery` key of a campaign's settings: deferred retries and stop-after. */
export function createDeliveryService(deps: { store: Store; clock: Clock; events: EventBus }) {
  const { store, clock } = deps;
  const view = (campaignId: number): DeliveryView => {
    const d = readDelivery(readSettings(store, campaignId).delivery);
    const c = store.first(
      store.q
        .selectFrom('campaigns')
        .select(['started_at', 'mapping_json'])
        .where('id', '=', campaignId),
    );
    const offerEnd = offerEndsAt(c?.mapping_json);
    const stopAt = stopAfterAt(d.stopAfter, c?.started_at ?? null, offerEnd);
    return { campaignId, ...d, stopAt, offerEndsAt: offerEnd };
  };
  return {
    view,
    set(input: ParsedInput<'campaigns.setDelivery'>): DeliveryView {
      // Judged here, on the core's clock, for every caller (the CLI parses the words only).
      if (input.stopAfter && 'at' in input.stopAfter && input.stopAfter.at <= clock.now())
        throw new CoreError('VALIDATION', STOP_AFTER_PAST);
      const current = view(input.campaignId);
      const next = {
        deferDays: input.deferDays !== undefined ? input.deferDays : current.deferDays,
        stopAfter: input.stopAfter !== undefined ? input.stopAfter : current.stopAfter,
      };
      writeSetting(store, input.campaignId, 'delivery', next, clock.now(), {
        allowedStates: ['draft', 'scheduled', 'paused'],
      });
      deps.events.emit('db.changed', { tables: ['campaigns'], campaignId: input.campaignId });
      return view(input.campaignId);
    },
  };
}
