import { expect } from 'vitest';
import {
  SANDBOX_DEFAULTS,
  SANDBOX_TEST_NUMBERS,
  ukTwin,
  type FeedEvent,
  type FeedPage,
  type Sandbox,
} from '../../../electron/sandbox';

export const TOKEN = SANDBOX_DEFAULTS.token;
export const PHONE_ID = SANDBOX_DEFAULTS.phoneNumberId;
export const WABA_ID = SANDBOX_DEFAULTS.wabaId;
export const DISPLAY_NUMBER = SANDBOX_DEFAULTS.displayPhoneNumber;

export interface Answer<T = unknown> {
  status: number;
  json: T;
}

export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_data: { messaging_product: string; details: string };
    fbtrace_id: string;
  };
}

/** A send answer read loosely: tests look at the success or the error side, whichever came. */
export type SendBody = Partial<GraphErrorBody> & {
  messaging_product?: string;
  contacts: { input: string; wa_id: string }[];
  messages: { id: string; message_status: string }[];
};

export interface Paging {
  cursors: { before: string; after: string };
  next?: string;
}

export interface GraphTemplate {
  name: string;
  language: string;
  status: string;
  components: { type: string; buttons?: { type: string; text: string }[] }[];
  [field: string]: unknown;
}

export interface TemplatesPage {
  data: GraphTemplate[];
  paging?: Paging;
}

export interface HistoryEvent {
  id: string;
  delivery_status: string;
  timestamp: number;
  webhook_update_state: string;
  error_description?: string;
}

export interface HistoryPage {
  data: { id: string; message_id: string; events?: { data: HistoryEvent[] } }[];
  paging?: Paging;
}

export interface WebhookValue {
  statuses?: StatusSeen[];
  messages?: Record<string, unknown>[];
  event?: string;
  message_template_name?: string;
  [field: string]: unknown;
}

export interface WebhookBody {
  object?: string;
  entry: { id: string; time?: number; changes: { field: string; value: WebhookValue }[] }[];
}

/** The one change of a feed event (the sandbox puts one status or message per webhook). */
export const changeOf = (e: FeedEvent) => (e.body as WebhookBody).entry[0]!.changes[0]!;

async function answer<T>(r: Response): Promise<Answer<T>> {
  const text = await r.text();
  return { status: r.status, json: (text === '' ? undefined : JSON.parse(text)) as T };
}

export async function postJson<T = SendBody>(
  sb: Sandbox,
  path: string,
  body: unknown,
  token: string | null = TOKEN,
): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(`${sb.url}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return answer<T>(r);
}

export async function get<T = unknown>(
  sb: Sandbox,
  pathOrUrl: string,
  token: string | null = TOKEN,
): Promise<Answer<T>> {
  const headers: Record<string, string> =
    token === null ? {} : { Authorization: `Bearer ${token}` };
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${sb.url}${pathOrUrl}`;
  return answer<T>(await fetch(url, { headers }));
}

export const send = (
  sb: Sandbox,
  body: unknown,
  token: string | null = TOKEN,
): Promise<Answer<SendBody>> => postJson<SendBody>(sb, `/v23.0/${PHONE_ID}/messages`, body, token);

/** A send of the named utility template `order_confirmation`. */
export const orderConfirmation = (to: string, extra: Record<string, unknown> = {}) => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to,
  type: 'template',
  template: {
    name: 'order_confirmation',
    language: { code: 'en_US' },
    components: [
      {
        type: 'body',
        parameters: [
          { type: 'text', parameter_name: 'first_name', text: 'Jessica' },
          { type: 'text', parameter_name: 'order_number', text: 'SKBUP2-4CPIG9' },
        ],
      },
    ],
  },
  ...extra,
});

/** A send of the positional marketing template `spring_sale` (body 2 values, URL suffix, quick reply). */
export const springSale = (
  to: string,
  body: string[] = ['Maria', '20%'],
  extra: Record<string, unknown> = {},
) => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to,
  type: 'template',
  template: {
    name: 'spring_sale',
    language: { code: 'en_US' },
    components: [
      { type: 'body', parameters: body.map((text) => ({ type: 'text', text })) },
      {
        type: 'button',
        sub_type: 'url',
        index: '0',
        parameters: [{ type: 'text', text: 'spring24' }],
      },
      {
        type: 'button',
        sub_type: 'quick_reply',
        index: '1',
        parameters: [{ type: 'payload', payload: 'STOP_PROMOS' }],
      },
    ],
  },
  ...extra,
});

/** Replaces the template's components, for rejection tests. */
export const withComponents = <T extends { template: object }>(body: T, components: unknown[]) => ({
  ...body,
  template: { ...body.template, components },
});

/** Asserts Meta's error envelope exactly (cloud-api.md §2.1). */
export function expectGraphError(a: Answer, code: number, status: number): void {
  const json = a.json as Partial<GraphErrorBody> | undefined;
  expect({ status: a.status, code: json?.error?.code }).toEqual({ status, code });
  expect(Object.keys(json ?? {})).toEqual(['error']);
  expect(json?.error).toEqual({
    message: expect.stringMatching(new RegExp(`^\\(#${code}\\) \\S`)),
    type: 'OAuthException',
    code,
    error_data: { messaging_product: 'whatsapp', details: expect.stringMatching(/\S/) },
    fbtrace_id: expect.stringMatching(/^[A-Za-z0-9_-]{16,}$/),
  });
}

export async function feedPage(
  sb: Sandbox,
  after?: string | null,
  limit?: number,
): Promise<FeedPage> {
  const q = new URLSearchParams();
  if (after) q.set('after', after);
  if (limit !== undefined) q.set('limit', String(limit));
  const a = await get<FeedPage>(sb, `/events?${q.toString()}`, sb.feedToken);
  expect(a.status).toBe(200);
  return a.json;
}

/** Every visible feed event, following `next`. */
export async function allEvents(sb: Sandbox): Promise<FeedEvent[]> {
  const out: FeedEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await feedPage(sb, after, 1000);
    out.push(...page.events);
    if (page.next === null) return out;
    after = page.next;
  }
}

export interface StatusSeen {
  id: string;
  status: string;
  timestamp: string;
  recipient_id: string;
  [k: string]: unknown;
}

/** The `statuses[0]` of each status webhook in the feed, in feed order. */
export const statusesOf = (events: FeedEvent[]): StatusSeen[] =>
  events.map(changeOf).flatMap((c) => (c.field === 'messages' ? (c.value.statuses ?? []) : []));

/** Status names per wamid, in feed order. */
export function ladders(events: FeedEvent[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of statusesOf(events)) out.set(s.id, [...(out.get(s.id) ?? []), s.status]);
  return out;
}

/**
 * The test numbers as their UK twins: WhatsApp does not deliver marketing templates to US numbers,
 * so a test of a number's fate with a marketing template (spring_sale) uses the twin.
 */
export const UK_TEST_NUMBERS = Object.fromEntries(
  Object.entries(SANDBOX_TEST_NUMBERS).map(([k, v]) => [
    k,
    { ...v, number: /^\+120255501\d\d$/.test(v.number) ? ukTwin(v.number) : v.number },
  ]),
) as {
  [K in keyof typeof SANDBOX_TEST_NUMBERS]: (typeof SANDBOX_TEST_NUMBERS)[K] & { number: string };
};
