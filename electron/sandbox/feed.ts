import type { IncomingMessage } from 'node:http';
import { bearerToken, type Reply } from './http';

/**
 * The webhook relay feed: what a relay would have stored from Meta's webhook POSTs, served by cursor.
 *
 * Events are scheduled with the time they reach the relay and only enter the log once that time has
 * passed. Cursors are handed out on entry, not on scheduling, so a reader that is at cursor X can never
 * miss an event that becomes visible later with a smaller sequence number. No timers are involved:
 * the log catches up with the clock whenever it is read.
 */

interface Pending {
  dueAt: number;
  seq: number;
  make: () => object;
}

export interface FeedEvent {
  cursor: string;
  receivedAt: number;
  body: object;
}

export interface FeedPage {
  events: FeedEvent[];
  /** Non-null when more events are visible right now: pass it as `after` at once. */
  next: string | null;
}

const CURSOR_DIGITS = 12;
export const DEFAULT_FEED_LIMIT = 100;
export const MAX_FEED_LIMIT = 1000;

// Zero-padded so that cursors also sort as plain strings.
const toCursor = (position: number): string => String(position).padStart(CURSOR_DIGITS, '0');

const before = (a: Pending, b: Pending): boolean =>
  a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);

export class FeedLog {
  private readonly heap: Pending[] = [];
  private readonly log: { receivedAt: number; body: object }[] = [];
  private seq = 0;

  constructor(private readonly now: () => number) {}

  /** `make` builds the body lazily, so unplayed events cost little. */
  schedule(dueAt: number, make: () => object): void {
    const item = { dueAt, seq: this.seq++, make };
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): Pending | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l]!, h[m]!)) m = l;
      if (r < h.length && before(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
    return top;
  }

  private catchUp(): void {
    const now = this.now();
    while (this.heap[0] !== undefined && this.heap[0].dueAt <= now) {
      const item = this.pop()!;
      this.log.push({ receivedAt: item.dueAt, body: item.make() });
    }
  }

  page(after: string | null, limit: number): FeedPage {
    this.catchUp();
    const start = after === null ? 0 : Number(after);
    const slice = this.log.slice(start, start + limit);
    const events = slice.map((e, i) => ({
      cursor: toCursor(start + i + 1),
      receivedAt: e.receivedAt,
      body: e.body,
    }));
    const end = start + events.length;
    return { events, next: events.length > 0 && end < this.log.length ? toCursor(end) : null };
  }

  /** Every visible event, oldest first. */
  all(): FeedEvent[] {
    return this.page(null, Number.MAX_SAFE_INTEGER).events;
  }
}

export function handleFeed(
  feed: FeedLog,
  feedToken: string,
  req: IncomingMessage,
  query: URLSearchParams,
): Reply {
  if (req.method !== 'GET') return { status: 405, body: { error: { message: 'Use GET.' } } };
  if (bearerToken(req) !== feedToken) {
    return {
      status: 401,
      body: { error: { message: 'Missing or wrong feed token (Authorization: Bearer <token>).' } },
    };
  }
  const after = query.get('after');
  if (after !== null && after !== '' && !/^\d+$/.test(after)) {
    return { status: 400, body: { error: { message: `The cursor "${after}" is not valid.` } } };
  }
  const rawLimit = query.get('limit');
  const limit = rawLimit === null || rawLimit === '' ? DEFAULT_FEED_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1) {
    return {
      status: 400,
      body: { error: { message: `limit must be a positive integer, got "${rawLimit}".` } },
    };
  }
  return {
    status: 200,
    body: feed.page(after === '' ? null : after, Math.min(limit, MAX_FEED_LIMIT)),
  };
}
