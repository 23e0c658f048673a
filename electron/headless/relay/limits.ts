import type { IncomingMessage } from 'node:http';

/**
 * What an anonymous client on the internet can make the relay hold. Webhook bodies arrive before we
 * know whether they are Meta's (the signature covers the whole body), so every POST /webhook is
 * unauthenticated until its last byte: these bounds keep stalled or hostile clients from holding
 * memory or sockets, while Meta (which retries anything that is not a 200 for days) loses nothing.
 */
export interface RelayLimits {
  /** POST /webhook requests being read at once; past this, 503 at once (Meta retries). */
  maxPendingBodies: number;
  /** Bytes of unverified bodies held at once, across all requests. */
  maxBytesInFlight: number;
  /** Time to send the request headers. */
  headersTimeoutMs: number;
  /** Time to send the whole request. */
  requestTimeoutMs: number;
  /** A socket with nothing sent or received for this long is closed. */
  idleTimeoutMs: number;
  /** Per source: a bucket of this many requests... */
  burst: number;
  /** ...refilled at this many per second. */
  perSecond: number;
  /** A refused signature or token costs this many requests of the source's bucket. */
  failureCost: number;
  /** Use the last X-Forwarded-For address as the source (only behind your own reverse proxy). */
  trustProxy: boolean;
}

export const DEFAULT_LIMITS: RelayLimits = {
  maxPendingBodies: 128,
  maxBytesInFlight: 48 * 1024 * 1024,
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  idleTimeoutMs: 5_000,
  burst: 400,
  perSecond: 100,
  failureCost: 20,
  trustProxy: false,
};

/** Counts pending bodies and their bytes; every reservation is given back exactly once. */
export class BodyBudget {
  private pending = 0;
  private bytes = 0;
  constructor(
    private readonly limits: Pick<RelayLimits, 'maxPendingBodies' | 'maxBytesInFlight'>,
  ) {}

  /** A slot for one more body, or false when too many are being read. */
  enter(): boolean {
    if (this.pending >= this.limits.maxPendingBodies) return false;
    this.pending++;
    return true;
  }
  leave(heldBytes: number): void {
    this.pending--;
    this.bytes -= heldBytes;
  }
  /** Room for `n` more bytes, or false (the caller stops reading). */
  take(n: number): boolean {
    if (this.bytes + n > this.limits.maxBytesInFlight) return false;
    this.bytes += n;
    return true;
  }
  snapshot(): { pending: number; bytes: number } {
    return { pending: this.pending, bytes: this.bytes };
  }
}

/** Sources remembered at once: an attacker rotating addresses cannot grow the table past this. */
const MAX_SOURCES = 10_000;

/** A token bucket per source address; the oldest source is forgotten when the table is full. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly limits: Pick<RelayLimits, 'burst' | 'perSecond' | 'failureCost'>,
    private readonly now: () => number,
  ) {}

  private bucket(source: string) {
    const t = this.now();
    let b = this.buckets.get(source);
    if (b) {
      b.tokens = Math.min(
        this.limits.burst,
        b.tokens + ((t - b.at) / 1000) * this.limits.perSecond,
      );
      b.at = t;
      // Re-inserted so the Map's order is least recently seen first.
      this.buckets.delete(source);
    } else {
      b = { tokens: this.limits.burst, at: t };
      if (this.buckets.size >= MAX_SOURCES) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
    }
    this.buckets.set(source, b);
    return b;
  }

  /** Takes one request from the source's bucket; false when it is empty. */
  allow(source: string): boolean {
    const b = this.bucket(source);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
  /** A failed signature or token: the source pays extra, so guessing is slow. */
  penalize(source: string): void {
    const b = this.bucket(source);
    b.tokens = Math.max(-this.limits.burst, b.tokens - this.limits.failureCost);
  }
  /** Seconds until the source has a request again (for Retry-After). */
  retryAfter(source: string): number {
    const b = this.buckets.get(source);
    if (!b || b.tokens >= 1) return 0;
    return Math.ceil((1 - b.tokens) / this.limits.perSecond);
  }
}

export function sourceOf(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    // The proxy appends the address it saw; earlier entries are whatever the client claimed.
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
