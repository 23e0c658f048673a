import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type FaultConfig, type Sandbox } from '../../../electron/sandbox';
import { fakeClock } from '../../helpers/tmp';
import {
  allEvents,
  changeOf,
  expectGraphError,
  get,
  ladders,
  PHONE_ID,
  send,
  springSale,
  WABA_ID,
  type TemplatesPage,
} from './helpers';

/** 'ok' | '<code>' | 'dropped' for each of n sends, one after another. */
async function pattern(sb: Sandbox, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    try {
      const a = await send(sb, springSale(`+1650555${String(i).padStart(4, '0')}`));
      out.push(a.status === 200 ? 'ok' : String(a.json.error?.code));
    } catch {
      out.push('dropped');
    }
  }
  return out;
}

describe('sandbox: faults', () => {
  const open: Sandbox[] = [];
  const start = async (faults: FaultConfig, now?: () => number) => {
    const sb = await startSandbox({
      faults,
      ...(now && { now }),
      delivery: { sentAfterMs: 10, deliveredAfterMs: 20, readAfterMs: 30 },
    });
    open.push(sb);
    return sb;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('answers 500 code 131000 or 503 code 2 for server errors, and accepts nothing', async () => {
    const sb = await start({ serverErrorRate: 1, seed: 3 });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        send(sb, springSale(`+165055500${String(i).padStart(2, '0')}`)),
      ),
    );
    for (const a of answers) {
      if (a.status === 500) expectGraphError(a, 131000, 500);
      else expectGraphError(a, 2, 503);
    }
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([500, 503]));
    expect(sb.stats().accepted).toBe(0);
  });

  it('resets the connection without answering and accepts nothing', async () => {
    const sb = await start({ resetRate: 1 });
    await expect(send(sb, springSale('+16505551234'))).rejects.toThrow();
    expect(sb.stats()).toMatchObject({ accepted: 0, dropped: 1 });
  });

  it('accepts, then resets: the message plays out although the client saw no answer', async () => {
    const sb = await start({ acceptThenResetRate: 1 });
    await expect(
      send(
        sb,
        springSale('+447911123201', ['Maria', '20%'], { biz_opaque_callback_data: 'row-9' }),
      ),
    ).rejects.toThrow();
    expect(sb.stats()).toMatchObject({
      accepted: 1,
      dropped: 0,
      acceptedByRecipient: { '+447911123201': 1 },
    });
    const [m] = sb.state.messages();
    await new Promise((r) => setTimeout(r, 60));
    expect(ladders(await allEvents(sb)).get(m!.wamid)).toEqual(['sent', 'delivered', 'read']);
    expect(m!.bizOpaqueCallbackData).toBe('row-9');
  });

  it('holds a timed-out request open for timeoutMs, then drops it without accepting', async () => {
    const sb = await start({ timeoutRate: 1, timeoutMs: 150 });
    const started = Date.now();
    await expect(send(sb, springSale('+16505551234'))).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(sb.stats()).toMatchObject({ accepted: 0, dropped: 1 });
  });

  it('delays every answer by slowMs', async () => {
    const sb = await start({ slowMs: 120 });
    const started = Date.now();
    expect((await send(sb, springSale('+16505551234'))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('is deterministic for a seed, and can be changed at runtime', async () => {
    const mixed: FaultConfig = {
      serverErrorRate: 0.2,
      resetRate: 0.2,
      acceptThenResetRate: 0.1,
      seed: 11,
    };
    const a = await pattern(await start(mixed), 30);
    const b = await pattern(await start(mixed), 30);
    expect(b).toEqual(a);
    expect(new Set(a)).toEqual(new Set(['ok', '131000', '2', 'dropped']));
    const c = await start({ ...mixed, seed: 12 });
    expect(await pattern(c, 30)).not.toEqual(a);
    c.setFaults({});
    expect(await pattern(c, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('revokes the token after N accepted messages; a new token works again', async () => {
    const sb = await start({ revokeTokenAfter: 3 });
    expect(await pattern(sb, 3)).toEqual(['ok', 'ok', 'ok']);
    expectGraphError(await send(sb, springSale('+16505550001')), 190, 401);
    expect(sb.state.token()).toBeNull();
    sb.setToken('fresh-token');
    expect((await send(sb, springSale('+16505550001'), 'fresh-token')).status).toBe(200);
    sb.revokeToken();
    expectGraphError(await send(sb, springSale('+16505550001'), 'fresh-token'), 190, 401);
    expect(sb.stats().rejected).toEqual({ 190: 2 });
  });

  it('pauses a template after N accepted messages, with a template status event in the feed', async () => {
    const clock = fakeClock();
    const sb = await start(
      { pauseTemplateAfter: { name: 'spring_sale', language: 'en_US', after: 2 } },
      clock.now,
    );
    expect(await pattern(sb, 2)).toEqual(['ok', 'ok']);
    expectGraphError(await send(sb, springSale('+16505559999')), 132015, 400);
    const events = await allEvents(sb);
    const change = changeOf(events.at(-1)!);
    expect(events.at(-1)!.body).toEqual({
      entry: [{ id: WABA_ID, time: Math.floor(clock.now() / 1000), changes: [change] }],
      object: 'whatsapp_business_account',
    });
    expect(change).toEqual({
      value: {
        event: 'PAUSED',
        message_template_id: 1000000000000002,
        message_template_name: 'spring_sale',
        message_template_language: 'en_US',
        reason: 'NONE',
        message_template_category: 'MARKETING',
        other_info: { title: 'FIRST_PAUSE', description: expect.any(String) },
      },
      field: 'message_template_status_update',
    });
    const listed = await get<TemplatesPage>(
      sb,
      `/v23.0/${WABA_ID}/message_templates?fields=name,language,status&limit=100`,
    );
    expect(
      listed.json.data.find((t) => t.name === 'spring_sale' && t.language === 'en_US')?.status,
    ).toBe('PAUSED');
    // The Spanish translation is a separate template and keeps working.
    const es = springSale('+16505559999');
    expect(
      (await send(sb, { ...es, template: { ...es.template, language: { code: 'es' } } })).status,
    ).toBe(200);
  });

  it('pauses a template on demand', async () => {
    const sb = await start({});
    sb.pauseTemplate('order_confirmation', 'en_US');
    const events = await allEvents(sb);
    expect(changeOf(events[0]!).value).toMatchObject({
      event: 'PAUSED',
      message_template_name: 'order_confirmation',
    });
    expect(() => sb.pauseTemplate('nope', 'en_US')).toThrow(/no template/);
  });

  it('can aim faults at other routes', async () => {
    const sb = await start({ serverErrorRate: 1, routes: ['history'] });
    expect((await send(sb, springSale('+16505551234'))).status).toBe(200);
    expectGraphError(await get(sb, `/v23.0/${PHONE_ID}/message_history`), 131000, 500);
  });
});
