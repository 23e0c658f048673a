import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { SANDBOX_APP_ID } from '../../../electron/sandbox/studio/uploads';
import { allEvents, changeOf, get, postJson, TOKEN, WABA_ID } from './helpers';

const create = `/v23.0/${WABA_ID}/message_templates`;
const REVIEW_MS = 60_000;

const shipped = (extra: Record<string, unknown> = {}) => ({
  name: 'order_shipped',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    {
      type: 'BODY',
      text: 'Hi {{1}}, your order {{2}} has shipped and will arrive within three days.',
      example: { body_text: [['Maria', 'A-1042']] },
    },
  ],
  ...extra,
});

interface Created {
  id: string;
  status: string;
  category: string;
}
interface TemplateNode {
  status: string;
  category: string;
  rejected_reason: string;
  previous_category?: string;
}

describe('sandbox: template creation and review on the fake clock', () => {
  let sb: Sandbox;
  let now = 1_800_000_000_000;
  beforeEach(async () => {
    now = 1_800_000_000_000;
    sb = await startSandbox({ now: () => now, reviewDelayMs: REVIEW_MS });
  });
  afterEach(() => sb.close());

  async function submit(body: unknown): Promise<Created> {
    const a = await postJson<Created>(sb, create, body);
    expect(a.status).toBe(200);
    return a.json;
  }
  const node = async (id: string) => (await get<TemplateNode>(sb, `/v23.0/${id}`)).json;

  it('is PENDING, then APPROVED after the review delay, with the webhook at that time', async () => {
    const c = await submit(shipped());
    expect(c).toEqual({ id: expect.any(String), status: 'PENDING', category: 'UTILITY' });
    now += REVIEW_MS - 1;
    expect((await node(c.id)).status).toBe('PENDING');
    expect(await allEvents(sb)).toEqual([]);
    now += 1;
    expect(await node(c.id)).toMatchObject({ status: 'APPROVED', rejected_reason: 'NONE' });
    const [event] = await allEvents(sb);
    expect(changeOf(event!)).toMatchObject({
      field: 'message_template_status_update',
      value: { event: 'APPROVED', message_template_id: Number(c.id), reason: 'NONE' },
    });
  });

  it("rejects what Meta rejects, with Meta's reason", async () => {
    const bad = shipped({
      components: [{ type: 'BODY', text: '{{1}}', example: { body_text: [['x']] } }],
    });
    const c = await submit(bad);
    now += REVIEW_MS;
    expect(await node(c.id)).toMatchObject({
      status: 'REJECTED',
      rejected_reason: 'INVALID_FORMAT',
    });
    expect(changeOf((await allEvents(sb))[0]!).value).toMatchObject({
      event: 'REJECTED',
      reason: 'INVALID_FORMAT',
    });
  });

  it('re-categorises a promotional utility template as marketing', async () => {
    const promo = shipped({
      components: [
        {
          type: 'BODY',
          text: 'Hi {{1}}, your order has shipped. Enjoy 20% off your next order with code {{2}} this week.',
          example: { body_text: [['Maria', 'SAVE20']] },
        },
      ],
    });
    const c = await submit(promo);
    now += REVIEW_MS;
    expect(await node(c.id)).toMatchObject({
      status: 'APPROVED',
      category: 'MARKETING',
      previous_category: 'UTILITY',
    });
    const fields = (await allEvents(sb)).map((e) => changeOf(e));
    expect(fields.map((f) => f.field)).toEqual([
      'template_category_update',
      'message_template_status_update',
    ]);
    expect(fields[0]!.value).toMatchObject({
      previous_category: 'UTILITY',
      new_category: 'MARKETING',
    });
  });

  it('refuses a duplicate and a media header without an uploaded handle', async () => {
    await submit(shipped());
    const dup = await postJson(sb, create, shipped());
    expect(dup.status).toBe(400);
    const media = shipped({
      name: 'with_image',
      components: [
        { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['made-up'] } },
        ...shipped().components,
      ],
    });
    expect((await postJson(sb, create, media)).status).toBe(400);
  });

  it('turns a sample file into a header handle through the resumable upload API', async () => {
    expect((await get<{ id: string }>(sb, '/v23.0/app')).json.id).toBe(SANDBOX_APP_ID);
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const start = await postJson<{ id: string }>(
      sb,
      `/v23.0/${SANDBOX_APP_ID}/uploads?file_name=a.jpg&file_length=${bytes.length}&file_type=image/jpeg`,
      '',
    );
    expect(start.json.id).toMatch(/^upload:/);
    const put = await fetch(`${sb.url}/v23.0/${start.json.id}`, {
      method: 'POST',
      headers: { Authorization: `OAuth ${TOKEN}`, file_offset: '0' },
      body: bytes,
    });
    const { h } = (await put.json()) as { h: string };
    expect(h).toMatch(/^4::/);
    const media = shipped({
      name: 'with_image',
      components: [
        { type: 'HEADER', format: 'IMAGE', example: { header_handle: [h] } },
        ...shipped().components,
      ],
    });
    expect((await postJson(sb, create, media)).status).toBe(200);
  });

  it("keeps Meta's edit limits for an approved template, and deletes by name", async () => {
    const c = await submit(shipped());
    now += REVIEW_MS;
    const edit = (body: unknown) => postJson<{ success?: boolean }>(sb, `/v23.0/${c.id}`, body);
    const text = shipped().components;
    expect((await edit({ components: text })).json.success).toBe(true);
    now += REVIEW_MS;
    expect((await edit({ components: text })).status).toBe(400);
    expect((await edit({ category: 'MARKETING' })).status).toBe(400);
    const del = await fetch(`${sb.url}${create}?name=order_shipped`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(await del.json()).toEqual({ success: true });
    expect((await get(sb, `/v23.0/${c.id}`)).status).toBe(400);
  });
});
