import { useCallback, useEffect, useState } from 'react';
import type { ApiError, TokenStatus } from '../../../../shared/api';
import { api } from '../../lib/api';

/**
 * The token state of one account. Local to the field rather than in the store: the token itself
 * must never sit in shared state, and only this field needs the status.
 */
export function useAccountToken(accountId: number) {
  const [status, setStatus] = useState<TokenStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api.call('accounts.tokenStatus', { accountId }).then((r) => {
      if (!live) return;
      if (r.ok) setStatus(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [accountId]);

  const save = useCallback(
    async (token: string | null): Promise<boolean> => {
      setBusy(true);
      setError(null);
      const r = await api.call('accounts.setToken', { accountId, token });
      setBusy(false);
      if (!r.ok) {
        setError(r.error);
        return false;
      }
      setStatus(r.value);
      return true;
    },
    [accountId],
  );

  return { status, error, busy, save };
}
