import { z } from 'zod';
import type { Caller } from './caller';
import {
  failureFromCall,
  failureFromResponse,
  isSuccessStatus,
  malformedFailure,
  type FailureContext,
} from './failures';
import { isRecord, parseJson } from './json';
import type {
  EnableInsightsOutcome,
  TemplateAnalyticsOptions,
  TemplateAnalyticsOutcome,
  TemplateAnalyticsPoint,
} from './types';

/**
 * Template analytics (cloud-api.md §5: `template_analytics`, at most 10 template ids, metrics
 * SENT/DELIVERED/READ/CLICKED/COST, DAILY only, 90 days back, opt-in first with
 * `POST /<WABA_ID>?is_enabled_for_insights=true`, which cannot be undone).
 *
 * Our reference gives no request or response bodies. What we rely on, from public BSP pages that
 * mirror Meta's and from code that calls the endpoint (not from Meta's own page, which we could not
 * read): the edge form `GET /{v}/{waba-id}/template_analytics?start&end&granularity=DAILY&metric_types&template_ids`
 * with Unix seconds (start floored to 00:00 UTC, end rounded up) and JSON-array lists; the answer
 * `{ data: [{ granularity, data_points: [{ template_id, start, end, sent, delivered, read,
 * clicked: [{ type, button_content, count }], cost: [{ type, value }] }] }], paging }`; `cost` types
 * `amount_spent`, `cost_per_delivered`, `cost_per_url_button_click`.
 * UNCONFIRMED: `product_type` on each data entry, what paging pages over, whether days without traffic
 * are returned (we treat a day missing from a complete answer as zero), the error codes (cloud-api.md
 * §2.2 lists 200005/200006/200007: insights unavailable / cannot be disabled / not enabled), and the
 * answer to the opt-in (`{ id }` on one BSP page, `{ success: true }` is Graph's usual; both accepted).
 */

export const TEMPLATE_ANALYTICS_MAX_IDS = 10;
export const TEMPLATE_ANALYTICS_METRICS = ['SENT', 'DELIVERED', 'READ', 'CLICKED', 'COST'] as const;

/** Graph sends some numbers as strings; accept digits in a string as a count. */
const count = z.union([
  z.number().int().min(0).max(1e12),
  z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
]);
const id = z.union([
  z.string().regex(/^\d{1,25}$/),
  z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).transform(String),
]);

const clickedItem = z.object({
  type: z.string().min(1).max(100),
  button_content: z.string().max(2000).optional(),
  count,
});

const costItem = z.object({
  type: z.string().min(1).max(100),
  value: z
    .union([
      z.number().finite(),
      z
        .string()
        .regex(/^-?\d+(\.\d+)?$/)
        .transform(Number),
    ])
    .optional(),
});

const dataPoint = z.object({
  template_id: id,
  start: z.number().int(),
  end: z.number().int(),
  sent: count.optional(),
  delivered: count.optional(),
  read: count.optional(),
  clicked: z.array(clickedItem).max(200).optional(),
  cost: z.array(costItem).max(50).optional(),
});

const page = z.object({
  data: z
    .array(
      z.object({
        granularity: z.string().max(50).optional(),
        product_type: z.string().max(100).optional(),
        data_points: z.array(dataPoint).max(20_000),
      }),
    )
    .max(100),
  paging: z
    .object({
      cursors: z
        .object({ before: z.string().max(2000).optional(), after: z.string().max(2000).optional() })
        .optional(),
      next: z.string().max(8000).optional(),
    })
    .optional(),
});

/** The zod problems in a few words, for the log and the panel. */
const problemsOf = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'answer'}: ${i.message}`)
    .join('; ');

const toPoint = (p: z.infer<typeof dataPoint>): TemplateAnalyticsPoint => ({
  templateId: p.template_id,
  start: p.start,
  end: p.end,
  sent: p.sent ?? null,
  delivered: p.delivered ?? null,
  read: p.read ?? null,
  clicked: (p.clicked ?? []).map((c) => ({
    type: c.type,
    button: c.button_content ?? '',
    count: c.count,
  })),
  cost: (p.cost ?? []).flatMap((c) =>
    c.value === undefined ? [] : [{ type: c.type, value: c.value }],
  ),
});

/**
 * The cursor of the next page, never Meta's `next` URL: the token must not be sent wherever a response
 * points (the same rule as message_history).
 */
const nextCursor = (paging: z.infer<typeof page>['paging']): string | null => {
  if (!paging?.next) return null;
  if (paging.cursors?.after) return paging.cursors.after;
  try {
    return new URL(paging.next).searchParams.get('after');
  } catch {
    return null;
  }
};

const unixSeconds = (name: string, v: number): number => {
  if (!Number.isSafeInteger(v) || v < 0)
    throw new RangeError(`${name} must be Unix seconds, got ${v}`);
  return v;
};

/** One page of `GET /{v}/{waba-id}/template_analytics`; the caller pages (each page is a call on its budget). */
export const templateAnalytics = async (
  caller: Caller,
  wabaId: string,
  options: TemplateAnalyticsOptions,
): Promise<TemplateAnalyticsOutcome> => {
  const start = unixSeconds('start', options.start);
  const end = unixSeconds('end', options.end);
  if (end <= start) throw new RangeError(`end (${end}) must be after start (${start})`);
  const ids = options.templateIds;
  if (ids.length < 1 || ids.length > TEMPLATE_ANALYTICS_MAX_IDS)
    throw new RangeError(
      `template_ids takes 1 to ${TEMPLATE_ANALYTICS_MAX_IDS} ids, got ${ids.length}`,
    );
  for (const t of ids)
    if (!/^\d{1,25}$/.test(t)) throw new RangeError(`a template id is digits only, got "${t}"`);
  const metrics = options.metrics ?? TEMPLATE_ANALYTICS_METRICS;
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const url = caller.url([wabaId, 'template_analytics'], {
    start,
    end,
    granularity: 'DAILY',
    // Ids unquoted as in Meta's examples (digits only, checked above); metric names as a JSON list.
    metric_types: JSON.stringify(metrics),
    template_ids: `[${ids.join(',')}]`,
    after: options.after,
    limit: options.limit,
  });
  const result = await caller.call({ method: 'GET', url });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  if (json === undefined)
    return malformedFailure(result, ctx, 'the template analytics answer is not JSON');
  const parsed = page.safeParse(json);
  if (!parsed.success)
    return malformedFailure(
      { ...result, body: Buffer.alloc(0) },
      ctx,
      `the template analytics answer is not in Meta's shape (${problemsOf(parsed.error)})`,
    );
  const points = parsed.data.data.flatMap((d) => d.data_points.map(toPoint));
  return { ok: true, points, next: nextCursor(parsed.data.paging) };
};

/**
 * `POST /{v}/{waba-id}?is_enabled_for_insights=true`: switches template analytics on for the whole
 * WABA. Meta says it cannot be switched off again; callers must have the user's confirmation.
 */
export const enableTemplateInsights = async (
  caller: Caller,
  wabaId: string,
): Promise<EnableInsightsOutcome> => {
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const url = caller.url([wabaId], { is_enabled_for_insights: 'true' });
  const result = await caller.call({ method: 'POST', url, headers: { 'Content-Length': 0 } });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  if (!isRecord(json) || json.success === false)
    return malformedFailure(
      result,
      ctx,
      'the answer to enabling template analytics is not a success',
    );
  return { ok: true };
};
