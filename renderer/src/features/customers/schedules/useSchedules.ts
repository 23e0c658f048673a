import { useCallback, useEffect, useState } from 'react';
import type { ApiError, Schedule } from '../../../../../shared/api';
import { api } from '../../../lib/api';

/** The schedules, refetched when a run makes or starts a campaign, or a schedule changes. */
export function useSchedules() {
  const [schedules, setSchedules] = useState<Schedule[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(async () => {
    const r = await api.call('schedules.list', {});
    if (r.ok) setSchedules(r.value);
    setError(r.ok ? null : r.error);
  }, []);
  useEffect(() => {
    void load();
    return api.subscribe('db.changed', (e) => {
      if (e.tables.includes('schedules') || e.tables.includes('campaigns')) void load();
    });
  }, [load]);
  return { schedules, error, reload: load };
}
