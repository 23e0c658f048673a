import type { AccountPacingDefaults } from '../../../shared/api';
import type { Store } from '../db/connection';

/** An account's default quiet hours (both columns or neither), which its campaigns start with. */
export function accountQuietDefault(
  store: Store,
  accountId: number,
): { from: string; to: string } | null {
  const row = store.first(
    store.q.selectFrom('accounts').select(['quiet_from', 'quiet_to']).where('id', '=', accountId),
  );
  return row?.quiet_from && row.quiet_to ? { from: row.quiet_from, to: row.quiet_to } : null;
}

export function listPacingDefaults(store: Store): AccountPacingDefaults[] {
  return store
    .all(
      store.q
        .selectFrom('accounts')
        .select(['id', 'quiet_from', 'quiet_to'])
        .orderBy('kind', 'desc')
        .orderBy('id'),
    )
    .map((r) => ({
      accountId: r.id,
      quietHours: r.quiet_from && r.quiet_to ? { from: r.quiet_from, to: r.quiet_to } : null,
    }));
}
