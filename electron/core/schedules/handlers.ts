import type { scheduleMethods } from '../../../shared/api/methods/schedules';
import type { HandlersFor } from '../api/handlers';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { createScheduleRepo } from './repo';

/** Recurring campaigns from a segment: the contract's schedules.* methods. */
export function scheduleHandlers(deps: {
  store: Store;
  clock: Clock;
  events: EventBus;
}): HandlersFor<typeof scheduleMethods> {
  const repo = createScheduleRepo(deps.store, () => deps.clock.now());
  const changed = <T>(v: T): T => {
    deps.events.emit('db.changed', { tables: ['schedules'] });
    return v;
  };
  return {
    'schedules.create': (input) => changed(repo.create(input)),
    'schedules.list': () => repo.list(),
    'schedules.pause': (input) => changed(repo.pause(input.id)),
    'schedules.resume': (input) => changed(repo.resume(input.id)),
    'schedules.delete': (input) => changed(repo.delete(input.id)),
    'schedules.runs': (input) => repo.runs(input.id, input.limit),
  };
}
