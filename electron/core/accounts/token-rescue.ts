import type { Store } from '../db/connection';
import type { TokenVault } from './token-vault';
import { tokenRefFor } from './token-vault';

export const TOKEN_MOVED_MESSAGE =
  'The access token had been saved where the name of an environment variable goes. It was moved to the encrypted token store: test the connection to check it.';
export const TOKEN_REMOVED_MESSAGE =
  'The access token had been saved in plain text where the name of an environment variable goes. It was removed for your safety: paste it again in Settings › Accounts (it will be stored encrypted).';

/**
 * Finishes migration 130's repair at start: each token it found in token_env goes into the
 * encrypted store when one is open, else it is dropped (such an account could never send: the
 * variable it "named" did not exist, so nothing that worked stops working). Either way the value
 * leaves SQLite: deleted with secure_delete, so its bytes are overwritten, and the WAL truncated.
 * The value is never logged, returned or put in a message.
 */
export function rescueTokens(
  store: Store,
  vault: TokenVault | undefined,
  now: number,
): { moved: number; removed: number } {
  // The desktop core learns its stored tokens from main after it opened: the repair runs then
  // (host op tokens.set), not now, when every token would look unstorable and be dropped.
  if (vault?.awaiting?.()) return { moved: 0, removed: 0 };
  const rows = store.all(store.q.selectFrom('token_rescue').select(['account_id', 'secret']));
  if (rows.length === 0) return { moved: 0, removed: 0 };
  const open =
    vault !== undefined &&
    (vault.state ? vault.state() === 'open' : vault.unavailableReason() === null);
  let moved = 0;
  let removed = 0;
  const previous = store.sqlite.pragma('secure_delete', { simple: true }) as number;
  store.sqlite.pragma('secure_delete = ON');
  try {
    for (const r of rows) {
      let stored = false;
      if (open) {
        try {
          vault.write(tokenRefFor(r.account_id), r.secret);
          stored = true;
        } catch {
          // Dropped below: a repair must not leave the token in the database because a store failed.
        }
      }
      store.tx(() => {
        store.run(
          store.q
            .updateTable('accounts')
            .set({
              ...(stored ? { token_ref: tokenRefFor(r.account_id) } : {}),
              check_ok: stored ? null : 0,
              check_at: now,
              check_message: stored ? TOKEN_MOVED_MESSAGE : TOKEN_REMOVED_MESSAGE,
              updated_at: now,
            })
            .where('id', '=', r.account_id),
        );
        store.run(store.q.deleteFrom('token_rescue').where('account_id', '=', r.account_id));
      });
      if (stored) moved++;
      else removed++;
    }
  } finally {
    store.sqlite.pragma(`secure_delete = ${previous ? 'ON' : 'OFF'}`);
  }
  // The deleted pages may still sit in the WAL until a checkpoint copies them back overwritten.
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return { moved, removed };
}

/** The tokens the repair still holds, for main to store in the keychain before it runs (host op). */
export function tokensToRescue(store: Store): { ref: string; token: string }[] {
  return store
    .all(store.q.selectFrom('token_rescue').select(['account_id', 'secret']))
    .map((r) => ({ ref: tokenRefFor(r.account_id), token: r.secret }));
}
