import { TABLES } from '../../../shared/api';
import type { EventBus } from '../events';
import type { Store } from './connection';

/**
 * The CLI and the app may share one data folder. SQLite's data_version changes only when
 * another connection commits, so one cheap pragma a second tells the UI to refetch.
 */
export function watchExternalChanges(store: Store, events: EventBus, everyMs: number): () => void {
  if (everyMs <= 0) return () => undefined;
  let last = store.sqlite.pragma('data_version', { simple: true }) as number;
  const timer = setInterval(() => {
    if (!store.sqlite.open) return;
    const now = store.sqlite.pragma('data_version', { simple: true }) as number;
    if (now !== last) {
      last = now;
      events.emit('db.changed', { tables: [...TABLES] });
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
