import { afterEach, describe, expect, it } from 'vitest';
import type { ListTemplatesOutcome, ListTemplatesSuccess } from '../../../electron/core/cloud-api';
import { COUPON_PAGE } from '../../unit/templates/fixtures';
import { TOKEN, WABA_ID, harness, sendJson } from './fake-server';

const h = harness();
afterEach(() => h.cleanup());

const succeeded = (outcome: ListTemplatesOutcome): ListTemplatesSuccess => {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome)}`);
  return outcome;
};

const template = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  language: 'en_US',
  status: 'APPROVED',
  category: 'MARKETING',
  components: [
    { type: 'BODY', text: `Hello {{1}}, this is ${name}.`, example: { body_text: [['Ana']] } },
  ],
  id: `id_${name}`,
  ...extra,
});

const BROKEN = {
  name: 'broken',
  language: 'en_US',
  status: 'APPROVED',
  category: 'MARKETING',
  components: [{ type: 'BODY' }],
};
const FIELDS =
  'name,language,status,category,sub_category,parameter_format,components,quality_score,message_send_ttl_seconds,id';

describe('listTemplates', () => {
  it('follows paging.next across three pages, keeping unreadable templates aside', async () => {
    const server = await h.server((req, res) => {
      const url = new URL(req.url ?? '', 'http://x');
      const next = (after: string) =>
        `http://${req.headers.host}/v23.0/${WABA_ID}/message_templates?limit=2&after=${after}`;
      const after = url.searchParams.get('after');
      if (after === null) {
        sendJson(res, 200, {
          data: [template('one'), template('two')],
          paging: { cursors: { after: 'P2' }, next: next('P2') },
        });
      } else if (after === 'P2') {
        sendJson(res, 200, {
          data: [BROKEN, template('three')],
          paging: { cursors: { after: 'P3' }, next: next('P3') },
        });
      } else {
        // Last page: Graph keeps the cursors but drops `next`.
        sendJson(res, 200, {
          data: [template('four')],
          paging: { cursors: { before: 'B', after: 'END' } },
        });
      }
    });
    const result = succeeded(await h.client(server.baseUrl).listTemplates({ limit: 2 }));

    expect(result.templates.map((t) => t.name)).toEqual(['one', 'two', 'three', 'four']);
    expect(result.templates[0]).toMatchObject({
      language: 'en_US',
      status: 'APPROVED',
      parameter_format: 'POSITIONAL',
    });
    expect(result.invalid).toHaveLength(1);
    expect(result.invalid[0]?.raw).toEqual(BROKEN);
    expect(result.invalid[0]?.errors.length).toBeGreaterThan(0);
    expect(result).toMatchObject({ pages: 3, complete: true });

    expect(server.requests).toHaveLength(3);
    const first = new URL(server.requests[0]!.url, 'http://x');
    expect(first.pathname).toBe(`/v23.0/${WABA_ID}/message_templates`);
    expect(first.searchParams.get('fields')).toBe(FIELDS);
    expect(first.searchParams.get('limit')).toBe('2');
    expect(
      server.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('after')),
    ).toEqual([null, 'P2', 'P3']);
    for (const r of server.requests) expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("parses Meta's own §6.1 page and replays its graph.facebook.com cursor on the configured server", async () => {
    const server = await h.server((req, res) => {
      const after = new URL(req.url ?? '', 'http://x').searchParams.get('after');
      if (after === null) sendJson(res, 200, COUPON_PAGE);
      else sendJson(res, 200, { data: [template('second')] });
    });
    const result = succeeded(await h.client(server.baseUrl).listTemplates());

    expect(result.templates.map((t) => t.name)).toEqual([
      'coupon_expiration_reminder_number_vars',
      'second',
    ]);
    expect(result.templates[0]).toMatchObject({
      id: '1304694804498707',
      sub_category: 'CUSTOM',
      category: 'MARKETING',
    });
    const second = new URL(server.requests[1]!.url, 'http://x');
    expect(second.pathname).toBe(`/v23.0/${WABA_ID}/message_templates`);
    expect(second.searchParams.get('after')).toBe('QVFIU...');
    expect(second.searchParams.get('fields')).toBe(FIELDS);
  });

  it('never sends the token to a next URL on another origin', async () => {
    const elsewhere = await h.server((_req, res) => sendJson(res, 200, { data: [] }));
    const server = await h.server((req, res) => {
      if (req.url?.includes('after=')) sendJson(res, 200, { data: [template('two')] });
      else
        sendJson(res, 200, {
          data: [template('one')],
          paging: { next: `${elsewhere.baseUrl}/v23.0/${WABA_ID}/message_templates?after=X` },
        });
    });
    // Without a cursor in `paging.cursors` the `after` of the foreign URL is replayed here.
    const result = succeeded(await h.client(server.baseUrl).listTemplates());
    expect(elsewhere.requests).toHaveLength(0);
    expect(new URL(server.requests[1]!.url, 'http://x').searchParams.get('after')).toBe('X');
    expect(result.templates.map((t) => t.name)).toEqual(['one', 'two']);
  });

  it('fails rather than returning a partial list when a foreign next URL has no cursor at all', async () => {
    const elsewhere = await h.server((_req, res) => sendJson(res, 200, { data: [] }));
    const server = await h.server((_req, res) =>
      sendJson(res, 200, {
        data: [template('one')],
        paging: { next: `${elsewhere.baseUrl}/page2` },
      }),
    );
    const outcome = await h.client(server.baseUrl).listTemplates();
    expect(outcome.ok).toBe(false);
    expect(elsewhere.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
    if (!outcome.ok) expect(outcome.details).toMatch(/another server/);
  });

  it('a same-origin next URL outside the base path prefix is foreign too', async () => {
    const server = await h.server((req, res) => {
      if (req.url?.startsWith('/graph/'))
        sendJson(res, 200, { data: [template('one')], paging: { next: '/other/page2' } });
      else sendJson(res, 200, { data: [] });
    });
    const outcome = await h.client(`${server.baseUrl}/graph`).listTemplates();
    expect(outcome.ok).toBe(false);
    expect(server.requests.map((r) => r.url.split('?')[0])).toEqual([
      `/graph/v23.0/${WABA_ID}/message_templates`,
    ]);
  });

  it('stops at maxPages when the server never stops paging', async () => {
    let n = 0;
    const server = await h.server((req, res) => {
      n += 1;
      sendJson(res, 200, {
        data: [template(`t${n}`)],
        paging: {
          next: `http://${req.headers.host}/v23.0/${WABA_ID}/message_templates?after=${n}`,
        },
      });
    });
    const result = succeeded(await h.client(server.baseUrl).listTemplates({ maxPages: 3 }));
    expect(result).toMatchObject({ pages: 3, complete: false });
    expect(server.requests).toHaveLength(3);
  });

  it('fails when the server sends the same next page again', async () => {
    const server = await h.server((req, res) =>
      sendJson(res, 200, {
        data: [],
        paging: {
          next: `http://${req.headers.host}/v23.0/${WABA_ID}/message_templates?after=SAME`,
        },
      }),
    );
    const outcome = await h.client(server.baseUrl).listTemplates();
    expect(outcome.ok).toBe(false);
    expect(server.requests).toHaveLength(2);
  });

  it('a page error fails the whole listing, classified on the code', async () => {
    const server = await h.server((_req, res) =>
      sendJson(res, 429, {
        error: {
          message: '(#4) Application request limit reached',
          code: 4,
          is_transient: true,
          fbtrace_id: 'F',
        },
      }),
    );
    const outcome = await h.client(server.baseUrl).listTemplates();
    expect(outcome).toMatchObject({
      ok: false,
      code: 4,
      httpStatus: 429,
      isTransient: true,
      fbtraceId: 'F',
    });
    if (!outcome.ok)
      expect(outcome.failure).toMatchObject({ handling: 'retry_later', ambiguous: false });
  });

  it('a 200 without a data list is an unreadable answer, not an empty list', async () => {
    const server = await h.server((_req, res) => sendJson(res, 200, { templates: [] }));
    const outcome = await h.client(server.baseUrl).listTemplates();
    expect(outcome).toMatchObject({ ok: false, httpStatus: 200, code: null });
    if (!outcome.ok) expect(outcome.failure).toMatchObject({ ambiguous: false, retryable: true });
  });

  it('rejects nonsense options as a programming error', async () => {
    const client = h.client('http://127.0.0.1:9');
    await expect(client.listTemplates({ limit: 0 })).rejects.toThrow(RangeError);
    await expect(client.listTemplates({ maxPages: 1.5 })).rejects.toThrow(RangeError);
  });
});
