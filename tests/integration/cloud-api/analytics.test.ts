import { afterEach, describe, expect, it } from 'vitest';
import { analyticsFailure } from '../../../electron/core/analytics/failures';
import { harness, sendJson, TOKEN, WABA_ID } from './fake-server';

const h = harness();
afterEach(() => h.cleanup());

/** The answer as BSP pages that mirror Meta's show it (cloud-api/analytics.ts says what is unconfirmed). */
const PAGE = {
  data: [
    {
      granularity: 'DAILY',
      product_type: 'cloud_api',
      data_points: [
        {
          template_id: '1924084211297547',
          start: 1689379200,
          end: 1689465600,
          sent: 10,
          delivered: 9,
          read: 5,
          clicked: [
            { type: 'quick_reply_button', button_content: 'Tell me more', count: 3 },
            { type: 'url_button', button_content: 'Visit website', count: 2 },
          ],
          cost: [
            { type: 'amount_spent', value: 0.45 },
            { type: 'cost_per_delivered', value: 0.05 },
            { type: 'cost_per_url_button_click', value: 0.225 },
          ],
        },
      ],
    },
  ],
  paging: { cursors: { before: 'MAZDZD', after: 'MjQZD' } },
};

describe('templateAnalytics', () => {
  it('asks for DAILY figures with JSON lists and the token in the header, and parses the answer', async () => {
    const server = await h.server((_req, res) => sendJson(res, 200, PAGE));
    const outcome = await h.client(server.baseUrl).templateAnalytics({
      start: 1689379200,
      end: 1689465600,
      templateIds: ['1924084211297547', '954638012257287'],
    });
    expect(outcome).toEqual({
      ok: true,
      next: null,
      points: [
        {
          templateId: '1924084211297547',
          start: 1689379200,
          end: 1689465600,
          sent: 10,
          delivered: 9,
          read: 5,
          clicked: [
            { type: 'quick_reply_button', button: 'Tell me more', count: 3 },
            { type: 'url_button', button: 'Visit website', count: 2 },
          ],
          cost: [
            { type: 'amount_spent', value: 0.45 },
            { type: 'cost_per_delivered', value: 0.05 },
            { type: 'cost_per_url_button_click', value: 0.225 },
          ],
        },
      ],
    });
    const req = server.requests[0]!;
    const url = new URL(req.url, server.baseUrl);
    expect(url.pathname).toBe(`/v23.0/${WABA_ID}/template_analytics`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      start: '1689379200',
      end: '1689465600',
      granularity: 'DAILY',
      metric_types: '["SENT","DELIVERED","READ","CLICKED","COST"]',
      template_ids: '[1924084211297547,954638012257287]',
    });
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("reads numbers sent as strings and missing metrics, and returns the next cursor rather than Meta's URL", async () => {
    const page = {
      data: [
        {
          data_points: [
            { template_id: 1924084211297547, start: 1689379200, end: 1689465600, sent: '7' },
          ],
        },
      ],
      paging: {
        cursors: { after: 'CUR2' },
        next: 'https://elsewhere.example/v23.0/x/template_analytics?after=CUR2',
      },
    };
    const server = await h.server((_req, res) => sendJson(res, 200, page));
    const outcome = await h
      .client(server.baseUrl)
      .templateAnalytics({ start: 1, end: 2, templateIds: ['1'], after: 'CUR1' });
    expect(outcome).toEqual({
      ok: true,
      next: 'CUR2',
      points: [
        {
          templateId: '1924084211297547',
          start: 1689379200,
          end: 1689465600,
          sent: 7,
          delivered: null,
          read: null,
          clicked: [],
          cost: [],
        },
      ],
    });
    expect(new URL(server.requests[0]!.url, server.baseUrl).searchParams.get('after')).toBe('CUR1');
  });

  it.each([
    ['not JSON', '<html>Gateway</html>'],
    ['no data list', { paging: {} }],
    [
      'a negative count',
      { data: [{ data_points: [{ template_id: '1', start: 1, end: 2, sent: -1 }] }] },
    ],
    [
      'a template id that is not digits',
      { data: [{ data_points: [{ template_id: 'abc', start: 1, end: 2 }] }] },
    ],
    [
      'clicks that are not a list',
      { data: [{ data_points: [{ template_id: '1', start: 1, end: 2, clicked: 5 }] }] },
    ],
    [
      'a day without its start',
      { data: [{ data_points: [{ template_id: '1', end: 2, sent: 1 }] }] },
    ],
  ])(
    'refuses a malformed answer (%s) as a failure, with nothing half-read',
    async (_what, body) => {
      const server = await h.server((_req, res) =>
        typeof body === 'string'
          ? res.writeHead(200, { 'Content-Type': 'text/html' }).end(body)
          : sendJson(res, 200, body),
      );
      const outcome = await h
        .client(server.baseUrl)
        .templateAnalytics({ start: 1, end: 2, templateIds: ['1'] });
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome).toMatchObject({
        code: null,
        httpStatus: 200,
        details: expect.stringMatching(/template analytics answer/),
      });
      expect(analyticsFailure(outcome).message).toMatch(/could not be read.*Nothing was stored/);
    },
  );

  it('refuses misuse before calling: no ids, more than 10, non-digit ids, end before start', async () => {
    const server = await h.server((_req, res) => sendJson(res, 200, PAGE));
    const client = h.client(server.baseUrl);
    await expect(client.templateAnalytics({ start: 1, end: 2, templateIds: [] })).rejects.toThrow(
      RangeError,
    );
    await expect(
      client.templateAnalytics({
        start: 1,
        end: 2,
        templateIds: Array.from({ length: 11 }, (_, i) => String(i + 1)),
      }),
    ).rejects.toThrow(/1 to 10/);
    await expect(
      client.templateAnalytics({ start: 1, end: 2, templateIds: ['1&x=2'] }),
    ).rejects.toThrow(/digits/);
    await expect(
      client.templateAnalytics({ start: 5, end: 5, templateIds: ['1'] }),
    ).rejects.toThrow(/after start/);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [200007, 400, 'not_enabled', /not switched on/],
    [200005, 400, 'unsupported', /does not offer/],
  ] as const)('reads Graph error %i as insights %s', async (code, status, metaState, words) => {
    const server = await h.server((_req, res) =>
      sendJson(res, status, {
        error: {
          message: `(#${code}) Template insights`,
          type: 'OAuthException',
          code,
          fbtrace_id: 'Az8or2yhqkZfEZ',
        },
      }),
    );
    const outcome = await h
      .client(server.baseUrl)
      .templateAnalytics({ start: 1, end: 2, templateIds: ['1'] });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(analyticsFailure(outcome)).toMatchObject({
      metaState,
      message: expect.stringMatching(words),
    });
  });

  it('backs off on permission and rate-limit errors, honouring Retry-After', async () => {
    const server = await h.server((req, res) =>
      req.url?.includes('start=1&')
        ? sendJson(res, 403, {
            error: { message: '(#200) Permissions error', type: 'OAuthException', code: 200 },
          })
        : sendJson(
            res,
            429,
            {
              error: {
                message: '(#4) Application request limit reached',
                type: 'OAuthException',
                code: 4,
                is_transient: true,
              },
            },
            { 'Retry-After': '120' },
          ),
    );
    const client = h.client(server.baseUrl);
    const denied = await client.templateAnalytics({ start: 1, end: 2, templateIds: ['1'] });
    const limited = await client.templateAnalytics({ start: 3, end: 4, templateIds: ['1'] });
    if (denied.ok || limited.ok) throw new Error('expected failures');
    expect(analyticsFailure(denied)).toMatchObject({
      backoffMs: 3_600_000,
      message: expect.stringMatching(/whatsapp_business_management/),
    });
    expect(analyticsFailure(limited)).toMatchObject({
      backoffMs: 120_000,
      message: expect.stringMatching(/rate limit/),
    });
  });
});

describe('enableTemplateInsights', () => {
  it.each([{ id: WABA_ID }, { success: true }])(
    'POSTs is_enabled_for_insights=true on the WABA and takes %j as success',
    async (answer) => {
      const server = await h.server((_req, res) => sendJson(res, 200, answer));
      expect(await h.client(server.baseUrl).enableTemplateInsights()).toEqual({ ok: true });
      const req = server.requests[0]!;
      expect(req.method).toBe('POST');
      expect(req.url).toBe(`/v23.0/${WABA_ID}?is_enabled_for_insights=true`);
    },
  );

  it('reports a refusal with its code', async () => {
    const server = await h.server((_req, res) =>
      sendJson(res, 400, {
        error: { message: '(#200005) Not available', type: 'OAuthException', code: 200005 },
      }),
    );
    const outcome = await h.client(server.baseUrl).enableTemplateInsights();
    expect(outcome).toMatchObject({ ok: false, code: 200005 });
  });
});
