import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountClients } from '../../../electron/core/accounts/clients';
import type { CloudApiClient } from '../../../electron/core/cloud-api';
import { createCore, type Core } from '../../../electron/core/service';
import { createMediaFetcher, safeFileName } from '../../../electron/core/replies/media';
import { SANDBOX_REPLY_NUMBERS as R } from '../../../electron/sandbox/test-numbers';
import { tempDir } from '../../helpers/tmp';
import { orderConfirmation, send } from '../sandbox/helpers';
import { callApi } from '../suppression/helpers';
import { replyHarness, type ReplyHarness } from './helpers';

const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9,
]);

describe('customers’ files: fetched on request into the data folder', () => {
  let core: Core | undefined;
  let h: ReplyHarness | undefined;
  const cleanups: (() => void)[] = [];
  afterEach(async () => {
    await core?.close();
    await h?.close();
    core = undefined;
    h = undefined;
    cleanups.splice(0).forEach((c) => c());
  });

  it('a sandbox customer’s photo and PDF arrive as replies and download by GET /{media-id} then its URL', async () => {
    const dir = tempDir('cd-media-');
    cleanups.push(() => dir.cleanup());
    const clock = { t: Date.UTC(2026, 5, 16, 9, 0, 0), now: () => clock.t };
    core = createCore({
      dataDir: dir.path,
      shell: 'headless',
      externalChangePollMs: 0,
      clock,
      sandboxOptions: {
        now: () => clock.t,
        delivery: { sentAfterMs: 100, deliveredAfterMs: 200, readAfterMs: 300, seed: 1 },
      },
    });
    const sb = await core.clients.sandbox();
    for (const n of [R.sendsPhoto.number, R.sendsDocument.number])
      expect((await send(sb, orderConfirmation(n))).status).toBe(200);
    clock.t += 4 * 60_000;
    const accountId = core.store.sqlite
      .prepare("SELECT id FROM accounts WHERE kind = 'sandbox'")
      .pluck()
      .get() as number;
    await core.status.poller.run(accountId, true);
    const list = await callApi(core, 'replies.list', {});
    expect(list.rows.map((r) => [r.type, r.body, r.media?.filename ?? null])).toEqual([
      ['document', 'My order', 'order-list.pdf'],
      ['image', 'This one, in size M?', null],
    ]);
    const [doc, photo] = list.rows;
    const image = await callApi(core, 'replies.media', { replyId: photo!.id });
    expect(image).toMatchObject({
      mimeType: 'image/jpeg',
      image: true,
      fileName: `image-${photo!.id}.jpg`,
    });
    expect(readFileSync(image.path).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const pdf = await callApi(core, 'replies.media', { replyId: doc!.id });
    expect(pdf).toMatchObject({
      mimeType: 'application/pdf',
      image: false,
      fileName: 'order-list.pdf',
    });
    expect((await callApi(core, 'replies.list', {})).rows[1]?.media).toMatchObject({
      downloaded: true,
    });
  });

  /** A fetcher against a fake Cloud API answering with `bytes` for a file that claims `claim`. */
  const fetcher = (bytes: Buffer, claim: { mime: string; size?: number; sha256?: string }) => {
    h = replyHarness();
    const fake = {
      mediaInfo: async () => ({
        ok: true as const,
        info: {
          url: new URL('https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1'),
          mimeType: claim.mime,
          sha256: claim.sha256 ?? createHash('sha256').update(bytes).digest('hex'),
          fileSize: claim.size ?? bytes.length,
        },
      }),
      mediaBytes: async () => ({ ok: true as const, bytes, contentType: claim.mime }),
    } as unknown as CloudApiClient;
    const clients = { clientFor: async () => fake } as unknown as AccountClients;
    const fetch = createMediaFetcher({
      store: h.core.store,
      clock: h.clock,
      clients,
      dataDir: h.dir,
    });
    const id = (name: string | null) =>
      Number(
        h!.core.store.sqlite
          .prepare(
            "INSERT INTO replies (message_id, phone, account_id, type, media_id, media_mime, media_filename, meta_ts, received_at) VALUES (?, '+447911123401', ?, 'document', '555', ?, ?, 1, 1)",
          )
          .run(`wamid.${Math.random()}`, h!.accountId, claim.mime, name).lastInsertRowid,
      );
    return { fetch, id, dir: h.dir };
  };

  it('refuses a file bigger than 16 MB, whether Meta says so first or the bytes do', async () => {
    const claimed = fetcher(JPEG, { mime: 'video/mp4', size: 40 * 1024 * 1024 });
    await expect(claimed.fetch(claimed.id('film.mp4'))).rejects.toThrow(
      /40\.0 MB; .* up to 16\.0 MB/,
    );
    await h!.close();
    const lying = fetcher(Buffer.alloc(17 * 1024 * 1024, 1), { mime: 'image/jpeg', size: 10 });
    await expect(lying.fetch(lying.id(null))).rejects.toThrow(/17\.0 MB/);
    expect(existsSync(join(lying.dir, 'replies-media'))).toBe(false);
  });

  it('reads the type from the bytes: an "image" that is a script is a download, never a picture', async () => {
    const f = fetcher(Buffer.from('<script>alert(1)</script>'), { mime: 'image/jpeg' });
    const m = await f.fetch(f.id('holiday.jpg'));
    expect(m).toMatchObject({ mimeType: 'application/octet-stream', image: false });
    expect(m.path.endsWith('.bin')).toBe(true);
  });

  it('never names the file on disk after the customer, and shows a safe name', async () => {
    const f = fetcher(Buffer.from('%PDF-1.4\n%%EOF'), { mime: 'application/pdf' });
    const m = await f.fetch(f.id('../../../.bashrc\u202Efdp.exe'));
    expect(readdirSync(join(f.dir, 'replies-media'))).toEqual([
      expect.stringMatching(/^\d+\.pdf$/),
    ]);
    expect(m.fileName).toBe('_.._.._.bashrcfdp.exe');
    expect(safeFileName('\u0000\u0007', 'fallback.bin')).toBe('fallback.bin');
  });

  it('refuses a file whose checksum does not match', async () => {
    const f = fetcher(JPEG, { mime: 'image/jpeg', sha256: 'not-the-hash' });
    await expect(f.fetch(f.id(null))).rejects.toThrow(/checksum/);
  });
});
