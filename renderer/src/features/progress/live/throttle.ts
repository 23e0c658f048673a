/**
 * A trailing, throttled reload: changes mark it dirty; it loads at most once per `minMs`, and after
 * a slow load waits `costFactor` times that load's own duration (a panel reading every send of a
 * million-row campaign takes about a second on the core's thread, and must not hold it). A change
 * that lands while loading is never lost: it loads once more after. Pure of the DOM and of React,
 * so the timing is tested with fake timers.
 */
export interface RefreshThrottle {
  /** Something the panel reads changed. */
  mark(): void;
  /** Stops for good; a load in flight finishes, nothing more starts. */
  stop(): void;
}

export interface ThrottleOptions {
  load: () => Promise<unknown>;
  minMs: number;
  costFactor?: number;
  now?: () => number;
}

export function createRefreshThrottle(o: ThrottleOptions): RefreshThrottle {
  const now = o.now ?? (() => Date.now());
  const factor = o.costFactor ?? 10;
  let dirty = false;
  let loading = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = Number.NEGATIVE_INFINITY;
  let wait = o.minMs;

  const schedule = () => {
    if (stopped || timer !== undefined || loading || !dirty) return;
    timer = setTimeout(run, Math.max(0, last + wait - now()));
  };
  const run = () => {
    timer = undefined;
    if (stopped || !dirty) return;
    dirty = false;
    loading = true;
    const started = now();
    void o
      .load()
      .catch(() => undefined)
      .finally(() => {
        loading = false;
        last = now();
        wait = Math.max(o.minMs, (last - started) * factor);
        schedule();
      });
  };
  return {
    mark() {
      dirty = true;
      schedule();
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
