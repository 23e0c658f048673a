import { composeClaimed } from './compose';
import { nextBatch } from './next-batch';
import type { Stages } from './stages';
import { routeOf } from './route';

/** What one turn of the loop decided: go round again, or stop (with the run's outcome). */
export type Turn = 'again' | 'stopped' | 'completed';

/**
 * One turn of the send loop: at most one recipient goes through pace → claim → compose → pace →
 * send, or the turn waits (bounded: never more than a second) for what holds it back.
 */
export async function turn(st: Stages): Promise<Turn> {
  const { a, s, pace, breaker, send, sleep } = st;
  if (s.halt || a.stopped()) return 'stopped';
  const hold = pace.holdMs();
  if (hold > 0) {
    await sleep(Math.min(hold, 250));
    return 'again';
  }
  const gate = breaker.gate();
  if (gate.kind === 'wait') {
    // Nobody waits in `sending` during an outage: a crash now would make them `unknown`.
    st.putBack();
    await sleep(Math.min(gate.ms, 1000));
    return 'again';
  }
  if (s.queue.length === 0) {
    const next = await nextBatch(st, gate.kind === 'probe' ? 1 : Infinity);
    if (next !== 'ready') return next;
  }
  if (send.inFlight() >= st.cap) {
    await sleep(20);
    return 'again';
  }
  return sendNext(st);
}

/** Composes the queue's first recipient and starts its request once the pace allows it. */
async function sendNext(st: Stages): Promise<Turn> {
  const { a, s, pace, record } = st;
  const r = s.queue[0]!;
  const composed = composeClaimed(a.messages, a.media, a.campaignId, r, a.clock.now());
  if (!composed.ok) {
    s.queue.shift();
    const reason = composed.problems.map((p) => p.message).join(' ');
    record.add({ id: r.id, kind: 'skipped', reason });
    return 'again';
  }
  const wait = pace.take();
  if (wait > 0) {
    await st.sleep(Math.min(wait, 1000));
    return 'again';
  }
  s.queue.shift();
  st.breaker.sending(r.id);
  st.send.start(r, composed.body, routeOf(st.a, r));
  return 'again';
}
