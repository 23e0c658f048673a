import type { RecipientCounts, SourceHealth, StatusSilence } from '../../../shared/api';
import type { Store } from '../db/connection';
import { statusSources } from './config';

/** How long after a campaign starts sending the silence of every status source is worth saying. */
export const SILENCE_AFTER_MS = 10 * 60_000;

const RELAY_STEPS =
  "Set up the webhook relay: it receives WhatsApp's delivery reports for you and the app reads them from it (Settings → Accounts → Delivery reports; the steps are in docs/operations/relay.md).";

/** What each source that could have reported says about itself. */
function sourceLines(sources: SourceHealth[]): string[] {
  const lines: string[] = [];
  for (const s of sources) {
    if (s.source === 'sandbox' && !s.configured) continue;
    const name =
      s.source === 'relay'
        ? 'The webhook relay'
        : s.source === 'history'
          ? "WhatsApp's message history"
          : "The Sandbox's simulated webhook feed";
    if (!s.configured) lines.push(`${name} is not set up.`);
    else if (!s.enabled) lines.push(`${name} is switched off.`);
    else if (s.state === 'unproven')
      lines.push(
        `${name} has not answered for this account yet${s.lastError ? `: ${s.lastError}` : '.'}`,
      );
    else if (s.state === 'failing') lines.push(`${name} fails: ${s.lastError ?? 'no answer'}.`);
    else if (s.state === 'idle') lines.push(`${name} has not been asked yet.`);
  }
  return lines;
}

/**
 * A campaign that sent 10 minutes ago or more and of whose messages no source has reported a single
 * status (delivered, read, or a failure by status) is not "sent and fine": nobody is listening. The
 * counts are the caller's (one scan already); the extra look is one indexed probe, only when silent.
 */
export function statusSilence(
  store: Store,
  campaign: { id: number; accountId: number; startedAt: number | null; state: string },
  counts: RecipientCounts,
  now: number,
): StatusSilence | null {
  if (campaign.startedAt === null || now - campaign.startedAt < SILENCE_AFTER_MS) return null;
  if (!['sending', 'paused', 'completed'].includes(campaign.state)) return null;
  if (counts.sent === 0 || counts.delivered + counts.read > 0) return null;
  const reported = store.sqlite
    .prepare('SELECT 1 FROM recipients WHERE campaign_id = ? AND status_seen != 0 LIMIT 1')
    .get(campaign.id);
  if (reported !== undefined) return null;
  const sources = statusSources(store, campaign.accountId, now);
  const relay = sources.sources.find((s) => s.source === 'relay');
  const minutes = Math.floor((now - campaign.startedAt) / 60_000);
  const fixes = [
    ...(relay?.configured && relay.enabled
      ? [
          'Check that the relay runs and that WhatsApp sends its webhooks to it (Meta App Dashboard → WhatsApp → Configuration).',
        ]
      : [RELAY_STEPS]),
    `Press "Check now" to ask every source at once (on the command line: campaigns sync-status ${campaign.id}).`,
  ];
  return {
    since: campaign.startedAt,
    message: [
      `This campaign started sending ${minutes} minutes ago and no delivery report has arrived for any of its ${counts.sent.toLocaleString('en')} sent messages.`,
      ...sourceLines(sources.sources),
    ].join(' '),
    fixes,
  };
}
