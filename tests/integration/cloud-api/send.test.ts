import { afterEach, describe, expect, it } from 'vitest';
import type { ApiFailure, SendOutcome } from '../../../electron/core/cloud-api';
import { PHONE_ID, SEND_BODY, TOKEN, harness, sendJson } from './fake-server';

const h = harness();
afterEach(() => h.cleanup());

const failed = (outcome: SendOutcome): ApiFailure => {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome;
};

/** cloud-api.md §1.5, verbatim. */
const SUCCESS = {
  messaging_product: 'whatsapp',
  contacts: [{ input: '+16505551234', wa_id: '16505551234' }],
  messages: [
    {
      id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA',
      message_status: 'accepted',
    },
  ],
};

/** cloud-api.md §2.1, verbatim. */
const RATE_LIMIT_ERROR = {
  error: {
    message: '(#130429) Rate limit hit',
    type: 'OAuthException',
    code: 130429,
    error_data: {
      messaging_product: 'whatsapp',
      details: 'Cloud API message throughput has been reached.',
    },
    error_subcode: 2494055,
    fbtrace_id: 'Az8or2yhqkZfEZ-_4Qn_Bam',
  },
};

describe('sendTemplate: success', () => {
  it('posts the body with the token in the header only and parses wamid, wa_id and message_status', async () => {
    const server = await h.server((_req, res) => sendJson(res, 200, SUCCESS));
    const outcome = await h.client(server.baseUrl).sendTemplate(SEND_BODY);

    expect(outcome).toEqual({
      ok: true,
      wamid: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA',
      waId: '16505551234',
      messageStatus: 'accepted',
      httpStatus: 200,
    });
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe(`/v23.0/${PHONE_ID}/messages`);
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(Number(req?.headers['content-length'])).toBe(req?.body.length);
    expect(JSON.parse(req!.body.toString('utf8'))).toEqual(SEND_BODY);
  });

  it('treats message_status and contacts as optional, and passes on Retry-After', async () => {
    const server = await h.server((_req, res) =>
      sendJson(res, 200, { messages: [{ id: 'wamid.X' }] }, { 'Retry-After': '3' }),
    );
    const outcome = await h.client(server.baseUrl).sendTemplate(SEND_BODY);
    expect(outcome).toEqual({
      ok: true,
      wamid: 'wamid.X',
      waId: null,
      messageStatus: null,
      httpStatus: 200,
      retryAfterMs: 3000,
    });
  });
});

describe("sendTemplate: Meta's error envelope", () => {
  it('parses the §2.1 example exactly and classifies it on the code', async () => {
    const server = await h.server((_req, res) =>
      sendJson(res, 429, RATE_LIMIT_ERROR, { 'Retry-After': '7' }),
    );
    const f = failed(await h.client(server.baseUrl).sendTemplate(SEND_BODY));

    expect(f).toMatchObject({
      code: 130429,
      subcode: 2494055,
      httpStatus: 429,
      metaMessage: '(#130429) Rate limit hit',
      details: 'Cloud API message throughput has been reached.',
      fbtraceId: 'Az8or2yhqkZfEZ-_4Qn_Bam',
      isTransient: null,
      retryAfterMs: 7000,
    });
    expect(f.network).toBeUndefined();
    expect(f.failure).toMatchObject({ handling: 'retry_later', retryable: true, ambiguous: false });
    expect(f.failure.entry.code).toBe(130429);
  });

  it('lets the code win over the HTTP status', async () => {
    // A 500 alone would be "maybe sent"; code 131026 says the recipient is unreachable.
    const server = await h.server((_req, res) =>
      sendJson(res, 500, {
        error: { message: '(#131026) Message undeliverable', code: 131026, fbtrace_id: 'T1' },
      }),
    );
    const f = failed(await h.client(server.baseUrl).sendTemplate(SEND_BODY));
    expect(f.failure).toMatchObject({
      handling: 'fail_recipient',
      retryable: false,
      ambiguous: false,
    });
    expect(f.failure.entry.code).toBe(131026);
    expect(f.details).toBeNull();
  });

  it('honours is_transient=false for a code Campaign Desk does not know', async () => {
    const server = await h.server((_req, res) =>
      sendJson(res, 400, {
        error: { message: '(#987654) Something new', code: 987654, is_transient: false },
      }),
    );
    const f = failed(await h.client(server.baseUrl).sendTemplate(SEND_BODY));
    expect(f).toMatchObject({ code: 987654, isTransient: false });
    expect(f.failure.handling).toBe('fail_recipient');
    expect(f.failure.entry.explanation).toContain('Something new');
  });

  it('falls back to the HTTP status when the envelope has no code', async () => {
    const server = await h.server((_req, res) =>
      sendJson(res, 401, { error: { message: 'Invalid OAuth access token.' } }),
    );
    const f = failed(await h.client(server.baseUrl).sendTemplate(SEND_BODY));
    expect(f).toMatchObject({
      code: null,
      httpStatus: 401,
      metaMessage: 'Invalid OAuth access token.',
    });
    expect(f.failure).toMatchObject({ handling: 'pause_campaign', ambiguous: false });
  });

  it('takes the trace id from x-fb-trace-id when the body has none', async () => {
    const server = await h.server((_req, res) =>
      sendJson(
        res,
        400,
        { error: { code: 100, message: 'x' } },
        { 'x-fb-trace-id': 'HeaderTrace' },
      ),
    );
    const f = failed(await h.client(server.baseUrl).sendTemplate(SEND_BODY));
    expect(f).toMatchObject({ code: 100, fbtraceId: 'HeaderTrace' });
  });
});

describe('sendTemplate: answers that are not Meta JSON', () => {
  const html = (status: number) => async () => {
    const server = await h.server((_req, res) => {
      res.writeHead(status, { 'Content-Type': 'text/html' });
      res.end(
        '<html><head><style>p{}</style></head><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>',
      );
    });
    return failed(await h.client(server.baseUrl).sendTemplate(SEND_BODY));
  };

  it('a proxy 502 HTML page is "maybe sent": classified on the status, excerpt kept as details', async () => {
    const f = await html(502)();
    expect(f).toMatchObject({
      code: null,
      httpStatus: 502,
      metaMessage: null,
      details: '502 Bad Gateway nginx',
    });
    expect(f.failure).toMatchObject({ ambiguous: true, retryable: false, handling: 'retry_later' });
  });

  it('a 503 HTML page means nothing was handled: retryable, not ambiguous', async () => {
    const f = await html(503)();
    expect(f.failure).toMatchObject({ ambiguous: false, retryable: true });
  });

  it.each([
    ['HTML', 'text/html', '<html>OK</html>'],
    ['empty JSON', 'application/json', '{}'],
    ['a message without id', 'application/json', '{"messages":[{"message_status":"accepted"}]}'],
    ['truncated JSON', 'application/json', '{"messages":[{"id":"wamid.'],
  ])(
    'a 200 with %s may have been accepted: ambiguous, never retryable',
    async (_name, type, body) => {
      const server = await h.server((_req, res) => {
        res.writeHead(200, { 'Content-Type': type });
        res.end(body);
      });
      const f = failed(await h.client(server.baseUrl).sendTemplate(SEND_BODY));
      expect(f).toMatchObject({ code: null, httpStatus: 200 });
      expect(f.failure).toMatchObject({ ambiguous: true, retryable: false });
      expect(f.failure.entry.explanation).toMatch(/may or may not have been sent/);
    },
  );
});
