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
  /** Messages one recipient can take at once after a quiet spell. */
  pairBurst: number;
  /** The steady pace to one recipient: one message per this many ms. */
  pairIntervalMs: number;
}

export class RateLimiter {
  private readonly throughput = new Window(THROUGHPUT_WINDOW_MS);
  /**
   * Per recipient, the instant its pair quota is paid back. Meta (pair rate limit, cloud-api.md
   * §3.3; the Throughput page): 1 message every 6 s to one user, with bursts of up to 45 that borrow
   * from later — "after a burst of 20, wait about 2 minutes". Each accepted message moves the
   * instant one interval on; a send is refused while more than burst−1 intervals are borrowed.
   */
  private readonly paidBackAt = new Map<string, number>();
  private max = 0;

  constructor(private readonly limits: RateLimits) {}

  get ratePerSecond(): number {
    return this.limits.ratePerSecond;
  }

  throughputExceeded(now: number): boolean {
    return this.throughput.count(now) >= this.limits.ratePerSecond;
  }

  pairExceeded(to: string, now: number): boolean {
    const at = this.paidBackAt.get(to);
    if (at === undefined) return false;
    if (at <= now) {
      this.paidBackAt.delete(to);
      return false;
    }
    return at - now > (this.limits.pairBurst - 1) * this.limits.pairIntervalMs;
  }

  record(to: string, now: number): void {
    this.throughput.add(now);
    this.max = Math.max(this.max, this.throughput.count(now));
    const from = Math.max(now, this.paidBackAt.get(to) ?? now);
    this.paidBackAt.set(to, from + this.limits.pairIntervalMs);
  }

  /** The most accepted sends within any 1 000 ms (checked at each accept, where the count peaks). */
  maxInOneSecond(): number {
    return this.max;
  }
}
