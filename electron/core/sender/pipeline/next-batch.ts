import type { SendRepo } from '../repo';
import type { StopAfterGate } from '../stop-after';
import { isSqliteError } from './write-briefly';
import type { createClaimStage } from './claim';
import type { PaceStage } from './pace';
import type { RecordStage } from './record';
import type { PipelineArgs, RunState } from './run';

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export interface BatchDeps {
  a: PipelineArgs;
  s: RunState;
  pace: PaceStage;
  record: RecordStage;
  claim: ReturnType<typeof createClaimStage>;
  repo: SendRepo;
  send: { inFlight: () => number };
  sleep: (ms: number) => Promise<void>;
  stopAfter?: StopAfterGate;
}

/**
 * Deferred recipients wait a day: a run whose only pending recipients are those hands the account
 * back (the campaign waits as `scheduled`, finish.ts) instead of holding its loop for a day.
 */
const HAND_OFF_MS = 10 * 60_000;

/**
 * Fills the empty queue: 'ready' when recipients were claimed, 'again' after a wait (or when the
 * loop must look at its state first), 'completed' when nobody is left to send. Results are written
 * before each claim, so what the database says is due includes every answer already received.
 */
export async function nextBatch(
  d: BatchDeps,
  most: number,
): Promise<'ready' | 'again' | 'completed'> {
  const { a, s, pace, record } = d;
  const now = () => a.clock.now();
  if (d.stopAfter?.passed(now())) return closeAtStopAfter(d, d.stopAfter);
  pace.refresh(s.counts.pending + s.counts.sending);
  // Sends still in flight will use slots too once accepted.
  const allowance = pace.allowance() - d.send.inFlight();
  if (allowance <= 0) {
    s.waiting = {
      reason: 'messaging_limit',
      message: `Your business portfolio has reached its messaging limit of ${a.account.messaging_limit} people in 24 hours (shared by all its numbers); sending continues by itself.`,
      until: pace.nextSlotAt(),
    };
    await d.sleep(1000);
    return 'again';
  }
  const tokenWait = pace.claimWaitMs();
  if (tokenWait > 0) {
    await d.sleep(Math.min(tokenWait, 1000));
    return 'again';
  }
  if (!record.flush()) {
    await d.sleep(clamp(record.retryInMs(), 1, 250));
    return 'again';
  }
  const options = pace.pacer?.claimOptions(now()) ?? {};
  const step = d.claim.claim(now(), Math.min(pace.batchSize(), allowance, most), options);
  if (step.kind === 'busy') {
    await d.sleep(step.waitMs);
    return 'again';
  }
  if (step.kind === 'lease_lost') {
    s.halt ??= { kind: 'lease' };
    return 'again';
  }
  s.queue = step.claimed;
  s.counts.pending -= step.claimed.length + step.skipped;
  s.counts.sending += step.claimed.length;
  s.counts.skipped += step.skipped;
  if (step.claimed.length > 0) {
    const w = s.waiting?.reason;
    if (w === 'retry' || w === 'messaging_limit' || w === 'quiet') s.waiting = null;
    return 'ready';
  }
  // Suppressed or capped at claim: look again at once.
  if (step.skipped > 0) return 'again';
  return nothingDue(d, options.countries);
}

async function nothingDue(
  d: BatchDeps,
  countries: readonly string[] | undefined,
): Promise<'again' | 'completed'> {
  const { a, s, pace, record } = d;
  const now = () => a.clock.now();
  if (d.send.inFlight() > 0 || !record.flush()) {
    await d.sleep(50);
    return 'again';
  }
  const due = d.repo.nextDueAt(a.campaignId, countries);
  if (due !== null && due - now() > HAND_OFF_MS && d.repo.onlyDeferredLeft(a.campaignId))
    return 'completed';
  if (due !== null) {
    s.waiting ??= { reason: 'retry', message: 'Waiting to retry some recipients.', until: due };
    await d.sleep(clamp(due - now(), 10, 1000));
    return 'again';
  }
  // Never completed while some wait for their quiet hours to end: sleep (woken by pause or cancel).
  const held = pace.pacer?.heldBack(now());
  if (held) {
    s.waiting = held;
    await d.sleep(clamp((held.until ?? Infinity) - now(), 10, 1000));
    return 'again';
  }
  if (countries && d.repo.nextDueAt(a.campaignId) !== null) {
    // Recipients of a country this run did not know (re-sent unknowns): count them in.
    pace.pacer?.recount();
    await d.sleep(10);
    return 'again';
  }
  return 'completed';
}

/** Past the campaign's stop-after: answers in flight are written, then what is left is closed. */
async function closeAtStopAfter(d: BatchDeps, gate: StopAfterGate): Promise<'again' | 'completed'> {
  if (d.send.inFlight() > 0 || !d.record.flush()) {
    await d.sleep(50);
    return 'again';
  }
  d.s.waiting = {
    reason: 'stopped',
    message: 'The offer ended: nothing more is sent.',
    until: null,
  };
  try {
    if (gate.closeSome(d.a.clock.now()) > 0) return 'again';
  } catch (e) {
    if (!isSqliteError(e)) throw e;
    await d.sleep(50);
    return 'again';
  }
  return 'completed';
}
