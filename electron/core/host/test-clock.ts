import type { Clock } from '../clock';

/**
 * Test-only clock of the headless shell (issue 15 item 4): with CAMPAIGN_DESK_TEST_SWITCHES=1,
 * `serve` runs its core on this clock, and POST /test/clock moves it, so an end-to-end journey
 * through quiet hours or a spread over hours runs in seconds whatever the time of day. Real time
 * keeps flowing underneath (the UI, the Sandbox's report delays and the senders' timers run on it);
 * the switch only adds an offset, which never goes back: the senders' pacing needs monotonic time.
 */
export interface TestClock extends Clock {
  /** Monotonic milliseconds for the senders' pacing, moved together with `now`. */
  monotonic(): number;
  /** Moves time forward to `at` (epoch ms) or by `advanceMs`; an answer in words when refused. */
  move(change: TestClockChange): string | null;
}

export type TestClockChange = { at: number } | { advanceMs: number };

/** At most ten years in one move: a typo in a test should not push the app into the year 3000. */
const MAX_MOVE_MS = 10 * 366 * 24 * 3600_000;

export function createTestClock(
  real: () => number = () => Date.now(),
  realMonotonic: () => number = () => performance.now(),
): TestClock {
  let offset = 0;
  const now = () => real() + offset;
  return {
    now,
    monotonic: () => realMonotonic() + offset,
    move(change) {
      const by = 'at' in change ? change.at - now() : change.advanceMs;
      if (!Number.isFinite(by)) return 'at and advanceMs are numbers of milliseconds.';
      if (by < 0) return 'The test clock only moves forward (the senders pace on monotonic time).';
      if (by > MAX_MOVE_MS) return 'The test clock moves at most ten years at a time.';
      offset += by;
      return null;
    },
  };
}

/** Parses POST /test/clock's body: `{ at: epochMs }` or `{ advanceMs: n }`. */
export function parseClockChange(body: unknown): TestClockChange | string {
  if (typeof body !== 'object' || body === null) return 'Send a JSON object.';
  const b = body as Record<string, unknown>;
  if (typeof b.at === 'number' && b.advanceMs === undefined) return { at: b.at };
  if (typeof b.advanceMs === 'number' && b.at === undefined) return { advanceMs: b.advanceMs };
  return 'Send { "at": epoch milliseconds } or { "advanceMs": milliseconds }.';
}
