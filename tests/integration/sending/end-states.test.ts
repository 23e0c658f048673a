import { afterEach, describe, expect, it } from 'vitest';
import { fakeClock } from '../../helpers/tmp';
import { phones, sendHarness, type SendHarness } from './helpers';

/**
 * Issue 15 item 2: every campaign reaches an end state by itself, whatever its pacing. Each
 * combination of spread, quiet hours, a schedule, a pause and resume, and answers that must be
 * retried runs against the sandbox with a fake clock (wall time and the pacing's monotonic time
 * move together), and must end completed with every recipient handled and counted once.
 */

const H = 3600_000;
/** UK mobiles: awake at 09:00 UTC, when New York (the US numbers) is in quiet hours. */
const ukPhones = (n: number) => Array.from({ length: n }, (_, i) => `+4474001234${String(10 + i)}`);

interface Combination {
  spread: boolean;
  quiet: boolean;
  schedule: boolean;
  pauseResume: boolean;
  retries: boolean;
}

const flags = [false, true];
const combinations: Combination[] = flags.flatMap((spread) =>
  flags.flatMap((quiet) =>
    flags.flatMap((schedule) =>
      flags.flatMap((pauseResume) =>
        flags.map((retries) => ({ spread, quiet, schedule, pauseResume, retries })),
      ),
    ),
  ),
);

const label = (c: Combination) =>
  Object.entries(c)
    .filter(([, on]) => on)
    .map(([k]) => k)
    .join(' + ') || 'plain';

/** Moves the fake clock in steps while real time passes, waking the loop so it sees each step. */
function timeMachine(h: SendHarness, clock: ReturnType<typeof fakeClock>, campaignId: number) {
  let stepMs = 0;
  const timer = setInterval(() => {
    if (stepMs === 0) return;
    clock.advance(stepMs);
    h.core.senders.tick();
    h.core.senders.wake(campaignId);
  }, 5);
  return {
    run: (ms: number) => (stepMs = ms),
    hold: () => (stepMs = 0),
    stop: () => clearInterval(timer),
  };
}

async function until(what: () => boolean, why: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!what()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${why}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('every campaign reaches an end state by itself (sandbox, fake clock)', () => {
  let h: SendHarness | undefined;
  let machine: ReturnType<typeof timeMachine> | undefined;
  afterEach(async () => {
    machine?.stop();
    await h?.close();
    h = undefined;
  });

  it.each(combinations.map((c) => [label(c), c] as const))('%s', async (_name, c) => {
    // Monday 23 November 2026, 09:00 UTC: 09:00 in London, 04:00 in New York.
    const clock = fakeClock();
    h = await sendHarness({
      clock,
      monotonic: () => clock.now(),
      sandboxOptions: {
        ...(c.retries ? { faults: { serverErrorRate: 0.3, seed: 11 } } : {}),
      },
    });
    const audience = [...phones(4), ...ukPhones(2)];
    const id = await h.campaign(`combo ${label(c)}`, audience);
    machine = timeMachine(h, clock, id);
    if (c.spread)
      await h.core.handlers['campaigns.setPacing']({
        campaignId: id,
        spread: { durationMinutes: 10 },
      });
    if (c.quiet)
      await h.core.handlers['campaigns.setPacing']({
        campaignId: id,
        quietHours: {
          enabled: true,
          from: '21:00',
          to: '08:00',
          zones: { US: 'America/New_York' },
        },
      });
    await h.core.handlers['campaigns.start']({
      campaignId: id,
      ...(c.schedule ? { scheduleAt: clock.now() + H } : {}),
    });
    const core = h.core;
    const state = () =>
      (
        core.store.sqlite.prepare('SELECT state FROM campaigns WHERE id = ?').get(id) as {
          state: string;
        }
      ).state;
    const states = () => h!.states(id);

    if (c.pauseResume) {
      // Pause once the first message went out (or, scheduled, before it starts), then resume.
      machine.run(c.spread ? 5_000 : 1_000);
      await until(
        () => (states().sent ?? 0) >= 1 || (c.schedule && state() === 'scheduled'),
        'a first send',
      );
      machine.hold();
      await core.handlers['campaigns.pause']({ campaignId: id });
      await core.senders.settled(id);
      expect(state()).toBe('paused');
      await core.handlers['campaigns.resume']({ campaignId: id });
    }
    // Scheduled in an hour, spread over ten minutes, quiet for four hours: minutes of fake time per step.
    machine.run(c.quiet || c.schedule ? 60_000 : c.spread ? 5_000 : 1_000);
    await until(() => state() === 'completed', `completed (now ${state()})`);
    machine.hold();

    const end = states();
    expect(end.pending ?? 0).toBe(0);
    expect(end.sending ?? 0).toBe(0);
    expect((end.sent ?? 0) + (end.failed ?? 0) + (end.skipped ?? 0)).toBe(audience.length);
    const stats = (await core.clients.sandbox()).stats();
    // Every accepted message is recorded once, and nobody got two.
    expect(stats.accepted).toBe(end.sent ?? 0);
    expect(Math.max(...Object.values(stats.acceptedByRecipient))).toBe(1);
    if (!c.retries) expect(end).toEqual({ sent: audience.length });
    const status = await core.handlers['campaigns.status']({ campaignId: id });
    expect(status.state).toBe('completed');
    expect(status.etaSeconds).toBe(0);
  });
});

describe('resume when everyone was handled before the pause', () => {
  let h: SendHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('finishes the campaign instead of refusing with "nobody to send to"', async () => {
    h = await sendHarness({ runSenders: false });
    const id = await h.campaign('paused at the end', phones(2));
    // As the loop leaves it when Pause is pressed while the last answers come back.
    h.core.store.sqlite
      .prepare(
        "UPDATE recipients SET state = 'sent', sent_at = 1, wamid = 'wamid.' || id WHERE campaign_id = ?",
      )
      .run(id);
    h.core.store.sqlite
      .prepare(
        "UPDATE campaigns SET state = 'paused', pause_code = 'USER', started_at = 1 WHERE id = ?",
      )
      .run(id);
    const resumed = await h.core.handlers['campaigns.resume']({ campaignId: id });
    expect(resumed.state).toBe('completed');
    expect(resumed.pauseReason).toBeNull();
    expect(h.states(id)).toEqual({ sent: 2 });
  });
});
