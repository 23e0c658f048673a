import { useEffect, useRef } from 'react';
import type { TableName } from '../../../../../shared/api';
import { api } from '../../../lib/api';
import { createRefreshThrottle } from './throttle';

/**
 * Reloads a campaign's panel when a table it reads changes for that campaign: delivery reports keep
 * landing after sending ends (issue 15: the Analytics and Cost panels stayed at their last figures),
 * and the core announces each round that applied some as `db.changed` with the campaign's id.
 */
export function useLiveRefresh(
  campaignId: number,
  tables: readonly TableName[],
  load: () => Promise<unknown>,
  minMs = 2000,
): void {
  // The latest load without restarting the subscription on every render.
  const latest = useRef(load);
  latest.current = load;
  const key = tables.join(',');
  useEffect(() => {
    const watched = key.split(',');
    const throttle = createRefreshThrottle({ load: () => latest.current(), minMs });
    const off = api.subscribe('db.changed', (e) => {
      if (e.campaignId !== undefined && e.campaignId !== campaignId) return;
      if (e.tables.some((t) => watched.includes(t))) throttle.mark();
    });
    return () => {
      off();
      throttle.stop();
    };
  }, [campaignId, key, minMs]);
}
