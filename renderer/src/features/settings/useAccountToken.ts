import { useCallback, useEffect, useState } from 'react';
import type { ApiError, TokenStatus } from '../../../../shared/api';
import { api } from '../../lib/api';
import { useStore } from '../../store';

/**
 * The token state of one account. Local to the field rather than in the store: the token itself
 * must never sit in shared state, and only this field needs the status.
 */
export function useAccountToken(accountId: number) {
  const [status, setStatus] = useState<TokenStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  /** The browser shell's token key, the one time the first saved token creates the token file. */
  const [newVaultKey, setNewVaultKey] = useState<string | null>(null);
  // One token store serves every account: unlocking it in one row refreshes the others.
  const accounts = useStore((s) => s.accounts);
  const loadSettings = useStore((s) => s.loadSettings);

  const refresh = useCallback(async () => {
    const r = await api.call('accounts.tokenStatus', { accountId });
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  }, [accountId]);

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
  }, [accountId, accounts]);

  const run = useCallback(async (work: () => Promise<ApiError | null>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    const failed = await work();
    setBusy(false);
    if (failed) setError(failed);
    return failed === null;
  }, []);

  const save = useCallback(
    (token: string | null) =>
      run(async () => {
        const r = await api.call('accounts.setToken', { accountId, token });
        if (!r.ok) return r.error;
        const { newVaultKey: key, ...next } = r.value;
        setStatus(next);
        if (key) setNewVaultKey(key);
        return null;
      }),
    [accountId, run],
  );

  const unlock = useCallback(
    (key: string) =>
      run(async () => {
        const r = await api.call('accounts.unlockTokens', { key });
        if (!r.ok) return r.error;
        await refresh();
        await loadSettings();
        return null;
      }),
    [run, refresh, loadSettings],
  );

  const reset = useCallback(
    () =>
      run(async () => {
        const r = await api.call('accounts.resetTokens', {});
        if (!r.ok) return r.error;
        await refresh();
        await loadSettings();
        return null;
      }),
    [run, refresh, loadSettings],
  );

  return {
    status,
    error,
    busy,
    save,
    unlock,
    reset,
    newVaultKey,
    clearNewVaultKey: () => setNewVaultKey(null),
  };
}
