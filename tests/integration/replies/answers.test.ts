import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/service';
import { SANDBOX_TEST_NUMBERS as N } from '../../../electron/sandbox/test-numbers';
import { callApi } from '../suppression/helpers';
import { answerCore } from './helpers';

const HOUR = 3600_000;
// Does not answer back: only what the test injects is the customer's.
const CUSTOMER = N.read.number;

describe('answering customers within the 24-hour window (sandbox, fake clock)', () => {
  let core: Core;
  let cleanup: () => void;
  afterEach(async () => {
    await core.close();
    cleanup();
  });

  const setup = async () => {
    const made = await answerCore('cd-answers-');
    core = made.core;
    cleanup = made.cleanup;
    const { clock, sandbox, accountId, sync } = made;
    return { dir: made.dir, clock, sandbox, accountId, sync };
  };

  it('sends text inside the window, follows its status, and refuses it after the window closed', async () => {
    const { clock, sandbox, sync } = await setup();
    await expect(
      callApi(core, 'replies.send', { phone: CUSTOMER, text: 'Hello!' }),
    ).rejects.toThrow(/has not written to you/);

    sandbox.injectInbound({ from: CUSTOMER, text: 'Do you have it in blue?' });
    clock.t += 1000;
    await sync();
    const before = await callApi(core, 'replies.thread', { phone: CUSTOMER });
    expect(before.window).toMatchObject({ open: true, remainingMs: 24 * HOUR - 1000 });

    const a = await callApi(core, 'replies.send', { phone: CUSTOMER, text: 'Yes, £20.' });
    expect(a).toMatchObject({ kind: 'text', state: 'sent', body: 'Yes, £20.' });
    // The sandbox plays its statuses out; the reconciler moves the answer like a recipient.
    clock.t += 1000;
    await sync();
    const thread = await callApi(core, 'replies.thread', { phone: CUSTOMER });
    expect(thread.items.map((i) => i.kind)).toEqual(['reply', 'answer']);
    expect(thread.items[1]).toMatchObject({ answer: { state: 'read' } });

    // 24 h after the customer's message (on the fake clock) the window is closed, with its time.
    clock.t = before.window.closesAt!;
    await expect(
      callApi(core, 'replies.send', { phone: CUSTOMER, text: 'Still there?' }),
    ).rejects.toThrow(/window to answer \+12025550101 closed at 2026-06-17 09:00 UTC/);
  });

  it('sends an image and a document by upload; refuses a file that is not what it claims, too big or empty', async () => {
    const { dir, sandbox, clock, sync } = await setup();
    sandbox.injectInbound({ from: CUSTOMER, text: 'Send me the catalogue' });
    clock.t += 1000;
    await sync();
    const file = (name: string, bytes: Buffer) => {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      return { kind: 'path' as const, path: p };
    };
    const png = file(
      'blue.png',
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(64),
      ]),
    );
    const pdf = file('catalogue.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    const img = await callApi(core, 'replies.send', {
      phone: CUSTOMER,
      kind: 'image',
      file: png,
      text: 'The blue one',
    });
    expect(img).toMatchObject({ kind: 'image', state: 'sent', mediaFilename: 'blue.png' });
    const doc = await callApi(core, 'replies.send', {
      phone: CUSTOMER,
      kind: 'document',
      file: pdf,
    });
    expect(doc).toMatchObject({ kind: 'document', state: 'sent', mediaFilename: 'catalogue.pdf' });

    // A script renamed .png: refused by its bytes, and nothing is recorded as sent.
    const fake = file('photo.png', Buffer.from('#!/bin/sh\nrm -rf /\n'));
    await expect(
      callApi(core, 'replies.send', { phone: CUSTOMER, kind: 'image', file: fake }),
    ).rejects.toThrow(/not a JPEG or PNG picture/);
    const huge = file(
      'huge.png',
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(6 * 1024 * 1024),
      ]),
    );
    await expect(
      callApi(core, 'replies.send', { phone: CUSTOMER, kind: 'image', file: huge }),
    ).rejects.toThrow(/6\.0 MB; WhatsApp takes pictures up to 5 MB/);
    await expect(
      callApi(core, 'replies.send', {
        phone: CUSTOMER,
        kind: 'document',
        file: file('empty.pdf', Buffer.alloc(0)),
      }),
    ).rejects.toThrow(/not a PDF/);
    const states = core.store.sqlite
      .prepare('SELECT kind, state FROM reply_answers ORDER BY id')
      .all();
    expect(states).toEqual([
      { kind: 'image', state: 'sent' },
      { kind: 'document', state: 'sent' },
    ]);
  });

  it('turns an answer a crash left "sending" into "unknown", never resending it', async () => {
    const { dir } = await setup();
    const db = core.store.sqlite;
    db.prepare(
      "INSERT INTO reply_answers (phone, account_id, kind, body, state, created_at, sending_at) VALUES (?, 1, 'text', 'Hi', 'sending', 1, 1)",
    ).run(CUSTOMER);
    await core.close();
    core = createCore({ dataDir: dir, shell: 'headless', externalChangePollMs: 0 });
    expect(core.store.sqlite.prepare('SELECT state FROM reply_answers').pluck().get()).toBe(
      'unknown',
    );
  });

  it('keeps the window across a restart: the embedded Sandbox learns who wrote from the kept replies', async () => {
    const { dir, clock, sandbox, sync } = await setup();
    sandbox.injectInbound({ from: CUSTOMER, text: 'Is the shop open on Sunday?' });
    clock.t += 1000;
    await sync();
    await core.close();
    core = createCore({
      dataDir: dir,
      shell: 'headless',
      externalChangePollMs: 0,
      clock,
      sandboxOptions: { now: () => clock.t },
    });
    clock.t += HOUR;
    const a = await callApi(core, 'replies.send', { phone: CUSTOMER, text: 'Yes, 10 to 4.' });
    expect(a).toMatchObject({ kind: 'text', state: 'sent' });
  });
});
