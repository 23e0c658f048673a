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

/**
 * Cloud API `message_history` (cloud-api.md §5.1), paged newest first. A sweep walks from the newest
 * message back to the oldest one still waiting for a status, then starts again; the cursor is the
 * sweep's position, so a sweep continues after a restart. Every call counts against the budget.
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
      let result;
      try {
        const client = await options.client();
        result = await client.messageHistory({
          limit: HISTORY_PAGE,
          ...(cursor ? { after: cursor } : {}),
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
      const cutoff = options.cutoff();
      // Newest first: once a whole page is older than the cutoff, the rest of the history is too.
      const ages = result.items.map((i) => Math.min(...i.events.map((e) => e.timestamp * 1000)));
      const pastCutoff = ages.length > 0 && ages.every((a) => Number.isFinite(a) && a < cutoff);
      const done = result.next === null || pastCutoff;
      return {
        observations: parsed.observations,
        nextCursor: done ? null : result.next,
        more: !done,
        problems: parsed.problems,
        calls: 1,
      };
    },
  };
}
