import type { RecipientCounts, SendProgress, SendWaiting } from '../../../../shared/api';
import type { Clock } from '../../clock';
import type { Store } from '../../db/connection';
import type { PaceStage } from './pace';

/** The progress the loop pushes every quarter second (`send.progress`). */
export function progressSnapshot(
  o: { store: Store; clock: Clock; campaignId: number; pace: PaceStage },
  counts: RecipientCounts,
  waiting: SendWaiting | null,
): SendProgress {
  const { store, clock, campaignId, pace } = o;
  const { rate: r, target } = pace.measured();
  const remaining = counts.pending + counts.sending;
  const row = store.first(
    store.q.selectFrom('campaigns').select(['state', 'pause_reason']).where('id', '=', campaignId),
  );
  const perSecond = Math.max(r, Math.min(target, 1));
  // Those in quiet hours go when their window opens: the campaign cannot end before.
  const quiet = pace.pacer?.quiet() ?? null;
  const quietEta = quiet
    ? quiet.until === null
      ? null
      : Math.max(0, quiet.until - clock.now()) / 1000 + quiet.recipients / perSecond
    : 0;
  return {
    campaignId,
    state: row?.state ?? 'sending',
    counts: { ...counts },
    ratePerSecond: Math.round(r * (r < 1 ? 1000 : 10)) / (r < 1 ? 1000 : 10),
    configuredRate: pace.pacer?.spreading ? Math.round(target * 1000) / 1000 : pace.rate,
    etaSeconds:
      remaining === 0
        ? 0
        : quietEta === null
          ? null
          : Math.round(Math.max(remaining / perSecond, quietEta)),
    waiting,
    pauseReason: row?.pause_reason ?? null,
    at: clock.now(),
    quiet,
  };
}
