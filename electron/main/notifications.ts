import type { SendProgress } from '../../shared/api';
import type { Store } from '../core/db/connection';
import type { EventBus } from '../core/events';

export interface CampaignFacts {
  name: string;
  /** 'USER' when the user paused it; anything else is the campaign pausing itself. */
  pauseCode: string | null;
}

export interface OutcomeNotice {
  campaignId: number;
  title: string;
  body: string;
}

/** The notice for a campaign's new state, or null when there is nothing to tell. */
export function outcomeNotice(
  progress: SendProgress,
  facts: CampaignFacts | undefined,
): OutcomeNotice | null {
  const name = facts?.name ?? `Campaign ${progress.campaignId}`;
  if (progress.state === 'completed') {
    const c = progress.counts;
    const n = (x: number) => x.toLocaleString('en-US');
    const parts = [`${n(c.sent + c.delivered + c.read)} sent`];
    if (c.failed) parts.push(`${n(c.failed)} failed`);
    // "Unknown" sends may or may not have arrived; the report offers to settle or re-send them.
    if (c.unknown) parts.push(`${n(c.unknown)} uncertain`);
    return {
      campaignId: progress.campaignId,
      title: `“${name}” is sent`,
      body: `${parts.join(', ')}. Open Campaign Desk for the details.`,
    };
  }
  if (progress.state === 'paused' && facts?.pauseCode !== 'USER') {
    return {
      campaignId: progress.campaignId,
      title: `“${name}” paused itself`,
      body: progress.pauseReason ?? 'Open Campaign Desk to see why and resume.',
    };
  }
  return null;
}

/**
 * Desktop notifications when a campaign completes or pauses itself, the two moments someone who
 * closed the window needs to hear about. Each state is announced once per campaign.
 */
export function watchCampaignOutcomes(deps: {
  events: Pick<EventBus, 'on'>;
  describe: (campaignId: number) => CampaignFacts | undefined;
  notify: (notice: OutcomeNotice) => void;
}): () => void {
  const last = new Map<number, SendProgress['state']>();
  return deps.events.on('send.progress', (p) => {
    const before = last.get(p.campaignId);
    last.set(p.campaignId, p.state);
    if (before === p.state) return;
    const notice = outcomeNotice(p, deps.describe(p.campaignId));
    if (notice) deps.notify(notice);
  });
}

export function campaignFacts(store: Store, campaignId: number): CampaignFacts | undefined {
  if (!store.sqlite.open) return undefined;
  const row = store.first(
    store.q.selectFrom('campaigns').select(['name', 'pause_code']).where('id', '=', campaignId),
  );
  return row ? { name: row.name, pauseCode: row.pause_code } : undefined;
}
