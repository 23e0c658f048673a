import {
  TEMPLATE_ANALYTICS_MAX_IDS,
  type CloudApiClient,
  type TemplateAnalyticsPoint,
} from '../cloud-api';
import { DAY_MS } from './days';
import { analyticsFailure, type AnalyticsFailure } from './failures';

export interface FetchRequest {
  /** Meta template ids. */
  metaIds: readonly string[];
  /** First and last UTC day to fetch (00:00 UTC, Unix ms). */
  from: number;
  to: number;
}

export type FetchOutcome =
  | { ok: true; points: TemplateAnalyticsPoint[]; calls: number; complete: boolean }
  | { ok: false; failure: AnalyticsFailure; calls: number };

/** A server that keeps handing out pages is not Meta: stop well before that costs a budget. */
const MAX_PAGES = 50;

/**
 * Every page of Meta's daily figures for these templates and days, ten ids per request (Meta's
 * limit), spending at most `maxCalls` requests. All pages are parsed before anything is returned, so
 * a malformed page fails the whole fetch and nothing of it is stored. `complete` is false when the
 * budget ran out while Meta still had pages.
 */
export async function fetchPoints(
  client: CloudApiClient,
  req: FetchRequest,
  maxCalls: number,
  signal: AbortSignal,
): Promise<FetchOutcome> {
  const start = Math.floor(req.from / 1000);
  const end = Math.floor((req.to + DAY_MS) / 1000);
  const points: TemplateAnalyticsPoint[] = [];
  let calls = 0;
  for (let i = 0; i < req.metaIds.length; i += TEMPLATE_ANALYTICS_MAX_IDS) {
    const templateIds = req.metaIds.slice(i, i + TEMPLATE_ANALYTICS_MAX_IDS);
    const seen = new Set<string>();
    let after: string | undefined;
    for (let page = 0; ; page++) {
      if (signal.aborted)
        return { ok: false, failure: { message: 'Stopped.', backoffMs: 0 }, calls };
      if (calls >= maxCalls) return { ok: true, points, calls, complete: false };
      if (page >= MAX_PAGES)
        return {
          ok: false,
          failure: {
            message: `Meta kept answering with more pages (over ${MAX_PAGES}); nothing was stored.`,
            backoffMs: null,
          },
          calls,
        };
      const r = await client.templateAnalytics({
        start,
        end,
        templateIds,
        ...(after ? { after } : {}),
      });
      calls++;
      if (!r.ok) return { ok: false, failure: analyticsFailure(r), calls };
      points.push(...r.points);
      if (r.next === null) break;
      if (seen.has(r.next))
        return {
          ok: false,
          failure: {
            message: 'Meta sent the same page of template analytics twice; nothing was stored.',
            backoffMs: null,
          },
          calls,
        };
      seen.add(r.next);
      after = r.next;
    }
  }
  return { ok: true, points, calls, complete: true };
}
