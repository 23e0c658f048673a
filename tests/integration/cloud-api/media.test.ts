import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import { PHONE_ID, TOKEN, harness, sendJson } from './fake-server';

const h = harness();
const dirs: { cleanup: () => void }[] = [];
afterEach(async () => {
  await h.cleanup();
  dirs.splice(0).forEach((d) => d.cleanup());
});

const fileWith = (name: string, bytes: Buffer): string => {
  const dir = tempDir('cd-media-');
  dirs.push(dir);
  const path = join(dir.path, name);
  writeFileSync(path, bytes);
  return path;
};

interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

/** A strict multipart/form-data reader (RFC 7578), independent of the code under test. */
const parseMultipart = (contentType: string, body: Buffer): Part[] => {
  const boundary = /^multipart\/form-data; boundary=([^\s;]+)$/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`bad content type ${contentType}`);
  const delimiter = Buffer.from(`--${boundary}`);
  expect(body.subarray(0, delimiter.length).equals(delimiter)).toBe(true);
  expect(body.subarray(body.length - delimiter.length - 4).toString('latin1')).toBe(
    `--${boundary}--\r\n`,
  );
  const parts: Part[] = [];
  let at = delimiter.length + 2; // past the first "--boundary\r\n"
  const separator = Buffer.from(`\r\n--${boundary}`);
  for (;;) {
    const end = body.indexOf(separator, at);
    if (end < 0) throw new Error('unterminated part');
    const raw = body.subarray(at, end);
    const headerEnd = raw.indexOf('\r\n\r\n');
    const headers: Record<string, string> = {};
    for (const line of raw.subarray(0, headerEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: raw.subarray(headerEnd + 4) });
    at = end + separator.length;
    if (body.subarray(at, at + 2).toString('latin1') === '--') return parts;
    at += 2; // "\r\n" before the next part
  }
};

describe('uploadMedia', () => {
  it('uploads a binary file with every byte value, intact, as multipart/form-data', async () => {
    // 256 KB + 7: every byte value, several read chunks, and a length that is not a round number.
    const bytes = Buffer.alloc(256 * 1024 + 7);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
    expect(new Set(bytes).size).toBe(256);
    const path = fileWith('flyer.pdf', bytes);
    const server = await h.server((_req, res) => sendJson(res, 200, { id: '1037543291543636' }));

    const outcome = await h
      .client(server.baseUrl)
      .uploadMedia({ path, mimeType: 'application/pdf' });

    expect(outcome).toEqual({ ok: true, id: '1037543291543636' });
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe(`/v23.0/${PHONE_ID}/media`);
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers['transfer-encoding']).toBeUndefined();
    expect(Number(req?.headers['content-length'])).toBe(req?.body.length);

    const parts = parseMultipart(req!.headers['content-type']!, req!.body);
    expect(parts.map((p) => p.headers['content-disposition'])).toEqual([
      'form-data; name="messaging_product"',
      'form-data; name="type"',
      'form-data; name="file"; filename="flyer.pdf"',
    ]);
    expect(parts[0]?.body.toString()).toBe('whatsapp');
    expect(parts[1]?.body.toString()).toBe('application/pdf');
    expect(parts[2]?.headers['content-type']).toBe('application/pdf');
    expect(parts[2]?.body.equals(bytes)).toBe(true);
  });

  it('escapes quotes and line breaks in the file name and keeps non-ASCII as UTF-8', async () => {
    const path = fileWith('a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    const server = await h.server((_req, res) => sendJson(res, 200, { id: 'M1' }));
    await h
      .client(server.baseUrl)
      .uploadMedia({ path, mimeType: 'image/jpeg', fileName: 'Promoção "verão"\r\n.jpg' });
    const parts = parseMultipart(
      server.requests[0]!.headers['content-type']!,
      server.requests[0]!.body,
    );
    expect(parts[2]?.headers['content-disposition']).toBe(
      'form-data; name="file"; filename="Promoção %22verão%22%0D%0A.jpg"',
    );
  });

  it('a missing file is a typed failure and nothing is sent', async () => {
    const server = await h.server((_req, res) => sendJson(res, 200, { id: 'never' }));
    const outcome = await h
      .client(server.baseUrl)
      .uploadMedia({ path: '/nonexistent/dir/flyer.pdf', mimeType: 'application/pdf' });
    expect(outcome).toMatchObject({ ok: false, code: null, httpStatus: null });
    if (!outcome.ok) {
      expect(outcome.failure.entry.title).toBe('Cannot read the media file');
      expect(outcome.failure).toMatchObject({
        handling: 'pause_campaign',
        ambiguous: false,
        retryable: false,
      });
    }
    expect(server.requests).toHaveLength(0);
  });

  it("returns Meta's error for a rejected file, classified on the code", async () => {
    const path = fileWith('clip.mp4', Buffer.from('not really a video'));
    const server = await h.server((_req, res) =>
      sendJson(res, 400, {
        error: {
          message: '(#131053) Media upload error',
          code: 131053,
          error_data: { details: 'Unsupported MIME type' },
          fbtrace_id: 'M',
        },
      }),
    );
    const outcome = await h.client(server.baseUrl).uploadMedia({ path, mimeType: 'video/mp4' });
    expect(outcome).toMatchObject({
      ok: false,
      code: 131053,
      httpStatus: 400,
      details: 'Unsupported MIME type',
      fbtraceId: 'M',
    });
  });

  it('a 200 without an id is an unreadable answer, safe to retry (an upload reaches no customer)', async () => {
    const path = fileWith('a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const server = await h.server((_req, res) => sendJson(res, 200, { success: true }));
    const outcome = await h.client(server.baseUrl).uploadMedia({ path, mimeType: 'image/png' });
    expect(outcome).toMatchObject({ ok: false, httpStatus: 200 });
    if (!outcome.ok) expect(outcome.failure).toMatchObject({ ambiguous: false, retryable: true });
  });

  it('an upload that gets no answer times out on silence and frees the connection', async () => {
    const path = fileWith('a.png', Buffer.from([1, 2, 3]));
    const server = await h.server(() => undefined);
    const outcome = await h.client(server.baseUrl).uploadMedia({ path, mimeType: 'image/png' });
    expect(outcome).toMatchObject({ ok: false, network: 'timeout' });
    await server.socketClosed(0);
  });

  it('refuses a MIME type that could break the part header', async () => {
    const path = fileWith('a.png', Buffer.from([1]));
    const client = h.client('http://127.0.0.1:9');
    await expect(client.uploadMedia({ path, mimeType: 'image/png\r\nX-Evil: 1' })).rejects.toThrow(
      TypeError,
    );
  });
});
