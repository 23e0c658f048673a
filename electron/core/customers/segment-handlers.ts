import type { segmentMethods } from '../../../shared/api/methods/segments';
import type { HandlersFor } from '../api/handlers';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { fillFollowUp, fillFromSegment, planFollowUp } from './fill';
import { createSegmentRepo } from './segments';

/** Segments and campaigns made from the book. */
export function segmentHandlers(deps: {
  store: Store;
  clock: Clock;
  events: EventBus;
}): HandlersFor<typeof segmentMethods> {
  const { store, clock, events } = deps;
  const repo = createSegmentRepo(store, () => clock.now());
  const filled = (campaignId: number) =>
    events.emit('db.changed', { tables: ['campaigns', 'recipients'], campaignId });
  return {
    'segments.create': (input) => {
      const s = repo.create(input);
      return { ...s, count: repo.count(s) };
    },
    'segments.list': () => repo.list().map((s) => ({ ...s, count: repo.count(s) })),
    'segments.count': (input) => repo.count(repo.check(input)),
    'segments.show': (input) => {
      const s = repo.get(input.id);
      return { ...s, count: repo.count(s) };
    },
    'campaigns.fillFromSegment': (input) => {
      const r = fillFromSegment(
        store.sqlite,
        input.campaignId,
        repo.get(input.segmentId),
        clock.now(),
      );
      filled(input.campaignId);
      return r;
    },
    'campaigns.fillFollowUp': (input) => {
      const r = fillFollowUp(store.sqlite, input, clock.now());
      // The follow-up sends what the first one sent, unless the draft already chose a template.
      store.tx(() =>
        store.sqlite
          .prepare(
            `UPDATE campaigns SET parent_campaign_id = ?,
               template_id = coalesce(template_id, (SELECT template_id FROM campaigns WHERE id = ?)),
               template_name = coalesce(template_name, (SELECT template_name FROM campaigns WHERE id = ?)),
               template_language = coalesce(template_language, (SELECT template_language FROM campaigns WHERE id = ?)),
               mapping_json = coalesce(mapping_json, (SELECT mapping_json FROM campaigns WHERE id = ?))
             WHERE id = ?`,
          )
          .run(...Array<number>(5).fill(input.sourceCampaignId), input.campaignId),
      );
      filled(input.campaignId);
      return r;
    },
    'campaigns.followUpPlan': (input) => planFollowUp(store.sqlite, input, clock.now()),
  };
}
