import { afterEach, describe, expect, it } from 'vitest';
import { PHONE_ID, harness, sendJson } from './fake-server';

const h = harness();
afterEach(() => h.cleanup());

/** cloud-api.md §5.1, verbatim. */
const HISTORY_PAGE = {
  data: [
    {
      id: '1234567890123456',
      message_id: 'wamid.HBgLMTY0NzM3Nzc3NzUVAgARGBI5QTNEQTA2RjdGMEY4RTRGAA==',
      events: {
        data: [
          {
            id: '2345678901234567',
            delivery_status: 'SENT',
            timestamp: 1640995200,
            webhook_update_state: 'DELIVERED',
          },
          {
            id: '3456789012345678',
            delivery_status: 'DELIVERED',
            timestamp: 1640995260,
            webhook_update_state: 'DELIVERED',
          },
          {
            id: '4567890123456789',
            delivery_status: 'READ',
            timestamp: 1640995320,
            webhook_update_state: 'DELIVERED',
          },
        ],
      },
    },
  ],
  paging: {
    cursors: { after: 'MTAx...', before: 'MAZDZD' },
    next: 'https://graph.facebook.com/v23.0/.../message_history?after=...',
  },
};

const FIELDS =
  'id,message_id,events{delivery_status,webhook_update_state,timestamp,error_description}';

describe('messageHistory', () => {
  it("parses the §5.1 example exactly and hands back the cursor, not Meta's URL", async () => {
    const server = await h.server((_req, res) => sendJson(res, 200, HISTORY_PAGE));
    const outcome = await h
      .client(server.baseUrl)
      .messageHistory({ messageId: 'wamid.ABC', limit: 10, after: 'C1' });

    expect(outcome).toEqual({
      ok: true,
      items: [
        {
          id: '1234567890123456',
          messageId: 'wamid.HBgLMTY0NzM3Nzc3NzUVAgARGBI5QTNEQTA2RjdGMEY4RTRGAA==',
          events: [
            { status: 'SENT', timestamp: 1640995200, webhookUpdateState: 'DELIVERED' },
            { status: 'DELIVERED', timestamp: 1640995260, webhookUpdateState: 'DELIVERED' },
            { status: 'READ', timestamp: 1640995320, webhookUpdateState: 'DELIVERED' },
          ],
        },
      ],
      next: 'MTAx...',
      skipped: 0,
    });
    const url = new URL(server.requests[0]!.url, 'http://x');
    expect(url.pathname).toBe(`/v23.0/${PHONE_ID}/message_history`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      fields: FIELDS,
      message_id: 'wamid.ABC',
      after: 'C1',
      limit: '10',
    });
  });

  it('keeps error descriptions, reads string timestamps, skips entries without ids, and ends without next', async () => {
    const server = await h.server((_req, res) =>
      sendJson(res, 200, {
        data: [
          {
            id: '1',
            message_id: 'wamid.F',
            events: {
              data: [
                {
                  delivery_status: 'FAILED',
                  timestamp: '1751142888',
                  error_description: 'Message undeliverable',
                },
              ],
            },
          },
          { id: '2' },
        ],
        paging: { cursors: { after: 'LAST' } },
      }),
    );
    const outcome = await h.client(server.baseUrl).messageHistory();
    expect(outcome).toEqual({
      ok: true,
      items: [
        {
          id: '1',
          messageId: 'wamid.F',
          events: [
            { status: 'FAILED', timestamp: 1751142888, errorDescription: 'Message undeliverable' },
          ],
        },
      ],
      next: null,
      skipped: 1,
    });
  });

  it('403 code 200: no permission for message history', async () => {
    const server = await h.server((_req, res) =>
      sendJson(res, 403, {
        error: {
          message:
            "(#200) Your app doesn't have permission to access message history for this phone number",
          type: 'OAuthException',
          code: 200,
          error_subcode: 1349174,
          fbtrace_id: 'AbC1',
        },
      }),
    );
    const outcome = await h.client(server.baseUrl).messageHistory();
    expect(outcome).toMatchObject({
      ok: false,
      code: 200,
      subcode: 1349174,
      httpStatus: 403,
      fbtraceId: 'AbC1',
    });
    if (!outcome.ok)
      expect(outcome.failure).toMatchObject({
        handling: 'pause_campaign',
        ambiguous: false,
        retryable: false,
      });
  });

  it('422 code 100: message id not found', async () => {
    const server = await h.server((_req, res) =>
      sendJson(res, 422, {
        error: {
          message: '(#100) The requested message_id was not found in the message history',
          type: 'OAuthException',
          code: 100,
        },
      }),
    );
    const outcome = await h.client(server.baseUrl).messageHistory({ messageId: 'wamid.GONE' });
    expect(outcome).toMatchObject({ ok: false, code: 100, httpStatus: 422 });
    if (!outcome.ok) expect(outcome.metaMessage).toMatch(/not found/);
  });

  it('429 code 4: transient rate limit, retryable', async () => {
    const server = await h.server((_req, res) =>
      sendJson(
        res,
        429,
        {
          error: {
            message: '(#4) Application request limit reached',
            type: 'OAuthException',
            code: 4,
            error_subcode: 2446079,
            is_transient: true,
          },
        },
        { 'Retry-After': '60' },
      ),
    );
    const outcome = await h.client(server.baseUrl).messageHistory();
    expect(outcome).toMatchObject({
      ok: false,
      code: 4,
      subcode: 2446079,
      httpStatus: 429,
      isTransient: true,
      retryAfterMs: 60_000,
    });
    if (!outcome.ok)
      expect(outcome.failure).toMatchObject({
        handling: 'retry_later',
        retryable: true,
        ambiguous: false,
      });
  });

  it('rejects a limit above Meta’s maximum of 100', async () => {
    await expect(h.client('http://127.0.0.1:9').messageHistory({ limit: 101 })).rejects.toThrow(
      RangeError,
    );
  });
});
