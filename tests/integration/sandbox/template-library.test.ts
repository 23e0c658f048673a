import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { get, postJson, WABA_ID } from './helpers';

interface Entry {
  name: string;
  industry: string[];
  body: string;
  buttons?: { type: string; text: string }[];
}

describe("sandbox: Meta's template library", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox({});
  });
  afterEach(() => sb.close());

  it('lists entries and filters them by topic, industry and search, as Meta documents', async () => {
    const all = await get<{ data: Entry[] }>(sb, '/v23.0/message_template_library');
    expect(all.status).toBe(200);
    expect(all.json.data.length).toBe(6);
    const health = await get<{ data: Entry[] }>(
      sb,
      '/v23.0/message_template_library?industry=HEALTH',
    );
    expect(health.json.data.map((t) => t.name)).toEqual(['appointment_reminder_1']);
    const topic = await get<{ data: Entry[] }>(
      sb,
      '/v23.0/message_template_library?topic=payments',
    );
    expect(topic.json.data.map((t) => t.name)).toEqual(['payment_reminder_1']);
    const search = await get<{ data: Entry[] }>(sb, '/v23.0/message_template_library?search=table');
    expect(search.json.data.map((t) => t.name)).toEqual(['reservation_confirmation_1']);
  });

  it("creates from library_template_name with Meta's button inputs, approved, and refuses a missing input", async () => {
    const path = `/v23.0/${WABA_ID}/message_templates`;
    const missing = await postJson<{ error: { code: number } }>(sb, path, {
      name: 'pay_reminder',
      language: 'en_US',
      category: 'UTILITY',
      library_template_name: 'payment_reminder_1',
    });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe(100);
    const made = await postJson<{ id: string; status: string }>(sb, path, {
      name: 'pay_reminder',
      language: 'en_US',
      category: 'UTILITY',
      library_template_name: 'payment_reminder_1',
      library_template_button_inputs: [
        {
          type: 'URL',
          url: {
            base_url: 'https://shop.example/pay/{{1}}',
            url_suffix_example: 'https://shop.example/pay/INV-1',
          },
        },
      ],
    });
    expect(made.json).toMatchObject({ status: 'APPROVED', id: expect.any(String) });
    const node = await get<{ status: string; components: { type: string }[] }>(
      sb,
      `/v23.0/${made.json.id}`,
    );
    expect(node.json.status).toBe('APPROVED');
    expect(node.json.components.map((c) => c.type)).toEqual(['BODY', 'BUTTONS']);
  });
});
