import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { batchOwner, insertBatch } from '../../../electron/core/contacts/batch/import-batch';
import { IMPORT_RUNNING } from '../../../electron/core/db/visibility';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import { harness, type Harness } from './helpers';

/** An import of this process, still being written: its batch is staged, not yet published. */
function stageImport(h: Harness): number {
  const db = h.core.store.sqlite;
  const importId = Number(
    db
      .prepare(
        `INSERT INTO imports (campaign_id, file_name, file_size, format, has_header, phone_column, summary_json, created_at)
         VALUES (?, 'running.csv', 1, 'csv', 1, 'phone', '{}', 0)`,
      )
      .run(h.campaignId).lastInsertRowid,
  );
  insertBatch(db, importId, h.campaignId, batchOwner(), Date.now());
  return importId;
}

describe('starting a campaign while an import into it is still running', () => {
  let h: Harness;
  afterEach(() => h.close());

  const call = (method: string, input: unknown) =>
    dispatch(h.core.handlers, method, input, { error: () => undefined });

  it('answers CONFLICT with words a shop owner understands, never the raw SQLite error', async () => {
    h = await harness();
    const batch = stageImport(h);
    const started = await call('campaigns.start', { campaignId: h.campaignId });
    expect(started).toEqual({ ok: false, error: { code: 'CONFLICT', message: IMPORT_RUNNING } });
    const scheduled = await call('campaigns.start', {
      campaignId: h.campaignId,
      scheduleAt: Date.now() + 3_600_000,
    });
    expect(scheduled).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const row = h.core.store.sqlite
      .prepare('SELECT state FROM campaigns WHERE id = ?')
      .get(h.campaignId) as { state: string };
    expect(row.state).toBe('draft');

    // Review & send shows the same reason beside the other checks.
    const check = await h.core.handlers['campaigns.precheck']({ campaignId: h.campaignId });
    expect(check.items).toContainEqual(
      expect.objectContaining({ id: 'audience', ok: false, message: IMPORT_RUNNING }),
    );

    // Once published the reason is gone (other checks may still fail: no template, nobody to send to).
    h.core.store.sqlite.prepare('DELETE FROM import_batches WHERE id = ?').run(batch);
    const after = await call('campaigns.start', { campaignId: h.campaignId });
    expect(after.ok ? '' : after.error.message).not.toContain('An import is still running');
  });

  it('the CLI prints the same sentence and exits with the failure code', async () => {
    h = await harness();
    stageImport(h);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--data-dir', h.dir, 'campaigns', 'send', String(h.campaignId)], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: {},
    });
    expect(code).toBe(EXIT.FAILED);
    expect(err.join('')).toContain(IMPORT_RUNNING);
    expect(err.join('') + out.join('')).not.toMatch(/SqliteError|RAISE|trigger/i);
  });
});
