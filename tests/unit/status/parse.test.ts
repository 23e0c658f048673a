import { describe, expect, it } from 'vitest';
import {
  historyObservations,
  observationKey,
  ofKind,
  parseHistoryPage,
  parseWebhook,
} from '../../../shared/domain/status';
import {
  FAILED_STATUS,
  HISTORY_PAGE,
  preferencesWebhook,
  SENT_WEBHOOK,
  status,
  statusWebhook,
  TEMPLATE_WEBHOOK,
  templateEvent,
} from './meta-payloads';

describe('webhook parser', () => {
  it("turns Meta's §4.1 sent example into one status observation", () => {
    const r = parseWebhook(SENT_WEBHOOK);
    expect(r.problems).toEqual([]);
    expect(r.observations).toEqual([
      {
        kind: 'status',
        wamid: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
        status: 'sent',
        at: 1750030073000,
        waId: '16505551234',
        callback: '<only if you set it on send>',
        error: null,
        // Meta's example bills a marketing message at the regular rate.
        pricing: { billable: true, type: 'regular', category: 'marketing' },
        phoneNumberId: '106540352242922',
        raw: SENT_WEBHOOK.entry[0]!.changes[0]!.value.statuses[0],
      },
    ]);
  });

  it("keeps Meta's code and words from errors[] of a failed status (§4.1 failed example)", () => {
    const [o] = ofKind(parseWebhook(statusWebhook([FAILED_STATUS])).observations, 'status');
    expect(o).toMatchObject({
      status: 'failed',
      at: 1751142888000,
      error: {
        code: 131049,
        title: 'This message was not delivered to maintain healthy ecosystem engagement.',
        details: expect.stringContaining('healthy ecosystem'),
      },
    });
    expect(observationKey(o!)).toBe(`s:${FAILED_STATUS.id}:failed`);
  });

  it('reports malformed entries and unknown statuses instead of throwing, and keeps the good ones', () => {
    const body = statusWebhook([
      status('wamid.A', 'delivered', 1750030080),
      { status: 'read', timestamp: '1750030081' },
      status('wamid.B', 'played', 1750030082),
      status('wamid.C', 'read', 1750030083),
      { id: 'wamid.D', status: 'read', timestamp: 'yesterday' },
      'not an object' as unknown as Record<string, unknown>,
    ]);
    const r = parseWebhook(body);
    expect(r.observations.map((o) => (o.kind === 'status' ? o.wamid : ''))).toEqual([
      'wamid.A',
      'wamid.C',
    ]);
    expect(r.problems).toHaveLength(4);
    expect(r.problems.join('\n')).toMatch(/unknown status "played"/);
    for (const bad of [
      null,
      'text',
      42,
      [],
      {},
      { entry: 'x' },
      { object: 'page', entry: [] },
      { entry: [{ changes: [{ field: 'messages', value: 'x' }] }] },
    ]) {
      const parsed = parseWebhook(bad);
      expect(parsed.observations).toEqual([]);
      if (
        !Array.isArray(bad) &&
        bad !== null &&
        typeof bad === 'object' &&
        'entry' in bad &&
        Array.isArray(bad.entry) &&
        bad.entry.length === 0
      )
        continue;
      expect(parsed.problems.length, JSON.stringify(bad)).toBeGreaterThan(0);
    }
  });

  it('caps the problems of a hostile body', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ id: `w${i}` }));
    const r = parseWebhook(statusWebhook(many));
    expect(r.problems.length).toBeLessThanOrEqual(21);
  });

  it('ignores fields it does not use (account_alerts, …) without calling them problems', () => {
    const r = parseWebhook({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'account_alerts', value: {} }] }],
    });
    expect(r).toEqual({ observations: [], problems: [], ignored: 1 });
  });

  it('reads the §6.3 template status example, with the integer template id as a string', () => {
    const [t] = ofKind(parseWebhook(TEMPLATE_WEBHOOK).observations, 'template');
    expect(t).toMatchObject({
      kind: 'template',
      wabaId: '102290129340398',
      templateId: '1689556908129835',
      name: 'abandoned_cart',
      language: 'en',
      event: 'REJECTED',
      reason: 'INVALID_FORMAT',
      at: 1751247548000,
    });
    const [paused] = ofKind(
      parseWebhook(
        templateEvent({
          event: 'PAUSED',
          wabaId: '9',
          id: 7,
          name: 'spring_sale',
          language: 'en_US',
          time: 1751247600,
          title: 'FIRST_PAUSE',
        }),
      ).observations,
      'template',
    );
    expect(paused).toMatchObject({ event: 'PAUSED', title: 'FIRST_PAUSE', templateId: '7' });
  });

  it('reads the §9 user_preferences example (integer timestamp)', () => {
    const [p] = ofKind(parseWebhook(preferencesWebhook('resume')).observations, 'preference');
    expect(p).toMatchObject({
      kind: 'preference',
      waId: '16505551234',
      value: 'resume',
      category: 'marketing_messages',
      at: 1731705721000,
      detail: 'User requested to resume marketing messages',
    });
    const [stop] = ofKind(parseWebhook(preferencesWebhook('stop')).observations, 'preference');
    expect(stop?.value).toBe('stop');
  });

  it('keeps inbound replies (text and quick-reply taps) for the opt-out work of issue 9', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: {
                  display_phone_number: '15550783881',
                  phone_number_id: '106540352242922',
                },
                contacts: [{ profile: { name: 'Maria' }, wa_id: '16505551234' }],
                messages: [
                  {
                    from: '16505551234',
                    id: 'wamid.in1',
                    timestamp: '1750030100',
                    type: 'text',
                    text: { body: 'STOP' },
                  },
                  {
                    context: { from: '15550783881', id: 'wamid.out' },
                    from: '16505551234',
                    id: 'wamid.in2',
                    timestamp: '1750030101',
                    type: 'button',
                    button: { payload: 'stop_promotions', text: 'Stop promotions' },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    const inbound = ofKind(parseWebhook(body).observations, 'inbound');
    expect(inbound.map((m) => [m.messageId, m.text, m.button?.text ?? null, m.contextId])).toEqual([
      ['wamid.in1', 'STOP', null, null],
      ['wamid.in2', null, 'Stop promotions', 'wamid.out'],
    ]);
  });

  it('keeps username-era webhooks that name the customer by user id only (no phone number)', () => {
    const change = (field: string, value: object) => ({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field, value }] }],
    });
    const inbound = parseWebhook(
      change('messages', {
        messaging_product: 'whatsapp',
        metadata: { phone_number_id: '106540352242922' },
        contacts: [{ profile: { name: 'Maria' }, user_id: 'US.13491208655302741918' }],
        messages: [
          {
            context: { id: 'wamid.out' },
            from_user_id: 'US.13491208655302741918',
            id: 'wamid.in3',
            timestamp: '1750030102',
            type: 'text',
            text: { body: 'STOP' },
          },
          // Both: the user id is kept beside the number.
          {
            from: '16505551234',
            id: 'wamid.in4',
            timestamp: '1750030103',
            type: 'text',
            text: { body: 'hi' },
          },
        ],
      }),
    );
    expect(inbound.problems).toEqual([]);
    expect(
      ofKind(inbound.observations, 'inbound').map((m) => [
        m.messageId,
        m.waId,
        m.userId,
        m.contextId,
      ]),
    ).toEqual([
      ['wamid.in3', null, 'US.13491208655302741918', 'wamid.out'],
      ['wamid.in4', '16505551234', null, null],
    ]);
    const paired = parseWebhook(
      change('messages', {
        contacts: [{ wa_id: '16505551234', user_id: 'US.1' }],
        messages: [
          {
            from: '16505551234',
            id: 'wamid.in5',
            timestamp: '1750030104',
            type: 'text',
            text: { body: 'x' },
          },
        ],
      }),
    );
    expect(ofKind(paired.observations, 'inbound')[0]).toMatchObject({
      waId: '16505551234',
      userId: 'US.1',
    });

    const prefs = parseWebhook(
      change('user_preferences', {
        messaging_product: 'whatsapp',
        metadata: { phone_number_id: '106540352242922' },
        contacts: [{ user_id: 'US.13491208655302741918' }],
        user_preferences: [
          {
            user_id: 'US.13491208655302741918',
            value: 'stop',
            category: 'marketing_messages',
            timestamp: 1731705721,
          },
          { value: 'stop', timestamp: 1731705722 },
        ],
      }),
    );
    expect(ofKind(prefs.observations, 'preference')).toMatchObject([
      { waId: null, userId: 'US.13491208655302741918', value: 'stop' },
    ]);
    // Naming nobody at all is the one thing still refused, and said.
    expect(prefs.problems).toEqual([expect.stringMatching(/names no customer/)]);
  });
});

describe('message_history parser', () => {
  it('reads the §5.1 example: upper-case statuses, integer seconds', () => {
    const r = parseHistoryPage(HISTORY_PAGE, '106540352242922');
    expect(r.problems).toEqual([]);
    expect(r.observations.map((o) => (o.kind === 'status' ? [o.status, o.at] : []))).toEqual([
      ['sent', 1640995200000],
      ['delivered', 1640995260000],
      ['read', 1640995320000],
    ]);
  });

  it('maps both enum variants, reports unknown ones, and keeps the failure words without a code', () => {
    const r = historyObservations([
      {
        messageId: 'wamid.X',
        events: [
          { status: 'ACCEPTED', timestamp: 1 },
          { status: 'ERROR', timestamp: 2, errorDescription: 'Message undeliverable' },
          { status: 'DELETED', timestamp: 3 },
          { status: 'WARNING', timestamp: 4 },
        ],
      },
    ]);
    expect(r.ignored).toBe(2);
    expect(r.problems).toEqual([
      'message_history: unknown delivery_status "WARNING" for wamid.X, ignored.',
    ]);
    const [failed] = ofKind(r.observations, 'status');
    expect(failed).toMatchObject({
      status: 'failed',
      error: { code: null, title: 'Message undeliverable' },
    });
    // Its own idempotency key: the webhook with Meta's code still counts when it comes.
    expect(observationKey(failed!)).toBe('s:wamid.X:failed:nocode');
  });

  it('reports a page that is not one', () => {
    expect(parseHistoryPage({ error: { code: 200 } }).problems).toEqual([
      'message_history: the page has no "data" list.',
    ]);
    expect(parseHistoryPage({ data: [{ id: 1 }, 'x'] }).problems).toHaveLength(2);
  });
});
