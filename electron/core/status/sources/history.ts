import { historyObservations } from '../../../../shared/domain/status';
import type { ApiFailure, CloudApiClient } from '../../cloud-api';
import { SourceError, type StatusSource } from './types';

const HISTORY_PAGE = 100;
const HOUR_MS = 3_600_000;

/** Meta's failure of a message_history call, in words, with how long to leave the source alone. */
export function historyFailure(f: ApiFailure): SourceError {
  const code = f.code;
  const meta = f.metaMessage ? ` Meta says: "${f.metaMessage.replace(/^\(#\d+\)\s*/, '')}"` : '';
  if (f.network)
    return new SourceError(`Could not reach WhatsApp for the message history (${f.network}).`);
  if (f.httpStatus === 403 || code === 10 || (code !== null && code >= 200 && code <= 299)) {
    return new SourceError(
      `Meta does not let this app read the message history of this number (code ${code ?? f.httpStatus}).${meta} Statuses can still come through a webhook relay.`,
      HOUR_MS,
    );
  }
  if (f.httpStatus === 429 || code === 4 || code === 80007 || code === 130429) {
    return new SourceError(
      `Meta's rate limit for the message history was reached (code ${code ?? 429}); trying again later.`,
      f.retryAfterMs ?? 15 * 60_000,
    );
  }
  if (code === 190)
    return new SourceError(
      `The access token does not work for the message history (code 190).${meta}`,
      15 * 60_000,
    );
  if (f.httpStatus === 422 || code === 100)
    return new SourceError(
      `Meta did not accept the history position (code ${code ?? 422}); starting again from the newest.${meta}`,
      null,
      true,
    );
  return new SourceError(
    `The message history failed (${code !== null ? `code ${code}` : `HTTP ${f.httpStatus ?? '?'}`}).${meta}`,
  );
}

type Order = 'newest-first' | 'oldest-first';

/**
 * Where a sweep stands, kept as the source's cursor (so a sweep goes on after a restart). `after` is
 * Graph's cursor of the next page ('' = the top). `from` is where this sweep started; `window` is the
 * cursor of the first page this sweep found inside the window (the next sweep's start when the order
 * is oldest first); `order` is what the pages showed; `pages` counts this sweep's pages and
 * `lastPages` the previous complete sweep's, which sizes the hourly budget (config.ts).
 */
export interface Sweep {
  after: string;
  from: string;
  window: string | null;
  order: Order | null;
  lastTime: number | null;
  pages: number;
  lastPages: number;
}

const fresh = (from = '', lastPages = 0, order: Order | null = null): Sweep => ({
  after: from,
  from,
  window: null,
  order,
  lastTime: null,
  pages: 0,
  lastPages,
});

/** The stored cursor as a sweep; a plain Graph cursor (stored by earlier versions) goes on from there. */
export function readSweep(cursor: string | null): Sweep {
  if (cursor === null || cursor === '') return fresh();
  if (!cursor.startsWith('{')) return { ...fresh(), after: cursor };
  try {
    const v = JSON.parse(cursor) as Partial<Sweep>;
    const str = (x: unknown) => (typeof x === 'string' ? x : '');
    const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
    return {
      after: str(v.after),
      from: str(v.from),
      window: typeof v.window === 'string' ? v.window : null,
      order: v.order === 'newest-first' || v.order === 'oldest-first' ? v.order : null,
      lastTime: typeof v.lastTime === 'number' ? v.lastTime : null,
      pages: num(v.pages),
      lastPages: num(v.lastPages),
    };
  } catch {
    return fresh();
  }
}

/** The order a page shows, from its own times or against the previous page's last one. */
function orderOf(times: number[], previous: number | null): Order | null {
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined) return null;
  if (first !== last) return first > last ? 'newest-first' : 'oldest-first';
  if (previous === null || previous === first) return null;
  return previous > first ? 'newest-first' : 'oldest-first';
}

/**
 * One page of a sweep: what comes next. A sweep covers every message from now back to the cutoff in
 * whichever order Meta pages: newest first it stops at the first page wholly older than the cutoff;
 * oldest first (or an order not yet seen) it reads to the end, and the next sweep starts at the first
 * page that held anything inside the window, not at the oldest message Meta keeps.
 */
export function advance(
  sweep: Sweep,
  page: { times: number[]; next: string | null },
  cutoff: number,
): { sweep: Sweep; done: boolean } {
  const order = orderOf(page.times, sweep.lastTime) ?? sweep.order;
  const inWindow = page.times.some((t) => t >= cutoff);
  const window = sweep.window ?? (inWindow ? sweep.after : null);
  const pastCutoff = page.times.length > 0 && !inWindow;
  const done = page.next === null || (order === 'newest-first' && pastCutoff);
  const pages = sweep.pages + 1;
  if (done) {
    // Oldest first, the window's first page is where new statuses start; newest first, the top.
    const from = order === 'oldest-first' ? (window ?? sweep.from) : '';
    return { sweep: fresh(from, pages, order), done };
  }
  const lastTime = page.times[page.times.length - 1] ?? sweep.lastTime;
  return { sweep: { ...sweep, after: page.next ?? '', window, order, lastTime, pages }, done };
}

/**
 * Cloud API `message_history` (cloud-api.md §5.1). Meta documents no page order (verified: the
 * endpoint is only in Meta's OpenAPI description, which says nothing of order), so sweeps work in
 * either (see advance). Every call counts against the budget.
 */
export function historySource(options: {
  client: () => Promise<CloudApiClient>;
  phoneNumberId: string;
  /** Unix ms: messages older than this need nothing more (nothing of ours waiting from before it). */
  cutoff: () => number;
}): StatusSource {
  return {
    id: 'history',
    scope: options.phoneNumberId,
    async poll(cursor, budget) {
      if (budget.calls < 1)
        return { observations: [], nextCursor: cursor, more: false, problems: [], calls: 0 };
      const sweep = readSweep(cursor);
      let result;
      try {
        const client = await options.client();
        result = await client.messageHistory({
          limit: HISTORY_PAGE,
          ...(sweep.after ? { after: sweep.after } : {}),
        });
      } catch (e) {
        throw new SourceError(e instanceof Error ? e.message : String(e), 15 * 60_000);
      }
      if (!result.ok) throw historyFailure(result);
      const parsed = historyObservations(result.items, options.phoneNumberId);
      if (result.skipped)
        parsed.problems.push(
          `message_history: ${result.skipped} entries without an id were left out.`,
        );
      const times = result.items
        .map((i) => Math.min(...i.events.map((e) => e.timestamp * 1000)))
        .filter((t) => Number.isFinite(t));
      const step = advance(sweep, { times, next: result.next }, options.cutoff());
      return {
        observations: parsed.observations,
        nextCursor: JSON.stringify(step.sweep),
        more: !step.done,
        problems: parsed.problems,
        calls: 1,
      };
    },
  };
}
