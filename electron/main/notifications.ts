import type { SendProgress } from '../../shared/api';
import type { EventBus } from '../core/events';
import type { CampaignFacts } from '../core/host/desk-facts';
import type { HostOpCall } from './downloads';

export type { CampaignFacts };

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
 * closed the window needs to hear about. Each state is announced once per campaign. `describe` is
 * asynchronous: the facts come from the core's process (host op `campaign.facts`).
 */
export function watchCampaignOutcomes(deps: {
  events: Pick<EventBus, 'on'>;
  describe: (campaignId: number) => Promise<CampaignFacts | undefined>;
  notify: (notice: OutcomeNotice) => void;
}): () => void {
  const last = new Map<number, SendProgress['state']>();
  return deps.events.on('send.progress', (p) => {
    // Decided at once, in the order the events came: a late answer cannot announce a state twice.
    const before = last.get(p.campaignId);
    last.set(p.campaignId, p.state);
    if (before === p.state) return;
    if (p.state !== 'completed' && p.state !== 'paused') return;
    void deps.describe(p.campaignId).then(
      (facts) => {
        const notice = outcomeNotice(p, facts);
        if (notice) deps.notify(notice);
      },
      // Facts unavailable (the core is restarting): the notice still goes out, by number. A pause
      // of the user's own then reads as "paused itself"; rare, and better than silence on a stop.
      () => {
        const notice = outcomeNotice(p, undefined);
        if (notice) deps.notify(notice);
      },
    );
  });
}

/** `describe` for watchCampaignOutcomes through the core's host ops. */
export function factsThrough(op: HostOpCall) {
  return async (campaignId: number): Promise<CampaignFacts | undefined> => {
    const r = await op('campaign.facts', { id: campaignId });
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as CampaignFacts | null) ?? undefined;
  };
}
