import { afterEach, describe, expect, it } from 'vitest';
import {
  batchOwner,
  discardBatch,
  insertBatch,
} from '../../../electron/core/contacts/batch/import-batch';
import { RecipientWriter } from '../../../electron/core/contacts/recipient-writer';
import type { Preview } from '../../../shared/api';
import { c, filterHarness, type FilterHarness } from '../audience-filter/helpers';
import { withSaleVariant } from '../variants/helpers';

/**
 * Rows of an import still being written sit in `recipients` under a batch id; every reader of a
 * draft's recipients must act as if they were not there until the batch is published (issue 14).
 * Each reader is called before staging, while staged, and after publishing.
 */
function stage(h: FilterHarness, n: number): number {
  const db = h.core.store.sqlite;
  const importId = Number(
    db
      .prepare(
        `INSERT INTO imports (campaign_id, file_name, file_size, format, has_header, phone_column, summary_json, created_at)
         VALUES (?, 'staged.csv', 1, 'csv', 1, 'phone', '{}', 0)`,
      )
      .run(h.campaignId).lastInsertRowid,
  );
  insertBatch(db, importId, h.campaignId, batchOwner(), Date.now());
  const writer = new RecipientWriter(db, h.campaignId, () => undefined, importId);
  for (let i = 0; i < n; i++)
    writer.add({
      // Row 2 and 3 as in the published file: a lookup by row must not find the staged twin.
      rowNumber: i + 2,
      phone: `+1202555${String(2000 + i)}`,
      country: 'US',
      type: 'MOBILE',
      // Staged rows match the filter and the search below, so a reader that sees them shows it.
      fieldsJson: JSON.stringify({
        name: `Staged ${i}`,
        order: `S-${i}`,
        City: 'London',
        Spent: '5000',
        Joined: '2026-01-01',
        VIP: 'yes',
      }),
      // Every fifth is suppressed at import, as the import does: a skipped row.
      suppressed: i % 5 === 0,
    });
  writer.flush();
  return importId;
}

describe('draft readers ignore rows of an import that is not yet published', () => {
  let h: FilterHarness;
  afterEach(() => h.close());

  const nav = (p: Preview) => [p.position, p.total, p.prevId, p.nextId, p.filteredFrom];
  const read = async () => {
    const campaignId = h.campaignId;
    const filterCount = await h.ok('campaigns.filterCount', { campaignId });
    const preview = await h.ok('campaigns.preview', { campaignId, position: 12 });
    const pastEnd = await h.ok('campaigns.preview', { campaignId, position: 13 });
    const byRow = await h.ok('campaigns.preview', { campaignId, row: 3 });
    const search = await h.ok('campaigns.preview', { campaignId, search: 'Staged' });
    const split = (await h.ok('variants.get', { campaignId })).split;
    const variantPreview = split
      ? await h.ok('variants.preview', { campaignId, variant: 'B', position: 1 })
      : null;
    const validation = await h.ok('campaigns.validate', { campaignId });
    const variants = await h.ok('variants.get', { campaignId });
    const compare = await h.ok('variants.compare', { campaignId });
    const pacing = await h.ok('campaigns.pacing', { campaignId });
    const precheck = await h.ok('campaigns.precheck', { campaignId });
    return {
      filterCount: { ...filterCount, durationMs: 0 },
      preview: [preview.recipient?.id, nav(preview), preview.notFound],
      pastEnd: [pastEnd.recipient?.id, pastEnd.notFound],
      byRow: byRow.recipient?.id,
      search: [search.recipient?.id ?? null, search.notFound],
      variantPreview: [variantPreview?.recipient?.id, variantPreview && nav(variantPreview)],
      validation,
      variants: variants.variants.map((v) => [v.id, v.recipients]),
      compare,
      pacing,
      sendable: precheck.sendable,
    };
  };

  /** Stages rows, checks every reader reads as before, then discards them: the draft is as it was. */
  const unchangedWhileStaged = async () => {
    const before = await read();
    const batch = stage(h, 40);
    expect(await read()).toEqual(before);
    expect(discardBatch(h.core.store.sqlite, batch)).toBe(40);
    return before;
  };

  it('filter counts, preview, validation, variants, pacing view and reach are the same until publish', async () => {
    // A fixed clock: the pacing view's times (quiet hours opening) are then the same on each read.
    const now = Date.parse('2026-12-07T12:00:00Z');
    h = await filterHarness({ core: { clock: { now: () => now } } });
    // Without a split or a filter: the plain preview walk and the plain pending counts.
    const plain = await unchangedWhileStaged();
    expect(plain.variants).toEqual([['A', 11]]);

    // With a split, the frequency cap and a filter: the filter scan, its preview, the seeded draw.
    await withSaleVariant(h.core, h.campaignId, { A: 50, B: 50 });
    await h.ok('campaigns.setPacing', {
      campaignId: h.campaignId,
      frequencyCap: { enabled: true, days: 7 },
    });
    await h.setFilter([c('City', 'equals', { value: 'London' })]);
    const before = await unchangedWhileStaged();
    // A precondition, so the comparison can fail: the published audience is visible.
    expect(before.filterCount.matching).toBeGreaterThan(0);

    const batch = stage(h, 40);
    h.core.store.sqlite.prepare('DELETE FROM import_batches WHERE id = ?').run(batch);
    const after = await read();
    // 40 staged London rows, 8 of them suppressed at import: 32 more pending and matching.
    expect(after.filterCount.matching).toBe(before.filterCount.matching + 32);
    expect(after.search[0]).not.toBeNull();
    expect(after.validation).not.toEqual(before.validation);
    expect(after.variants).not.toEqual(before.variants);
    // Fewer than 32: variant B is a marketing template, which Meta does not deliver to US numbers.
    expect(after.sendable).toBeGreaterThan(before.sendable);
  });
});
