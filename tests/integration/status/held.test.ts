import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import type { SendHarness } from '../sending/helpers';
import { byPhone, SPRING_SALE, statusHarness, UK_TEST_NUMBERS as N } from './helpers';

describe('messages held by WhatsApp for quality review (template pacing, against the sandbox)', () => {
  let h: SendHarness;
  afterEach(() => h.close());

  it('counts held messages apart until WhatsApp releases them or drops them with 132015', async () => {
    h = await statusHarness({ statusPolling: false });
    const id = await h.campaign(
      'paced',
      [N.read.number, N.heldThenDelivered.number, N.heldThenDropped.number],
      SPRING_SALE,
    );
    await h.core.handlers['campaigns.start']({ campaignId: id });
    await h.waitFor(id, ['completed']);

    // Accepted, held: not yet sent on, and not shown as sent.
    const before = await h.core.handlers['campaigns.status']({ campaignId: id });
    expect(before.held).toBe(2);
    expect(before.counts).toMatchObject({ sent: 3, held: 2 });
    const campaign = await h.core.handlers['campaigns.get']({ id });
    expect(campaign.counts.held).toBe(2);

    // The CLI says so, in JSON and in words.
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: () => undefined, env: {} };
    h.core.store.sqlite.pragma('wal_checkpoint(PASSIVE)');
    expect(
      await runCli(['--data-dir', h.dir, 'campaigns', 'status', String(id), '--json'], io),
    ).toBe(EXIT.OK);
    expect(JSON.parse(out.join(''))).toMatchObject({ held: 2 });
    out.length = 0;
    await runCli(['--data-dir', h.dir, 'campaigns', 'status', String(id)], io);
    expect(out.join('')).toMatch(/1 sent · 2 held by whatsapp for quality review/);

    // The delivery report says which rows are held, and counts them in its summary.
    const csv = join(h.dir, 'held.csv');
    expect(
      await runCli(
        [
          '--data-dir',
          h.dir,
          'campaigns',
          'export',
          String(id),
          '--out',
          csv,
          '--time-zone',
          'UTC',
        ],
        io,
      ),
    ).toBe(EXIT.OK);
    const rows = readFileSync(csv, 'utf8').split('\n');
    expect(rows.filter((r) => r.includes('Held by WhatsApp for quality review'))).toHaveLength(2);
    expect(rows.find((r) => r.includes(N.read.number.slice(1)))).not.toMatch(/Held by/);
    const xlsx = join(h.dir, 'held.xlsx');
    expect(
      await runCli(
        ['--data-dir', h.dir, 'campaigns', 'export', String(id), '--out', xlsx, '--format', 'xlsx'],
        io,
      ),
    ).toBe(EXIT.OK);

    // Released: delivered. Dropped with 132015 after a hold: deferred a day, not failed (issue 17).
    await new Promise((r) => setTimeout(r, 150));
    await h.core.handlers['campaigns.syncStatus']({ campaignId: id });
    const after = await h.core.handlers['campaigns.status']({ campaignId: id });
    expect(after.held).toBe(0);
    const phones = byPhone(h.core, id);
    expect(phones[N.heldThenDelivered.number]?.state).toMatch(/delivered|read/);
    expect(phones[N.heldThenDropped.number]).toMatchObject({
      state: 'pending',
      error_code: 132015,
    });
    expect((await h.core.handlers['campaigns.status']({ campaignId: id })).deferred?.count).toBe(1);
  });
});
