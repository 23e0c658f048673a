/**
 * Meta's two send limits (cloud-api.md §3.1, §3.3): messages per second per business number, and
 * messages to one recipient. Only accepted sends count, so a client that slows down recovers at once.
 */

const THROUGHPUT_WINDOW_MS = 1000;

/** Timestamps within a sliding window; old ones are dropped lazily. */
class Window {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly spanMs: number) {}

  count(now: number): number {
    while (this.head < this.times.length && this.times[this.head]! <= now - this.spanMs)
      this.head++;
    // Compact now and then so the array does not grow with every send ever made.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  add(now: number): void {
    this.times.push(now);
  }
}

export interface RateLimits {
  ratePerSecond: number;
  pairMax: number;
  pairWindowMs: number;
}

export class RateLimiter {
  private readonly throughput = new Window(THROUGHPUT_WINDOW_MS);
  private readonly pairs = new Map<string, Window>();
  private max = 0;

  constructor(private readonly limits: RateLimits) {}

  get ratePerSecond(): number {
    return this.limits.ratePerSecond;
  }

  throughputExceeded(now: number): boolean {
    return this.throughput.count(now) >= this.limits.ratePerSecond;
  }

  pairExceeded(to: string, now: number): boolean {
    const w = this.pairs.get(to);
    if (!w) return false;
    const n = w.count(now);
    if (n === 0) this.pairs.delete(to);
    return n >= this.limits.pairMax;
  }

  record(to: string, now: number): void {
    this.throughput.add(now);
    this.max = Math.max(this.max, this.throughput.count(now));
    let w = this.pairs.get(to);
    if (!w) {
      w = new Window(this.limits.pairWindowMs);
      this.pairs.set(to, w);
    }
    w.add(now);
  }

  /** The most accepted sends within any 1 000 ms (checked at each accept, where the count peaks). */
  maxInOneSecond(): number {
    return this.max;
  }
}
