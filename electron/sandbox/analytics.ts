import { normalizePhone } from '../../shared/domain/phone';
import { BUNDLED_RATE_CARD, marketFor, pricedCategory } from '../../shared/domain/pricing';
import type { Template } from '../../shared/domain/templates';
import { checkToken, checkWabaId } from './auth';
import { fail } from './errors';
import { decodeCursor, encodeCursor, limitParam, ok, type Reply, type RouteRequest } from './http';
import { hashString, seededRandom } from './random';
import type { SandboxState, SentMessage } from './state';

/**
 * Template analytics (cloud-api.md §5), computed from what this simulator accepted and played out:
 * `GET /{v}/{waba-id}/template_analytics` and the opt-in `POST /{v}/{waba-id}?is_enabled_for_insights=true`.
 * The shapes are those electron/core/cloud-api/analytics.ts documents (and marks where unconfirmed).
 *
 * Every metric of a message is filed under the UTC day it was accepted (our assumption of Meta's
 * bucketing). Sent and delivered count once their status has happened; reads and clicks count
 * `countDelayMs` after they happened, as Meta adds them late. Clicks are simulated for URL and
 * quick-reply buttons of read messages: a seeded share, the same on every run.
 */

const DAY_MS = 86_400_000;
const LOOKBACK_DAYS = 90;
const MAX_TEMPLATE_IDS = 10;
const METRICS = ['SENT', 'DELIVERED', 'READ', 'CLICKED', 'COST'] as const;
type Metric = (typeof METRICS)[number];

const NOT_ENABLED = 200007;
const UNSUPPORTED = 200005;

const unsupported = (): never =>
  fail(
    UNSUPPORTED,
    'Template insights are not available for this WhatsApp Business Account: WABAs of businesses or numbers in the EU, the UK or Japan are not supported.',
  );

/** Graph list parameters come as `[a,b]`, `["a","b"]` or `a,b`. */
function listParam(raw: string | null, name: string): string[] {
  if (raw === null || raw.trim() === '') return [];
  const inner = raw.trim().replace(/^\[/, '').replace(/\]$/, '');
  const items = inner
    .split(',')
    .map((s) =>
      s
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim(),
    )
    .filter(Boolean);
  if (items.length === 0) fail(100, `Param ${name} must be a non-empty array.`);
  return items;
}

function secondsParam(query: URLSearchParams, name: string): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fail(100, `The parameter ${name} is required.`);
  if (!/^\d{1,12}$/.test(raw))
    return fail(100, `Param ${name} must be a UNIX timestamp in seconds, got "${raw}".`);
  return Number(raw) * 1000;
}

/** Share of URL-button clickers who click the same link again (only `url_button` counts them). */
const REPEAT_CLICK_RATE = 0.5;

interface Clickable {
  index: number;
  type: 'url_button' | 'quick_reply_button';
  text: string;
}

const clickableButtons = (t: Template): Clickable[] =>
  t.components.flatMap((c) =>
    c.type === 'BUTTONS'
      ? c.buttons.flatMap((b, index): Clickable[] =>
          b.type === 'URL'
            ? [{ index, type: 'url_button', text: b.text }]
            : b.type === 'QUICK_REPLY'
              ? [{ index, type: 'quick_reply_button', text: b.text }]
              : [],
        )
      : [],
  );

interface DayFigures {
  sent: number;
  delivered: number;
  read: number;
  /** Unique clickers per button index. */
  clicks: Map<number, number>;
  /** Extra clicks on URL buttons by people who had already clicked (counted in `url_button` only). */
  repeats: Map<number, number>;
  spent: number;
}

const countries = new WeakMap<SandboxState, Map<string, string | null>>();

/** Meta charges delivered template messages by the recipient's country (cloud-api.md §10). */
function priceOf(state: SandboxState, m: SentMessage): number {
  let byPhone = countries.get(state);
  if (!byPhone) countries.set(state, (byPhone = new Map<string, string | null>()));
  let country = byPhone.get(m.to);
  if (country === undefined) {
    const p = normalizePhone(m.to, null);
    country = p.ok ? p.country : null;
    byPhone.set(m.to, country);
  }
  return marketFor(BUNDLED_RATE_CARD, country).prices[pricedCategory(m.template.category).category];
}

function tally(
  state: SandboxState,
  t: Template,
  from: number,
  to: number,
  now: number,
): Map<number, DayFigures> {
  const { countDelayMs, clickRates } = state.analytics;
  const buttons = clickableButtons(t);
  const days = new Map<number, DayFigures>();
  for (const m of state.messageList) {
    if (
      m.acceptedAt < from ||
      m.acceptedAt >= to ||
      m.template.name !== t.name ||
      m.template.language !== t.language
    )
      continue;
    const day = m.acceptedAt - (m.acceptedAt % DAY_MS);
    let d = days.get(day);
    if (!d)
      days.set(
        day,
        (d = { sent: 0, delivered: 0, read: 0, clicks: new Map(), repeats: new Map(), spent: 0 }),
      );
    const at = (status: string) => m.plan.find((s) => s.status === status)?.timestamp;
    const sentAt = at('sent');
    const deliveredAt = at('delivered') ?? at('read');
    const readAt = at('read');
    if (sentAt !== undefined && sentAt <= now) d.sent++;
    if (deliveredAt !== undefined && deliveredAt <= now) {
      d.delivered++;
      d.spent += priceOf(state, m);
    }
    // A click is counted with the read it follows (when it happened is not observable in daily figures).
    if (readAt === undefined || readAt + countDelayMs > now) continue;
    d.read++;
    for (const b of buttons) {
      const random = seededRandom(
        hashString(`${state.delivery.seed}|click|${m.to}|${m.nth}|${b.index}`),
      );
      if (random() >= (b.type === 'url_button' ? clickRates.url : clickRates.quickReply)) continue;
      d.clicks.set(b.index, (d.clicks.get(b.index) ?? 0) + 1);
      // Some people open a link twice: Meta's `url_button` counts that, `unique_url_button` does not.
      if (b.type === 'url_button' && random() < REPEAT_CLICK_RATE)
        d.repeats.set(b.index, (d.repeats.get(b.index) ?? 0) + 1);
    }
  }
  return days;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function dataPoint(
  t: Template,
  dayStart: number,
  d: DayFigures | undefined,
  metrics: Set<Metric>,
): Record<string, unknown> {
  const point: Record<string, unknown> = {
    template_id: t.id,
    start: dayStart / 1000,
    end: (dayStart + DAY_MS) / 1000,
  };
  if (metrics.has('SENT')) point.sent = d?.sent ?? 0;
  if (metrics.has('DELIVERED')) point.delivered = d?.delivered ?? 0;
  if (metrics.has('READ')) point.read = d?.read ?? 0;
  const buttons = clickableButtons(t);
  if (metrics.has('CLICKED'))
    point.clicked = buttons.flatMap((b) => {
      const unique = d?.clicks.get(b.index) ?? 0;
      const all = unique + (d?.repeats.get(b.index) ?? 0);
      return b.type === 'url_button'
        ? [
            { type: 'url_button', button_content: b.text, count: all },
            { type: 'unique_url_button', button_content: b.text, count: unique },
          ]
        : [{ type: b.type, button_content: b.text, count: unique }];
    });
  if (metrics.has('COST')) {
    const spent = round6(d?.spent ?? 0);
    const urlClicks = buttons
      .filter((b) => b.type === 'url_button')
      .reduce((n, b) => n + (d?.clicks.get(b.index) ?? 0) + (d?.repeats.get(b.index) ?? 0), 0);
    point.cost = [
      { type: 'amount_spent', value: spent },
      { type: 'cost_per_delivered', value: d?.delivered ? round6(spent / d.delivered) : 0 },
      { type: 'cost_per_url_button_click', value: urlClicks ? round6(spent / urlClicks) : 0 },
    ];
  }
  return point;
}

export function handleTemplateAnalytics(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  checkWabaId(state, rr.objectId, 'get');
  if (state.analytics.refuse === 'permission')
    fail(
      200,
      'Permissions error: the token needs whatsapp_business_management for this WhatsApp Business Account.',
      403,
    );
  if (state.analytics.refuse === 'rate_limit') fail(4, 'Application request limit reached.', 429);
  if (state.analytics.unsupportedRegion) unsupported();
  if (!state.analytics.enabled) {
    fail(
      NOT_ENABLED,
      'Template insights are not enabled for this WhatsApp Business Account. Enable them with POST /<WABA_ID>?is_enabled_for_insights=true.',
    );
  }
  const { query } = rr;
  const now = state.now();
  const granularity = query.get('granularity');
  if (granularity === null || granularity.toUpperCase() !== 'DAILY')
    fail(100, `Param granularity must be DAILY, got "${granularity ?? ''}".`);
  // Meta floors start to 00:00 UTC and rounds end up to the next 00:00 UTC.
  const startMs = secondsParam(query, 'start');
  const endMs = secondsParam(query, 'end');
  const from = startMs - (startMs % DAY_MS);
  const to = endMs % DAY_MS === 0 ? endMs : endMs - (endMs % DAY_MS) + DAY_MS;
  if (to <= from) fail(100, 'Param end must be after start.');
  const earliest = now - (now % DAY_MS) - LOOKBACK_DAYS * DAY_MS;
  if (from < earliest)
    fail(
      100,
      `Template analytics go back ${LOOKBACK_DAYS} days: start must be on or after ${new Date(earliest).toISOString().slice(0, 10)}.`,
    );

  const ids = listParam(query.get('template_ids'), 'template_ids');
  if (ids.length === 0) fail(100, 'The parameter template_ids is required.');
  if (ids.length > MAX_TEMPLATE_IDS)
    fail(100, `Param template_ids must have at most ${MAX_TEMPLATE_IDS} elements.`);
  for (const id of ids)
    if (!/^\d+$/.test(id)) fail(100, `Param template_ids contains an invalid id "${id}".`);
  const named = listParam(query.get('metric_types'), 'metric_types').map((m) => m.toUpperCase());
  for (const m of named)
    if (!(METRICS as readonly string[]).includes(m))
      fail(100, `Param metric_types contains an unknown metric "${m}".`);
  const metrics = new Set<Metric>(named.length ? (named as Metric[]) : METRICS);

  // Ids of templates this WABA does not have give no data points, as a filter would.
  const templates = ids
    .map((id) => state.templates.find((t) => t.id === id))
    .filter((t): t is Template => t !== undefined);
  const points: Record<string, unknown>[] = [];
  for (const t of templates) {
    const figures = tally(state, t, from, to, now);
    for (let day = from; day < to; day += DAY_MS)
      points.push(dataPoint(t, day, figures.get(day), metrics));
  }

  const limit = limitParam(query, state.analytics.pageSize, 100);
  const after = query.get('after');
  const start = after === null || after === '' ? 0 : decodeCursor(after);
  const page = points.slice(start, start + limit);
  const end = start + page.length;
  const paging: Record<string, unknown> = {
    cursors: { before: encodeCursor(start), after: encodeCursor(end) },
  };
  if (end < points.length) {
    const next = new URL(`${rr.baseUrl}${rr.pathname}`);
    for (const [k, v] of query) if (k !== 'after') next.searchParams.set(k, v);
    next.searchParams.set('after', encodeCursor(end));
    paging.next = next.toString();
  }
  return ok({
    data: [{ granularity: 'DAILY', product_type: 'cloud_api', data_points: page }],
    paging,
  });
}

/** `POST /{v}/{waba-id}?is_enabled_for_insights=true`. There is no way back, as at Meta. */
export function handleWabaUpdate(state: SandboxState, rr: RouteRequest): Reply {
  checkToken(state, rr.req);
  checkWabaId(state, rr.objectId, 'post');
  rr.req.resume();
  const flag = rr.query.get('is_enabled_for_insights');
  if (flag === null)
    fail(
      100,
      'Nothing to update: the sandbox only supports is_enabled_for_insights=true on a WABA.',
    );
  if (flag !== 'true') fail(200006, 'Template insights cannot be disabled once they are enabled.');
  if (state.analytics.unsupportedRegion) unsupported();
  state.analytics.enabled = true;
  return ok({ id: state.account.wabaId });
}
