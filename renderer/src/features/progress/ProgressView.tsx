import { Stack } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { Campaign, FailureGroup, SendProgress } from '../../../../shared/api';
import { api } from '../../lib/api';
import { useStore } from '../../store';
import { ProgressPanel } from '../send/ProgressPanel';
import { AnalyticsPanel } from './AnalyticsPanel';
import { ChargesPanel } from './ChargesPanel';
import { FailuresPanel } from './FailuresPanel';
import { RecipientTable } from './RecipientTable';
import { StatusSilenceAlert } from './StatusSilenceAlert';
import { TimelineChart } from './TimelineChart';
import { VariantComparison } from './VariantComparison';
import { FollowUpPanel } from '../customers/FollowUpPanel';
import { liveCounts } from './live-counts';

const NO_FAILURES: FailureGroup[] = [];

/** How often the view re-reads what moves while a campaign sends or reports arrive. */
const REFRESH_MS = 2000;
/** The timeline reads the whole campaign (~1 s at a million rows, on the core's thread): wait this many times its cost. */
const TIMELINE_COST_FACTOR = 10;

/**
 * A started campaign: live counters and controls, the chart over time, failures by reason, and
 * every recipient. Refreshes on the sender's ticks and on delivery reports, a few times a minute at most
 * for the expensive parts.
 */
export function ProgressView({
  campaign,
  progress,
}: {
  campaign: Campaign;
  progress: SendProgress | undefined;
}) {
  const timeline = useStore((s) => (s.timeline?.campaignId === campaign.id ? s.timeline : null));
  const failures = useStore((s) =>
    s.failures?.campaignId === campaign.id ? s.failures.groups : NO_FAILURES,
  );
  const { loadTimeline, loadFailures, openTable, refreshTableTop } = useStore.getState();
  const lastTimeline = useRef(0);
  const dirty = useRef(false);
  const sending = campaign.state === 'sending';

  useEffect(() => {
    void loadFailures(campaign.id);
    void loadTimeline(campaign.id).then(() => (lastTimeline.current = Date.now()));
    const off = api.subscribe('db.changed', ({ tables, campaignId }) => {
      if ((campaignId === undefined || campaignId === campaign.id) && tables.includes('recipients'))
        dirty.current = true;
    });
    const offProgress = api.subscribe('send.progress', (p) => {
      if (p.campaignId === campaign.id) dirty.current = true;
    });
    const tick = setInterval(() => {
      if (!dirty.current) return;
      dirty.current = false;
      void loadFailures(campaign.id);
      void refreshTableTop();
      const wait = Math.max(REFRESH_MS, useStore.getState().timelineCostMs * TIMELINE_COST_FACTOR);
      if (Date.now() - lastTimeline.current >= wait) {
        lastTimeline.current = Date.now();
        void loadTimeline(campaign.id);
      } else dirty.current = true;
    }, REFRESH_MS);
    return () => {
      off();
      offProgress();
      clearInterval(tick);
    };
  }, [campaign.id, loadFailures, loadTimeline, refreshTableTop]);

  // The last refresh when sending stops: the final figures show without waiting for a tick. Only on
  // that change: the mount already loaded them, and a second timeline read costs ~1 s at a million rows.
  const wasSending = useRef(sending);
  useEffect(() => {
    if (wasSending.current && !sending) {
      lastTimeline.current = Date.now();
      void loadTimeline(campaign.id);
      void loadFailures(campaign.id);
      void refreshTableTop();
    }
    wasSending.current = sending;
  }, [sending, campaign.id, loadTimeline, loadFailures, refreshTableTop]);

  // When the sender is idle its last push is stale: SQLite's counts (refreshed on db.changed) are the truth.
  const live = sending
    ? progress && { ...progress, counts: liveCounts(progress.counts, campaign.counts) }
    : progress && { ...progress, counts: campaign.counts };
  const counts = live?.counts ?? campaign.counts;
  return (
    <Stack data-testid="progress-view">
      <ProgressPanel campaign={campaign} progress={live} />
      <FollowUpPanel campaign={campaign} />
      <StatusSilenceAlert campaign={campaign} />
      <TimelineChart
        timeline={timeline}
        until={sending ? Date.now() : (campaign.completedAt ?? Date.now())}
      />
      <VariantComparison campaignId={campaign.id} />
      <FailuresPanel
        campaign={campaign}
        failures={failures}
        onTable={() => void openTable(campaign.id, 'failed')}
      />
      <ChargesPanel campaign={campaign} />
      <AnalyticsPanel campaign={campaign} />
      <RecipientTable campaignId={campaign.id} counts={counts} />
    </Stack>
  );
}
