import { afterEach, describe, expect, it } from 'vitest';
import { MEDIA_TTL_MS, startSandbox, type Sandbox } from '../../../electron/sandbox';
import { parseMultipart } from '../../../electron/sandbox/multipart';
import { fakeClock } from '../../helpers/tmp';
import { expectGraphError, PHONE_ID, send, TOKEN, type Answer } from './helpers';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PDF = Buffer.from(
  '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n',
  'latin1',
);

async function upload(
  sb: Sandbox,
  parts: { product?: string; file?: { bytes: Buffer; type: string; name: string }; type?: string },
): Promise<Answer<{ id: string }>> {
  const form = new FormData();
  if (parts.product !== undefined) form.append('messaging_product', parts.product);
  if (parts.file)
    form.append(
      'file',
      new Blob([new Uint8Array(parts.file.bytes)], { type: parts.file.type }),
      parts.file.name,
    );
  if (parts.type !== undefined) form.append('type', parts.type);
  const r = await fetch(`${sb.url}/v23.0/${PHONE_ID}/media`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}` },
    body: form,
  });
  return { status: r.status, json: (await r.json()) as { id: string } };
}

const photoSend = (header: unknown) => ({
  messaging_product: 'whatsapp',
  to: '+16505551234',
  type: 'template',
  template: {
    name: 'new_arrivals_photo',
    language: { code: 'en_US' },
    components: [
      { type: 'header', parameters: [header] },
      { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
    ],
  },
});

describe('sandbox: media upload', () => {
  let sb: Sandbox | undefined;
  afterEach(() => sb?.close());

  it('answers a numeric id that a media header can use until it expires after 30 days', async () => {
    const clock = fakeClock();
    sb = await startSandbox({ now: clock.now });
    const a = await upload(sb, {
      product: 'whatsapp',
      file: { bytes: JPEG, type: 'image/jpeg', name: 'photo.jpg' },
      type: 'image/jpeg',
    });
    expect(a).toEqual({ status: 200, json: { id: expect.stringMatching(/^\d+$/) } });
    expect(sb.stats().media).toBe(1);

    expect((await send(sb, photoSend({ type: 'image', image: { id: a.json.id } }))).status).toBe(
      200,
    );
    clock.advance(MEDIA_TTL_MS - 1);
    expect((await send(sb, photoSend({ type: 'image', image: { id: a.json.id } }))).status).toBe(
      200,
    );
    clock.advance(1);
    expectGraphError(
      await send(sb, photoSend({ type: 'image', image: { id: a.json.id } })),
      131053,
      400,
    );
  });

  it('takes the type from the file part when no type field is sent, and refuses a PDF in an image header', async () => {
    sb = await startSandbox();
    const pdf = await upload(sb, {
      product: 'whatsapp',
      file: { bytes: PDF, type: 'application/pdf', name: 'invoice.pdf' },
    });
    expect(pdf.status).toBe(200);
    expectGraphError(
      await send(sb, photoSend({ type: 'image', image: { id: pdf.json.id } })),
      131053,
      400,
    );
  });

  it('refuses uploads Meta refuses', async () => {
    sb = await startSandbox();
    const jpeg = { bytes: JPEG, type: 'image/jpeg', name: 'a.jpg' };
    expectGraphError(await upload(sb, { file: jpeg }), 100, 400);
    expectGraphError(await upload(sb, { product: 'whatsapp' }), 100, 400);
    expectGraphError(
      await upload(sb, {
        product: 'whatsapp',
        file: { ...jpeg, type: 'application/x-msdownload' },
      }),
      100,
      400,
    );
    // MIME mismatch: PNG bytes declared as JPEG.
    expectGraphError(
      await upload(sb, { product: 'whatsapp', file: { ...jpeg, bytes: PNG_HEAD } }),
      131053,
      400,
    );
    // Just over the 5 MB image limit.
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    PNG_HEAD.copy(big);
    expectGraphError(
      await upload(sb, {
        product: 'whatsapp',
        file: { bytes: big, type: 'image/png', name: 'big.png' },
      }),
      131053,
      400,
    );
    const json = await fetch(`${sb.url}/v23.0/${PHONE_ID}/media`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expectGraphError({ status: json.status, json: (await json.json()) as unknown }, 100, 400);
    expect(sb.stats().media).toBe(0);
  });

  it('parses multipart bodies arriving one byte at a time, counting file bytes without keeping them', async () => {
    const boundary = '----sandbox-boundary';
    const file = Buffer.alloc(3000, 0x61);
    const body = Buffer.concat([
      Buffer.from(
        `preamble\r\n--${boundary}\r\nContent-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      // A near-miss of the delimiter inside the file must stay file content.
      Buffer.from(`\r\n--${boundary.slice(0, -1)}X`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\nepilogue`),
    ]);
    async function* bytewise() {
      for (let i = 0; i < body.length; i++) yield body.subarray(i, i + 1);
    }
    const form = await parseMultipart(bytewise(), boundary);
    expect([...form.fields]).toEqual([['messaging_product', 'whatsapp']]);
    expect(form.files).toEqual([
      {
        field: 'file',
        filename: 'x.pdf',
        contentType: 'application/pdf',
        size: PDF.length + 2 + 2 + boundary.length + file.length,
        head: PDF.subarray(0, 16),
      },
    ]);
    await expect(parseMultipart(bytewise(), 'other-boundary')).rejects.toThrow(/closing boundary/);
  });
});
