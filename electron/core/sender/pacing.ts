/** Small timing helpers for the send loop: a wakeable sleep, a rate meter, the 24-hour window. */

export interface Sleeper {
  /** Resolves after `ms`, or earlier when wake() is called. */
  sleep: (ms: number) => Promise<void>;
  wake: () => void;
}

export function createSleeper(): Sleeper {
  let pending: { resolve: () => void; timer: NodeJS.Timeout } | undefined;
  return {
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(
          () => {
            pending = undefined;
            resolve();
          },
          Math.max(0, ms),
        );
        pending = { resolve, timer };
      }),
    wake: () => {
      if (!pending) return;
      clearTimeout(pending.timer);
      const { resolve } = pending;
      pending = undefined;
      resolve();
    },
  };
}

/**
 * Accepted sends per second over the last `windowMs` (5 s by default; longer for slow rates, where
 * 5 s would mostly see none). Sends older than `keepMs` are dropped.
 */
export function createRateMeter(defaultWindowMs = 5000, keepMs = 120_000) {
  const times: number[] = [];
  let start = 0;
  return {
    add(at: number) {
      times.push(at);
    },
    rate(now: number, windowMs = defaultWindowMs): number {
      const span = Math.min(Math.max(windowMs, 1), keepMs);
      while (start < times.length && times[start]! <= now - keepMs) start++;
      if (start > 10_000) {
        times.splice(0, start);
        start = 0;
      }
      // Times are in order: the first one inside the window by binary search.
      let lo = start;
      let hi = times.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (times[mid]! <= now - span) lo = mid + 1;
        else hi = mid;
      }
      return ((times.length - lo) * 1000) / span;
    },
  };
}

export const DAY_MS = 24 * 3600_000;

/**
 * Unique recipients reached in the moving 24 hours (Meta's messaging limit, per portfolio).
 * A Map keeps insertion order, so the oldest send is always first and pruning is cheap.
 */
export function createMessagingWindow(limit: number | null, initial: Iterable<[string, number]>) {
  const lastSent = new Map<string, number>();
  for (const [phone, at] of [...initial].sort((a, b) => a[1] - b[1])) lastSent.set(phone, at);
  const prune = (now: number) => {
    for (const [phone, at] of lastSent) {
      if (at > now - DAY_MS) break;
      lastSent.delete(phone);
    }
  };
  return {
    record(phone: string, at: number) {
      if (limit === null) return;
      lastSent.delete(phone);
      lastSent.set(phone, at);
    },
    /** How many new recipients may be messaged now (Infinity without a limit). */
    allowance(now: number): number {
      if (limit === null) return Infinity;
      prune(now);
      return Math.max(0, limit - lastSent.size);
    },
    /** When the oldest counted send leaves the window. */
    nextSlotAt(now: number): number | null {
      prune(now);
      const first = lastSent.values().next();
      return first.done ? null : first.value + DAY_MS;
    },
  };
}
