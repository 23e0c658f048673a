import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountClients } from '../../../electron/core/accounts/clients';
import type { CloudApiClient } from '../../../electron/core/cloud-api';
import { openDownload } from '../../../electron/core/downloads';
import { createMediaFetcher } from '../../../electron/core/replies/media';
import { createMediaViews } from '../../../electron/core/replies/media-view';
import { replyHarness, type ReplyHarness } from './helpers';

const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1];
const jpeg = (size: number) => {
  const b = Buffer.alloc(size, 7);
  Buffer.from(JPEG_HEAD).copy(b);
  b[size - 2] = 0xff;
  b[size - 1] = 0xd9;
  return b;
};

async function bytesOf(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await write(out);
  out.end();
  return Buffer.concat(chunks);
}

describe('the Replies view’s files: pictures shown as pictures, the rest saved as downloads', () => {
  let h: ReplyHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** The views over a fake Cloud API answering with `bytes`; the core's own dataDir and store. */
  const setup = (bytes: Buffer, mime: string) => {
    h = replyHarness();
    const fake = {
      mediaInfo: async () => ({
        ok: true as const,
        info: {
          url: new URL('https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1'),
          mimeType: mime,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          fileSize: bytes.length,
        },
      }),
      mediaBytes: async () => ({ ok: true as const, bytes, contentType: mime }),
    } as unknown as CloudApiClient;
    const fetch = createMediaFetcher({
      store: h.core.store,
      clock: h.clock,
      clients: { clientFor: async () => fake } as unknown as AccountClients,
      dataDir: h.dir,
    });
    const views = createMediaViews({ db: h.core.store.sqlite, dataDir: h.dir, fetch });
    const reply = (type: string, name: string | null, mediaId: string | null = '555') =>
      Number(
        h!.core.store.sqlite
          .prepare(
            "INSERT INTO replies (message_id, phone, account_id, type, media_id, media_mime, media_filename, meta_ts, received_at) VALUES (?, '+447911123401', ?, ?, ?, ?, ?, 1, 1)",
          )
          .run(`wamid.${Math.random()}`, h!.accountId, type, mediaId, mime, name).lastInsertRowid,
      );
    return { views, reply, core: h.core };
  };

  it('shows a JPEG as a data: URL of its bytes, and saves it only once fetched', async () => {
    const bytes = jpeg(2000);
    const { views, reply, core } = setup(bytes, 'image/jpeg');
    const id = reply('image', null);
    expect(() => openDownload(core, 'reply-media', id)).toThrow(/not downloaded yet/);

    const p = await views.picture(id);
    expect(p.mimeType).toBe('image/jpeg');
    expect(p.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(Buffer.from(p.dataUrl.split(',')[1]!, 'base64')).toEqual(bytes);

    const d = openDownload(core, 'reply-media', id);
    expect(d.fileName).toBe(`image-${id}.jpg`);
    expect(await bytesOf((out) => d.write(out))).toEqual(bytes);
  });

  it('refuses to show a "photo" whose bytes are not a picture, or a picture over 5 MB', async () => {
    const { views, reply } = setup(Buffer.from('<script>alert(1)</script>'), 'image/jpeg');
    await expect(views.picture(reply('image', 'holiday.jpg'))).rejects.toThrow(
      /holiday\.jpg is not a picture by its content/,
    );
    await h!.close();
    const big = setup(jpeg(6 * 1024 * 1024), 'image/jpeg');
    await expect(big.views.picture(big.reply('image', null))).rejects.toThrow(
      /6\.0 MB: download it/,
    );
  });

  it('saves a document under a safe name, and knows no file for a reply without one', async () => {
    const { views, reply, core } = setup(Buffer.from('%PDF-1.4\n%%EOF'), 'application/pdf');
    const id = reply('document', '../../\u202Eevil.pdf');
    await expect(views.picture(id)).rejects.toThrow(/not a picture/);
    const d = openDownload(core, 'reply-media', id);
    expect(d.fileName).toBe('_.._evil.pdf');
    expect((await bytesOf((out) => d.write(out))).toString()).toBe('%PDF-1.4\n%%EOF');
    expect(() => openDownload(core, 'reply-media', reply('text', null, null))).toThrow(
      /has no file/,
    );
  });
});
