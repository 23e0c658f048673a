import { z } from 'zod';
import type { StatusSourceId } from '../../../../shared/api';
import { parseWebhook, type Observation } from '../../../../shared/domain/status';
import { getJson, ServerError, TooLargeError } from '../http';
import { SourceError, type StatusSource } from './types';

/**
 * Events per request: the feed's maximum. Meta's bodies are usually one status of about 1 KB, so a page
 * is about 1 MB; a page of unusually big bodies is asked for again in smaller pieces.
 */
export const FEED_PAGE_SIZE = 1000;

/**
 * The webhook feed shape the sandbox serves (electron/sandbox/feed.ts) and the relay serves
 * (electron/headless/relay): `{ events: [{ cursor, receivedAt, body }], next }`.
 */
const feedPage = z.object({
  events: z
    .array(
      z.object({
        cursor: z.string().regex(/^\d{1,20}$/),
        receivedAt: z.number().optional(),
        body: z.unknown(),
      }),
    )
    .max(1000),
  next: z.string().nullable().optional(),
});

/**
 * A webhook feed source: each stored body is parsed as Meta's webhook; the cursor is the last event
 * read. A body that is not a webhook is reported and skipped, never retried forever.
 */
export function feedSource(options: {
  id: StatusSourceId;
  /** Base URL; the feed is `<base>/events`. */
  baseUrl: string;
  token: () => string;
  scope: string | null;
  pageSize?: number;
}): StatusSource {
  let pageSize = options.pageSize ?? FEED_PAGE_SIZE;
  return {
    id: options.id,
    scope: options.scope,
    async poll(cursor, budget) {
      const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}/events`);
      if (cursor !== null) url.searchParams.set('after', cursor);
      let body: unknown;
      for (;;) {
        url.searchParams.set('limit', String(pageSize));
        try {
          body = await getJson(url, options.token(), budget.signal);
          break;
        } catch (e) {
          // A 5xx may be a page too big for the server to build: the next poll asks for half
          // (not at once: a relay that is down is not asked ten times in a row).
          if (e instanceof ServerError) pageSize = Math.max(1, Math.floor(pageSize / 2));
          if (!(e instanceof TooLargeError) || pageSize === 1) throw e;
          pageSize = Math.max(1, Math.floor(pageSize / 4));
        }
      }
      const page = feedPage.safeParse(body);
      if (!page.success)
        throw new SourceError(
          `${url.host}${url.pathname} answered, but not with a webhook feed page.`,
        );
      const observations: Observation[] = [];
      const problems: string[] = [];
      for (const e of page.data.events) {
        const parsed = parseWebhook(e.body, `event ${e.cursor}`);
        observations.push(...parsed.observations);
        problems.push(...parsed.problems);
      }
      const last = page.data.events.at(-1)?.cursor ?? cursor;
      return {
        observations,
        nextCursor: last,
        more: Boolean(page.data.next) && page.data.events.length > 0,
        problems,
        calls: 1,
      };
    },
  };
}
