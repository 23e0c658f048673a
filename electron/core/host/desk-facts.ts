import type { Store } from '../db/connection';
import type { SenderManager } from '../sender/manager';

/**
 * What the desktop app's main process needs to know about campaigns beyond the contract (issue 14
 * item 3b): read here, where the database is, and reached through host ops, so the main process
 * never opens the database when the core runs in a utilityProcess.
 */
export interface CampaignFacts {
  name: string;
  /** 'USER' when the user paused it; anything else is the campaign pausing itself. */
  pauseCode: string | null;
}

export function campaignFacts(store: Store, campaignId: number): CampaignFacts | undefined {
  if (!store.sqlite.open) return undefined;
  const row = store.first(
    store.q.selectFrom('campaigns').select(['name', 'pause_code']).where('id', '=', campaignId),
  );
  return row ? { name: row.name, pauseCode: row.pause_code } : undefined;
}

/** How many campaigns this process's send loops are sending (others may be sent by the CLI). */
export function campaignsSendingHere(
  core: { store: Store; senders: Pick<SenderManager, 'isRunningHere'> } | undefined,
): number {
  if (!core || !core.store.sqlite.open) return 0;
  const sending = core.store.all(
    core.store.q.selectFrom('campaigns').select('id').where('state', '=', 'sending'),
  );
  return sending.filter((c) => core.senders.isRunningHere(c.id)).length;
}
