import type {
  MarketingApiSetting,
  MmPolicy,
  RecipientCounts,
  SendWaiting,
} from '../../../../shared/api';
import type { MediaRef } from '../../../../shared/domain/templates';
import type { CloudApiClient } from '../../cloud-api';
import type { Clock } from '../../clock';
import type { Store } from '../../db/connection';
import type { EventBus } from '../../events';
import type { CampaignMessage, CampaignMessages } from '../../templates/compose';
import type { Sleeper } from '../pacing';
import type { Claimed } from '../repo';
import type { LeaseRef } from './claim';
import { finishRun, type Halt, type RunOutcome } from './finish';
import { createStages, type Stages } from './stages';
import { turn, type Turn } from './turn';

const FLUSH_MS = 100;
const PROGRESS_MS = 250;
/** After the loop stops, how long results are retried against a locked database before giving up. */
const DRAIN_MAX_MS = 5 * 60_000;

export interface PipelineArgs {
  store: Store;
  clock: Clock;
  events: EventBus;
  random: () => number;
  monotonic: () => number;
  campaignId: number;
  account: {
    id: number;
    rate_per_second: number;
    messaging_limit: number | null;
    /** The sending method of marketing templates (migration 150); absent: Cloud API only. */
    marketing_api?: MarketingApiSetting;
    mm_policy?: MmPolicy;
    mm_onboarding?: string | null;
  };
  client: Pick<CloudApiClient, 'sendTemplate'> & Partial<Pick<CloudApiClient, 'sendMarketing'>>;
  messages: CampaignMessages;
  media: ReadonlyMap<CampaignMessage, MediaRef>;
  sleeper: Sleeper;
  stopped: () => boolean;
  lease?: LeaseRef;
}

/** What the stages share while one campaign runs. */
export interface RunState {
  counts: RecipientCounts;
  queue: Claimed[];
  waiting: SendWaiting | null;
  halt: Halt | null;
}

/**
 * Sends one campaign through the stages claim → compose → pace → send → record (README.md has the
 * crash-safety protocol they keep together): set up, turn until stopped, write every answer, finish.
 */
export async function sendLoop(a: PipelineArgs): Promise<RunOutcome> {
  const st = createStages(a);
  const stopTimers = startTimers(st);
  let outcome: Turn;
  let written: boolean;
  try {
    do outcome = await turn(st);
    while (outcome === 'again');
  } finally {
    written = await settle(st);
    stopTimers();
  }
  const { store, clock, campaignId, events } = a;
  const final = await finishRun(
    { store, clock, campaignId, sleep: st.sleep, log: st.warn },
    written && outcome === 'completed' ? 'completed' : 'stopped',
    st.s.halt,
  );
  events.emit('send.progress', st.snapshot());
  events.emit('db.changed', { tables: ['campaigns', 'recipients'], campaignId });
  return final;
}

/** Writes results every FLUSH_MS and notices a pause or cancel made elsewhere; reports progress. */
function startTimers(st: Stages): () => void {
  const { store, campaignId, events, sleeper } = st.a;
  const flushTimer = setInterval(() => {
    st.record.flush();
    // Paused or cancelled from the UI, or from another process (the CLI).
    const row = store.first(
      store.q.selectFrom('campaigns').select('state').where('id', '=', campaignId),
    );
    if (row?.state !== 'sending' && !st.s.halt) {
      st.s.halt = { kind: 'user' };
      sleeper.wake();
    }
  }, FLUSH_MS);
  const progressTimer = setInterval(() => events.emit('send.progress', st.snapshot()), PROGRESS_MS);
  return () => {
    clearInterval(flushTimer);
    clearInterval(progressTimer);
  };
}

/** After the last turn: waits for requests in flight, puts back the unsent, writes every answer. */
async function settle(st: Stages): Promise<boolean> {
  // Requests in flight end by the client's own timeout; their answers are kept and written below.
  while (st.send.inFlight() > 0) await st.sleep(20);
  st.putBack();
  const written = await st.record.drain(st.sleep, DRAIN_MAX_MS);
  if (!written)
    st.warn(`sender: ${st.record.held()} results of campaign ${st.a.campaignId} not written`);
  return written;
}
